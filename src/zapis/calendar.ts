import type { AgendaItem } from '../db/agenda.js';
import type { CalendarMeetingRow } from '../db/meetings.js';
import type { Lang } from '../i18n/index.js';
import { agendaTree, presentProgram, programLines } from './agenda.js';
import type { Viewer } from '../access.js';
import { meetingTitleFor, placeLine } from './names.js';
import { leadGroupOfRow } from './present.js';

/** A meeting as a calendar entry says it: what export/ics.ts writes as one VEVENT. */
export interface CalendarEntry {
  meetingId: number;
  /** The meeting's page. */
  url: string;
  summary: string;
  location: string | null;
  /** The program, the online link and the page's address, as plain text. */
  description: string;
  startsAt: string;
  /** The typed end, when it is after the start; calendars get a default length otherwise. */
  endsAt: string | null;
  /** When the entry was last revised (DTSTAMP) and its revision (SEQUENCE). */
  revisedAt: string;
  sequence: number;
  cancelled: boolean;
}

/** A meeting of a calendar feed (or its own .ics) with its agenda; `baseUrl` makes its links absolute. */
export function presentCalendarEntry(meeting: CalendarMeetingRow, items: AgendaItem[], viewer: Viewer, lang: Lang, baseUrl: string): CalendarEntry {
  const { t } = lang;
  const program = presentProgram(agendaTree(items, meeting), lang);
  const place = placeLine(meeting);
  const url = `${baseUrl}/meetings/${meeting.id}`;
  return {
    meetingId: meeting.id,
    url,
    summary: meetingTitleFor(meeting, leadGroupOfRow(meeting), viewer, t),
    location: place || meeting.onlineUrl || null,
    description: [
      program.entries.length ? [t('calendar.agenda'), ...programLines(program)].join('\n') : '',
      meeting.onlineUrl ? `${t('calendar.online')} ${meeting.onlineUrl}` : '',
      url,
    ]
      .filter(Boolean)
      .join('\n\n'),
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt && meeting.endsAt > meeting.startsAt ? meeting.endsAt : null,
    revisedAt: meeting.updatedAt,
    sequence: meeting.icalSequence,
    cancelled: meeting.status === 'cancelled',
  };
}
