import type { Locale, Translate } from '../i18n/index.js';
import type { ActionItemRow, ReviewBlockRow } from '../db/action-items.js';
import type { AttachmentRow } from '../db/attachments.js';
import type { AttendanceRow, Quorum } from '../db/attendance.js';
import type { MeetingListRow } from '../db/meetings.js';
import type { ResolutionRow } from '../db/resolutions.js';
import type { AgendaEntry, MeetingRecord, ZapisView } from '../meeting-record.js';
import type { ViewLocals } from '../request-context.js';
import { joinNames, meetingTitle, minutesHeading, personLabel, yearNumberLabel } from '../zapis.js';

/**
 * The zápis as one Markdown document (for e-mail and archives): the same parts, in the same order
 * and with the same visibility as the meeting page (views/meetings/show.ejs), built from zapisView.
 */

/** What the document is written with: the request's language and the instance's address for links. */
export interface MarkdownContext {
  t: Translate;
  locale: Locale;
  fmt: ViewLocals['fmt'];
  baseUrl: string;
}

/** The page's rules for what a viewer sees, computed once. */
interface Shown {
  hasContent: boolean;
  /** Proceedings, notes and signatures. */
  minutes: boolean;
  /** Agenda items in Průběh jednání (writers see them before anything is written). */
  items: boolean;
}

type Block = string | undefined | false;

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
  const lines = markdown.replace(/\r\n?/g, '\n').trim().split('\n');
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

/** An absolute address of the instance, for links that must work from an e-mail. */
function absolute(ctx: MarkdownContext, path: string): string {
  return `${ctx.baseUrl}${path}`;
}

/** "10. setkání … (20. 3. 2018)" linked to the meeting. */
function meetingLink(row: MeetingListRow, ctx: MarkdownContext): string {
  const title = meetingTitle(row, { name: row.leadGroupName, nameGenitive: row.leadGroupNameGenitive });
  return `[${escapeMarkdown(title)}](${absolute(ctx, `/meetings/${row.id}`)}) (${ctx.fmt.date(row.startsAt, row.timeZone)})`;
}

/** The heading as the page words it: "Zápis z …" once there are minutes to read, else the title. */
function heading(view: ZapisView, shown: Shown, ctx: MarkdownContext): string {
  const { record } = view;
  const text = view.minutesVisible && (shown.hasContent || record.meeting.status === 'held') ? minutesHeading(record.title, ctx.t) : record.title;
  return `# ${escapeMarkdown(text)}`;
}

/** Status and the number within the year, as the page's line above the title. */
function kicker(record: MeetingRecord, ctx: MarkdownContext): string {
  const parts = [ctx.t(`meetings.status.${record.meeting.status}`)];
  if (record.numberInYear) parts.push(yearNumberLabel(record.numberInYear, record.localStart.year, ctx.t));
  return `*${parts.map(escapeMarkdown).join(' · ')}*`;
}

/** Datum, Čas, Místo, Řídí jednání, Zapisovatel/ka, follow-ups and Ověřovatelé, as a list. */
function facts(view: ZapisView, ctx: MarkdownContext): string {
  const { record, groups } = view;
  const m = record.meeting;
  const { t, fmt } = ctx;
  const rows: [string, string | false | null][] = [
    [t('meetings.date'), escapeMarkdown(fmt.dateLong(m.startsAt, m.timeZone))],
    [t('meetings.time'), `${fmt.time(m.startsAt, m.timeZone)}${m.endsAt ? `–${fmt.time(m.endsAt, m.timeZone)}` : ''}`],
    [t('meetings.place'), record.place && escapeMarkdown(record.place)],
    [t('meetings.onlineUrl'), m.onlineUrl && `<${m.onlineUrl}>`],
    [t('meetings.groups'), groups.length > 1 && escapeMarkdown(joinNames(groups.map((g) => g.name), ctx.locale))],
    [t('meetings.chair'), m.chair && escapeMarkdown(personLabel(m.chair))],
    [t('meetings.minuteTaker'), m.minuteTaker && escapeMarkdown(personLabel(m.minuteTaker))],
    [t('followUp.follows'), record.follows ? meetingLink(record.follows, ctx) : null],
    [t('followUp.followUps'), record.followUps.length > 0 && record.followUps.map((row) => meetingLink(row, ctx)).join('; ')],
    [t('meetings.verifiers'), m.verifiers.length > 0 && escapeMarkdown(joinNames(m.verifiers.map((v) => personLabel(v)), ctx.locale))],
  ];
  return rows
    .filter((row): row is [string, string] => Boolean(row[1]))
    .map(([label, value]) => `- **${escapeMarkdown(label)}:** ${value}`)
    .join('\n');
}

