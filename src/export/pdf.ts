import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { FontFiles, PdfContent, PdfNode } from 'pdfmake';
import { LOGO_BOX, nbsp } from './blocks.js';
import type { Block, ExportDocument, PageFrame, Run } from './blocks.js';

/**
 * Export blocks → PDF with pdfmake, on the server. DejaVu Sans (real regular, bold, oblique and
 * bold oblique TrueType files from the `dejavu-fonts-ttf` package) is embedded as a subset, so
 * Czech prints everywhere; the standard 14 PDF fonts are never used. pdfmake may read no file and
 * fetch no URL: the fonts sit in its in-memory file system, the logo comes as a data URL.
 */

const FONT = 'DejaVuSans';
const MONO = 'DejaVuSansMono';
const PAGE_WIDTH = 595.28;
const MARGIN = 50;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const INDENT = 18;

let configured = false;

/** Reads the TrueType files once and tells pdfmake about them (and that it may read nothing else). */
function configure(): void {
  if (configured) return;
  const ttf = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  // Into pdfmake's in-memory file system: read once, never from disk again.
  const load = (name: string) => {
    pdfmake.virtualfs.writeFileSync(`${name}.ttf`, fs.readFileSync(path.join(ttf, `${name}.ttf`)));
    return `${name}.ttf`;
  };
  const family = (base: string, italic: string): FontFiles => ({
    normal: load(base),
    bold: load(`${base}-Bold`),
    italics: load(`${base}-${italic}`),
    bolditalics: load(`${base}-Bold${italic}`),
  });
  pdfmake.setFonts({ [FONT]: family('DejaVuSans', 'Oblique'), [MONO]: family('DejaVuSansMono', 'Oblique') });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  configured = true;
}

/** One run as a pdfmake inline node; its marks are its own (pdfmake styles do not reach nested arrays). */
function inline(run: Run): PdfNode {
  const node: PdfNode = { text: run.code ? run.text : nbsp(run.text) };
  if (run.bold) node.bold = true;
  if (run.italic) node.italics = true;
  if (run.strike) node.decoration = 'lineThrough';
  if (run.code) Object.assign(node, { font: MONO, fontSize: 9, background: '#eeeeee' });
  if (run.link) Object.assign(node, { link: run.link, color: '#1a4f8b', decoration: 'underline' });
  return node;
}

const text = (runs: readonly Run[]): PdfNode[] => (runs.length ? runs.map(inline) : [{ text: '' }]);

/** The column a list marker hangs in: a level's indent, wider for a sub-item's "2.a)" (about 6 pt a character at 10 pt). */
const markerWidth = (marker: string): number => (marker.length <= 3 ? INDENT : marker.length * 6 + 4);

function paragraph(block: Extract<Block, { kind: 'paragraph' }>, indent: number): PdfContent {
  const style = block.muted ? { color: '#555555' } : {};
  const depth = block.indent ?? 0;
  if (!block.marker) return { text: text(block.runs), margin: [indent + depth * INDENT, 0, 0, 4], ...style };
  return {
    columns: [
      { width: markerWidth(block.marker), text: block.marker },
      { width: '*', text: text(block.runs) },
    ],
    columnGap: 0,
    margin: [indent + (depth - 1) * INDENT, 0, 0, 3],
    ...style,
  };
}

/** Column widths in points from relative weights (or equal shares). */
function columnWidths(columns: number, weights: number[] | undefined, available: number): (number | string)[] {
  if (!weights || weights.length !== columns) return Array.from({ length: columns }, () => '*');
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (available - columns * 8) * (w / sum));
}

const gridLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#999999',
  vLineColor: () => '#999999',
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

function table(block: Extract<Block, { kind: 'table' }>, indent: number): PdfContent {
  const left = indent + (block.indent ?? 0) * INDENT;
  const columns = Math.max(block.header.length, ...block.rows.map((row) => row.length));
  const cell = (runs: Run[] | undefined): PdfNode => ({ text: text(runs ?? []) });
  const row = (cells: Run[][]) => Array.from({ length: columns }, (_, i) => cell(cells[i]));
  const body = [block.header.length ? row(block.header).map((c) => ({ ...c, fillColor: '#eeeeee' })) : null, ...block.rows.map(row)].filter(Boolean);
  return {
    table: {
      headerRows: block.header.length ? 1 : 0,
      keepWithHeaderRows: block.header.length ? 1 : 0,
      dontBreakRows: true,
      widths: columnWidths(columns, block.widths, CONTENT_WIDTH - left),
      heights: block.rowHeight ? (i: number) => (i === 0 ? 'auto' : block.rowHeight) : undefined,
      body,
    },
    layout: gridLayout,
    fontSize: 9.5,
    margin: [left, 2, 0, 8],
  };
}

