import { DateTime } from 'luxon';
import type { AgendaItem } from '../db/agenda.js';
import { clockToMinutes, scheduleAgenda } from '../agenda-schedule.js';
import { formatClock } from '../i18n/dates.js';
import type { Lang } from '../i18n/index.js';
import type { Program, ProgramEntry } from './model.js';
import { subItemLetter } from './names.js';

/** An agenda item with its number in the zápis ("2." or "2.b)") and its computed time. */
export interface AgendaEntry {
  item: AgendaItem;
  /** "2" for top-level items, "b" for sub-items. */
  label: string;
  /** "2." or "2.b)", as printed before the title: a sub-item is named with its item everywhere (subItemMarker). */
  marker: string;
  start: number | null;
  duration: number | null;
  children: AgendaEntry[];
}

/** The numbered agenda tree from the flat, ordered item list, with start times from the meeting's local start when given. */
export function agendaTree(items: AgendaItem[], meeting?: { startsAt: string; timeZone: string }): { entries: AgendaEntry[]; estimatedEnd: number | null } {
  const localStart = meeting ? clockToMinutes(DateTime.fromISO(meeting.startsAt, { zone: 'utc' }).setZone(meeting.timeZone).toFormat('HH:mm')) : 0;
  const { times, estimatedEnd } = scheduleAgenda(items, localStart);
  const entries: AgendaEntry[] = [];
  for (const item of items) {
    const time = times.get(item.id) ?? { start: null, duration: null };
    if (item.parentId === null) {
      const label = String(entries.length + 1);
      entries.push({ item, label, marker: `${label}.`, ...time, children: [] });
    } else {
      const parent = entries[entries.length - 1];
      const label = subItemLetter(parent.children.length);
      parent.children.push({ item, label, marker: subItemMarker(parent.label, label), ...time, children: [] });
    }
  }
  return { entries, estimatedEnd };
}

/**
 * The one notation of a sub-item, the PDF's: "2.a)" (item 2, sub-item a). The program, Průběh
 * jednání, the editors, selects, exports, the invitation and calendar entries all print it.
 */
export function subItemMarker(itemLabel: string, letter: string): string {
  return `${itemLabel}.${letter})`;
}

/** The agenda as select options: "2. Title", sub-items "2.b) Title". */
export function agendaOptions(entries: readonly AgendaEntry[]): { value: number; label: string }[] {
  return entries.flatMap((entry) => [
    { value: entry.item.id, label: `${entry.marker} ${entry.item.title}` },
    ...entry.children.map((child) => ({ value: child.item.id, label: `${child.marker} ${child.item.title}` })),
  ]);
}

const timedItem = (entry: AgendaEntry) => Boolean(entry.item.durationMinutes || entry.item.fixedStart);

/** The Program as every document words it: times only when the agenda sets some (durations or fixed starts). */
export function presentProgram(agenda: { entries: readonly AgendaEntry[]; estimatedEnd: number | null }, lang: Lang): Program {
  const { t, locale } = lang;
  const timed = agenda.entries.some((entry) => timedItem(entry) || entry.children.some(timedItem));
  const line = (entry: AgendaEntry): ProgramEntry => ({
    id: entry.item.id,
    marker: entry.marker,
    time: timed && entry.start !== null ? formatClock(entry.start, locale) : null,
    title: entry.item.title,
    deferred: entry.item.deferred ? t('agenda.deferredBadge') : null,
    presenter: entry.item.presenter ? t('agenda.presents', { name: entry.item.presenter }) : null,
    duration: entry.duration ? `(${t('agenda.minutesShort', { n: entry.duration })})` : null,
    description: entry.item.description ? { markdown: entry.item.description } : null,
    children: entry.children.map(line),
  });
  return {
    heading: t('agenda.title'),
    entries: agenda.entries.map(line),
    timed,
    empty: agenda.entries.length ? null : t('agenda.empty'),
    estimatedEnd: timed && agenda.entries.length && agenda.estimatedEnd !== null ? t('agenda.estimatedEnd', { time: formatClock(agenda.estimatedEnd, locale) }) : null,
  };
}

/**
 * What follows an item's title: " — předkládá Jana Nováková (10 min.)", or " (15 min.)" alone: the
 * dash comes only with a presenter, never "— (15 min.)". Every renderer of the program uses it.
 */
export function programMeta(entry: Pick<ProgramEntry, 'presenter' | 'duration'>): string {
  return (entry.presenter ? ` — ${entry.presenter}` : '') + (entry.duration ? ` ${entry.duration}` : '');
}

/** One program line as plain text: "1. 9:30 Zahájení — předkládá Jana Nováková (10 min.)" (invitation text, calendar entries). */
export function programLine(entry: ProgramEntry): string {
  return [entry.marker, entry.time, entry.title].filter(Boolean).join(' ') + (entry.deferred ? ` (${entry.deferred})` : '') + programMeta(entry);
}

/** The program as plain-text lines, sub-items indented. */
export function programLines(program: Program): string[] {
  return program.entries.flatMap((entry) => [programLine(entry), ...entry.children.map((child) => `    ${programLine(child)}`)]);
}
