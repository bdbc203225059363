import type { Fact, FileLine, ProceedingsItem, ResolutionModel, ReviewSection, Run, TaskTable, ZapisModel } from '../zapis/model.js';
import { czechSafeMarkdown } from '../markdown.js';
import { programMeta } from '../zapis/agenda.js';

/**
 * The zápis as one Markdown document (for e-mail and archives): the presenter's sections in its
 * order and its words, with every link absolute so that it works outside the app.
 */

type Block = string | undefined | null | false;

/** Plain text in Markdown: characters that would start emphasis, code, links or HTML are escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** A table cell: escaped, and without the pipes and line breaks that would end the cell. */
function cell(text: string): string {
  return escapeMarkdown(text).replace(/\|/g, '\\|');
}

/** A GFM table from a header row and body rows of plain text. */
function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header.map(cell)), line(header.map(() => '---')), ...rows.map((row) => line(row.map(cell)))].join('\n');
}

/**
 * Written Markdown placed under the document's own headings, rendered as the app renders it: "# Heading"
 * becomes "#### Heading" (the page shows h1 as h4), so typed headings cannot break the zápis's outline,
 * and a single line break stays one (the app renders with `breaks`; plain Markdown needs two trailing
 * spaces for that). Code blocks stay as they are.
 */
