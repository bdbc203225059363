import { monitorEventLoopDelay } from 'node:perf_hooks';
import { expect } from 'chai';
import request from 'supertest';
import { loadDemoData } from '../../src/demo-data.js';
import { renderPool } from '../../src/export/render-pool.js';
import type { Block, ExportDocument } from '../../src/export/blocks.js';
import { HttpError } from '../../src/errors.js';
import { updateProceedings } from '../../src/db/agenda.js';
import { createAgendaItem, createMeeting, now, testClock } from '../factories.js';
import { makeApp } from '../helpers.js';
import type { TestWorld } from '../helpers.js';
import { getBytes, pdfText } from './binary.js';

const PARAGRAPH = 'Pracovní skupina projednala stav přípravy a shodla se na dalším postupu; zástupci kraje a města doplnili informace o financování a o spolupráci s neziskovými organizacemi v regionu.';

/** A meeting of 120 items with a paragraph and a list each: a zápis of some 40 pages. */
function longMeeting(world: TestWorld): number {
  const meetingId = createMeeting(world.db, { status: 'held' });
  const texts = new Map<number, string>();
  for (let n = 1; n <= 120; n++) texts.set(createAgendaItem(world.db, meetingId, { title: `Bod programu ${n}` }), `${PARAGRAPH}\n\n- první bod diskuse\n- druhý bod **s důrazem**`);
  updateProceedings(world.db, meetingId, texts, now());
  return meetingId;
}

describe('export: rendering off the main thread', () => {
  it('keeps the event loop free while long PDFs and Word files are being rendered', async () => {
    const world = makeApp();
    const meetingId = longMeeting(world);
    const url = (suffix: string) => `/meetings/${meetingId}${suffix}`;
    // Warm: the first export starts the render thread.
    await getBytes(request(world.app), url('.pdf'));
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const started = performance.now();
    const results = await Promise.all(['.pdf', '.docx', '.pdf'].map((suffix) => getBytes(request(world.app), url(suffix))));
    const took = performance.now() - started;
    loop.disable();
    expect(results.map((res) => res.status)).to.deep.equal([200, 200, 200]);
    expect((await pdfText(results[0].body)).text).to.contain('Bod programu 120');
    // Rendered on this thread, each of these documents would hold every other request for
    // hundreds of milliseconds; off it, the longest stall is what assembling one costs.
    const longestStallMs = loop.max / 1e6;
    expect(longestStallMs, `longest stall ${longestStallMs.toFixed(0)} ms of ${took.toFixed(0)} ms`).to.be.below(Math.max(60, took / 6));
  }).timeout(30_000);

  it('answers 503 with Retry-After, in Czech, to exports beyond the bounded queue, and renders the rest', async () => {
    const renderer = renderPool({ threads: 1, maxQueue: 1 });
    try {
      const world = makeApp({}, { renderer });
      const demo = loadDemoData(world.db, testClock);
      const responses = await Promise.all(Array.from({ length: 5 }, () => getBytes(request(world.app), `/meetings/${demo.tenthMeetingId}.pdf`)));
      const statuses = responses.map((res) => res.status).sort();
      expect(statuses.filter((status) => status === 200).length).to.be.at.least(2);
      const busy = responses.find((res) => res.status === 503);
      expect(busy, statuses.join(' ')).to.not.equal(undefined);
      expect(busy?.headers['retry-after']).to.equal('10');
      expect(busy?.body.toString()).to.contain('Právě se připravuje mnoho dokumentů najednou.');
      // Once the queue is free again, an export goes through.
      expect((await getBytes(request(world.app), `/meetings/${demo.tenthMeetingId}.pdf`)).status).to.equal(200);
    } finally {
      await renderer.close();
    }
  }).timeout(20_000);

  it('stops rendering for a reader who has gone, and says so without an error', async () => {
    const renderer = renderPool({ threads: 1 });
    try {
      const blocks: Block[] = Array.from({ length: 8000 }, (_, n) => ({ kind: 'paragraph', runs: [{ text: `Odstavec ${n}: ${PARAGRAPH}` }] }));
      const document: ExportDocument = { frame: { title: 'Dlouhý zápis', footerLines: [], pageLabel: 'Strana {page} z {pages}' }, blocks };
      const gone = new AbortController();
      const rendering = renderer.pdf(document, gone.signal);
      setTimeout(() => gone.abort(), 50);
      const started = performance.now();
      const error = await rendering.then(() => undefined, (reason: unknown) => reason);
      expect(error).to.be.instanceOf(HttpError).and.to.include({ status: 499 });
      expect(performance.now() - started).to.be.below(1000);
      // The pool goes on with the next document.
      const small = await renderer.pdf({ ...document, blocks: blocks.slice(0, 3) });
      expect((await pdfText(small)).text).to.contain('Odstavec 2');
    } finally {
      await renderer.close();
    }
  }).timeout(20_000);
});
