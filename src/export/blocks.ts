/**
 * The document model both exports render: the zápis (or an attendance sheet) as a flat list of
 * simple blocks, with inline runs that carry their own marks. The PDF and the Word renderer each
 * turn these blocks into their library's structures, so both always hold the same content.
 */

import type { Run } from '../zapis/model.js';

export type { Run };

export type Block =
  /** level 1: the title, 2: a section, 3: an agenda item, 4: a sub-item or a heading typed in the minutes. */
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; runs: Run[] }
  /** `marker` ("1.", "a)", "•") hangs before the text; `indent` counts list levels. */
  | { kind: 'paragraph'; runs: Run[]; indent?: number; marker?: string; muted?: boolean }
  /** Label and value pairs (Datum, Čas, Místo…). */
  | { kind: 'facts'; rows: [string, Run[]][] }
  /** `widths` are relative column weights; `rowHeight` (points) leaves room, e.g. for signatures. */
  | { kind: 'table'; header: Run[][]; rows: Run[][][]; indent?: number; widths?: number[]; rowHeight?: number }
  | { kind: 'quote'; blocks: Block[]; indent?: number }
  | { kind: 'code'; text: string; indent?: number }
  | { kind: 'rule' };

/** The box (in points) the project's logo is fitted into in the footer of a PDF or Word page. */
export const LOGO_BOX = { width: 90, height: 28 } as const;

/** What goes around the blocks on every page. */
export interface PageFrame {
  /** The document's title (PDF metadata, Word core properties). */
  title: string;
  /** Left part of the footer: the group, then the funded project and its registration number. */
  footerLines: string[];
  /** The project's logo (PNG or JPEG bytes), when the funding footer applies and a logo is set. */
  logo?: { data: Buffer; type: 'png' | 'jpg' };
  /** "NÁVRH" on every page of unpublished minutes; undefined for published ones. */
  draftMark?: string;
  /** "Strana {page} z {pages}" with the placeholders left in. */
  pageLabel: string;
}

/** A document to render: its frame and its content. */
export interface ExportDocument {
  frame: PageFrame;
  blocks: Block[];
}

// One-letter prepositions and conjunctions that must not end a line (ČSN 01 6910).
const ONE_LETTER = /(?<=^|[\s\u00a0(„"'–—/])([kKsSvVzZoOuUaAiI]) +/g;
// "20. 3. 2018": the parts of a date stay together.
const DATE = /\b(\d{1,2})\. +(\d{1,2})\. +(\d{4})\b/g;

/** Czech typography: non-breaking spaces after one-letter words and inside dates. */
export function nbsp(text: string): string {
  return text.replace(DATE, '$1.\u00a0$2.\u00a0$3').replace(ONE_LETTER, '$1\u00a0');
}

/** A plain run. */
export const plain = (text: string): Run => ({ text });

/** A bold run. */
export const strong = (text: string): Run => ({ text, bold: true });