/** "Jana Kujanová (KÚ LK) za Mgr. Hana Velemínská", as the attendance block names people. */
function attendeeLabel(row: AttendanceRow, t: Translate): string {
  return row.substituteFor ? t('attendance.substituteLabel', { person: personLabel(row), member: row.substituteFor.label }) : personLabel(row);
}

/** The quorum line, only once someone recorded who came (as the page does). */
function quorumLine(attendance: AttendanceRow[], quorum: Quorum, t: Translate): string | undefined {
  const recorded = attendance.some((row) => (row.kind === 'member' || row.kind === 'substitute') && row.status !== 'expected');
  if (!recorded || quorum.total === 0) return undefined;
  const need = quorum.percent === 50 ? t('attendance.quorumNeedHalf') : t('attendance.quorumNeedPercent', { percent: quorum.percent });
  const result = t(quorum.met ? 'attendance.quorumMet' : 'attendance.quorumNotMet');
  return escapeMarkdown(t('attendance.quorum', { present: quorum.present, count: quorum.total, result, need }));
}

/** Prezence: Přítomni (or "dle prezenční listiny"), Omluveni, Nepřítomni, Hosté, Přizváni and the quorum. */
function attendance(view: ZapisView, ctx: MarkdownContext): string | undefined {
  const { attendance: rows, bySheet, quorum } = view.record.attendance;
  if (!view.minutesVisible) return undefined;
  const { t } = ctx;
  const names = (status: AttendanceRow['status'], kinds?: AttendanceRow['kind'][]) =>
    rows.filter((row) => row.status === status && (!kinds || kinds.includes(row.kind))).map((row) => attendeeLabel(row, t)).join(', ');
  const sections: [string, string][] = [
    [t('attendance.present'), bySheet ? t('attendance.bySheet') : names('present', ['member', 'substitute'])],
    [t('attendance.excused'), names('excused')],
    [t('attendance.absent'), names('absent')],
    [t('attendance.guests'), names('present', ['guest'])],
    [t('attendance.invited'), names('present', ['invited'])],
  ];
  const lines = sections.filter(([, text]) => text).map(([label, text]) => `- **${escapeMarkdown(label)}:** ${escapeMarkdown(text)}`);
  const quorumText = quorumLine(rows, quorum, t);
  if (!lines.length && !quorumText) return undefined;
  return [`## ${t('attendance.title')}`, lines.join('\n'), quorumText].filter(Boolean).join('\n\n');
}

/** One line of the Program: "9:30 Title (odloženo) — předkládá X (20 min.)". */
function agendaLine(entry: AgendaEntry, showTimes: boolean, ctx: MarkdownContext): string {
  const { item } = entry;
  const meta = [item.presenter && ctx.t('agenda.presents', { name: item.presenter }), entry.duration && `(${ctx.t('agenda.minutesShort', { n: entry.duration })})`].filter(Boolean);
  const time = showTimes && entry.start !== null ? `${ctx.fmt.clock(entry.start)} ` : '';
  const deferred = item.deferred ? ` *(${ctx.t('agenda.deferredBadge')})*` : '';
  return `${time}**${escapeMarkdown(item.title)}**${deferred}${meta.length ? ` — ${escapeMarkdown(meta.join(' '))}` : ''}`;
}

