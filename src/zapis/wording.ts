import type { ActionItemStatus, Owner, ReviewOutcome } from '../db/action-items.js';
import type { ResolutionOutcome } from '../db/resolutions.js';
import { formatCalendarDate, formatTime } from '../i18n/dates.js';
import type { Lang, MessageKey } from '../i18n/index.js';
import type { Gender } from './czech-names.js';
import { joinNames, personName } from './names.js';

/**
 * The words of the zápis that also appear outside it: who is responsible for a task, what a review
 * found, a task's status, a resolution's outcome, a file's size. The presenter, the task lists,
 * an item's trail and the register all word them here, so they cannot drift apart.
 */

/** Who is responsible for a task: the people, the organisation, then what was written ("Jana Nováková, ANNOLK a všichni členové PS"); null when nobody is named. */
export function responsible(row: { owners: readonly Owner[]; organisation: string | null; responsibleText?: string }, { locale }: Lang): string | null {
  const names = [...row.owners.map(personName), ...(row.organisation ? [row.organisation] : []), ...(row.responsibleText ? [row.responsibleText] : [])];
  return names.length ? joinNames(names, locale) : null;
}

/** What a review found, in words: trvá / splněno / zrušeno / nový termín 30. 4. 2018. */
export function reviewOutcomeText(outcome: ReviewOutcome, dueDate: string | null, { t, locale }: Lang): string {
  if (outcome === 'rescheduled') return dueDate ? t('actionItems.outcomeRescheduled', { date: formatCalendarDate(dueDate, locale) }) : t('actionItems.outcomeNoDueDate');
  return t(({ open: 'actionItems.outcomeOpen', done: 'actionItems.outcomeDone', cancelled: 'actionItems.outcomeCancelled' } as const)[outcome]);
}

/** A task's status: otevřený / splněný / zrušený. */
export function taskStatusText(status: ActionItemStatus, { t }: Lang): string {
  return t(({ open: 'actionItems.statusOpen', done: 'actionItems.statusDone', cancelled: 'actionItems.statusCancelled' } as const)[status]);
}

/** True for an open task whose deadline passed before `today`. */
export function isOverdue(task: { status: ActionItemStatus; dueDate: string | null }, today: string): boolean {
  return task.status === 'open' && task.dueDate !== null && task.dueDate < today;
}

/** A resolution's outcome: schváleno / neschváleno / vzato na vědomí. */
export function resolutionOutcomeText(outcome: ResolutionOutcome, { t }: Lang): string {
  return t(`resolutions.outcome.${outcome}`);
}

/** "Hlasování: pro 14 : proti 0 : zdrželo se 1", or null when no vote was recorded. */
export function votesText(votes: { votesFor: number | null; votesAgainst: number | null; votesAbstain: number | null }, { t }: Lang): string | null {
  if (votes.votesFor === null && votes.votesAgainst === null && votes.votesAbstain === null) return null;
  return `${t('resolutions.votes')}: ${t('resolutions.voteLine', { yes: votes.votesFor ?? 0, no: votes.votesAgainst ?? 0, abstain: votes.votesAbstain ?? 0 })}`;
}

/** A file size as people read it: "340 kB", "1,2 MB". */
export function fileSizeText(bytes: number, { t, locale }: Lang): string {
  const mb = 1024 * 1024;
  if (bytes < mb) return t('attachments.kB', { n: new Intl.NumberFormat(locale).format(Math.max(1, Math.round(bytes / 1024))) });
  return t('attachments.MB', { n: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / mb) });
}

/** "9:30–11:30", or "9:30" without an end. */
export function timeRangeText(startsAt: string, endsAt: string | null, zone: string, { locale }: Lang): string {
  return formatTime(startsAt, zone, locale) + (endsAt ? `–${formatTime(endsAt, zone, locale)}` : '');
}

/** "30. 4. 2018", or the words for no deadline. */
export function dueDateText(dueDate: string | null, { t, locale }: Lang): string {
  return dueDate ? formatCalendarDate(dueDate, locale) : t('actionItems.noDueDate');
}

/**
 * The form of a word that agrees with the people it speaks of: 'm' one man, 'f' one woman, 'x' one
 * person whose gender is not stated ("Zapsal/a"), 'pl' several of whom a man, or someone not stated,
 * may be one (Czech's generic plural: "Ověřili"), 'fpl' several women ("Ověřily").
 */
export type Agreement = 'm' | 'f' | 'x' | 'pl' | 'fpl';
type OnePersonForm = 'm' | 'f' | 'x';
/** Of the keys K, the bases of those `${base}.x` whose base has a key for every one of `Forms`. */
type WordOf<K, Forms extends string> = K extends `${infer Base}.x` ? (`${Base}.${Forms}` extends MessageKey ? Base : never) : never;
/** A word with a form for one man, one woman and one person not stated: "přítomen", "přítomna", "přítomen/a". */
export type PersonWord = WordOf<MessageKey, OnePersonForm>;
/** A word that also has forms for several people: "Ověřil", "Ověřila", "Ověřil/a", "Ověřili", "Ověřily". */
export type PeopleWord = WordOf<MessageKey, Agreement>;

/** How a word agrees with these people (see Agreement). */
export function agreementOf(people: readonly { gender: Gender | null }[]): Agreement {
  if (people.length === 1) return people[0].gender ?? 'x';
  return people.length > 0 && people.every((person) => person.gender === 'f') ? 'fpl' : 'pl';
}

/** The word in the form that agrees with one person: "přítomna" for a woman, "přítomen/a" when not stated. */
export function personWord(word: PersonWord, gender: Gender | null, { t }: Lang): string {
  return t(`${word}.${gender ?? 'x'}`);
}

/** The word in the form that agrees with these people: "Zapsala:", "Ověřili:", "Přítomny". */
export function peopleWord(word: PeopleWord, people: readonly { gender: Gender | null }[], { t }: Lang): string {
  return t(`${word}.${agreementOf(people)}`);
}
