import type { Locale } from '../i18n/index.js';
import { plainLines, singleLine } from '../text.js';
import type { CalendarEntry } from '../zapis/calendar.js';

/**
 * Calendar entries as iCalendar (RFC 5545), for one meeting's download and for subscribed feeds.
 * Times are written in UTC; text is escaped (\\, ; , and line breaks) and lines are folded at 75
 * octets here: ical-generator 10 (the last for Node 20) folded a character at a time through a new
 * TextEncoder each, a fifth of a second for a year's feed of a busy group. What each entry says
 * comes from the presenter (zapis/calendar.ts).
 */

/** What a calendar says about itself besides its entries. */
export interface CalendarOptions {
  /** The instance's address: its host goes into each UID. */
  baseUrl: string;
  /** X-WR-CALNAME, shown by calendar apps for a subscription. */
  name: string;
  locale: Locale;
  /** For feeds: how often a subscribed calendar app should ask again. */
  refreshSeconds?: number;
}

const DEFAULT_LENGTH_MS = 2 * 3_600_000;

/** TEXT as RFC 5545 3.3.11 writes it; the caller has made it one line, or lines joined by \n. */
function text(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** An instant as a UTC DATE-TIME: 20180320T083000Z. */
function utc(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A duration in seconds as RFC 5545 writes it: PT1H, PT1H30M, PT45S. */
function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

/** A content line folded at 75 octets (RFC 5545 3.1), never inside a character. */
function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  let out = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > 75) {
      out += '\r\n ';
      octets = 1;
    }
    out += char;
    octets += size;
  }
  return out;
}

/** The iCalendar text of these entries. */
export function calendarText(entries: readonly CalendarEntry[], options: CalendarOptions): string {
  const host = new URL(options.baseUrl).hostname;
  // ical-generator wrote the calendar's name as it was: one line, or it would start lines of its own.
  const name = text(singleLine(options.name));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//Zapisnik//Zapisnik//${options.locale.toUpperCase()}`, `NAME:${name}`, `X-WR-CALNAME:${name}`];
  if (options.refreshSeconds) lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${duration(options.refreshSeconds)}`, `X-PUBLISHED-TTL:${duration(options.refreshSeconds)}`);
  for (const entry of entries) {
    const end = entry.endsAt ?? new Date(Date.parse(entry.startsAt) + DEFAULT_LENGTH_MS).toISOString();
    lines.push(
      'BEGIN:VEVENT',
      // A stable UID: the same meeting is the same event in every feed and download.
      `UID:meeting-${entry.meetingId}@${host}`,
      `SEQUENCE:${entry.sequence}`,
      // Without METHOD, DTSTAMP is when the entry was last revised (RFC 5545, 3.8.7.2).
      `DTSTAMP:${utc(entry.revisedAt)}`,
      `DTSTART:${utc(entry.startsAt)}`,
      `DTEND:${utc(end)}`,
      `SUMMARY:${text(singleLine(entry.summary))}`,
      ...(entry.location ? [`LOCATION:${text(singleLine(entry.location))}`] : []),
      ...(entry.description ? [`DESCRIPTION:${text(plainLines(entry.description))}`] : []),
      ...(entry.url ? [`URL;VALUE=URI:${singleLine(entry.url)}`] : []),
      `STATUS:${entry.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  // RFC 5545 ends every content line, the last one too, with CRLF.
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