/** ## Program: a numbered list, sub-items as nested "a)" lines, item descriptions under their item. */
function program(record: MeetingRecord, ctx: MarkdownContext): string {
  const title = `## ${ctx.t('agenda.title')}`;
  if (!record.agenda.length) return `${title}\n\n${escapeMarkdown(ctx.t('agenda.empty'))}`;
  const timed = (entry: AgendaEntry) => Boolean(entry.item.durationMinutes || entry.item.fixedStart);
  const showTimes = record.agenda.some((entry) => timed(entry) || entry.children.some(timed));
  const lines = record.agenda.map((entry) => {
    const indent = entry.marker.length + 1;
    const pad = ' '.repeat(indent);
    const parts = [`${entry.marker} ${agendaLine(entry, showTimes, ctx)}`];
    if (entry.item.description) parts.push(`\n${pad}${indentRest(asWritten(entry.item.description), indent)}\n`);
    for (const child of entry.children) parts.push(`${pad}- ${child.marker} ${agendaLine(child, showTimes, ctx)}`);
    return parts.join('\n');
  });
  const end = record.estimatedEnd !== null && showTimes ? escapeMarkdown(ctx.t('agenda.estimatedEnd', { time: ctx.fmt.clock(record.estimatedEnd) })) : undefined;
  return [title, lines.join('\n'), end].filter(Boolean).join('\n\n');
}

/** A section of written Markdown under an h2 ("## Úvod"), when there is any. */
function notes(title: string, markdown: string): string | undefined {
  return markdown.trim() ? `## ${title}\n\n${asWritten(markdown)}` : undefined;
}

/** A file's size as people read it: "340 kB", "1,2 MB". */
function size(bytes: number, ctx: MarkdownContext): string {
  const mb = 1024 * 1024;
  if (bytes < mb) return ctx.t('attachments.kB', { n: new Intl.NumberFormat(ctx.locale).format(Math.max(1, Math.round(bytes / 1024))) });
  return ctx.t('attachments.MB', { n: new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 }).format(bytes / mb) });
}

/** An attachment as a link that works outside the app: "[Title](https://…/attachments/5) (PDF, 340 kB)". */
function attachmentLink(file: AttachmentRow, ctx: MarkdownContext): string {
  return `[${escapeMarkdown(file.title)}](${absolute(ctx, `/attachments/${file.id}`)}) (${escapeMarkdown(`${file.format}, ${size(file.size, ctx)}`)})`;
}

/** "**Usnesení č. 3/2018:** text — pro 14 : proti 0 : zdrželo se 1, schváleno" (a longer text in a block of its own). */
function resolution(row: ResolutionRow, ctx: MarkdownContext): string {
  const { t } = ctx;
  const votes = row.votesFor !== null || row.votesAgainst !== null || row.votesAbstain !== null;
  const result = [votes && t('resolutions.voteLine', { yes: row.votesFor ?? 0, no: row.votesAgainst ?? 0, abstain: row.votesAbstain ?? 0 }), t(`resolutions.outcome.${row.outcome}`)]
    .filter(Boolean)
    .join(', ');
  const label = `**${escapeMarkdown(t('resolutions.numberLabel', { label: row.label }))}:**`;
  const text = asWritten(row.text);
  const supersedes = row.supersedes
    ? `\n\n[${escapeMarkdown(t('resolutions.supersedesLine', { label: row.supersedes.label }))}](${absolute(ctx, `/meetings/${row.supersedes.meetingId}#resolution-${row.supersedes.id}`)})`
    : '';
  const body = text.includes('\n') ? `${label}\n\n${text}\n\n*${escapeMarkdown(result)}*` : `${label} ${text} — ${escapeMarkdown(result)}`;
  return body + supersedes;
}

/** Who is responsible for a task: the people, then the organisation. */
function responsible(row: ActionItemRow, ctx: MarkdownContext): string {
  return joinNames([...row.owners.map((owner) => owner.label), ...(row.organisation ? [row.organisation] : [])], ctx.locale) || ctx.t('common.none');
}

/** "- **Úkol:** text — Zodpovídá: X, Termín: 30. 4. 2018", as under an agenda item on the page. */
function taskLine(row: ActionItemRow, ctx: MarkdownContext): string {
  const { t } = ctx;
  const who = row.owners.length || row.organisation ? ` — ${t('actionItems.owners')}: ${responsible(row, ctx)}` : '';
  const due = row.dueDate ? `, ${t('actionItems.dueDate')}: ${ctx.fmt.calendarDate(row.dueDate)}` : '';
  return `- **${escapeMarkdown(t('actionItems.item'))}:** ${escapeMarkdown(`${row.text}${who}${due}`)}`;
}

