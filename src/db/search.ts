import { sql } from './index.js';
import type { Db } from './index.js';
import type { ReadScope } from '../access.js';
import { membersFilesVisible, minutesVisible, scopeParams, searchHitVisible } from './scope.js';

/**
 * Full-text search over the index that migration 8 defines and its triggers keep. A row's rowid is
 * meeting id × 2^32 + source id × 8 + kind, so the meetings found and the kinds of text are read
 * from the index alone; only the page's meetings are looked up, and only their quotes are made.
 */

/** What a row of the index quotes. */
export const searchKinds = ['meeting', 'item', 'proceedings', 'notes', 'resolution', 'task', 'attachment'] as const;
export type SearchKind = (typeof searchKinds)[number];
/** The kind of each code in the rowid: 6 is an attachment read with the minutes, 7 one for members only. */
const kindOfCode: readonly SearchKind[] = [...searchKinds, 'attachment'];
const MEMBERS_FILE = 7;

export interface SearchFilters {
  groupId?: number;
  /** Meetings starting at or after this instant (UTC) … */
  from?: string;
  /** … and before this one. */
  until?: string;
  /** Only these kinds of text; all when absent. */
  kinds?: readonly SearchKind[];
}

/** A meeting in the results: how strongly it matched (0: its title, program or a resolution; 1: only its text). */
export interface SearchMeeting {
  meetingId: number;
  tier: number;
  /** May the viewer read this meeting's minutes (and so be shown what was found in them)? */
  minutesReadable: boolean;
  /** … and its attachments for members only? */
  membersReadable: boolean;
}

/** One place in a meeting where the words were found, quoted with them between \u0001 and \u0002. */
export interface SearchHit {
  kind: SearchKind;
  /** The id of the row quoted: the meeting, agenda item, resolution, action item or attachment. */
  sourceId: number;
  snippet: string;
  tier: number;
}

const MEETING = 4294967296;
// Where the words are found says how much the meeting is about them: its program and its decisions first.
const tierOf = (code: number) => (code === 0 || code === 1 || code === 4 ? 0 : 1);
const kindFilter = `(@kinds IS NULL OR rowid % 8 IN (SELECT value FROM json_each(@kinds)))`;

const kindCodes = (kinds: readonly SearchKind[] | undefined) =>
  kinds ? JSON.stringify(kindOfCode.flatMap((kind, code) => (kinds.includes(kind) ? [code] : []))) : null;

/**
 * One page of the meetings whose texts match, each once: those found on their program or in a
 * resolution first, then the rest, newest first within each; and how many meetings match in all.
 */
export function searchMeetings(db: Db, match: string, filters: SearchFilters, scope: ReadScope, limit: number, offset: number): { rows: SearchMeeting[]; total: number } {
  const rows = sql(
    db,
    `WITH found AS MATERIALIZED (
       SELECT rowid / ${MEETING} AS meetingId, MAX(rowid % 8 IN (0, 1)) AS programHit, MAX(rowid % 8 = 4) AS resolutionHit,
              MAX(rowid % 8 BETWEEN 2 AND 6) AS minutesHit, MAX(rowid % 8 = ${MEMBERS_FILE}) AS membersHit
         FROM search_index WHERE search_index MATCH @match AND ${kindFilter}
        GROUP BY rowid / ${MEETING})
     SELECT f.meetingId, CASE WHEN f.programHit OR f.resolutionHit THEN 0 ELSE 1 END AS tier, ${minutesVisible()} AS minutesReadable,
            ${membersFilesVisible()} AS membersReadable, COUNT(*) OVER () AS total
       FROM found f JOIN meetings m ON m.id = f.meetingId JOIN groups g ON g.id = m.lead_group_id
      WHERE ${searchHitVisible('f.programHit', 'f.minutesHit', 'f.membersHit')}
        AND (@from IS NULL OR m.starts_at >= @from) AND (@until IS NULL OR m.starts_at < @until)
        AND (@group IS NULL OR EXISTS (SELECT 1 FROM meeting_groups mg WHERE mg.meeting_id = m.id AND mg.group_id = @group))
      ORDER BY tier, m.starts_at DESC, m.id DESC LIMIT @limit OFFSET @offset`,
  ).all({
    match,
    kinds: kindCodes(filters.kinds),
    from: filters.from ?? null,
    until: filters.until ?? null,
    group: filters.groupId ?? null,
    ...scopeParams(scope),
    limit,
    offset,
  }) as { meetingId: number; tier: number; minutesReadable: number; membersReadable: number; total: number }[];
  // A page past the end has no row to say the total: ask for the first page's instead.
  if (rows.length === 0 && offset > 0) return { rows: [], total: searchMeetings(db, match, filters, scope, 1, 0).total };
  return {
    rows: rows.map((row) => ({ meetingId: row.meetingId, tier: row.tier, minutesReadable: Boolean(row.minutesReadable), membersReadable: Boolean(row.membersReadable) })),
    total: rows[0]?.total ?? 0,
  };
}