function quote(block: Extract<Block, { kind: 'quote' }>, indent: number): PdfContent {
  return {
    table: { widths: ['*'], body: [[{ stack: content(block.blocks, 0) }]] },
    layout: { hLineWidth: () => 0, vLineWidth: (i: number) => (i === 0 ? 2 : 0), vLineColor: () => '#bbbbbb', paddingLeft: () => 8 },
    color: '#333333',
    margin: [indent + (block.indent ?? 0) * INDENT, 0, 0, 6],
  };
}

const HEADING = { 1: { fontSize: 16, margin: [0, 0, 0, 8] }, 2: { fontSize: 13, margin: [0, 12, 0, 5] }, 3: { fontSize: 11.5, margin: [0, 8, 0, 4] }, 4: { fontSize: 10.5, margin: [0, 6, 0, 3] } };

function blockContent(block: Block, indent: number): PdfContent {
  switch (block.kind) {
    case 'heading':
      return { text: text(block.runs), bold: true, ...HEADING[block.level], headlineLevel: block.level };
    case 'paragraph':
      return paragraph(block, indent);
    case 'facts':
      return {
        table: { widths: ['auto', '*'], body: block.rows.map(([label, runs]) => [{ text: nbsp(`${label}:`), bold: true }, { text: text(runs) }]) },
        layout: 'noBorders',
        margin: [indent, 0, 0, 8],
      };
    case 'table':
      return table(block, indent);
    case 'quote':
      return quote(block, indent);
    case 'code':
      return { text: block.text, font: MONO, fontSize: 8.5, preserveLeadingSpaces: true, background: '#f2f2f2', margin: [indent + (block.indent ?? 0) * INDENT, 0, 0, 6] };
    case 'rule':
      return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH - indent, y2: 0, lineWidth: 0.5, lineColor: '#999999' }], margin: [indent, 10, 0, 10] };
  }
}

function content(blocks: readonly Block[], indent: number): PdfContent[] {
  return blocks.map((block) => blockContent(block, indent));
}

/** The footer of every page: logo, group and project, "Strana X z Y". */
function footer(frame: PageFrame) {
  return (currentPage: number, pageCount: number): PdfContent => ({
    columns: [
      ...(frame.logo ? [{ image: 'logo', fit: [LOGO_BOX.width, LOGO_BOX.height], width: 'auto' }] : []),
      { width: '*', stack: frame.footerLines.map((line) => nbsp(line)), fontSize: 7.5, color: '#444444', margin: [frame.logo ? 8 : 0, 2, 8, 0] },
      { width: 'auto', text: nbsp(frame.pageLabel.replace('{page}', String(currentPage)).replace('{pages}', String(pageCount))), fontSize: 8, margin: [0, 2, 0, 0] },
    ],
    margin: [MARGIN, 12, MARGIN, 0],
  });
}

/** The pdfmake document definition for an export document. */
function definition({ frame, blocks }: ExportDocument): PdfNode {
  const draft = frame.draftMark;
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN, draft ? 50 : 45, MARGIN, 60],
    info: { title: frame.title, creator: 'Zápisník', producer: 'Zápisník' },
    language: 'cs-CZ',
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.2 },
    images: frame.logo ? { logo: `data:image/${frame.logo.type === 'png' ? 'png' : 'jpeg'};base64,${frame.logo.data.toString('base64')}` } : undefined,
    header: draft ? () => ({ text: draft, bold: true, color: '#b00020', alignment: 'right', fontSize: 11, margin: [MARGIN, 20, MARGIN, 0] }) : undefined,
    watermark: draft ? { text: draft, font: FONT, bold: true, color: '#b00020', opacity: 0.12, angle: -45 } : undefined,
    footer: footer(frame),
    content: content(blocks, 0),
  };
}

/** Renders an export document (a zápis, an attendance sheet) to PDF bytes. */
export async function renderPdf(document: ExportDocument): Promise<Buffer> {
  configure();
  return pdfmake.createPdf(definition(document)).getBuffer();
}
