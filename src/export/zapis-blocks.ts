import type { Locale, Translate } from '../i18n/index.js';
import { formatCalendarDate, formatClock, formatDate, formatDateLong, formatTime } from '../i18n/dates.js';
import type { AgendaEntry, ZapisView } from '../meeting-record.js';
import type { ActionItemRow, ReviewBlockRow } from '../db/action-items.js';
import type { AttendanceRow } from '../db/attendance.js';
import type { ResolutionRow } from '../db/resolutions.js';
import type { MeetingListRow } from '../db/meetings.js';
import { joinNames, meetingTitle, minutesHeading, personLabel, yearNumberLabel } from '../zapis.js';
import { plain, strong } from './blocks.js';
import type { Block, Run } from './blocks.js';
import { markdownBlocks } from './markdown-blocks.js';

/**
 * The zápis as export blocks, in the order of the meeting page (views/meetings/show.ejs) and with
 * the same visibility: what `zapisView` lets the viewer see, nothing more.
 */

export interface Lang {
  t: Translate;
  locale: Locale;
}

/** Whether the page would show the minutes parts (and the "Zápis z …" heading). */
export function zapisFlags(view: ZapisView): { hasContent: boolean; showMinutes: boolean } {
  const { record, minutesVisible } = view;
  const hasContent = record.hasMinutes || record.resolutions.length > 0 || record.actionItems.length > 0;
  return { hasContent, showMinutes: minutesVisible && hasContent };
}

/** The heading the page gives the zápis: "Zápis z 10. setkání …" once there are minutes, else the title. */
export function zapisHeading(view: ZapisView, t: Translate): string {
  const { hasContent } = zapisFlags(view);
  const held = view.record.meeting.status === 'held';
  return view.minutesVisible && (hasContent || held) ? minutesHeading(view.record.title, t) : view.record.title;
}

/** Every block of the zápis, from the heading to the signature lines. */
export function zapisBlocks(view: ZapisView, lang: Lang): Block[] {
  const { showMinutes } = zapisFlags(view);
  const { record, minutesVisible } = view;
  const m = record.meeting;
  return [
    ...headBlocks(view, lang),
    ...(minutesVisible && (record.attendance.attendance.length || record.attendance.bySheet) ? attendanceBlocks(record.attendance, lang) : []),
    ...programBlocks(view, lang),
    ...(showMinutes && m.openingNotes ? [section(lang.t('minutes.opening')), ...markdownBlocks(m.openingNotes)] : []),
    ...proceedingsBlocks(view, lang),
    ...(minutesVisible && record.actionItems.length ? [section(lang.t('actionItems.title')), taskTable(record.actionItems, lang)] : []),
    ...(showMinutes && m.closingNotes ? [section(lang.t('minutes.closing')), ...markdownBlocks(m.closingNotes)] : []),
    ...followUpBlocks(record.followUps, lang),
    ...(minutesVisible && record.attachments.length ? attachmentBlocks(view, lang) : []),
    ...(showMinutes ? signatureBlocks(view, lang) : []),
  ];
}

const section = (text: string): Block => ({ kind: 'heading', level: 2, runs: [plain(text)] });
const para = (runs: Run[], extra: Partial<Extract<Block, { kind: 'paragraph' }>> = {}): Block => ({ kind: 'paragraph', runs, ...extra });

const meetingRef = (row: MeetingListRow, locale: Locale) =>
  `${meetingTitle(row, { name: row.leadGroupName, nameGenitive: row.leadGroupNameGenitive })} (${formatDate(row.startsAt, row.timeZone, locale)})`;

