import { canReadGroup } from '../access.js';
import type { Viewer } from '../access.js';
import { meetingDate } from '../clock.js';
import { listAttendanceOrMembers } from '../db/attendance.js';
import type { SheetRow } from '../db/attendance.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import { formatDateLong } from '../i18n/dates.js';
import type { Lang } from '../i18n/index.js';
import type { Fact, Funding } from './model.js';
import { downloadName, meetingTitleFor, placeLine } from './names.js';
import { attendeeLabel, homeGroupOf, presentFunding } from './present.js';
import { timeRangeText } from './wording.js';

/** How many empty lines the attendance sheet leaves for guests who come unannounced. */
const BLANK_ROWS = 6;

/** The prezenční listina as its page and its PDF show it. */
export interface SheetModel {
  meetingId: number;
  heading: string;
  title: string;
  facts: Fact[];
  columns: [string, string, string, string];
  /** Who is expected to sign, numbered from 1. */
  rows: { number: number; name: string; organisation: string }[];
  /** "Další účastníci" above the blank lines, and the blank lines' numbers. */
  others: { label: string; numbers: number[] };
  /** The lead group (when the viewer may see it) named in the footer, with its funded project. */
  footerGroup: string | null;
  funding: Funding | null;
  fileName: string;
}

/**
 * Who is expected to sign: the meeting's list, or before anyone recorded attendance, the lead
 * group's members of the meeting day (not stored: reading never writes). A partner group's member
 * reading a joint meeting led by a group hidden from them is not given that group's members.
 * Guests sign on the blank lines; those who excused themselves do not come to sign.
 */
export function loadSheetRows(db: Db, meeting: MeetingDetail, viewer: Viewer): SheetRow[] {
  const list = listAttendanceOrMembers(db, meeting.id, meetingDate(meeting));
  const rows: SheetRow[] = list.stored || canReadGroup(viewer, meeting.leadGroup) ? list.rows : [];
  return rows.filter((row) => row.kind !== 'guest' && row.status !== 'excused');
}

/** The attendance sheet of a meeting whose minutes the viewer may read. */
export function presentSheet(meeting: MeetingDetail, rows: readonly SheetRow[], viewer: Viewer, lang: Lang): SheetModel {
  const { t, locale } = lang;
  const seesLeadGroup = canReadGroup(viewer, meeting.leadGroup);
  const place = placeLine(meeting);
  const facts: Fact[] = [
    { key: 'date', label: t('meetings.date'), value: [{ text: formatDateLong(meeting.startsAt, meeting.timeZone, locale) }] },
    { key: 'time', label: t('meetings.time'), value: [{ text: timeRangeText(meeting.startsAt, meeting.endsAt, meeting.timeZone, lang) }] },
    ...(place ? [{ key: 'place' as const, label: t('meetings.place'), value: [{ text: place }] }] : []),
  ];
  return {
    meetingId: meeting.id,
    heading: t('attendance.sheet'),
    title: meetingTitleFor(meeting, meeting.leadGroup, viewer, t),
    facts,
    columns: [t('attendance.sheetNumber'), t('attendance.person'), t('attendance.organisation'), t('attendance.sheetSignature')],
    rows: rows.map((row, index) => ({ number: index + 1, name: attendeeLabel(row, lang, false), organisation: row.organisationName ?? '' })),
    others: { label: t('attendance.sheetOthers'), numbers: Array.from({ length: BLANK_ROWS }, (_, line) => rows.length + line + 1) },
    footerGroup: seesLeadGroup ? meeting.leadGroup.name : null,
    funding: seesLeadGroup ? presentFunding(meeting.leadGroup, lang) : null,
    fileName: downloadName('prezenční-listina', meeting, homeGroupOf(meeting, viewer), seesLeadGroup),
  };
}
