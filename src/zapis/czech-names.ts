/**
 * A Czech person's name as Czech lists and sentences need it: the surname and given names (the
 * title lives in its own field), the grammatical gender a name suggests, and the surname order of
 * a Czech list (Č after C, Ch after H, Ř after R, Š after S, Ž after Z). No imports on purpose: the
 * db layer sorts with it and the migration that added `people.gender` filled it with it.
 */

/** The grammatical gender of a person, for the words that agree with them (přítomen / přítomna); null when not stated. */
export type Gender = 'f' | 'm';

/** The words of a name that are name: what follows a comma ("Jan Novák, Ph.D.") and abbreviations ("Mgr.") are not. */
function nameWords(name: string): string[] {
  const beforeComma = name.normalize('NFC').split(',')[0];
  return beforeComma.split(/\s+/).filter((word) => /\p{L}/u.test(word) && !word.endsWith('.'));
}

/** The surname: the last word of the name ("Šťastná" of "Pavla Šťastná"); the whole name when it is one word. */
export function surnameOf(name: string): string {
  const words = nameWords(name);
  return words.length ? words[words.length - 1] : name.trim();
}

/** The given names: every word before the surname ("Jana Marie" of "Jana Marie Nováková"); '' when the name is one word. */
export function givenNamesOf(name: string): string {
  return nameWords(name).slice(0, -1).join(' ');
}

// Given names that do not end in -a or -ie but are women's, and men's names that end in -a.
// The rule is a default the person form lets anyone correct, so the lists hold only common names.
const womenNotInA = new Set(
  'dagmar ester ingrid karin miriam noemi ruth rút carmen beatrix edith judit judith nikol ivet ivett elis isabel rachel alice nicole simone denise beatrice michelle yvonne ines agnes anne mercedes ilse gertrud hermína'.split(' '),
);
const menInA = new Set('honza jirka kuba luka ilja jožka franta pepa standa vojta péťa míra láďa jarda tonda vláďa jenda ota nikita kosta sáva joshua'.split(' '));

/** The gender a given name suggests: most Czech women's names end in -a or -ie, men's rarely do. */
function genderOfGivenName(given: string): Gender {
  const word = given.toLocaleLowerCase('cs');
  if (menInA.has(word)) return 'm';
  if (womenNotInA.has(word) || word.endsWith('a') || word.endsWith('ie')) return 'f';
  return 'm';
}

/**
 * The grammatical gender a Czech name suggests, as the default of the person's field: a surname in
 * -ová is a woman's, else the (first) given name decides (Petra, Lucie, Dagmar: 'f'; Jan, Jiří: 'm');
 * a name of one word is a woman's when it ends in -ová, -á or like a woman's given name.
 */
export function genderFromName(name: string): Gender {
  const words = nameWords(name).map((word) => word.toLocaleLowerCase('cs'));
  if (words.length === 0) return 'm';
  const surname = words[words.length - 1];
  if (surname.endsWith('ová')) return 'f';
  if (words.length === 1) return surname.endsWith('á') ? 'f' : genderOfGivenName(surname);
  return genderOfGivenName(words[0]);
}

const collator = new Intl.Collator('cs');

/** Compares two names in Czech surname order: surname, then given names, then the whole name. */
export function compareBySurname(a: string, b: string): number {
  return collator.compare(surnameOf(a), surnameOf(b)) || collator.compare(givenNamesOf(a), givenNamesOf(b)) || collator.compare(a, b);
}

/**
 * Sorts rows in place in Czech surname order of the name `nameOf` gives (Cibulka, Čermák, Hrubý,
 * Chalupa, Svobodová, Šťastná); rows that compare equal keep their order. SQLite's ORDER BY knows
 * neither the surname nor Czech collation, so every list of people is sorted here.
 */
export function sortBySurname<T>(rows: T[], nameOf: (row: T) => string, first?: (a: T, b: T) => number): T[] {
  const keys = new Map<T, [string, string, string]>();
  const key = (row: T) => {
    let found = keys.get(row);
    if (!found) {
      const name = nameOf(row);
      keys.set(row, (found = [surnameOf(name), givenNamesOf(name), name]));
    }
    return found;
  };
  return rows.sort((a, b) => {
    const before = first ? first(a, b) : 0;
    if (before) return before;
    const [sa, ga, na] = key(a);
    const [sb, gb, nb] = key(b);
    return collator.compare(sa, sb) || collator.compare(ga, gb) || collator.compare(na, nb);
  });
}