/** One agenda item in Průběh jednání: heading, proceedings as written, its files, resolutions and tasks. */
function proceedingsItem(entry: AgendaEntry, marker: string, level: number, view: ZapisView, ctx: MarkdownContext): string {
  const { record } = view;
  const id = entry.item.id;
  const files = record.attachments.filter((file) => file.agendaItemId === id);
  const tasks = record.actionItems.filter((task) => task.agendaItemId === id);
  const blocks: Block[] = [
    `${'#'.repeat(level)} ${marker} ${escapeMarkdown(entry.item.title)}`,
    entry.item.proceedings.trim() && asWritten(entry.item.proceedings),
    files.length > 0 && files.map((file) => `- ${attachmentLink(file, ctx)}`).join('\n'),
    ...record.resolutions.filter((row) => row.agendaItemId === id).map((row) => resolution(row, ctx)),
    tasks.length > 0 && tasks.map((task) => taskLine(task, ctx)).join('\n'),
  ];
  return blocks.filter(Boolean).join('\n\n');
}

/** What the review found about a task: "splněno", "nový termín 30. 4. 2018 – poznámka", "nezkontrolováno". */
function reviewResult(row: ReviewBlockRow, ctx: MarkdownContext): string {
  const { t } = ctx;
  if (row.review) {
    const { outcome, dueDate, note } = row.review;
    const words =
      outcome === 'rescheduled'
        ? dueDate
          ? t('actionItems.outcomeRescheduled', { date: ctx.fmt.calendarDate(dueDate) })
          : t('actionItems.outcomeNoDueDate')
        : t(({ open: 'actionItems.outcomeOpen', done: 'actionItems.outcomeDone', cancelled: 'actionItems.outcomeCancelled' } as const)[outcome]);
    return note ? `${words} – ${note}` : words;
  }
  if (row.closedOutside) {
    const outcome = t(row.closedOutside === 'done' ? 'actionItems.outcomeDone' : 'actionItems.outcomeCancelled');
    return t('actionItems.closedSinceLastMeeting', { outcome });
  }
  return t('actionItems.notReviewed');
}

/** ### Kontrola úkolů: the open tasks from earlier meetings and what this meeting found about each. */
function reviewBlock(rows: ReviewBlockRow[], ctx: MarkdownContext): string {
  const { t } = ctx;
  const header = [t('actionItems.item'), t('actionItems.owners'), t('actionItems.previousDueDate'), t('actionItems.reviewOutcome')];
  const body = rows.map((row) => [row.text, responsible(row, ctx), row.previousDueDate ? ctx.fmt.calendarDate(row.previousDueDate) : t('common.none'), reviewResult(row, ctx)]);
  return `### ${t('actionItems.review')}\n\n${table(header, body)}`;
}

/** ## Průběh jednání: the review of tasks, every agenda item with its record, and resolutions outside items. */
function proceedings(view: ZapisView, shown: Shown, ctx: MarkdownContext): string {
  const { record, canWrite, minutesVisible } = view;
  const blocks: Block[] = [`## ${ctx.t('minutes.proceedings')}`];
  if (minutesVisible && record.reviewBlock.length) blocks.push(reviewBlock(record.reviewBlock, ctx));
  // Readers are told only that nothing is published: not whether a draft exists.
  if (!shown.minutes) blocks.push(escapeMarkdown(canWrite ? ctx.t('minutes.notYet') : ctx.t('minutes.notPublished')));
  if (shown.items) {
    for (const entry of record.agenda) {
      blocks.push(proceedingsItem(entry, entry.marker, 3, view, ctx));
      for (const child of entry.children) blocks.push(proceedingsItem(child, entry.marker + child.marker, 4, view, ctx));
    }
    blocks.push(...record.resolutions.filter((row) => row.agendaItemId === null).map((row) => resolution(row, ctx)));
  }
  return blocks.filter(Boolean).join('\n\n');
}

/** ## Úkoly: the tasks that arose at this meeting, as a table. */
function tasks(rows: ActionItemRow[], ctx: MarkdownContext): string {
  const { t } = ctx;
  const status = { open: t('actionItems.statusOpen'), done: t('actionItems.statusDone'), cancelled: t('actionItems.statusCancelled') };
  const header = [t('actionItems.item'), t('actionItems.owners'), t('actionItems.dueDate'), t('actionItems.status')];
  const body = rows.map((row) => [row.text, responsible(row, ctx), row.dueDate ? ctx.fmt.calendarDate(row.dueDate) : t('actionItems.noDueDate'), status[row.status]]);
  return `## ${t('actionItems.title')}\n\n${table(header, body)}`;
}

