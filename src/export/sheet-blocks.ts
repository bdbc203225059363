import { canReadGroup } from '../access.js';
import type { Viewer } from '../access.js';
import { listAttendance, listExpectedMembers } from '../db/attendance.js';
import type { SheetRow } from '../db/attendance.js';
import { findGroup } from '../db/groups.js';
import type { Group } from '../db/groups.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import { formatDateLong, formatTime, toInputParts } from '../i18n/dates.js';
import { meetingTitle, personLabel, placeLine } from '../zapis.js';
import { plain, strong } from './blocks.js';
import type { Block, Run } from './blocks.js';
import type { Lang } from './zapis-blocks.js';

/** Empty lines for guests who come unannounced (as on the sheet page). */
const BLANK_SHEET_ROWS = 6;

/** The attendance sheet's content, as the page (routes/attendance.ts, views/attendance/sheet.ejs) shows it. */
export interface SheetContent {
  title: string;
  blocks: Block[];
  /** The lead group when the viewer may see it (its member list and its funding footer). */
  group: Group | undefined;
}

/** Who is expected to sign: the attendance list, or before anyone edited it, the members of the day. */
function sheetRows(db: Db, meeting: MeetingDetail, seesLeadGroup: boolean): SheetRow[] {
  const listed: SheetRow[] = listAttendance(db, meeting.id);
  const date = toInputParts(meeting.startsAt, meeting.timeZone).date;
  const rows = listed.length || !seesLeadGroup ? listed : listExpectedMembers(db, meeting.id, date);
  return rows.filter((row) => row.kind !== 'guest' && row.status !== 'excused');
}

/** The prezenční listina as export blocks: heading, facts, and the table Č. / Jméno / Organizace / Podpis. */
export function sheetContent(db: Db, meeting: MeetingDetail, viewer: Viewer, { t, locale }: Lang): SheetContent {
  const seesLeadGroup = canReadGroup(viewer, meeting.leadGroup);
  const rows = sheetRows(db, meeting, seesLeadGroup);
  const title = meetingTitle(meeting, meeting.leadGroup);
  const place = placeLine({ venue: meeting.venue, room: meeting.room });
  const time = formatTime(meeting.startsAt, meeting.timeZone, locale) + (meeting.endsAt ? `–${formatTime(meeting.endsAt, meeting.timeZone, locale)}` : '');
  const facts: [string, Run[]][] = [
    [t('meetings.date'), [plain(formatDateLong(meeting.startsAt, meeting.timeZone, locale))]],
    [t('meetings.time'), [plain(time)]],
  ];
  if (place) facts.push([t('meetings.place'), [plain(place)]]);
  const person = (row: SheetRow) => {
    const name = personLabel(row, false);
    return row.substituteFor ? t('attendance.substituteLabel', { person: name, member: row.substituteFor.label }) : name;
  };
  const listedRows: Run[][][] = rows.map((row, index) => [[plain(String(index + 1))], [plain(person(row))], [plain(row.organisationName ?? '')], []]);
  const blank: Run[][][] = Array.from({ length: BLANK_SHEET_ROWS }, (_, line) => [[plain(String(rows.length + line + 1))], [], [], []]);
  return {
    title,
    group: seesLeadGroup ? findGroup(db, meeting.leadGroupId) : undefined,
    blocks: [
      { kind: 'heading', level: 1, runs: [plain(t('attendance.sheet'))] },
      { kind: 'paragraph', runs: [strong(title)] },
      { kind: 'facts', rows: facts },
      {
        kind: 'table',
        header: [t('attendance.sheetNumber'), t('attendance.person'), t('attendance.organisation'), t('attendance.sheetSignature')].map((h) => [strong(h)]),
        rows: [...listedRows, [[], [strong(t('attendance.sheetOthers'))], [], []], ...blank],
        widths: [1, 6, 6, 5],
        rowHeight: 26,
      },
    ],
  };
}