function headBlocks(view: ZapisView, { t, locale }: Lang): Block[] {
  const { record, groups } = view;
  const m = record.meeting;
  const zone = m.timeZone;
  const facts: [string, Run[]][] = [
    [t('meetings.date'), [plain(formatDateLong(m.startsAt, zone, locale))]],
    [t('meetings.time'), [plain(formatTime(m.startsAt, zone, locale) + (m.endsAt ? `–${formatTime(m.endsAt, zone, locale)}` : ''))]],
  ];
  if (record.place) facts.push([t('meetings.place'), [plain(record.place)]]);
  if (m.onlineUrl) facts.push([t('meetings.onlineUrl'), [{ text: m.onlineUrl, link: m.onlineUrl }]]);
  if (groups.length > 1) facts.push([t('meetings.groups'), [plain(joinNames(groups.map((g) => g.name), locale))]]);
  if (m.chair) facts.push([t('meetings.chair'), [plain(personLabel(m.chair))]]);
  if (m.minuteTaker) facts.push([t('meetings.minuteTaker'), [plain(personLabel(m.minuteTaker))]]);
  if (record.follows) facts.push([t('followUp.follows'), [plain(meetingRef(record.follows, locale))]]);
  if (m.verifiers.length) facts.push([t('meetings.verifiers'), [plain(joinNames(m.verifiers.map((v) => personLabel(v)), locale))]]);
  const kicker = record.numberInYear ? [para([plain(yearNumberLabel(record.numberInYear, record.localStart.year, t))], { muted: true })] : [];
  return [...kicker, { kind: 'heading', level: 1, runs: [plain(zapisHeading(view, t))] }, { kind: 'facts', rows: facts }];
}

/** Přítomni / Omluveni / Nepřítomni / Hosté / Přizváni, then the quorum (as views/attendance/_block.ejs). */
function attendanceBlocks({ attendance, bySheet, quorum }: ZapisView['record']['attendance'], { t }: Lang): Block[] {
  const label = (row: AttendanceRow) => (row.substituteFor ? t('attendance.substituteLabel', { person: personLabel(row), member: row.substituteFor.label }) : personLabel(row));
  const names = (status: string, kinds?: string[]) =>
    attendance.filter((row) => row.status === status && (!kinds || kinds.includes(row.kind))).map(label).join(', ');
  const lines: [string, string][] = [
    [t('attendance.present'), bySheet ? t('attendance.bySheet') : names('present', ['member', 'substitute'])],
    [t('attendance.excused'), names('excused')],
    [t('attendance.absent'), names('absent')],
    [t('attendance.guests'), names('present', ['guest'])],
    [t('attendance.invited'), names('present', ['invited'])],
  ];
  const blocks: Block[] = [section(t('attendance.title'))];
  const shown = lines.filter(([, text]) => text);
  if (shown.length) blocks.push(...shown.map(([heading, text]) => para([strong(`${heading}: `), plain(text)])));
  else blocks.push(para([plain(t('attendance.notRecorded'))], { muted: true }));
  const recorded = attendance.some((row) => (row.kind === 'member' || row.kind === 'substitute') && row.status !== 'expected');
  if (recorded && quorum.total > 0) {
    const need = quorum.percent === 50 ? t('attendance.quorumNeedHalf') : t('attendance.quorumNeedPercent', { percent: quorum.percent });
    const result = t(quorum.met ? 'attendance.quorumMet' : 'attendance.quorumNotMet');
    blocks.push(para([plain(t('attendance.quorum', { present: quorum.present, count: quorum.total, result, need }))]));
  }
  return blocks;
}

/** The Program: "1.  9:30  Title — předkládá X (20 min.)", sub-items "a)". */
function programBlocks(view: ZapisView, lang: Lang): Block[] {
  const { record } = view;
  const { t, locale } = lang;
  if (!record.agenda.length) return [section(t('agenda.title')), para([plain(t('agenda.empty'))], { muted: true })];
  const timed = (e: AgendaEntry) => Boolean(e.item.durationMinutes || e.item.fixedStart);
  const showTimes = record.agenda.some((e) => timed(e) || e.children.some(timed));
  const line = (entry: AgendaEntry, indent: number): Block => {
    const runs: Run[] = [];
    if (showTimes && entry.start !== null) runs.push(plain(`${formatClock(entry.start, locale)}  `));
    runs.push(strong(entry.item.title));
    if (entry.item.deferred) runs.push(plain(` [${t('agenda.deferredBadge')}]`));
    const meta = [entry.item.presenter ? t('agenda.presents', { name: entry.item.presenter }) : '', entry.duration ? `(${t('agenda.minutesShort', { n: entry.duration })})` : '']
      .filter(Boolean)
      .join(' ');
    if (meta) runs.push(plain(` — ${meta}`));
    return para(runs, { indent, marker: entry.marker });
  };
  const blocks: Block[] = [section(t('agenda.title'))];
  for (const entry of record.agenda) {
    blocks.push(line(entry, 1));
    if (entry.item.description) blocks.push(...markdownBlocks(entry.item.description, 1));
    for (const child of entry.children) blocks.push(line(child, 2));
  }
  if (record.estimatedEnd !== null && showTimes) blocks.push(para([plain(t('agenda.estimatedEnd', { time: formatClock(record.estimatedEnd, locale) }))], { muted: true }));
  return blocks;
}

