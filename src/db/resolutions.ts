import { sql } from './index.js';
import type { Db } from './index.js';
import type { ReadScope } from '../access.js';
import { minutesVisible, scopeParams } from './scope.js';

export const resolutionOutcomes = ['adopted', 'rejected', 'noted'] as const;
export type ResolutionOutcome = (typeof resolutionOutcomes)[number];

/** The pattern a group gets unless it chose another ("3/2018"). */
export const DEFAULT_RESOLUTION_PATTERN = '{n}/{yyyy}';

/** The stored resolution, as forms and checks need it. */
export interface Resolution {
  id: number;
  meetingId: number;
  agendaItemId: number | null;
  groupId: number;
  year: number;
  /** Its place in the group's series for the year: what the next one follows. */
  number: number;
  /** The label the zápis prints, as given when it was adopted ("3/2018", "94/1"); '' when the body does not number them. */
  label: string;
  text: string;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  outcome: ResolutionOutcome;
  supersedesId: number | null;
  /** Where a resolution of no agenda item was adopted: at the start of the meeting (approving the program) or at its end ("mimo program"). */
  placement: ResolutionPlacement;
  version: number;
}

export const resolutionPlacements = ['start', 'end'] as const;
export type ResolutionPlacement = (typeof resolutionPlacements)[number];

/** What the resolution form writes (the number is assigned when not given). */
export type ResolutionInput = Pick<Resolution, 'agendaItemId' | 'text' | 'votesFor' | 'votesAgainst' | 'votesAbstain' | 'outcome' | 'supersedesId' | 'placement'>;

/** A new resolution: where it belongs and, optionally, an explicit number. */
export interface NewResolution extends Omit<ResolutionInput, 'placement'> {
  /** At the end unless said: where resolutions of no agenda item stood before this was known. */
  placement?: ResolutionPlacement;
  /** As typed, or '' for none; from the group's pattern when absent. */
  label?: string;
  meetingId: number;
  /** The meeting's lead group, which numbers its resolutions. */
  groupId: number;
  /** The year of the meeting's start in its own zone. */
  year: number;
  number?: number;
}

/** The resolution a resolution supersedes, enough to link to it. */
export interface SupersededRef {
  id: number;
  label: string;
  meetingId: number;
}

/** A resolution as the meeting page shows it. */
export interface ResolutionRow {
  id: number;
  agendaItemId: number | null;
  placement: ResolutionPlacement;
  number: number;
  year: number;
  /** The number as the group writes it: "3/2018". */
  label: string;
  text: string;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  outcome: ResolutionOutcome;
  supersedes: SupersededRef | null;
  version: number;
}

/** A resolution in a group's register, with the meeting and agenda item it was passed under. */
export interface ResolutionRegisterRow extends ResolutionRow {
  meetingId: number;
  meetingNumber: number;
  meetingTitle: string;
  meetingStartsAt: string;
  meetingTimeZone: string;
  leadGroupName: string;
  leadGroupNameGenitive: string;
  agendaItemTitle: string | null;
}

export interface ResolutionFilters {
  year?: number;
  outcome?: ResolutionOutcome;
}

/**
 * A label from the group's pattern: "{n}/{yyyy}" with 3 and 2018 → "3/2018"; {yy} gives "18",
 * {meeting} the meeting's number and {i} the resolution's order within the meeting ("{meeting}/{i}" → "94/1").
 */
export function resolutionLabel(pattern: string, number: number, year: number, meeting = 0, inMeeting = 0): string {
  const parts: Record<string, string> = { n: String(number), yyyy: String(year), yy: String(year % 100).padStart(2, '0'), meeting: String(meeting), i: String(inMeeting) };
  return pattern.replace(/\{(n|yyyy|yy|meeting|i)\}/g, (_whole, key: string) => parts[key]);
}

