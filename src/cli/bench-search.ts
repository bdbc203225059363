import { anonymousViewer, readScope } from '../access.js';
import type { Viewer } from '../access.js';
import { viewerOfAccount } from '../auth.js';
import { findAccount, findCredentials } from '../db/accounts.js';
import type { Db } from '../db/index.js';
import { searchMeetingsByScan } from '../db/search.js';
import { parseSearchQuery } from '../search/query.js';
import { RESULTS_PER_PAGE, searchArchive, searchRequest } from '../search/results.js';

/**
 * Search measured in the bench process on the large archive: for twenty queries a member would
 * type, the search page's whole model (`searchArchive`, as GET /search builds it), anonymous and
 * signed in as a member of the demo group, against the same question asked without the index: a
 * diacritics-folded LIKE over every text (`searchMeetingsByScan`), which is what the index saves.
 * In-process, so the figures are the database's and the model's, without HTTP or the template.
 */

/** What a member of a working group would type, and what kind of query each one is. */
export const searchQueries: readonly { q: string; kind: string }[] = [
  { q: 'socialni podnikani', kind: 'topic, no diacritics' },
  { q: 'sociální podnikání', kind: 'topic, diacritics' },
  { q: 'podnik', kind: 'prefix' },
  { q: '"sociální bydlení"', kind: 'phrase' },
  { q: 'bydleni -prostupne', kind: 'exclusion' },
  { q: 'Lucie Nováková', kind: 'name (demo group)' },
  { q: 'Kolářová', kind: 'surname' },
  { q: 'Ostrava', kind: 'place' },
  { q: 'Moravskoslezský kraj', kind: 'region' },
  { q: 'Filantropická burza', kind: 'named project' },
  { q: 'ANNOLK', kind: 'organisation' },
  { q: 'úřad práce', kind: 'organisation, 2 words' },
  { q: 'schvaluje', kind: 'resolution word' },
  { q: 'canisterapie', kind: 'rare word' },
  { q: 'Görlitz', kind: 'rare word' },
  { q: 'exekuce', kind: 'topic word' },
  { q: 'dluhové poradenství', kind: '2 words' },
  { q: 'pestouni', kind: 'word, no diacritics' },
  { q: 'pracovní skupina', kind: 'broad, 2 words' },
  { q: 'sociální', kind: 'broad word' },
];

/** Page-model (FTS) times anonymous and as a member, LIKE-scan times, in ms. */
export interface SearchFigures {
  ftsP50Ms: number;
  ftsP95Ms: number;
  memberP50Ms: number;
  memberP95Ms: number;
  scanP50Ms: number;
  /** LIKE p50 ÷ FTS p50 (anonymous). */
  speedUp: number;
}

export interface QueryTimings extends SearchFigures {
  q: string;
  kind: string;
  /** Meetings found in all (the results' total), anonymous. */
  meetings: number;
}

export interface SearchTimings {
  runs: number;
  scanRuns: number;
  queries: QueryTimings[];
  /** Every run of every query pooled, per viewer as the queries' row is. */
  all: SearchFigures;
  /** p95 of every page-model run of every query, anonymous and member pooled: the target. */
  pooledP95Ms: number;
  /** LIKE p50 ÷ FTS p50, both pooled over the queries (anonymous): the target. */
  pooledSpeedUp: number;
}

/** The demo group's member who reads but does not write (demo-data.ts), as auth.ts makes her viewer. */
const MEMBER_EMAIL = 'clen@demo.zapisnik.cz';

/** The value below which a share `p` of the values lie (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

/** Case and diacritics dropped, as the index's tokenizer drops them, for the LIKE scan. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Milliseconds each of `runs` calls of `work` takes. */
function timed(runs: number, work: () => unknown): number[] {
  return Array.from({ length: runs }, () => {
    const started = performance.now();
    work();
    return performance.now() - started;
  });
}

function memberViewer(db: Db, today: string): Viewer {
  const credentials = findCredentials(db, MEMBER_EMAIL);
  const account = credentials && findAccount(db, credentials.id);
  if (!account) throw new Error(`no demo account ${MEMBER_EMAIL}`);
  return viewerOfAccount(db, account, today);
}

/** Times every query `runs` times per viewer through the page model, and `scanRuns` times as a LIKE scan. */
export function measureSearch(db: Db, today: string, zone: string, runs = 30, scanRuns = 3): SearchTimings {
  db.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? fold(text) : text));
  const member = memberViewer(db, today);
  const pooled = { fts: [] as number[], member: [] as number[], scan: [] as number[] };
  const queries = searchQueries.map(({ q, kind }): QueryTimings => {
    const request = searchRequest({ q });
    const page = (viewer: Viewer) => searchArchive(db, viewer, request, zone);
    // Once untimed: the statements are prepared and the pages read, as on a server that has run a while.
    const meetings = page(anonymousViewer).total;
    page(member);
    const fts = timed(runs, () => page(anonymousViewer));
    const asMember = timed(runs, () => page(member));
    // The scan knows no exclusion or phrase: it looks for each wanted word (or phrase) as a substring.
    const words = parseSearchQuery(q).words.map(fold);
    const scan = timed(scanRuns, () => searchMeetingsByScan(db, words, readScope(anonymousViewer), RESULTS_PER_PAGE));
    pooled.fts.push(...fts);
    pooled.member.push(...asMember);
    pooled.scan.push(...scan);
    process.stderr.write(`search "${q}": ${meetings} meetings, FTS p50 ${percentile(fts, 0.5).toFixed(2)} ms, LIKE p50 ${percentile(scan, 0.5).toFixed(0)} ms\n`);
    return { q, kind, meetings, ...summary(fts, asMember, scan) };
  });
  const all = summary(pooled.fts, pooled.member, pooled.scan);
  return { runs, scanRuns, queries, all, pooledP95Ms: percentile([...pooled.fts, ...pooled.member], 0.95), pooledSpeedUp: all.speedUp };
}

/** Medians and p95s of one query's runs (or of all queries' runs pooled). */
function summary(fts: number[], asMember: number[], scan: number[]): SearchFigures {
  return {
    ftsP50Ms: percentile(fts, 0.5),
    ftsP95Ms: percentile(fts, 0.95),
    memberP50Ms: percentile(asMember, 0.5),
    memberP95Ms: percentile(asMember, 0.95),
    scanP50Ms: percentile(scan, 0.5),
    speedUp: percentile(scan, 0.5) / percentile(fts, 0.5),
  };
}

/** The rows of the search table, a header first. */
export function searchTableRows(timings: SearchTimings): string[][] {
  const ms = (value: number) => value.toFixed(value < 10 ? 2 : 0);
  const figures = (row: SearchFigures) => [ms(row.ftsP50Ms), ms(row.ftsP95Ms), ms(row.memberP50Ms), ms(row.memberP95Ms), ms(row.scanP50Ms), row.speedUp.toFixed(0)];
  return [
    ['query', 'kind', 'meetings', 'FTS p50 ms', 'FTS p95 ms', 'member p50', 'member p95', 'LIKE p50 ms', 'speed-up ×'],
    ...timings.queries.map((row) => [row.q, row.kind, String(row.meetings), ...figures(row)]),
    ['all runs pooled', '', '', ...figures(timings.all)],
  ];
}
