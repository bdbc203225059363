import fs from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The words of an attached document, for the search index: the text of a PDF (pdf.js), of Word,
 * PowerPoint and Excel files (their XML, unzipped with fflate) and of OpenDocument files, and plain
 * text as it is. It runs in a render thread (export/render-pool.ts), within its time limit; every
 * step is bounded, so a hostile file costs at most MAX_TEXT characters, MAX_PAGES pages and
 * MAX_XML_BYTES of unpacked XML. A file whose text cannot be read gives '' and is still found by its name.
 */

/** Enough for any minutes' attachment anyone searches in; the rest of a long file is not indexed. */
export const MAX_TEXT = 200_000;
const MAX_PAGES = 300;
// The XML of a 300-page Word file is a few MB; more is a zip bomb, not a document.
const MAX_XML_BYTES = 32 * 1024 * 1024;

/** Which entries of an Office or OpenDocument zip hold its text, by media type. */
const textEntries: Record<string, (name: string) => boolean> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (name) => /^word\/(document|footnotes|endnotes)\.xml$/.test(name),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': (name) => /^ppt\/slides\/slide\d+\.xml$/.test(name),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (name) => name === 'xl/sharedStrings.xml',
  'application/vnd.oasis.opendocument.text': (name) => name === 'content.xml',
  'application/vnd.oasis.opendocument.spreadsheet': (name) => name === 'content.xml',
  'application/vnd.oasis.opendocument.presentation': (name) => name === 'content.xml',
};

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of Office or OpenDocument XML: paragraphs, cells and line breaks become line ends; tags go. */
export function xmlText(xml: string): string {
  return xml
    .replace(/<(w:tab|text:tab|text:s)\b[^>]*\/>/g, ' ')
    .replace(/<(w:br|text:line-break|a:br)\b[^>]*\/>/g, '\n')
    .replace(/<\/(w:p|a:p|text:p|text:h|si|table:table-cell)>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return entities[name] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    });
}

/** The text of the zip's entries that hold it, in the order of their names (slide2 before slide10). */
function zipText(bytes: Uint8Array, wanted: (name: string) => boolean): string {
  let unpacked = 0;
  const files = unzipSync(bytes, {
    filter: (file) => {
      if (!wanted(file.name)) return false;
      unpacked += file.originalSize;
      return unpacked <= MAX_XML_BYTES;
    },
  });
  const decoder = new TextDecoder('utf-8');
  return Object.keys(files)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => xmlText(decoder.decode(files[name])))
    .join('\n');
}

/** The text of a PDF's pages, as pdf.js reads it (a scanned PDF has none). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes, disableFontFace: true, isEvalSupported: false, verbosity: 0, useSystemFonts: false }).promise;
  try {
    const parts: string[] = [];
    let length = 0;
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES) && length < MAX_TEXT; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue;
        parts.push(item.str, item.hasEOL ? '\n' : '');
        length += item.str.length + 1;
      }
      parts.push('\n');
    }
    return parts.join('');
  } finally {
    await doc.destroy();
  }
}

/** The searchable text of a stored file of this media type: its words with single spaces and line ends, at most MAX_TEXT characters. */
export async function extractText(file: string, mediaType: string): Promise<string> {
  const bytes = new Uint8Array(await fs.readFile(file));
  let text = '';
  if (mediaType === 'application/pdf') text = await pdfText(bytes);
  else if (textEntries[mediaType]) text = zipText(bytes, textEntries[mediaType]);
  else if (mediaType.startsWith('text/')) text = new TextDecoder('utf-8').decode(bytes.subarray(0, MAX_TEXT * 4));
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
    .slice(0, MAX_TEXT);
}