/** ## Přílohy: every file of the meeting, linked absolutely, with its agenda item. */
function attachments(rows: AttachmentRow[], ctx: MarkdownContext): string {
  const line = (file: AttachmentRow) => {
    const item = file.agendaItemTitle ? ` – ${escapeMarkdown(ctx.t('attachments.ofItem', { title: file.agendaItemTitle }))}` : '';
    return `- ${attachmentLink(file, ctx)}${item}`;
  };
  return `## ${ctx.t('attachments.title')}\n\n${rows.map(line).join('\n')}`;
}

/** "Zapsal/a: … / Ověřil/a: …", each on a line of its own. */
function signatures(view: ZapisView, ctx: MarkdownContext): string | undefined {
  const m = view.record.meeting;
  const lines = [
    m.minuteTaker && `${ctx.t('minutes.writtenBy')} ${personLabel(m.minuteTaker, false)}`,
    m.verifiers.length > 0 && `${ctx.t('minutes.verifiedBy')} ${joinNames(m.verifiers.map((v) => personLabel(v, false)), ctx.locale)}`,
  ].filter((line): line is string => Boolean(line));
  // Two trailing spaces: a hard line break, so both lines stay one signature block.
  return lines.length ? lines.map(escapeMarkdown).join('  \n') : undefined;
}

/** The funded project's footer: project name and registration number, after a rule. */
function funding(view: ZapisView, ctx: MarkdownContext): string | undefined {
  const group = view.fundingGroup;
  if (!group || !(group.fundingProject || group.fundingRegistration)) return undefined;
  const parts = [group.fundingProject, group.fundingRegistration && ctx.t('funding.registrationShort', { number: group.fundingRegistration })].filter(Boolean);
  return `---\n\n*${escapeMarkdown(parts.join(' · '))}*`;
}

/** Which parts the viewer sees, by the page's rules. */
function shownParts(view: ZapisView): Shown {
  const { record, minutesVisible, canWrite } = view;
  const hasContent = record.hasMinutes || record.resolutions.length > 0 || record.actionItems.length > 0;
  const minutes = minutesVisible && hasContent;
  return { hasContent, minutes, items: minutes || canWrite };
}

/** The whole zápis of one meeting as one Markdown document, exactly as much as `view` lets its viewer see. */
export function zapisMarkdown(view: ZapisView, ctx: MarkdownContext): string {
  const { record, minutesVisible, canWrite } = view;
  const m = record.meeting;
  const shown = shownParts(view);
  const draft = canWrite && shown.hasContent && !m.minutesPublished;
  const blocks: Block[] = [
    draft && `> ${escapeMarkdown(ctx.t('markdownExport.draft'))}`,
    heading(view, shown, ctx),
    kicker(record, ctx),
    facts(view, ctx),
    attendance(view, ctx),
    program(record, ctx),
    shown.minutes && notes(ctx.t('minutes.opening'), m.openingNotes),
    proceedings(view, shown, ctx),
    minutesVisible && record.actionItems.length > 0 && tasks(record.actionItems, ctx),
    shown.minutes && notes(ctx.t('minutes.closing'), m.closingNotes),
    minutesVisible && record.attachments.length > 0 && attachments(record.attachments, ctx),
    shown.minutes && signatures(view, ctx),
    funding(view, ctx),
  ];
  return `${blocks.filter(Boolean).join('\n\n')}\n`;
}

/** "ps-socialni-sluzby": letters without diacritics, digits and dashes only. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The download's names: "zapis-ps-socialni-sluzby-10-2018-03-20.md" and its UTF-8 form for filename*. */
export function zapisFileNames(view: ZapisView, extension: string): { ascii: string; utf8: string } {
  const { record, homeGroup } = view;
  // The group the viewer sees the meeting through: a hidden lead group must not be named, not even in a file name.
  const group = homeGroup ? homeGroup.shortName || homeGroup.slug : '';
  const date = record.localStart.toISODate() ?? '';
  const name = (prefix: string, groupPart: string) => [prefix, groupPart, String(record.meeting.number), date].filter(Boolean).join('-') + `.${extension}`;
  const utf8Group = group.trim().toLowerCase().replace(/[\s/\\"]+/g, '-');
  return { ascii: name('zapis', asciiSlug(group)), utf8: name('zápis', utf8Group) };
}
