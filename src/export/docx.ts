import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  HeightRule,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { IRunOptions, ParagraphChild } from 'docx';
import { LOGO_BOX, nbsp } from './blocks.js';
import type { Block, ExportDocument, PageFrame, Run } from './blocks.js';
import { imageSize } from './image-size.js';

/** Export blocks → a Word document (docx), from the same blocks as the PDF. */

const INDENT = 360; // twips: a quarter inch per list level
const MONO = 'DejaVu Sans Mono';

/** A run's text as Word runs: line breaks become breaks, the marks stay on every piece. */
function textRuns(run: Run, extra: IRunOptions = {}): TextRun[] {
  const text = run.code ? run.text : nbsp(run.text);
  return text.split('\n').map(
    (piece, index) =>
      new TextRun({
        ...extra,
        text: piece,
        break: index > 0 ? 1 : undefined,
        bold: run.bold || extra.bold,
        italics: run.italic || extra.italics,
        strike: run.strike,
        font: run.code ? MONO : extra.font,
        style: run.link ? 'Hyperlink' : undefined,
      }),
  );
}

function children(runs: readonly Run[], extra: IRunOptions = {}): ParagraphChild[] {
  return runs.map((run) => (run.link ? new ExternalHyperlink({ link: run.link, children: textRuns(run, extra) }) : textRuns(run, extra))).flat();
}

const HEADINGS = { 1: HeadingLevel.TITLE, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2, 4: HeadingLevel.HEADING_3 } as const;

interface Context {
  /** Extra left indent (twips), e.g. inside a quote. */
  left: number;
  quote: boolean;
  muted?: boolean;
}

const quoteBorder = { left: { style: BorderStyle.SINGLE, size: 12, color: 'BBBBBB', space: 6 } };

function paragraph(block: Extract<Block, { kind: 'paragraph' }>, ctx: Context): Paragraph {
  const depth = block.indent ?? 0;
  // A marker hangs in its level's indent; a sub-item's "2.a)" needs more room (about 6 pt, 120 twips, a character).
  const hanging = block.marker && block.marker.length > 3 ? block.marker.length * 120 + 80 : INDENT;
  const left = ctx.left + (block.marker ? (depth - 1) * INDENT + hanging : depth * INDENT);
  const color = block.muted ? '555555' : undefined;
  const marker = block.marker ? [new TextRun({ text: `${block.marker}\t`, color })] : [];
  return new Paragraph({
    children: [...marker, ...children(block.runs, { color })],
    indent: block.marker ? { left, hanging } : left ? { left } : undefined,
    border: ctx.quote ? quoteBorder : undefined,
    spacing: { after: 80 },
  });
}

function cell(runs: readonly Run[], header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: children(runs) })],
    shading: header ? { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } : undefined,
  });
}

function table(block: Extract<Block, { kind: 'table' }>, ctx: Context): Table {
  const columns = Math.max(block.header.length, ...block.rows.map((row) => row.length));
  const row = (cells: Run[][], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      height: block.rowHeight && !header ? { value: block.rowHeight * 20, rule: HeightRule.ATLEAST } : undefined,
      children: Array.from({ length: columns }, (_, i) => cell(cells[i] ?? [], header)),
    });
  const total = 9000 - ctx.left - (block.indent ?? 0) * INDENT;
  const weights = block.widths?.length === columns ? block.widths : Array.from({ length: columns }, () => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  return new Table({
    rows: [...(block.header.length ? [row(block.header, true)] : []), ...block.rows.map((cells) => row(cells, false))],
    columnWidths: weights.map((w) => Math.round((total * w) / sum)),
    width: { size: total, type: WidthType.DXA },
    indent: { size: ctx.left + (block.indent ?? 0) * INDENT, type: WidthType.DXA },
  });
}

function blockElements(block: Block, ctx: Context): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], children: children(block.runs) })];
    case 'paragraph':
      return [paragraph(block, ctx)];
    case 'facts':
      return block.rows.map(([label, runs]) => new Paragraph({ children: [new TextRun({ text: nbsp(`${label}: `), bold: true }), ...children(runs)], spacing: { after: 40 } }));
    case 'table':
      return [table(block, ctx), new Paragraph({})];
    case 'quote':
      return block.blocks.flatMap((inner) => blockElements(inner, { left: ctx.left + (block.indent ?? 0) * INDENT + INDENT, quote: true }));
    case 'code':
      return block.text.split('\n').map(
        (line) =>
          new Paragraph({
            children: [new TextRun({ text: line, font: MONO, size: 18 })],
            shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' },
            indent: { left: ctx.left + (block.indent ?? 0) * INDENT },
            spacing: { after: 0 },
          }),
      );
    case 'rule':
      return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } }, spacing: { before: 200, after: 200 } })];
  }
}

/** "Strana X z Y" with Word's own page fields. */
function pageNumberRun(label: string): TextRun {
  const parts = label.split(/(\{page\}|\{pages\})/).filter(Boolean);
  const fields = parts.map((part) => (part === '{page}' ? PageNumber.CURRENT : part === '{pages}' ? PageNumber.TOTAL_PAGES : nbsp(part)));
  return new TextRun({ children: fields, size: 16 });
}

function footer(frame: PageFrame): Footer {
  const logo = frame.logo ? logoRun(frame.logo) : undefined;
  const lines = frame.footerLines.map((line, index) => new TextRun({ text: nbsp(line), size: 15, color: '444444', break: index > 0 ? 1 : undefined }));
  return new Footer({
    children: [
      ...(logo ? [new Paragraph({ children: [logo] })] : []),
      new Paragraph({ children: lines }),
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [pageNumberRun(frame.pageLabel)] }),
    ],
  });
}

/** The logo fitted into the footer's box, as in the PDF, its proportions kept. */
function logoRun(logo: NonNullable<PageFrame['logo']>): ImageRun | undefined {
  const size = imageSize(logo.data);
  if (!size) return undefined;
  // docx sizes images in pixels at 96 per inch; the box is in points, 72 per inch.
  const scale = (Math.min(LOGO_BOX.width / size.width, LOGO_BOX.height / size.height) * 96) / 72;
  return new ImageRun({ type: logo.type, data: logo.data, transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) } });
}

/** Renders an export document (the zápis) to a .docx file's bytes. */
export async function renderDocx({ frame, blocks }: ExportDocument): Promise<Buffer> {
  const draft = frame.draftMark;
  const document = new Document({
    title: frame.title,
    creator: 'Zápisník',
    styles: { default: { document: { run: { font: 'DejaVu Sans', size: 20 } } } },
    sections: [
      {
        headers: draft ? { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: draft, bold: true, color: 'B00020', size: 28 })] })] }) } : undefined,
        footers: { default: footer(frame) },
        children: blocks.flatMap((block) => blockElements(block, { left: 0, quote: false })),
      },
    ],
  });
  return Packer.toBuffer(document);
}
