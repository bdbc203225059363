import type { Viewer } from '../access.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import type { ZapisView } from '../meeting-record.js';
import type { ExportDocument } from './blocks.js';
import { pageFrame } from './frame.js';
import { sheetContent } from './sheet-blocks.js';
import { zapisBlocks, zapisFlags, zapisHeading } from './zapis-blocks.js';
import type { Lang } from './zapis-blocks.js';

/** The zápis as one viewer may see it, ready for the PDF or the Word renderer. */
export function zapisDocument(db: Db, uploadsDir: string, view: ZapisView, lang: Lang): ExportDocument {
  const meeting = view.record.meeting;
  // Like the page's draft banner: minutes with content that are not published yet (only writers get here).
  const draft = view.canWrite && zapisFlags(view).hasContent && !meeting.minutesPublished;
  const frame = pageFrame(db, uploadsDir, { title: zapisHeading(view, lang.t), groupName: view.homeGroup?.name, fundingGroup: view.fundingGroup, draft }, lang.t);
  return { frame, blocks: zapisBlocks(view, lang) };
}

/** The attendance sheet of a meeting whose minutes the viewer may read. */
export function sheetDocument(db: Db, uploadsDir: string, meeting: MeetingDetail, viewer: Viewer, lang: Lang): ExportDocument {
  const sheet = sheetContent(db, meeting, viewer, lang);
  const frame = pageFrame(db, uploadsDir, { title: `${lang.t('attendance.sheet')}: ${sheet.title}`, groupName: sheet.group?.name, fundingGroup: sheet.group, draft: false }, lang.t);
  return { frame, blocks: sheet.blocks };
}
