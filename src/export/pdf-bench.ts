import type { Db } from '../db/index.js';
import { insertAgendaItem, updateProceedings } from '../db/agenda.js';
import { findGroupBySlug } from '../db/groups.js';
import { findMeetingDetail, insertMeeting, nextMeetingNumber } from '../db/meetings.js';
import { setMinutesPublished } from '../db/minutes.js';
import { anonymousViewer } from '../access.js';
import { systemClock } from '../clock.js';
import { langOf } from '../i18n/index.js';
import { zapisFor } from '../zapis/index.js';
import { zapisDocument } from './documents.js';
import { renderPdf } from './pdf.js';

/** PDF generation times in milliseconds, measured in-process (no HTTP). */
export interface PdfTimings {
  demoCold: number;
  demoWarmMedian: number;
  longWarmMedian: number;
}

const PARAGRAPH =
  'Pracovní skupina projednala stav přípravy a shodla se na dalším postupu. Zástupci kraje a města doplnili informace ' +
  'o financování, o dotačních výzvách a o spolupráci s neziskovými organizacemi v regionu; termíny budou upřesněny.';

/** Adds (inside the caller's transaction) a published 30-item meeting with a paragraph of proceedings per item to the demo group. */
function longMeeting(db: Db, groupSlug: string, now: string): number {
  const group = findGroupBySlug(db, groupSlug);
  if (!group) throw new Error(`no group ${groupSlug}`);
  const id = insertMeeting(db, {
    leadGroupId: group.id, groupIds: [], number: nextMeetingNumber(db, group.id), title: '', startsAt: '2018-06-12T07:00:00Z', endsAt: '2018-06-12T12:00:00Z',
    timeZone: 'Europe/Prague', venueId: null, room: '', onlineUrl: '', status: 'held', chairId: null, minuteTakerId: null, verifierIds: [],
  }, now);
  const texts = new Map<number, string>();
  for (let n = 1; n <= 30; n++) {
    const item = insertAgendaItem(db, id, { parentId: null, title: `Bod programu ${n}`, description: '', presenter: '', durationMinutes: 10, fixedStart: null, deferred: false }, now);
    texts.set(item, `${PARAGRAPH}\n\n- první bod diskuse\n- druhý bod **s důrazem**`);
  }
  updateProceedings(db, id, texts, now);
  setMinutesPublished(db, id, true, now);
  return id;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Generates the demo 10th meeting's PDF cold (first call) and warm (median of `runs`), and a 30-item meeting's. */
export async function measurePdfTimings(db: Db, demo: { tenthMeetingId: number; groupSlug: string }, uploadsDir: string, runs = 20): Promise<PdfTimings> {
  const lang = langOf('cs');
  const clock = systemClock('Europe/Prague');
  const today = clock.today();
  const render = async (id: number) => {
    const meeting = findMeetingDetail(db, id);
    if (!meeting) throw new Error(`no meeting ${id}`);
    const start = performance.now();
    await renderPdf(zapisDocument(db, uploadsDir, zapisFor(db, meeting, anonymousViewer, lang, today), meeting, lang.t));
    return performance.now() - start;
  };
  const demoCold = await render(demo.tenthMeetingId);
  const warm = async (id: number) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await render(id));
    return median(times);
  };
  const demoWarmMedian = await warm(demo.tenthMeetingId);
  // The long meeting lives only for the measurement: rolled back, so the database stays the demo's.
  db.exec('BEGIN');
  try {
    const longWarmMedian = await warm(longMeeting(db, demo.groupSlug, clock.now()));
    return { demoCold, demoWarmMedian, longWarmMedian };
  } finally {
    db.exec('ROLLBACK');
  }
}
