import { DateTime } from 'luxon';
import { canReadGroup, readScope } from '../access.js';
import type { Viewer } from '../access.js';
import type { Db } from '../db/index.js';
import { listGroupOptions } from '../db/groups.js';
import { listMeetingsByIds } from '../db/meetings.js';
import type { MeetingListRow } from '../db/meetings.js';
import { searchHits, searchMeetings } from '../db/search.js';
import type { SearchFilters, SearchHit, SearchKind } from '../db/search.js';
import { parseSearchQuery } from './query.js';

/**
 * The search page's model: what was asked (the query and its filters, all from the URL), the
 * meetings found on this page with where in each the words stand, and the filters' options. It
 * asks db/search.ts, which filters with the one scope (db/scope.ts), so a result never shows what
 * the viewer may not read.
 */

export const RESULTS_PER_PAGE = 20;
/** Places shown under each meeting; the rest are counted. */
const HITS_PER_MEETING = 3;
// Past this a page number is not a search anyone reads; it is a crawler walking the index.
const MAX_PAGE = 50;

/** The kinds a reader filters by (as the page names them), and the texts of the index each covers. */
export const resultKinds = {
  minutes: ['meeting', 'item', 'proceedings', 'notes'],
  resolutions: ['resolution'],
  tasks: ['task'],
  attachments: ['attachment'],
} as const satisfies Record<string, readonly SearchKind[]>;
export type ResultKind = keyof typeof resultKinds;

const isResultKind = (value: unknown): value is ResultKind => typeof value === 'string' && Object.hasOwn(resultKinds, value);

/** The search as the URL states it, cleaned: anything that is not a value a filter can take is left out. */
export interface SearchRequest {
  q: string;
  group: string;
  year: string;
  kind: ResultKind | '';
  page: number;
}

/** Reads the query string (?q=…&group=…&year=…&kind=…&page=…). */
export function searchRequest(query: Record<string, unknown>): SearchRequest {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const page = /^\d{1,3}$/.test(text(query.page)) ? Math.min(MAX_PAGE, Math.max(1, Number(query.page))) : 1;
  return {
    q: text(query.q).slice(0, 200),
    group: /^[a-z0-9-]{1,80}$/.test(text(query.group)) ? text(query.group) : '',
    year: /^(19|20)\d\d$/.test(text(query.year)) ? text(query.year) : '',
    kind: isResultKind(query.kind) ? query.kind : '',
    page,
  };
}

/** One place in a meeting where the words stand: what it is, a quote (with \u0001…\u0002 around the words), and where it links. */
export interface ResultPlace {
  kind: SearchKind;
  quote: string;
  href: string;
}

export interface ResultMeeting {
  row: MeetingListRow;
  places: ResultPlace[];
  /** How many more places in this meeting hold the words. */
  morePlaces: number;
}

export interface SearchResults {
  request: SearchRequest;
  /** The words looked for; empty when nothing was asked. */
  words: string[];
  meetings: ResultMeeting[];
  total: number;
  pages: number;
  /** The number of this page's first meeting in the whole list. */
  first: number;
  groupOptions: { value: string; label: string }[];
  kindOptions: ResultKind[];
}

/** Where a place links: the meeting page, at the item, resolution or task it quotes. */
function placeHref(meetingId: number, hit: SearchHit): string {
  const page = `/meetings/${meetingId}`;
  if (hit.kind === 'item' || hit.kind === 'proceedings') return `${page}#item-${hit.sourceId}`;
  if (hit.kind === 'resolution') return `${page}#resolution-${hit.sourceId}`;
  if (hit.kind === 'task') return `${page}#task-${hit.sourceId}`;
  return page;
}

/** The instants a calendar year spans in the zone meetings are planned in. */
function yearSpan(year: string, zone: string): { from: string; until: string } {
  const start = DateTime.fromObject({ year: Number(year), month: 1, day: 1 }, { zone });
  return { from: start.toUTC().toISO({ suppressMilliseconds: true }) ?? '', until: start.plus({ years: 1 }).toUTC().toISO({ suppressMilliseconds: true }) ?? '' };
}

/** Runs the search for this viewer: one page of meetings, newest first within equal relevance. */
export function searchArchive(db: Db, viewer: Viewer, request: SearchRequest, zone: string): SearchResults {
  const groups = listGroupOptions(db).filter((group) => canReadGroup(viewer, group));
  const group = groups.find((option) => option.slug === request.group);
  const base = {
    request,
    groupOptions: groups.map((option) => ({ value: option.slug, label: option.label })),
    kindOptions: Object.keys(resultKinds) as ResultKind[],
    first: (request.page - 1) * RESULTS_PER_PAGE + 1,
  };
  const { match, words } = parseSearchQuery(request.q);
  if (!match) return { ...base, words, meetings: [], total: 0, pages: 1 };
  const filters: SearchFilters = {
    groupId: group?.id,
    ...(request.year ? yearSpan(request.year, zone) : {}),
    kinds: request.kind ? resultKinds[request.kind] : undefined,
  };
  const scope = readScope(viewer);
  const found = searchMeetings(db, match, filters, scope, RESULTS_PER_PAGE, (request.page - 1) * RESULTS_PER_PAGE);
  const hits = searchHits(db, match, found.rows, filters.kinds);
  const rows = new Map(listMeetingsByIds(db, found.rows.map((row) => row.meetingId)).map((row) => [row.id, row]));
  const meetings = found.rows.flatMap((meeting): ResultMeeting[] => {
    const row = rows.get(meeting.meetingId);
    if (!row) return [];
    const places = hits.get(meeting.meetingId) ?? [];
    return [{
      row,
      places: places.slice(0, HITS_PER_MEETING).map((hit) => ({ kind: hit.kind, quote: hit.snippet, href: placeHref(row.id, hit) })),
      morePlaces: Math.max(0, places.length - HITS_PER_MEETING),
    }];
  });
  return { ...base, words, meetings, total: found.total, pages: Math.min(MAX_PAGE, Math.max(1, Math.ceil(found.total / RESULTS_PER_PAGE))) };
}

/** The URL of this search with some of its parameters changed (empty ones left out), for filters and pages. */
export function searchHref(request: SearchRequest, change: Partial<Record<'q' | 'group' | 'year' | 'kind' | 'page', string>> = {}): string {
  const params = new URLSearchParams();
  const values = { q: request.q, group: request.group, year: request.year, kind: request.kind, page: '', ...change };
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  return `/search?${params.toString()}`;
}