/** Průběh jednání: Kontrola úkolů, then each item's proceedings with its resolutions and tasks. */
function proceedingsBlocks(view: ZapisView, lang: Lang): Block[] {
  const { record, minutesVisible, canWrite } = view;
  const { showMinutes } = zapisFlags(view);
  const { t } = lang;
  const blocks: Block[] = [section(t('minutes.proceedings'))];
  if (minutesVisible && record.reviewBlock.length) blocks.push({ kind: 'heading', level: 3, runs: [plain(t('actionItems.review'))] }, reviewTable(record.reviewBlock, lang));
  if (!showMinutes) blocks.push(para([plain(canWrite ? t('minutes.notYet') : t('minutes.notPublished'))], { muted: true }));
  if (!showMinutes && !canWrite) return blocks;
  for (const entry of record.agenda) {
    blocks.push(...itemBlocks(view, entry, entry.marker, 3, lang));
    for (const child of entry.children) blocks.push(...itemBlocks(view, child, entry.marker + child.marker, 4, lang));
  }
  blocks.push(...resolutionBlocks(record.resolutions.filter((r) => r.agendaItemId === null), lang));
  return blocks;
}

function itemBlocks(view: ZapisView, entry: AgendaEntry, marker: string, level: 3 | 4, lang: Lang): Block[] {
  const { record } = view;
  const item = entry.item;
  const blocks: Block[] = [{ kind: 'heading', level, runs: [plain(`${marker} ${item.title}`)] }];
  if (item.proceedings) blocks.push(...markdownBlocks(item.proceedings));
  for (const file of record.attachments.filter((a) => a.agendaItemId === item.id)) {
    blocks.push(para([plain(`${file.title} (${file.format}, ${fileSize(file.size, lang)})`)], { indent: 1, marker: '–' }));
  }
  blocks.push(...resolutionBlocks(record.resolutions.filter((r) => r.agendaItemId === item.id), lang));
  for (const task of record.actionItems.filter((a) => a.agendaItemId === item.id)) blocks.push(taskLine(task, lang));
  return blocks;
}

function resolutionBlocks(resolutions: readonly ResolutionRow[], { t }: Lang): Block[] {
  const outcome = { adopted: t('resolutions.outcome.adopted'), rejected: t('resolutions.outcome.rejected'), noted: t('resolutions.outcome.noted') };
  return resolutions.flatMap((r) => {
    const voted = r.votesFor !== null || r.votesAgainst !== null || r.votesAbstain !== null;
    const votes = voted ? `${t('resolutions.votes')}: ${t('resolutions.voteLine', { yes: r.votesFor ?? 0, no: r.votesAgainst ?? 0, abstain: r.votesAbstain ?? 0 })} — ` : '';
    return [
      para([strong(t('resolutions.numberLabel', { label: r.label }))]),
      ...markdownBlocks(r.text),
      para([plain(votes), strong(outcome[r.outcome])]),
      ...(r.supersedes ? [para([plain(t('resolutions.supersedesLine', { label: r.supersedes.label }))], { muted: true })] : []),
    ];
  });
}

const responsible = (row: ActionItemRow, { t, locale }: Lang) => joinNames([...row.owners.map((o) => o.label), ...(row.organisation ? [row.organisation] : [])], locale) || t('common.none');

function taskLine(task: ActionItemRow, lang: Lang): Block {
  const { t, locale } = lang;
  const runs: Run[] = [strong(`${t('actionItems.item')}: `), plain(task.text)];
  if (task.owners.length || task.organisation) runs.push(plain(` — ${t('actionItems.owners')}: ${responsible(task, lang)}`));
  if (task.dueDate) runs.push(plain(`, ${t('actionItems.dueDate')}: ${formatCalendarDate(task.dueDate, locale)}`));
  return para(runs, { indent: 1, marker: '•' });
}

const STATUS = { open: 'actionItems.statusOpen', done: 'actionItems.statusDone', cancelled: 'actionItems.statusCancelled' } as const;

