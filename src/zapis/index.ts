import type { Viewer } from '../access.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import type { Lang } from '../i18n/index.js';
import type { ZapisModel } from './model.js';
import { presentZapis } from './present.js';
import { loadZapis } from './record.js';

/** The zápis of a meeting the viewer may see, loaded and presented: what the page and every export render. */
export function zapisFor(db: Db, meeting: MeetingDetail, viewer: Viewer, lang: Lang, today: string): ZapisModel {
  return presentZapis(loadZapis(db, meeting, viewer), viewer, lang, today);
}