export function asWritten(markdown: string): string {
  // Dates and ordinals at a line's start stay text in any Markdown reader, as they do in the app.
  const lines = czechSafeMarkdown(markdown.replace(/\r\n?/g, '\n').trim()).split('\n');
  let fence: string | null = null;
  return lines
    .map((line, index) => {
      const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (opening) fence = fence === null ? opening[1][0] : line.trimStart().startsWith(fence) ? null : fence;
      if (fence !== null || opening) return line;
      const demoted = line.replace(/^( {0,3})(#{1,6})(?=\s|$)/, (_whole, indent: string, hashes: string) => `${indent}${'#'.repeat(Math.min(6, hashes.length + 3))}`);
      const next = lines[index + 1];
      const softBreak = next !== undefined && next.trim() !== '' && demoted.trim() !== '' && !demoted.endsWith('  ') && !/^ {0,3}(#|\|)/.test(demoted);
      return softBreak ? `${demoted}  ` : demoted;
    })
    .join('\n');
}

/** Indents every line but the first, so that a multi-line text continues a list item. */
function indentRest(text: string, spaces: number): string {
  return text.replace(/\n(?=.)/g, `\n${' '.repeat(spaces)}`);
}

/** Runs as Markdown: escaped text, bold and italic marks, links made absolute with `baseUrl`. */
function runs(pieces: readonly Run[], baseUrl: string): string {
  return pieces
    .map((run) => {
      let text = run.code ? `\`${run.text}\`` : escapeMarkdown(run.text);
      if (run.link) text = `[${text}](${run.link.startsWith('/') ? baseUrl + run.link : run.link})`;
      if (run.bold) text = `**${text}**`;
      if (run.italic) text = `*${text}*`;
      return text;
    })
    .join('');
}

const fact = (entry: Fact, baseUrl: string) => `- **${escapeMarkdown(entry.label)}:** ${runs(entry.value, baseUrl)}`;

/** ## Program: a numbered list, sub-items as nested "2.a)" lines, item descriptions under their item. */
function program({ program: p }: ZapisModel): string {
  const title = `## ${p.heading}`;
  if (p.empty) return `${title}\n\n${escapeMarkdown(p.empty)}`;
  const line = (entry: (typeof p.entries)[number]) => {
    return `${entry.time ? `${entry.time} ` : ''}**${escapeMarkdown(entry.title)}**${entry.deferred ? ` *(${escapeMarkdown(entry.deferred)})*` : ''}${escapeMarkdown(programMeta(entry))}`;
  };
  const lines = p.entries.map((entry) => {
    const indent = entry.marker.length + 1;
    const pad = ' '.repeat(indent);
    const parts = [`${entry.marker} ${line(entry)}`];
    if (entry.description) parts.push(`\n${pad}${indentRest(asWritten(entry.description.markdown), indent)}\n`);
    for (const child of entry.children) parts.push(`${pad}- ${child.marker} ${line(child)}`);
    return parts.join('\n');
  });
  return [title, lines.join('\n'), p.estimatedEnd && escapeMarkdown(p.estimatedEnd)].filter(Boolean).join('\n\n');
}

/** Prezence: a line per kind of attendee, then the quorum. */
function attendance({ attendance: a }: ZapisModel): string | undefined {
  if (!a) return undefined;
  const lines = a.lines.map((line) => `- **${escapeMarkdown(line.label)}:** ${escapeMarkdown(line.text)}`).join('\n');
  return [`## ${a.heading}`, lines, a.empty && escapeMarkdown(a.empty), a.quorum && escapeMarkdown(a.quorum.text)].filter(Boolean).join('\n\n');
}

/** A file as a link that works outside the app: "[Title](https://…/attachments/5) (PDF, 340 kB)". */
function fileLink(file: FileLine, baseUrl: string): string {
  return `[${escapeMarkdown(file.title)}](${baseUrl}${file.path}) (${escapeMarkdown(file.meta)})`;
}

/** "**Usnesení č. 3/2018:** text — Hlasování: pro 14 : proti 0 : zdrželo se 1 — schváleno" (a longer text in a block of its own). */
function resolution(r: ResolutionModel, baseUrl: string): string {
  const result = escapeMarkdown([r.votes, r.outcome.text].filter(Boolean).join(' — '));
  const label = `**${escapeMarkdown(r.label)}:**`;
  const text = asWritten(r.text.markdown);
  const supersedes = r.supersedes ? `\n\n[${escapeMarkdown(r.supersedes.text)}](${baseUrl}${r.supersedes.path})` : '';
  const body = text.includes('\n') ? `${label}\n\n${text}\n\n*${result}*` : `${label} ${text} — ${result}`;
  return body + supersedes;
}

/** One agenda item in Průběh jednání: heading, proceedings as written, its files, resolutions and tasks. */
function proceedingsItem(item: ProceedingsItem, baseUrl: string): string {
  const blocks: Block[] = [
    `${'#'.repeat(item.level)} ${item.marker} ${escapeMarkdown(item.title)}`,
    item.text && item.text.markdown.trim() && asWritten(item.text.markdown),
    item.files.length > 0 && item.files.map((file) => `- ${fileLink(file, baseUrl)}`).join('\n'),
    ...item.resolutions.map((r) => resolution(r, baseUrl)),
    item.tasks.length > 0 && item.tasks.map((task) => `- ${runs(task.line, baseUrl)}`).join('\n'),
  ];
  return blocks.filter(Boolean).join('\n\n');
}

/** ### Kontrola úkolů: the open tasks from earlier meetings and what this meeting found about each. */
function review(section: ReviewSection): string {
  const body = section.rows.map((row) => [row.text, row.responsible, row.previousDueDate, row.outcome.note ? `${row.outcome.text} – ${row.outcome.note}` : row.outcome.text]);
  return `### ${escapeMarkdown(section.heading)}\n\n${table(section.columns, body)}`;
}

/** ## Průběh jednání: the review of tasks, every agenda item with its record, and resolutions outside items. */
function proceedings({ proceedings: p }: ZapisModel, baseUrl: string): string {
  const blocks: Block[] = [
    `## ${p.heading}`,
    p.review && review(p.review),
    p.notice && escapeMarkdown(p.notice),
    ...p.opening.map((r) => resolution(r, baseUrl)),
    ...p.items.map((item) => proceedingsItem(item, baseUrl)),
    ...p.resolutions.map((r) => resolution(r, baseUrl)),
  ];
  return blocks.filter(Boolean).join('\n\n');
}

/** ## Úkoly: the tasks that arose at this meeting, as a table. */
function tasks(section: TaskTable): string {
  return `## ${section.heading}\n\n${table(section.columns, section.rows.map((row) => [row.text, row.responsible, row.dueDate, row.status.text]))}`;
}

/** The whole zápis of one meeting as one Markdown document; links made absolute with `baseUrl`. */
export function zapisMarkdown(model: ZapisModel, baseUrl: string): string {
  const s = model.signatures;
  const signatures = s && [s.writtenBy, s.verifiedBy].filter((line) => line !== null).map((line) => escapeMarkdown(`${line.label} ${line.names}`));
  const blocks: Block[] = [
    model.draft && `> ${escapeMarkdown(model.draft.note)}`,
    `# ${escapeMarkdown(model.heading)}`,
    `*${[model.status.text, model.yearNumber].filter((part): part is string => Boolean(part)).map(escapeMarkdown).join(' · ')}*`,
    model.facts.map((entry) => fact(entry, baseUrl)).join('\n'),
    attendance(model),
    program(model),
    model.opening && `## ${model.opening.heading}\n\n${asWritten(model.opening.text.markdown)}`,
    proceedings(model, baseUrl),
    model.tasks && tasks(model.tasks),
    model.closing && `## ${model.closing.heading}\n\n${asWritten(model.closing.text.markdown)}`,
    model.attachments && `## ${model.attachments.heading}\n\n${model.attachments.files.map((file) => `- ${fileLink(file, baseUrl)} – ${escapeMarkdown([file.originalName, file.item].filter(Boolean).join(', '))}`).join('\n')}`,
    // Two trailing spaces: a hard line break, so both lines stay one signature block.
    signatures && signatures.length > 0 && signatures.join('  \n'),
    model.funding && `---\n\n*${escapeMarkdown(model.funding.line)}*`,
  ];
  return `${blocks.filter(Boolean).join('\n\n')}\n`;
}