function taskTable(items: readonly ActionItemRow[], lang: Lang): Block {
  const { t, locale } = lang;
  return {
    kind: 'table',
    header: [t('actionItems.item'), t('actionItems.owners'), t('actionItems.dueDate'), t('actionItems.status')].map((h) => [strong(h)]),
    rows: items.map((row) => [
      [plain(row.text)],
      [plain(responsible(row, lang))],
      [plain(row.dueDate ? formatCalendarDate(row.dueDate, locale) : t('actionItems.noDueDate'))],
      [plain(t(STATUS[row.status]))],
    ]),
    widths: [5, 3, 2, 2],
  };
}

const OUTCOME = { open: 'actionItems.outcomeOpen', done: 'actionItems.outcomeDone', cancelled: 'actionItems.outcomeCancelled' } as const;

function reviewOutcome(row: ReviewBlockRow, { t, locale }: Lang): Run[] {
  if (row.review) {
    const { outcome, dueDate, note } = row.review;
    const text =
      outcome === 'rescheduled'
        ? dueDate
          ? t('actionItems.outcomeRescheduled', { date: formatCalendarDate(dueDate, locale) })
          : t('actionItems.outcomeNoDueDate')
        : t(OUTCOME[outcome]);
    return note ? [strong(text), plain(` ${note}`)] : [strong(text)];
  }
  if (row.closedOutside) return [plain(t('actionItems.closedSinceLastMeeting', { outcome: t(OUTCOME[row.closedOutside]) }))];
  return [plain(t('actionItems.notReviewed'))];
}

function reviewTable(block: readonly ReviewBlockRow[], lang: Lang): Block {
  const { t, locale } = lang;
  return {
    kind: 'table',
    header: [t('actionItems.item'), t('actionItems.owners'), t('actionItems.previousDueDate'), t('actionItems.reviewOutcome')].map((h) => [strong(h)]),
    rows: block.map((row) => [
      [plain(row.text)],
      [plain(responsible(row, lang))],
      [plain(row.previousDueDate ? formatCalendarDate(row.previousDueDate, locale) : t('common.none'))],
      reviewOutcome(row, lang),
    ]),
    widths: [5, 3, 2, 3],
  };
}

function followUpBlocks(followUps: readonly MeetingListRow[], { t, locale }: Lang): Block[] {
  if (!followUps.length) return [];
  return [section(t('exports.nextMeetings')), ...followUps.map((f) => para([plain(meetingRef(f, locale))], { indent: 1, marker: '•' }))];
}

/** "340 kB", "1,2 MB" (as views/attachments/_size.ejs). */
function fileSize(bytes: number, { t, locale }: Lang): string {
  const mb = 1024 * 1024;
  return bytes < mb
    ? t('attachments.kB', { n: new Intl.NumberFormat(locale).format(Math.max(1, Math.round(bytes / 1024))) })
    : t('attachments.MB', { n: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / mb) });
}

function attachmentBlocks(view: ZapisView, lang: Lang): Block[] {
  const { t } = lang;
  return [
    section(t('attachments.title')),
    ...view.record.attachments.map((a, index) => {
      const item = a.agendaItemTitle ? `, ${t('attachments.ofItem', { title: a.agendaItemTitle })}` : '';
      return para([strong(a.title), plain(` — ${a.originalName} (${a.format}, ${fileSize(a.size, lang)}${item})`)], { indent: 1, marker: `${index + 1}.` });
    }),
  ];
}

/** "Zapsal/a: …  Datum: ____", "Ověřil/a: …  Datum: ____". */
function signatureBlocks(view: ZapisView, { t, locale }: Lang): Block[] {
  const m = view.record.meeting;
  if (!m.minuteTaker && !m.verifiers.length) return [];
  const blocks: Block[] = [{ kind: 'rule' }];
  const line = (label: string, names: string) => para([strong(`${label} `), plain(names), plain(`      ${t('exports.dateLine')}`)]);
  if (m.minuteTaker) blocks.push(line(t('minutes.writtenBy'), personLabel(m.minuteTaker, false)));
  if (m.verifiers.length) blocks.push(line(t('minutes.verifiedBy'), joinNames(m.verifiers.map((v) => personLabel(v, false)), locale)));
  return blocks;
}
