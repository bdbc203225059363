/**
 * What a person types into the search field, turned into an FTS5 query that cannot be anything
 * else: every word is reduced to letters and digits and quoted, so no operator, column filter or
 * syntax error can come from the typed text.
 *
 * - words: all must occur (in one text); each is also a prefix ("podnik" finds "podnikání", "podniky")
 * - "a phrase in quotes": these words in this order, exactly
 * - -word or -"a phrase": texts that hold it are left out
 * Case and diacritics never matter: the index and the query are folded alike (unicode61, remove_diacritics 2).
 */
export interface SearchQuery {
  /** The FTS5 MATCH expression, or null when nothing is asked for (no word to find). */
  match: string | null;
  /** The words looked for, as typed: for the page to say what it searched. */
  words: string[];
}

/** Longer queries are cut here: nobody types more, and the index is asked a bounded question. */
const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 12;
// Letters and digits, as the index's tokenizer reads words; everything else separates them.
const WORD = /[\p{L}\p{N}]+/gu;

interface Term {
  words: string[];
  phrase: boolean;
  negative: boolean;
}

/** The terms of a typed query: phrases in quotes, words, each maybe negated with a leading minus. */
function terms(typed: string): Term[] {
  const found: Term[] = [];
  // A phrase in straight or Czech quotes, or a run of anything but spaces; a minus before either negates it.
  const pattern = /(-?)(?:["„“”]([^"„“”]*)["„“”]?|(\S+))/g;
  for (const match of typed.slice(0, MAX_QUERY_CHARS).matchAll(pattern)) {
    const [, minus, phrase, bare] = match;
    const words = (phrase ?? bare ?? '').match(WORD) ?? [];
    if (words.length === 0) continue;
    // "e-mail" or "2018/3" typed without quotes is still one thing: its parts in order.
    found.push({ words, phrase: phrase !== undefined || words.length > 1, negative: minus === '-' });
    if (found.length === MAX_TERMS) break;
  }
  return found;
}

/** One term as FTS5 syntax: a quoted phrase, or a quoted word that is also a prefix when it is long enough to be one. */
function ftsTerm(term: Term): string {
  const quoted = `"${term.words.join(' ')}"`;
  // A single letter as a prefix would be half the dictionary; "a" and "č" are looked for as words.
  return term.phrase || term.words[0].length < 2 ? quoted : `${quoted}*`;
}

/** Parses what was typed into the search field. */
export function parseSearchQuery(typed: unknown): SearchQuery {
  const all = typeof typed === 'string' ? terms(typed) : [];
  const wanted = all.filter((term) => !term.negative);
  const unwanted = all.filter((term) => term.negative);
  const words = wanted.map((term) => term.words.join(' '));
  // Only exclusions ask for everything else: not a search.
  if (wanted.length === 0) return { match: null, words };
  const positive = wanted.map(ftsTerm).join(' AND ');
  const match = unwanted.length ? `(${positive}) NOT (${unwanted.map(ftsTerm).join(' OR ')})` : positive;
  return { match, words };
}