/**
 * Where in these meetings (a page of `searchMeetings`) the words were found: what the viewer may read
 * of each, strongest places first. One pass over the matches, quoting only those of the page.
 */
export function searchHits(db: Db, match: string, found: readonly SearchMeeting[], kinds: readonly SearchKind[] | undefined): Map<number, SearchHit[]> {
  const hits = new Map<number, SearchHit[]>(found.map((meeting) => [meeting.meetingId, []]));
  if (found.length === 0) return hits;
  const rows = sql(
    db,
    `SELECT rowid, snippet(search_index, -1, char(1), char(2), '…', 14) AS snippet
       FROM search_index WHERE search_index MATCH @match AND ${kindFilter}
        AND (rowid % 8 IN (0, 1) OR (rowid % 8 BETWEEN 2 AND 6 AND rowid / ${MEETING} IN (SELECT value FROM json_each(@minutes)))
             OR (rowid % 8 = ${MEMBERS_FILE} AND rowid / ${MEETING} IN (SELECT value FROM json_each(@members))))
        AND rowid / ${MEETING} IN (SELECT value FROM json_each(@page))`,
  ).all({
    match,
    kinds: kindCodes(kinds),
    page: JSON.stringify(found.map((meeting) => meeting.meetingId)),
    minutes: JSON.stringify(found.filter((meeting) => meeting.minutesReadable).map((meeting) => meeting.meetingId)),
    members: JSON.stringify(found.filter((meeting) => meeting.minutesReadable && meeting.membersReadable).map((meeting) => meeting.meetingId)),
  }) as { rowid: number; snippet: string }[];
  for (const row of rows) {
    const code = row.rowid % 8;
    hits.get(Math.floor(row.rowid / MEETING))?.push({ kind: kindOfCode[code], sourceId: Math.floor((row.rowid % MEETING) / 8), snippet: row.snippet, tier: tierOf(code) });
  }
  for (const list of hits.values()) list.sort((a, b) => a.tier - b.tier || searchKinds.indexOf(a.kind) - searchKinds.indexOf(b.kind) || a.sourceId - b.sourceId);
  return hits;
}

/** Empties the search index and fills it again from the records (after a restore, or when in doubt). */
export function rebuildSearchIndex(db: Db): number {
  return db.transaction(() => {
    db.exec(`DELETE FROM search_index;
      INSERT INTO search_index (rowid, title, body) SELECT rowid, title, body FROM search_sources;
      INSERT INTO search_index (search_index) VALUES ('optimize');`);
    return (sql(db, 'SELECT COUNT(*) AS n FROM search_index').get() as { n: number }).n;
  })();
}

/**
 * The meetings `searchMeetings` would find first, asked the slow way: a diacritics-folded LIKE
 * over every text. Only for the benchmark, which shows what the index saves; `fold` must be
 * registered as an SQL function on `db`, and `words` be folded already.
 */
export function searchMeetingsByScan(db: Db, words: readonly string[], scope: ReadScope, limit: number): number[] {
  const like = words.map((_, i) => `fold(t.body || ' ' || t.title) LIKE @w${i}`).join(' AND ');
  const rows = sql(
    db,
    `SELECT t.rowid / ${MEETING} AS meetingId FROM search_sources t
       JOIN meetings m ON m.id = t.rowid / ${MEETING} JOIN groups g ON g.id = m.lead_group_id
      WHERE ${like} AND ${searchHitVisible('t.rowid % 8 IN (0, 1)', 't.rowid % 8 BETWEEN 2 AND 6', `t.rowid % 8 = ${MEMBERS_FILE}`)}
      GROUP BY t.rowid / ${MEETING} ORDER BY MAX(m.starts_at) DESC LIMIT @limit`,
  ).all({ ...Object.fromEntries(words.map((word, i) => [`w${i}`, `%${word}%`])), ...scopeParams(scope), limit }) as { meetingId: number }[];
  return rows.map((row) => row.meetingId);
}
