import ical, { ICalEventStatus } from 'ical-generator';
import type { Locale } from '../i18n/index.js';
import { plainLines, singleLine } from '../text.js';
import type { CalendarEntry } from '../zapis/calendar.js';

/**
 * Calendar entries as iCalendar (RFC 5545), for one meeting's download and for subscribed feeds.
 * Times are written in UTC; ical-generator escapes text (\, ; , and newlines) and folds lines at
 * 75 octets. What each entry says comes from the presenter (zapis/calendar.ts).
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

/** The iCalendar text of these entries. */
export function calendarText(entries: readonly CalendarEntry[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Zapisnik', product: 'Zapisnik', language: options.locale.toUpperCase() },
    // ical-generator writes the calendar's name as it is: a line break in it would start lines of its own.
    name: singleLine(options.name),
    ttl: options.refreshSeconds ?? null,
  });
  const host = new URL(options.baseUrl).hostname;
  for (const entry of entries) {
    const start = new Date(entry.startsAt);
    calendar.createEvent({
      // A stable UID: the same meeting is the same event in every feed and download.
      id: `meeting-${entry.meetingId}@${host}`,
      // Without METHOD, DTSTAMP is when the entry was last revised (RFC 5545, 3.8.7.2).
      stamp: new Date(entry.revisedAt),
      start,
      end: entry.endsAt ? new Date(entry.endsAt) : new Date(start.getTime() + DEFAULT_LENGTH_MS),
      summary: singleLine(entry.summary),
      location: entry.location && singleLine(entry.location),
      description: plainLines(entry.description),
      url: entry.url,
      sequence: entry.sequence,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 ends every content line, the last one too, with CRLF.
  return `${calendar.toString()}\r\n`;
}