/** The label the group's pattern gives a resolution numbered `number` at this meeting, as the next of its resolutions there. */
export function patternLabel(db: Db, groupId: number, meetingId: number, number: number, year: number): string {
  const row = sql(
    db,
    `SELECT g.resolution_pattern AS pattern, m.number AS meeting, (SELECT COUNT(*) FROM resolutions r WHERE r.meeting_id = m.id) AS here
       FROM groups g, meetings m WHERE g.id = ? AND m.id = ?`,
  ).get(groupId, meetingId) as { pattern: string; meeting: number; here: number } | undefined;
  return row ? resolutionLabel(row.pattern, number, year, row.meeting, row.here + 1) : String(number);
}

/** True when another resolution of the meeting already carries this label (labels are compared as typed, ignoring case). */
export function resolutionLabelTaken(db: Db, meetingId: number, label: string, exceptId = 0): boolean {
  return label !== '' && sql(db, 'SELECT 1 FROM resolutions WHERE meeting_id = ? AND label = ? COLLATE NOCASE AND id <> ?').get(meetingId, label, exceptId) !== undefined;
}

const columns = `r.id, r.meeting_id AS meetingId, r.agenda_item_id AS agendaItemId, r.group_id AS groupId, r.year, r.number,
  r.label, r.text, r.votes_for AS votesFor, r.votes_against AS votesAgainst, r.votes_abstain AS votesAbstain, r.outcome,
  r.supersedes_id AS supersedesId, r.placement, r.version`;

// The row columns plus the superseded resolution, enough to link it; the caller joins g (group) and s (superseded).
const rowColumns = `r.id, r.agenda_item_id AS agendaItemId, r.placement, r.number, r.year, r.label, r.text,
  r.votes_for AS votesFor, r.votes_against AS votesAgainst, r.votes_abstain AS votesAbstain, r.outcome, r.version,
  s.id AS sId, s.label AS sLabel, s.meeting_id AS sMeetingId`;

const rowJoins = `JOIN groups g ON g.id = r.group_id
  LEFT JOIN resolutions s ON s.id = r.supersedes_id`;

type StoredRow = Omit<ResolutionRow, 'supersedes'> & {
  sId: number | null;
  sLabel: string;
  sMeetingId: number;
};

function toRow<T extends StoredRow>(stored: T): Omit<T, 'sId' | 'sLabel' | 'sMeetingId'> & ResolutionRow {
  const { sId, sLabel, sMeetingId, ...rest } = stored;
  return { ...rest, supersedes: sId === null ? null : { id: sId, label: sLabel, meetingId: sMeetingId } };
}

/** One resolution with its label as it was given ("3/2018"), only if it belongs to the meeting (ids from a URL are checked against their parent). */
export function findResolution(db: Db, meetingId: number, id: number): (Resolution & { label: string }) | undefined {
  return sql(db, `SELECT ${columns} FROM resolutions r WHERE r.id = ? AND r.meeting_id = ?`).get(id, meetingId) as (Resolution & { label: string }) | undefined;
}

/** One resolution of a group (the "supersedes" choice must stay within the group). */
export function findResolutionOfGroup(db: Db, groupId: number, id: number): Resolution | undefined {
  return sql(db, `SELECT ${columns} FROM resolutions r WHERE r.id = ? AND r.group_id = ?`).get(id, groupId) as Resolution | undefined;
}

/** The meeting's resolutions in agenda order (sub-items after their parent, unattached last), then by number. One query. */
export function listResolutionsOfMeeting(db: Db, meetingId: number): ResolutionRow[] {
  const rows = sql(
    db,
    `SELECT ${rowColumns}
       FROM resolutions r ${rowJoins}
       LEFT JOIN agenda_items a ON a.id = r.agenda_item_id
       LEFT JOIN agenda_items p ON p.id = a.parent_id
      WHERE r.meeting_id = ?
      ORDER BY a.id IS NULL, COALESCE(p.position, a.position), a.parent_id IS NOT NULL, a.position, r.number, r.id`,
  ).all(meetingId) as StoredRow[];
  return rows.map(toRow);
}

