import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { HttpError } from '../errors.js';
import type { ExportDocument } from './blocks.js';
import type { RenderTask } from './render-worker.js';

/**
 * PDF and Word files are rendered in worker threads: pdfmake and docx are pure JavaScript and take
 * tens of milliseconds for a long zápis, which on the main thread every other request would wait
 * for. The queue is bounded: beyond it an export answers 503, and the pages go on.
 */
export interface Renderer {
  pdf(document: ExportDocument): Promise<Buffer>;
  docx(document: ExportDocument): Promise<Buffer>;
  close(): Promise<void>;
}

export interface RenderPoolOptions {
  /** Worker threads at most (default: one core fewer than the machine has, at least one). */
  threads?: number;
  /** Exports waiting for a thread at most; the next one is refused. */
  maxQueue?: number;
}

// The worker beside this module: render-worker.ts under tsx (tests, dev), render-worker.js when built.
const here = fileURLToPath(import.meta.url);
const workerFile = path.join(path.dirname(here), `render-worker${path.extname(here)}`);

/** A pool of render threads, started by the first export; more threads start as exports queue up. */
export function renderPool(options: RenderPoolOptions = {}): Renderer {
  const threads = options.threads ?? Math.max(1, os.availableParallelism() - 1);
  let started: Piscina<RenderTask, Uint8Array> | undefined;
  const start = () => new Piscina<RenderTask, Uint8Array>({
    filename: workerFile,
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 60_000,
    maxQueue: options.maxQueue ?? 20 * threads,
    // A document that would need more than this is refused by its thread, not by the server.
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  const run = async (task: RenderTask) => {
    const pool = (started ??= start());
    if (pool.queueSize >= pool.options.maxQueue) throw new HttpError(503, 'error.busy');
    const bytes = await pool.run(task);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  return {
    pdf: (document) => run({ format: 'pdf', document }),
    docx: (document) => run({ format: 'docx', document }),
    close: async () => {
      await started?.close();
      started = undefined;
    },
  };
}
