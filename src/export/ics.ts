import ical, { ICalEventStatus } from 'ical-generator';
import type { ICalEventData } from 'ical-generator';
import { DateTime } from 'luxon';
import { clockToMinutes } from '../agenda-schedule.js';
import { listAgendaItemsOfMeetings } from '../db/agenda.js';
import type { AgendaItem } from '../db/agenda.js';
import type { Db } from '../db/index.js';
import type { CalendarMeetingRow } from '../db/meetings.js';
import { formatClock } from '../i18n/dates.js';
import type { Locale, Translate } from '../i18n/index.js';
import { agendaTree } from '../meeting-record.js';
import type { AgendaEntry } from '../meeting-record.js';
import { meetingTitle, placeLine } from '../zapis.js';

/**
 * Meetings as iCalendar (RFC 5545), for one meeting's download and for subscribed feeds. Times are
 * written in UTC; ical-generator escapes text (\, ; , and newlines) and folds lines at 75 octets.
 */

/** What every calendar of the app needs to know besides its meetings. */
export interface CalendarOptions {
  /** config.baseUrl: the links back and the host in each UID. */
  baseUrl: string;
  /** X-WR-CALNAME, shown by calendar apps for a subscription. */
  name: string;
  t: Translate;
  locale: Locale;
  /** For feeds: how often a subscribed calendar app should ask again. */
  refreshSeconds?: number;
}

const DEFAULT_LENGTH_HOURS = 2;

/** "1. 9:30 Zahájení (Jana Nováková)", with sub-items indented: the agenda as plain-text lines. */
export function agendaLines(entries: readonly AgendaEntry[], locale: Locale): string[] {
  // Times only when the agenda sets some (durations or fixed starts), as on the meeting page.
  const timed = (entry: AgendaEntry) => Boolean(entry.item.durationMinutes || entry.item.fixedStart);
  const showTimes = entries.some((entry) => timed(entry) || entry.children.some(timed));
  const line = (entry: AgendaEntry, indent: string) => {
    const time = showTimes && entry.start !== null ? `${formatClock(entry.start, locale)} ` : '';
    const presenter = entry.item.presenter ? ` (${entry.item.presenter})` : '';
    return `${indent}${entry.marker} ${time}${entry.item.title}${presenter}`;
  };
  return entries.flatMap((entry) => [line(entry, ''), ...entry.children.map((child) => line(child, '    '))]);
}

/** The meeting's agenda tree, timed from its local start. */
export function meetingAgenda(items: AgendaItem[], meeting: Pick<CalendarMeetingRow, 'startsAt' | 'timeZone'>): AgendaEntry[] {
  const localStart = DateTime.fromISO(meeting.startsAt, { zone: 'utc' }).setZone(meeting.timeZone);
  return agendaTree(items, clockToMinutes(localStart.toFormat('HH:mm'))).entries;
}

/** The URL of a meeting's page. */
export function meetingUrl(baseUrl: string, meetingId: number): string {
  return `${baseUrl}/meetings/${meetingId}`;
}

function description(meeting: CalendarMeetingRow, agenda: readonly AgendaEntry[], options: CalendarOptions): string {
  const parts: string[] = [];
  if (agenda.length) parts.push([options.t('calendar.agenda'), ...agendaLines(agenda, options.locale)].join('\n'));
  if (meeting.onlineUrl) parts.push(`${options.t('calendar.online')} ${meeting.onlineUrl}`);
  parts.push(meetingUrl(options.baseUrl, meeting.id));
  return parts.join('\n\n');
}

/** One VEVENT: a stable UID, UTC times (two hours when no end is set), SEQUENCE and STATUS. */
function eventOf(meeting: CalendarMeetingRow, agenda: readonly AgendaEntry[], options: CalendarOptions): ICalEventData {
  const start = new Date(meeting.startsAt);
  const typedEnd = meeting.endsAt ? new Date(meeting.endsAt) : undefined;
  const end = typedEnd && typedEnd > start ? typedEnd : new Date(start.getTime() + DEFAULT_LENGTH_HOURS * 3_600_000);
  const place = placeLine(meeting);
  return {
    id: `meeting-${meeting.id}@${new URL(options.baseUrl).hostname}`,
    // Without METHOD, DTSTAMP is when the entry was last revised (RFC 5545, 3.8.7.2).
    stamp: new Date(meeting.updatedAt),
    start,
    end,
    summary: meetingTitle(meeting, { name: meeting.leadGroupName, nameGenitive: meeting.leadGroupNameGenitive }),
    location: place || meeting.onlineUrl || null,
    description: description(meeting, agenda, options),
    url: meetingUrl(options.baseUrl, meeting.id),
    sequence: meeting.icalSequence,
    status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  };
}

/** The iCalendar text of these meetings (their agendas read in one query). */
export function meetingsCalendar(db: Db, meetings: readonly CalendarMeetingRow[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Zapisnik', product: 'Zapisnik', language: options.locale.toUpperCase() },
    name: options.name,
    ttl: options.refreshSeconds ?? null,
  });
  const agendas = listAgendaItemsOfMeetings(db, meetings.map((meeting) => meeting.id));
  for (const meeting of meetings) calendar.createEvent(eventOf(meeting, meetingAgenda(agendas.get(meeting.id) ?? [], meeting), options));
  // RFC 5545 ends every content line, the last one too, with CRLF.
  return `${calendar.toString()}\r\n`;
}
