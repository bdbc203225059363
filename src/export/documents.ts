import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import type { Translate } from '../i18n/index.js';
import type { ZapisModel } from '../zapis/model.js';
import type { SheetModel } from '../zapis/sheet.js';
import type { ExportDocument } from './blocks.js';
import { pageFrame } from './frame.js';
import { sheetBlocks } from './sheet-blocks.js';
import { zapisBlocks } from './zapis-blocks.js';

/** The zápis, as the presenter gave it for one viewer, ready for the PDF or the Word renderer. */
export function zapisDocument(db: Db, uploadsDir: string, model: ZapisModel, meeting: Pick<MeetingDetail, 'leadGroupId'>, t: Translate): ExportDocument {
  const frame = pageFrame(
    db,
    uploadsDir,
    { title: model.heading, groupName: model.homeGroup?.name ?? null, funding: model.funding && { funding: model.funding, groupId: meeting.leadGroupId }, draftMark: model.draft?.mark ?? null },
    t,
  );
  return { frame, blocks: zapisBlocks(model) };
}

/** The attendance sheet, ready for the PDF renderer. */
export function sheetDocument(db: Db, uploadsDir: string, sheet: SheetModel, meeting: Pick<MeetingDetail, 'leadGroupId'>, t: Translate): ExportDocument {
  const frame = pageFrame(
    db,
    uploadsDir,
    { title: `${sheet.heading}: ${sheet.title}`, groupName: sheet.footerGroup, funding: sheet.funding && { funding: sheet.funding, groupId: meeting.leadGroupId }, draftMark: null },
    t,
  );
  return { frame, blocks: sheetBlocks(sheet) };
}
