import os from 'node:os';
import { renderDocx } from './docx.js';
import type { ExportDocument } from './blocks.js';
import { renderPdf } from './pdf.js';
import { calendarText } from './ics.js';
import type { CalendarOptions } from './ics.js';
import type { CalendarEntry } from '../zapis/calendar.js';
import { extractText } from '../search/extract-text.js';

/** A render job: which format, and the document (or calendar) assembled on the main thread. */
export type RenderTask =
  | { format: 'pdf' | 'docx'; document: ExportDocument }
  | { format: 'ics'; entries: CalendarEntry[]; options: CalendarOptions }
  | { format: 'text'; file: string; mediaType: string };

// Pages before documents: on Linux a thread's priority is its own, and this one yields the CPU to
// the main thread, which answers every other request. (Elsewhere this may affect the whole process
// or be refused; either way rendering goes on.)
try {
  if (os.platform() === 'linux') os.setPriority(0, 10);
} catch {
  // Not allowed here: rendering at the usual priority is still correct.
}

/** Runs in a worker thread of the render pool (render-pool.ts): one document to the bytes of one file. */
export default async function render(task: RenderTask): Promise<Uint8Array> {
  if (task.format === 'ics') return Buffer.from(calendarText(task.entries, task.options));
  if (task.format === 'text') return Buffer.from(await extractText(task.file, task.mediaType));
  const { format, document } = task;
  // Crossing threads turned the logo's Buffer into a plain Uint8Array.
  const logo = document.frame.logo && { ...document.frame.logo, data: Buffer.from(document.frame.logo.data) };
  const ready = { ...document, frame: { ...document.frame, logo } };
  return format === 'pdf' ? renderPdf(ready) : renderDocx(ready);
}
