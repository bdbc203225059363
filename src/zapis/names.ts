import type { Locale, Translate } from '../i18n/index.js';
import { meetingDate } from '../clock.js';
import { canReadGroup } from '../access.js';
import type { GroupLike, Viewer } from '../access.js';

/**
 * How a Czech zápis names people, meetings and places: the title a meeting gets, "Zápis z/ze …",
 * the place line, "Mgr. Jana Nováková (ANNOLK)". The presenter (present.ts) and every list use these,
 * so a PDF, a calendar entry and a page always say the same thing.
 */

interface TitledMeeting {
  number: number;
  title: string;
}

interface GroupNames {
  name: string;
  nameGenitive: string;
}

/** "10. setkání Odborné pracovní skupiny Sociální služby": the title a meeting gets unless one was typed. */
export function defaultMeetingTitle(number: number, group: GroupNames): string {
  return `${number}. setkání ${group.nameGenitive || group.name}`;
}

/** The title to show: the typed one, else the default built from the number and the group. */
export function meetingTitle(meeting: TitledMeeting, group: GroupNames): string {
  return meeting.title || defaultMeetingTitle(meeting.number, group);
}

/**
 * The title a viewer reads: the typed one, else the default from the number and the lead group.
 * A partner group's member of a joint meeting led by a group hidden from them gets neither that
 * group's name nor its number of meetings: "Společné setkání skupin".
 */
export function meetingTitleFor(meeting: TitledMeeting, leadGroup: GroupNames & GroupLike, viewer: Viewer, t: Translate): string {
  if (meeting.title || canReadGroup(viewer, leadGroup)) return meetingTitle(meeting, leadGroup);
  return t('meetings.jointTitleHidden');
}

/**
 * The preposition before an ordinal, as the ordinal is spoken: "ze" before s, š and čt
 * (ze čtvrtého, ze šestého, ze sedmého, ze čtrnáctého, ze čtyřicátého, ze šedesátého, ze stého,
 * ze čtyřstého …), "z" otherwise (z prvního, z desátého, z dvoustého, z tisícího).
 */
export function prepositionZ(ordinal: number): 'z' | 'ze' {
  const n = Math.abs(Math.trunc(ordinal));
  // The word the spoken number starts with is decided by its leading part.
  if (n >= 1000) return Math.floor(n / 1000) === 1 ? 'z' : prepositionZ(Math.floor(n / 1000));
  if (n >= 100) return [1, 4, 6, 7].includes(Math.floor(n / 100)) ? 'ze' : 'z';
  if (n >= 20) return [4, 6, 7].includes(Math.floor(n / 10)) ? 'ze' : 'z';
  return [4, 6, 7, 14, 16, 17].includes(n) ? 'ze' : 'z';
}

/**
 * The heading of the minutes. Numbered titles ("10. setkání …") read "Zápis z 10. setkání …";
 * any other title cannot be declined safely, so it follows a dash.
 */
export function minutesHeading(title: string, t: Translate): string {
  const numbered = /^(\d+)\.\s/.exec(title);
  if (numbered) return t(prepositionZ(Number(numbered[1])) === 'ze' ? 'zapis.headingZe' : 'zapis.headingZ', { title });
  return t('zapis.headingOther', { title });
}

export interface PlaceParts {
  venue: { name: string; street: string; postalCode: string; town: string; defaultRoom: string } | null;
  room: string;
}

/** "ANNOLK, U Nisy 362/6, 460 01 Liberec, zasedací místnost 2. patro". */
export function placeLine({ venue, room }: PlaceParts): string {
  const town = venue ? [venue.postalCode, venue.town].filter(Boolean).join(' ') : '';
  const parts = [venue?.name, venue?.street, town, room || venue?.defaultRoom].filter((part): part is string => Boolean(part));
  return parts.join(', ');
}

/** "č. 3/2018" style number within the year, for groups that number per year. */
export function yearNumberLabel(numberInYear: number, year: number, t: Translate): string {
  return t('zapis.yearNumber', { n: numberInYear, year });
}

/** A person with the title written before the name ("Mgr."). */
export interface Named {
  name: string;
  title: string;
}

/** The person as a zápis names them: "Mgr. Jana Nováková". */
export function personName(person: Named): string {
  return person.title ? `${person.title} ${person.name}` : person.name;
}

/** The person with the organisation they stand for: "Mgr. Jana Nováková (ANNOLK)". */
export function personLabel(
  person: Named & { organisationName?: string | null; organisationShortName?: string | null },
  withOrganisation = true,
): string {
  const organisation = person.organisationShortName || person.organisationName;
  return withOrganisation && organisation ? `${personName(person)} (${organisation})` : personName(person);
}

/** People as select options, named as a zápis names them: "Mgr. Jana Nováková (ANNOLK)". */
export function personOptions(people: readonly (Named & { id: number; organisationName?: string | null; organisationShortName?: string | null })[]): { value: number; label: string }[] {
  return people.map((person) => ({ value: person.id, label: personLabel(person) }));
}

/** Sub-item letters: 0 → "a", 25 → "z", 26 → "aa". */
export function subItemLetter(index: number): string {
  let label = '';
  let n = index;
  do {
    label = String.fromCharCode(97 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

const listFormats = new Map<Locale, Intl.ListFormat>();

/** A locale-aware list: "Novák, Svobodová a Dvořák". */
export function joinNames(names: string[], locale: Locale): string {
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })));
  return format.format(names);
}

/**
 * The name a download of a meeting gets, before its extension: "zápis-ps-sociální-služby-10-2018-03-20"
 * (the download header adds its ASCII form for old clients). Named after a group the viewer may
 * see (never a hidden lead group), or none.
 */
export function downloadName(prefix: string, meeting: { number: number; startsAt: string; timeZone: string }, group: { shortName: string; slug: string } | null, withNumber = true): string {
  // Letters (Czech ones too) and digits; anything a file system or a header could choke on becomes a dash.
  const groupPart = group ? (group.shortName || group.slug).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') : '';
  return [prefix, groupPart, withNumber ? String(meeting.number) : '', meetingDate(meeting)].filter(Boolean).join('-');
}

const listFormatsForParts = new Map<Locale, Intl.ListFormat>();

/** Joins pieces as a locale-aware list ("A, B a C"), each piece kept as it is (with its links): the separators come between. */
export function joinPieces<T>(pieces: readonly T[][], locale: Locale, literal: (text: string) => T): T[] {
  let format = listFormatsForParts.get(locale);
  if (!format) listFormatsForParts.set(locale, (format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })));
  let index = 0;
  // The elements are placeholders: only the literals between them are used.
  return format.formatToParts(pieces.map((_, i) => String(i))).flatMap((part) => (part.type === 'element' ? pieces[index++] : [literal(part.value)]));
}