/** The resolutions of several meetings at once (feeds), each meeting's in the order of listResolutionsOfMeeting: one query. */
export function listResolutionsOfMeetings(db: Db, meetingIds: readonly number[]): Map<number, ResolutionRow[]> {
  const rows = sql(
    db,
    `SELECT ${rowColumns}, r.meeting_id AS meetingId
       FROM resolutions r ${rowJoins}
       LEFT JOIN agenda_items a ON a.id = r.agenda_item_id
       LEFT JOIN agenda_items p ON p.id = a.parent_id
      WHERE r.meeting_id IN (SELECT value FROM json_each(?))
      ORDER BY r.meeting_id, a.id IS NULL, COALESCE(p.position, a.position), a.parent_id IS NOT NULL, a.position, r.number, r.id`,
  ).all(JSON.stringify(meetingIds)) as (StoredRow & { meetingId: number })[];
  const byMeeting = new Map<number, ResolutionRow[]>(meetingIds.map((id) => [id, []]));
  for (const { meetingId, ...row } of rows) byMeeting.get(meetingId)?.push(toRow(row));
  return byMeeting;
}

/**
 * A group's register of resolutions, newest first (year, then number, descending): those of meetings
 * whose minutes the scope may read (a draft's resolutions are part of the draft).
 */
export function listResolutionsOfGroup(
  db: Db,
  groupId: number,
  filters: ResolutionFilters,
  scope: ReadScope,
  page: { limit: number; offset: number },
): { rows: ResolutionRegisterRow[]; total: number } {
  const where = `WHERE r.group_id = @group
        AND (@year IS NULL OR r.year = @year)
        AND (@outcome IS NULL OR r.outcome = @outcome)
        AND ${minutesVisible('m')}`;
  const params = { group: groupId, year: filters.year ?? null, outcome: filters.outcome ?? null, ...scopeParams(scope) };
  const rows = sql(
    db,
    `SELECT ${rowColumns}, m.id AS meetingId, m.number AS meetingNumber, m.title AS meetingTitle, m.starts_at AS meetingStartsAt,
            m.time_zone AS meetingTimeZone, lg.name AS leadGroupName, lg.name_genitive AS leadGroupNameGenitive,
            a.title AS agendaItemTitle
       FROM resolutions r ${rowJoins}
       JOIN meetings m ON m.id = r.meeting_id
       JOIN groups lg ON lg.id = m.lead_group_id
       LEFT JOIN agenda_items a ON a.id = r.agenda_item_id
      ${where}
      ORDER BY r.year DESC, r.number DESC
      LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: page.limit, offset: page.offset }) as (StoredRow & Omit<ResolutionRegisterRow, keyof ResolutionRow>)[];
  const { total } = sql(db, `SELECT COUNT(*) AS total FROM resolutions r JOIN meetings m ON m.id = r.meeting_id ${where}`).get(params) as { total: number };
  return { rows: rows.map(toRow), total };
}

/** The years the group's register has resolutions in (as `listResolutionsOfGroup` would show them), newest first. */
export function listResolutionYears(db: Db, groupId: number, scope: ReadScope): number[] {
  const rows = sql(
    db,
    `SELECT DISTINCT r.year FROM resolutions r JOIN meetings m ON m.id = r.meeting_id
      WHERE r.group_id = @group AND ${minutesVisible('m')}
      ORDER BY r.year DESC`,
  ).all({ group: groupId, ...scopeParams(scope) }) as { year: number }[];
  return rows.map((row) => row.year);
}

/** Options for the "supersedes" select: the group's resolutions, newest first, labelled "3/2018 – text…". */
export function listSupersedableResolutions(db: Db, groupId: number): { value: number; label: string }[] {
  const rows = sql(
    db,
    `SELECT r.id, r.label, r.text FROM resolutions r WHERE r.group_id = ? ORDER BY r.year DESC, r.number DESC`,
  ).all(groupId) as { id: number; label: string; text: string }[];
  return rows.map((row) => ({ value: row.id, label: row.label ? `${row.label} – ${excerpt(row.text)}` : excerpt(row.text) }));
}

// A select option shows the start of the text on one line.
const excerpt = (text: string, max = 80): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The number the next resolution of the group in that year gets: after both the counter and any existing number. */
export function nextResolutionNumber(db: Db, groupId: number, year: number): number {
  const row = sql(
    db,
    `SELECT MAX(COALESCE((SELECT last_number FROM resolution_counters WHERE group_id = @group AND year = @year), 0),
                COALESCE((SELECT MAX(number) FROM resolutions WHERE group_id = @group AND year = @year), 0)) + 1 AS n`,
  ).get({ group: groupId, year }) as { n: number };
  return row.n;
}

/** True when another resolution of the group already has this number in that year. */
export function resolutionNumberTaken(db: Db, groupId: number, year: number, number: number, exceptId = 0): boolean {
  return sql(db, 'SELECT 1 FROM resolutions WHERE group_id = ? AND year = ? AND number = ? AND id <> ?').get(groupId, year, number, exceptId) !== undefined;
}

// The counter only grows: it remembers the highest number ever given, so a deleted one is not reused.
function raiseCounter(db: Db, groupId: number, year: number, number: number): void {
  sql(
    db,
    `INSERT INTO resolution_counters (group_id, year, last_number) VALUES (?, ?, ?)
     ON CONFLICT (group_id, year) DO UPDATE SET last_number = MAX(last_number, excluded.last_number)`,
  ).run(groupId, year, number);
}

/** Adds a resolution, numbered next in its group and year unless a number is given; returns its id. One transaction. */
export function insertResolution(db: Db, input: NewResolution, now: string): number {
  return db.transaction(() => {
    const number = input.number ?? nextResolutionNumber(db, input.groupId, input.year);
    // The label is given once, here, and kept: a later change of the pattern does not renumber the past.
    const label = input.label ?? patternLabel(db, input.groupId, input.meetingId, number, input.year);
    const id = Number(
      sql(
        db,
        `INSERT INTO resolutions (meeting_id, agenda_item_id, group_id, year, number, label, text, votes_for, votes_against, votes_abstain,
                                  outcome, supersedes_id, placement, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.meetingId,
        input.agendaItemId,
        input.groupId,
        input.year,
        number,
        label,
        input.text,
        input.votesFor,
        input.votesAgainst,
        input.votesAbstain,
        input.outcome,
        input.supersedesId,
        input.placement ?? 'end',
        now,
        now,
      ).lastInsertRowid,
    );
    // Only a number the series gave out moves the counter: a typed one (a correction, perhaps a
    // typo) must not push every later number up; while it exists it still counts as taken.
    if (input.number === undefined) raiseCounter(db, input.groupId, input.year, number);
    return id;
  })();
}

