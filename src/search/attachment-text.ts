import type { Renderer } from '../export/render-pool.js';
import type { CheckedFile } from '../uploads.js';

/**
 * Reads the words of uploaded files for the search index, in the render threads (never on the main
 * thread: a PDF can take a while) and one file at a time, so one upload cannot take every thread.
 * A file that cannot be read in time, or at all, is kept all the same and found by its name.
 */
export async function withTexts(renderer: Renderer, files: readonly CheckedFile[]): Promise<CheckedFile[]> {
  const read: CheckedFile[] = [];
  for (const file of files) {
    if (file.type.image) {
      read.push(file);
      continue;
    }
    const text = await renderer.text(file.tempPath, file.type.mediaType).catch(() => '');
    read.push({ ...file, text });
  }
  return read;
}
