import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { HttpError } from '../errors.js';
import type { ExportDocument } from './blocks.js';
import type { CalendarOptions } from './ics.js';
import type { CalendarEntry } from '../zapis/calendar.js';
import type { RenderTask } from './render-worker.js';

/**
 * PDF and Word files and calendar feeds are rendered in worker threads: pdfmake and docx are pure JavaScript and take
 * tens of milliseconds for a long zápis, which on the main thread every other request would wait
 * for. The queue is bounded: beyond it an export answers 503, and the pages go on. A document
 * whose reader has gone is not rendered on, and none may take longer than RENDER_TIMEOUT_MS.
 */
export interface Renderer {
  /** `signal` aborts the rendering (the reader is gone). */
  pdf(document: ExportDocument, signal?: AbortSignal): Promise<Buffer>;
  docx(document: ExportDocument, signal?: AbortSignal): Promise<Buffer>;
  /** A calendar feed: a year of a busy group is hundreds of entries. */
  calendar(entries: CalendarEntry[], options: CalendarOptions, signal?: AbortSignal): Promise<Buffer>;
  /** The words of an uploaded file for the search index (search/extract-text.ts), within TEXT_TIMEOUT_MS. */
  text(file: string, mediaType: string): Promise<string>;
  close(): Promise<void>;
}

/** Longer than any zápis takes (a 40-page one takes well under a second): beyond it, something is wrong. */
const RENDER_TIMEOUT_MS = 30_000;
/** Reading a document's words is worth this much of an upload's time; a file that needs more is found by its name. */
const TEXT_TIMEOUT_MS = 10_000;

/** The reader went away before the document was ready: nothing to answer, nothing to log (nginx's 499). */
export const clientGone = (): HttpError => new HttpError(499, 'error.badRequest');

export interface RenderPoolOptions {
  /** Worker threads at most (default: one core fewer than the machine has, from one to four). */
  threads?: number;
  /** Exports waiting for a thread at most; the next one is refused. */
  maxQueue?: number;
}

// The worker beside this module: render-worker.ts under tsx (tests, dev), render-worker.js when built.
const here = fileURLToPath(import.meta.url);
const workerFile = path.join(path.dirname(here), `render-worker${path.extname(here)}`);

/** A pool of render threads, started by the first export; more threads start as exports queue up. */
export function renderPool(options: RenderPoolOptions = {}): Renderer {
  // Each thread may take its heap limit: four of them bound what exports can cost in memory.
  const threads = options.threads ?? Math.min(4, Math.max(1, os.availableParallelism() - 1));
  let started: Piscina<RenderTask, Uint8Array> | undefined;
  const start = () => new Piscina<RenderTask, Uint8Array>({
    filename: workerFile,
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 60_000,
    maxQueue: options.maxQueue ?? 20 * threads,
    // A document that would need more ends its thread (piscina starts another), not the server.
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  const run = async (task: RenderTask, readerGone?: AbortSignal, timeoutMs = RENDER_TIMEOUT_MS) => {
    const pool = (started ??= start());
    if (pool.queueSize >= pool.options.maxQueue) throw new HttpError(503, 'error.busy');
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const bytes = await pool.run(task, { signal: readerGone ? AbortSignal.any([readerGone, timeout]) : timeout });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (readerGone?.aborted) throw clientGone();
      // Too long, or out of the thread's memory: the server is fine, this document could not be made now.
      if (timeout.aborted || (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw Object.assign(new HttpError(503, 'error.busy'), { cause: error });
      throw error;
    }
  };
  return {
    pdf: (document, signal) => run({ format: 'pdf', document }, signal),
    docx: (document, signal) => run({ format: 'docx', document }, signal),
    calendar: (entries, options, signal) => run({ format: 'ics', entries, options }, signal),
    text: async (file, mediaType) => (await run({ format: 'text', file, mediaType }, undefined, TEXT_TIMEOUT_MS)).toString('utf8'),
    close: async () => {
      await started?.close();
      started = undefined;
    },
  };
}