/**
 * Updates a resolution if still at `version` (false when someone else changed it first). The number
 * may be corrected; check `resolutionNumberTaken` first. The counter follows a higher number.
 */
export function updateResolution(db: Db, id: number, version: number, input: ResolutionInput & { number: number; label: string }, now: string): boolean {
  return db.transaction(() => {
    const changed =
      sql(
        db,
        `UPDATE resolutions SET agenda_item_id = ?, number = ?, label = ?, text = ?, votes_for = ?, votes_against = ?, votes_abstain = ?,
                outcome = ?, supersedes_id = ?, placement = ?, version = version + 1, updated_at = ?
          WHERE id = ? AND version = ?`,
      ).run(
        input.agendaItemId,
        input.number,
        input.label,
        input.text,
        input.votesFor,
        input.votesAgainst,
        input.votesAbstain,
        input.outcome,
        input.supersedesId,
        input.placement,
        now,
        id,
        version,
      ).changes === 1;
    // A corrected number does not move the counter (see insertResolution); the next number is
    // still above every number in use.
    return changed;
  })();
}

/** Deletes a resolution; its number stays used (the counter remembers it) and what superseded it no longer points at it. */
export function deleteResolution(db: Db, id: number): void {
  sql(db, 'DELETE FROM resolutions WHERE id = ?').run(id);
}
