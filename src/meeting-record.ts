import { DateTime } from 'luxon';
import type { Db } from './db/index.js';
import { listAgendaItems } from './db/agenda.js';
import type { AgendaItem } from './db/agenda.js';
import { findFollowLinks, findNeighbours, meetingNumberInYear } from './db/meetings.js';
import { canReadGroup, canReadMinutes, canWriteMeeting, readScope } from './access.js';
import type { ReadScope, Viewer } from './access.js';
import { findGroup } from './db/groups.js';
import type { Group } from './db/groups.js';
import { listActionItemsOfMeeting, listReviewBlock } from './db/action-items.js';
import type { ActionItemRow, ReviewBlockRow } from './db/action-items.js';
import { listResolutionsOfMeeting } from './db/resolutions.js';
import { attendanceBlock } from './db/attendance.js';
import { listAttachmentsOfMeeting } from './db/attachments.js';
import type { AttachmentRow } from './db/attachments.js';
import type { ResolutionRow } from './db/resolutions.js';
import type { MeetingDetail, MeetingListRow } from './db/meetings.js';
import { clockToMinutes, scheduleAgenda } from './agenda-schedule.js';
import { meetingTitle, placeLine, subItemLetter } from './zapis.js';

/** An agenda item with its number in the zápis ("2." or "b)") and its computed time. */
export interface AgendaEntry {
  item: AgendaItem;
  /** "2" for top-level items, "b" for sub-items. */
  label: string;
  /** "2." or "b)", as printed before the title. */
  marker: string;
  start: number | null;
  duration: number | null;
  children: AgendaEntry[];
}

/** Everything the zápis of one meeting shows: one call, a fixed number of queries. */
export interface MeetingRecord {
  meeting: MeetingDetail;
  title: string;
  place: string;
  localStart: DateTime;
  localEnd: DateTime | null;
  numberInYear: number | null;
  agenda: AgendaEntry[];
  estimatedEnd: number | null;
  hasMinutes: boolean;
  previous?: MeetingListRow;
  next?: MeetingListRow;
  /** The meeting this one was planned as a follow-up of, and those planned from it. */
  follows?: MeetingListRow;
  followUps: MeetingListRow[];
  resolutions: ResolutionRow[];
  actionItems: ActionItemRow[];
  /** Kontrola úkolů: the group's items open when this meeting began, with their review here. */
  reviewBlock: ReviewBlockRow[];
  /** Who was there (Přítomni, Omluveni, …), whether the signed sheet counts instead, and the quorum. */
  attendance: ReturnType<typeof attendanceBlock>;
  attachments: AttachmentRow[];
}

/** Builds the numbered agenda tree with start times from the flat, ordered item list. */
export function agendaTree(items: AgendaItem[], meetingStartMinutes: number): { entries: AgendaEntry[]; estimatedEnd: number | null } {
  const { times, estimatedEnd } = scheduleAgenda(items, meetingStartMinutes);
  const entries: AgendaEntry[] = [];
  for (const item of items) {
    const time = times.get(item.id) ?? { start: null, duration: null };
    if (item.parentId === null) {
      const label = String(entries.length + 1);
      entries.push({ item, label, marker: `${label}.`, ...time, children: [] });
    } else {
      const parent = entries[entries.length - 1];
      const label = subItemLetter(parent.children.length);
      parent.children.push({ item, label, marker: `${label})`, ...time, children: [] });
    }
  }
  return { entries, estimatedEnd };
}

/** The zápis of a meeting already loaded by the access check; `scope` limits the previous/next links. */
export function meetingRecord(db: Db, meeting: MeetingDetail, scope: ReadScope): MeetingRecord {
  const id = meeting.id;
  const localStart = DateTime.fromISO(meeting.startsAt, { zone: 'utc' }).setZone(meeting.timeZone);
  const localEnd = meeting.endsAt ? DateTime.fromISO(meeting.endsAt, { zone: 'utc' }).setZone(meeting.timeZone) : null;
  const items = listAgendaItems(db, id);
  const { entries, estimatedEnd } = agendaTree(items, clockToMinutes(localStart.toFormat('HH:mm')));
  const yearStart = localStart.startOf('year').toUTC().toISO({ suppressMilliseconds: true }) ?? meeting.startsAt;
  return {
    meeting,
    title: meetingTitle(meeting, meeting.leadGroup),
    place: placeLine(meeting),
    localStart,
    localEnd,
    numberInYear: meeting.leadGroup.numberingPerYear ? meetingNumberInYear(db, meeting, yearStart) : null,
    agenda: entries,
    estimatedEnd,
    hasMinutes: Boolean(meeting.openingNotes || meeting.closingNotes || items.some((item) => item.proceedings)),
    ...findNeighbours(db, meeting, scope),
    ...findFollowLinks(db, meeting.id, scope),
    resolutions: listResolutionsOfMeeting(db, meeting.id),
    actionItems: listActionItemsOfMeeting(db, meeting.id),
    reviewBlock: listReviewBlock(db, meeting),
    attendance: attendanceBlock(db, meeting.id),
    attachments: listAttachmentsOfMeeting(db, meeting.id),
  };
}

/** The zápis as one viewer may see it: the page and every export (PDF, Markdown, Word, calendar) render this. */
export interface ZapisView {
  record: MeetingRecord;
  /** The meeting's groups the viewer may see (a joint meeting must not name a hidden group). */
  groups: MeetingDetail['groups'];
  /** The group the breadcrumb leads to: the lead group, or the one through which the viewer sees the meeting. */
  homeGroup: MeetingDetail['groups'][number] | undefined;
  /** The funded project's footer (and logo) only for those who may see the lead group. */
  fundingGroup: Group | undefined;
  canWrite: boolean;
  /** Proceedings, resolutions, tasks, attendance and attachments: published, or the viewer writes. */
  minutesVisible: boolean;
}

/** Loads a readable meeting's zápis and applies what the viewer may see of it. */
export function zapisView(db: Db, meeting: MeetingDetail, viewer: Viewer): ZapisView {
  const record = meetingRecord(db, meeting, readScope(viewer));
  const canWrite = canWriteMeeting(viewer, meeting);
  const seesLeadGroup = canReadGroup(viewer, meeting.leadGroup);
  // The Kontrola úkolů lists the group's tasks from earlier meetings: a reader sees those from
  // published minutes of a group they read (not a partner group's member, nor drafts).
  record.reviewBlock = record.reviewBlock.filter((row) => canWrite || (seesLeadGroup && row.arose.minutesPublished));
  const groups = meeting.groups.filter((group) => canReadGroup(viewer, group));
  return {
    record,
    groups,
    homeGroup: seesLeadGroup ? meeting.leadGroup : groups[0],
    fundingGroup: seesLeadGroup ? findGroup(db, meeting.leadGroupId) : undefined,
    canWrite,
    minutesVisible: canReadMinutes(viewer, meeting),
  };
}
