import type { FileLine, ProceedingsItem, ResolutionModel, Run, ZapisModel } from '../zapis/model.js';
import { programMeta } from '../zapis/agenda.js';
import { plain, strong } from './blocks.js';
import type { Block } from './blocks.js';
import { markdownBlocks } from './markdown-blocks.js';

/**
 * The zápis model as export blocks for the PDF and Word renderers: the presenter's sections in its
 * order and its words, laid out for paper. Links inside the app are left as text (a printed zápis
 * has no use for them); external ones stay links.
 */

const section = (text: string): Block => ({ kind: 'heading', level: 2, runs: [plain(text)] });
const para = (runs: Run[], extra: Partial<Extract<Block, { kind: 'paragraph' }>> = {}): Block => ({ kind: 'paragraph', runs, ...extra });
const external = /^(https?:|mailto:)/i;

/** Runs for paper: app paths are dropped from links, external addresses kept. */
function paperRuns(runs: readonly Run[]): Run[] {
  return runs.map(({ link, ...run }) => (link && external.test(link) ? { ...run, link } : run));
}

/** Every block of the zápis, from the heading to the signature lines. */
export function zapisBlocks(model: ZapisModel): Block[] {
  return [
    // As the page's line above the title: the meeting's status (held, planned, cancelled) and its number in the year.
    para([plain([model.status.text, model.yearNumber].filter(Boolean).join(' · '))], { muted: true }),
    { kind: 'heading', level: 1, runs: [plain(model.heading)] },
    { kind: 'facts', rows: model.facts.map((fact) => [fact.label, paperRuns(fact.value)]) },
    ...attendanceBlocks(model),
    ...programBlocks(model),
    ...(model.opening ? [section(model.opening.heading), ...markdownBlocks(model.opening.text.markdown)] : []),
    ...proceedingsBlocks(model),
    ...(model.tasks
      ? [
          section(model.tasks.heading),
          {
            kind: 'table',
            header: model.tasks.columns.map((column) => [strong(column)]),
            rows: model.tasks.rows.map((task) => [[plain(task.text)], [plain(task.responsible)], [plain(task.dueDate)], [plain(task.status.text)]]),
            widths: [5, 3, 2, 2],
          } satisfies Block,
        ]
      : []),
    ...(model.closing ? [section(model.closing.heading), ...markdownBlocks(model.closing.text.markdown)] : []),
    ...(model.attachments ? [section(model.attachments.heading), ...model.attachments.files.map(attachmentLine)] : []),
    ...signatureBlocks(model),
  ];
}

function attendanceBlocks({ attendance }: ZapisModel): Block[] {
  if (!attendance) return [];
  return [
    section(attendance.heading),
    ...attendance.lines.map((line) => para([strong(`${line.label}: `), plain(line.text)])),
    ...(attendance.empty ? [para([plain(attendance.empty)], { muted: true })] : []),
    ...(attendance.quorum ? [para([plain(attendance.quorum.text)])] : []),
  ];
}

/** The Program: "1.  9:30  Title [odloženo] — předkládá X (20 min.)", sub-items "2.a)". */
function programBlocks({ program }: ZapisModel): Block[] {
  const blocks: Block[] = [section(program.heading)];
  if (program.empty) return [...blocks, para([plain(program.empty)], { muted: true })];
  const line = (entry: (typeof program.entries)[number], indent: number): Block => {
    const runs: Run[] = [];
    if (entry.time) runs.push(plain(`${entry.time}  `));
    runs.push(strong(entry.title));
    if (entry.deferred) runs.push(plain(` [${entry.deferred}]`));
    const meta = programMeta(entry);
    if (meta) runs.push(plain(meta));
    return para(runs, { indent, marker: entry.marker });
  };
  for (const entry of program.entries) {
    blocks.push(line(entry, 1));
    if (entry.description) blocks.push(...markdownBlocks(entry.description.markdown, 1));
    for (const child of entry.children) blocks.push(line(child, 2));
  }
  if (program.estimatedEnd) blocks.push(para([plain(program.estimatedEnd)], { muted: true }));
  return blocks;
}

/** Průběh jednání: Kontrola úkolů, then each item's proceedings with its files, resolutions and tasks. */
function proceedingsBlocks({ proceedings }: ZapisModel): Block[] {
  const blocks: Block[] = [section(proceedings.heading)];
  const review = proceedings.review;
  if (review) {
    blocks.push({ kind: 'heading', level: 3, runs: [plain(review.heading)] }, {
      kind: 'table',
      header: review.columns.map((column) => [strong(column)]),
      rows: review.rows.map((row) => [
        [plain(row.text)],
        [plain(row.responsible)],
        [plain(row.previousDueDate)],
        row.outcome.kind === 'closedOutside' || row.outcome.kind === 'notReviewed'
          ? [plain(row.outcome.text)]
          : [strong(row.outcome.text), ...(row.outcome.note ? [plain(` – ${row.outcome.note}`)] : [])],
      ]),
      widths: [5, 3, 2, 3],
    });
  }
  if (proceedings.notice) blocks.push(para([plain(proceedings.notice)], { muted: true }));
  blocks.push(...proceedings.opening.flatMap(resolutionBlocks));
  for (const item of proceedings.items) blocks.push(...itemBlocks(item));
  blocks.push(...proceedings.resolutions.flatMap(resolutionBlocks));
  return blocks;
}

function itemBlocks(item: ProceedingsItem): Block[] {
  return [
    { kind: 'heading', level: item.level, runs: [plain(`${item.marker} ${item.title}`)] },
    ...(item.text ? markdownBlocks(item.text.markdown) : []),
    ...item.files.map((file) => para([plain(`${file.title} (${file.meta})`)], { indent: 1, marker: '–' })),
    ...item.resolutions.flatMap(resolutionBlocks),
    ...item.tasks.map((task) => para(paperRuns(task.line), { indent: 1, marker: '•' })),
  ];
}

function resolutionBlocks(resolution: ResolutionModel): Block[] {
  return [
    para([strong(resolution.label)]),
    ...markdownBlocks(resolution.text.markdown),
    para([...(resolution.votes ? [plain(`${resolution.votes} — `)] : []), strong(resolution.outcome.text)]),
    ...(resolution.supersedes ? [para([plain(resolution.supersedes.text)], { muted: true })] : []),
  ];
}

function attachmentLine(file: FileLine, index: number): Block {
  const details = [file.meta, file.item].filter(Boolean).join(', ');
  return para([strong(file.title), plain(` — ${file.originalName} (${details})`)], { indent: 1, marker: `${index + 1}.` });
}

/** "Zapsal/a: …  Datum: ____", "Ověřil/a: …  Datum: ____". */
function signatureBlocks({ signatures }: ZapisModel): Block[] {
  if (!signatures) return [];
  const line = ({ label, names }: { label: string; names: string }) => para([strong(`${label} `), plain(names), plain(`      ${signatures.dateLine}`)]);
  return [{ kind: 'rule' }, ...[signatures.writtenBy, signatures.verifiedBy].filter((entry) => entry !== null).map(line)];
}
