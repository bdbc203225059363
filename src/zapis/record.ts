import type { Viewer } from '../access.js';
import { readScope } from '../access.js';
import { meetingYearStart } from '../clock.js';
import { listActionItemsOfMeeting, listReviewBlock } from '../db/action-items.js';
import type { ActionItemRow, ReviewBlockRow } from '../db/action-items.js';
import { listAgendaItems } from '../db/agenda.js';
import { listAttachmentsOfMeeting } from '../db/attachments.js';
import type { AttachmentRow } from '../db/attachments.js';
import { attendanceBlock } from '../db/attendance.js';
import type { Db } from '../db/index.js';
import { findFollowLinks, findNeighbours, meetingNumberInYear } from '../db/meetings.js';
import type { MeetingDetail, MeetingListRow } from '../db/meetings.js';
import { listResolutionsOfMeeting } from '../db/resolutions.js';
import type { ResolutionRow } from '../db/resolutions.js';
import { agendaTree } from './agenda.js';
import type { AgendaEntry } from './agenda.js';
import { meetingTitle } from './names.js';

/** A meeting with its title and numbered, timed agenda: what the editors (agenda, minutes, resolutions) show around their forms. */
export interface MeetingOutline {
  meeting: MeetingDetail;
  /** The title with the lead group's name, as those who write in it read it (presenters word it for each viewer). */
  title: string;
  agenda: AgendaEntry[];
  estimatedEnd: number | null;
}

/** Everything a zápis can show of one meeting, loaded in a fixed number of queries; present.ts decides what the viewer sees of it. */
export interface ZapisRecord extends MeetingOutline {
  numberInYear: number | null;
  /** The previous and next meeting of the lead group, the one this follows and those planned from it: only those the viewer may see. */
  previous?: MeetingListRow;
  next?: MeetingListRow;
  follows?: MeetingListRow;
  followUps: MeetingListRow[];
  resolutions: ResolutionRow[];
  actionItems: ActionItemRow[];
  /** Kontrola úkolů: the lead group's tasks open when this meeting began, with their review here. */
  reviewBlock: ReviewBlockRow[];
  attendance: ReturnType<typeof attendanceBlock>;
  attachments: AttachmentRow[];
}

/** The meeting's title and agenda tree (one query). */
export function loadOutline(db: Db, meeting: MeetingDetail): MeetingOutline {
  const { entries, estimatedEnd } = agendaTree(listAgendaItems(db, meeting.id), meeting);
  return { meeting, title: meetingTitle(meeting, meeting.leadGroup), agenda: entries, estimatedEnd };
}

/** The zápis of a meeting the viewer may see (its access was checked when it was loaded). */
export function loadZapis(db: Db, meeting: MeetingDetail, viewer: Viewer): ZapisRecord {
  const scope = readScope(viewer);
  return {
    ...loadOutline(db, meeting),
    numberInYear: meeting.leadGroup.numberingPerYear ? meetingNumberInYear(db, meeting, meetingYearStart(meeting)) : null,
    ...findNeighbours(db, meeting, scope),
    ...findFollowLinks(db, meeting.id, scope),
    resolutions: listResolutionsOfMeeting(db, meeting.id),
    actionItems: listActionItemsOfMeeting(db, meeting.id),
    // Published minutes show the Kontrola they were published with; nothing entered later joins it.
    reviewBlock: listReviewBlock(db, meeting, meeting.minutesPublishedAt),
    attendance: attendanceBlock(db, meeting.id),
    attachments: listAttachmentsOfMeeting(db, meeting.id),
  };
}
