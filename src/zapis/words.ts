import type { Lang, Locale } from '../i18n/index.js';
import { langOf } from '../i18n/index.js';
import { formatOf } from '../uploads.js';
import { meetingTitle, personLabel, personName } from './names.js';
import { attendeeLabel, quorumText } from './present.js';
import { fileSizeText, isOverdue, resolutionOutcomeText, responsible, reviewOutcomeText, taskStatusText, votesText } from './wording.js';

/** The zápis's wording for views outside the zápis (task lists, the register, editors), bound to a language. */
function wordsOf(lang: Lang) {
  return {
    meetingTitle,
    personLabel,
    personName,
    isOverdue,
    responsible: (row: Parameters<typeof responsible>[0]) => responsible(row, lang) ?? lang.t('common.none'),
    reviewOutcome: (outcome: Parameters<typeof reviewOutcomeText>[0], dueDate: string | null) => reviewOutcomeText(outcome, dueDate, lang),
    taskStatus: (status: Parameters<typeof taskStatusText>[0]) => taskStatusText(status, lang),
    resolutionOutcome: (outcome: Parameters<typeof resolutionOutcomeText>[0]) => resolutionOutcomeText(outcome, lang),
    votes: (votes: Parameters<typeof votesText>[0]) => votesText(votes, lang),
    fileSize: (bytes: number) => fileSizeText(bytes, lang),
    format: formatOf,
    quorum: (quorum: Parameters<typeof quorumText>[0]) => quorumText(quorum, lang),
    attendee: (row: Parameters<typeof attendeeLabel>[0], withOrganisation = true) => attendeeLabel(row, lang, withOrganisation),
  };
}

export type Words = ReturnType<typeof wordsOf>;

const cache = new Map<Locale, Words>();

/** The words for a language, made once. */
export function wordsFor(locale: Locale): Words {
  let words = cache.get(locale);
  if (!words) cache.set(locale, (words = wordsOf(langOf(locale))));
  return words;
}
