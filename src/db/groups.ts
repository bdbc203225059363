import { sql } from './index.js';
import type { Db } from './index.js';
import { DEFAULT_RESOLUTION_PATTERN } from './resolutions.js';
import { DEFAULT_QUORUM_PERCENT } from './attendance.js';
import { memberOnSql } from './memberships.js';

export type Visibility = 'public' | 'members';
export const visibilities = ['public', 'members'] as const satisfies readonly Visibility[];

export interface Group {
  id: number;
  name: string;
  /** The name as it follows "setkání …", for default meeting titles; '' means use `name`. */
  nameGenitive: string;
  shortName: string;
  slug: string;
  description: string;
  umbrellaId: number | null;
  visibility: Visibility;
  numberingPerYear: boolean;
  /** How resolutions are numbered: "{n}/{yyyy}" gives "3/2018" (see resolutionLabel). */
  resolutionPattern: string;
  /** Quorum: more than this percent of the voting members present (50 = more than half). */
  quorumPercent: number;
  /** A funded project's name for the footer of the zápis and the attendance sheet; '' when not funded. */
  fundingProject: string;
  /** The project's registration number, e.g. CZ.03.2.63/0.0/0.0/15_004/0000535. */
  fundingRegistration: string;
  /** The attachment holding the project's logo (served at /groups/:slug/logo), or null. */
  logoAttachmentId: number | null;
  version: number;
}

export interface GroupListRow extends Group {
  umbrellaName: string | null;
  /** People who are members on the day asked about (memberOn), each counted once. */
  memberCount: number;
  /** Meetings the group takes part in, joint meetings included. */
  meetingCount: number;
}

export interface GroupInput {
  name: string;
  nameGenitive: string;
  shortName: string;
  slug: string;
  description: string;
  umbrellaId?: number | null;
  visibility: Visibility;
  numberingPerYear: boolean;
  /** Defaults to "{n}/{yyyy}" when not given. */
  resolutionPattern?: string;
  /** Defaults to 50 (more than half) when not given. */
  quorumPercent?: number;
  /** The funding footer; '' (not funded) when not given. */
  fundingProject?: string;
  fundingRegistration?: string;
}

export interface GroupDependents {
  meetings: number;
  subgroups: number;
}

// SQLite has no boolean: the row says 0/1 and toGroup turns it into one.
type Stored<T extends Group> = Omit<T, 'numberingPerYear'> & { numberingPerYear: number };

const columns = `g.id, g.name, g.name_genitive AS nameGenitive, g.short_name AS shortName, g.slug, g.description,
  g.umbrella_id AS umbrellaId, g.visibility, g.numbering_per_year AS numberingPerYear,
  g.resolution_pattern AS resolutionPattern, g.quorum_percent AS quorumPercent, g.funding_project AS fundingProject,
  g.funding_registration AS fundingRegistration, g.logo_attachment_id AS logoAttachmentId, g.version`;

const toGroup = <T extends Group>(row: Stored<T>): T => ({ ...row, numberingPerYear: row.numberingPerYear === 1 }) as T;

/** All groups by name with their umbrella's name, their members on `today` and their meeting count, in one query. */
export function listGroups(db: Db, today: string): GroupListRow[] {
  const rows = sql(
    db,
    `SELECT ${columns}, u.name AS umbrellaName,
            (SELECT COUNT(DISTINCT ms.person_id) FROM memberships ms WHERE ms.group_id = g.id AND ${memberOnSql('ms', '@today')}) AS memberCount,
            (SELECT COUNT(*) FROM meeting_groups mg WHERE mg.group_id = g.id) AS meetingCount
       FROM groups g LEFT JOIN groups u ON u.id = g.umbrella_id
      ORDER BY g.name COLLATE NOCASE, g.id`,
  ).all({ today }) as Stored<GroupListRow>[];
  return rows.map(toGroup);
}

/** Options for a select: id and the name with the short name; without `exceptTreeOf` and the groups under it. */
export function listGroupOptions(db: Db, exceptTreeOf = 0): { value: number; label: string; id: number; slug: string; visibility: Visibility }[] {
  // An umbrella picker must not offer the group itself or its descendants: choosing one would make a loop.
  const rows = sql(
    db,
    `WITH RECURSIVE down(id) AS (SELECT @except UNION SELECT g.id FROM groups g JOIN down ON g.umbrella_id = down.id)
     SELECT g.id, g.name, g.short_name AS shortName, g.slug, g.visibility FROM groups g
      WHERE g.id NOT IN (SELECT id FROM down) ORDER BY g.name COLLATE NOCASE, g.id`,
  ).all({ except: exceptTreeOf }) as { id: number; name: string; shortName: string; slug: string; visibility: Visibility }[];
  // id and visibility come along so that callers can ask access.ts which options this viewer gets.
  return rows.map((g) => ({ value: g.id, id: g.id, slug: g.slug, visibility: g.visibility, label: g.shortName ? `${g.name} (${g.shortName})` : g.name }));
}

/** True when at least one group exists (an empty instance shows a "create the first group" hint). */
export function groupsExist(db: Db): boolean {
  return sql(db, 'SELECT 1 FROM groups LIMIT 1').get() !== undefined;
}

/** The groups with these ids, by name (ids that do not exist are left out). */
export function listGroupsByIds(db: Db, ids: readonly number[]): Group[] {
  // One statement for any number of ids: the list travels as a JSON array.
  const rows = sql(db, `SELECT ${columns} FROM groups g WHERE g.id IN (SELECT value FROM json_each(?)) ORDER BY g.name COLLATE NOCASE, g.id`).all(
    JSON.stringify(ids),
  ) as Stored<Group>[];
  return rows.map(toGroup);
}

/** The groups directly under an umbrella, by name. */
export function listSubgroups(db: Db, umbrellaId: number): Group[] {
  const rows = sql(db, `SELECT ${columns} FROM groups g WHERE g.umbrella_id = ? ORDER BY g.name COLLATE NOCASE, g.id`).all(
    umbrellaId,
  ) as Stored<Group>[];
  return rows.map(toGroup);
}

/** The group with this URL slug, or undefined. */
export function findGroupBySlug(db: Db, slug: string): Group | undefined {
  const row = sql(db, `SELECT ${columns} FROM groups g WHERE g.slug = ?`).get(slug) as Stored<Group> | undefined;
  return row && toGroup(row);
}

/** The group with this id, or undefined. */
export function findGroup(db: Db, id: number): Group | undefined {
  const row = sql(db, `SELECT ${columns} FROM groups g WHERE g.id = ?`).get(id) as Stored<Group> | undefined;
  return row && toGroup(row);
}

/** Inserts a group; returns its id. */
export function insertGroup(db: Db, input: GroupInput, now: string): number {
  return Number(
    sql(
      db,
      `INSERT INTO groups (name, name_genitive, short_name, slug, description, umbrella_id, visibility, numbering_per_year,
                           resolution_pattern, quorum_percent, funding_project, funding_registration, created_at, updated_at)
       VALUES (@name, @nameGenitive, @shortName, @slug, @description, @umbrellaId, @visibility, @numberingPerYear,
               @resolutionPattern, @quorumPercent, @fundingProject, @fundingRegistration, @now, @now)`,
    ).run({ ...stored(input), now }).lastInsertRowid,
  );
}

/** Updates if the row is still at `version`; false when someone else changed it first. */
export function updateGroup(db: Db, id: number, version: number, input: GroupInput, now: string): boolean {
  return (
    sql(
      db,
      `UPDATE groups SET name = @name, name_genitive = @nameGenitive, short_name = @shortName, slug = @slug,
              description = @description, umbrella_id = @umbrellaId, visibility = @visibility,
              numbering_per_year = @numberingPerYear, resolution_pattern = @resolutionPattern, quorum_percent = @quorumPercent, funding_project = @fundingProject,
              funding_registration = @fundingRegistration, version = version + 1, updated_at = @now
        WHERE id = @id AND version = @version`,
    ).run({ ...stored(input), now: now, id, version }).changes === 1
  );
}

/** Deletes a group; its memberships go with it (ON DELETE CASCADE). Check groupDependents first. */
export function deleteGroup(db: Db, id: number): void {
  sql(db, 'DELETE FROM groups WHERE id = ?').run(id);
}

/** What keeps a group from being deleted: its meetings (led or joint) and the groups under it. */
export function groupDependents(db: Db, id: number): GroupDependents {
  return sql(
    db,
    `SELECT (SELECT COUNT(*) FROM meetings m
              WHERE m.lead_group_id = @id
                 OR EXISTS (SELECT 1 FROM meeting_groups mg WHERE mg.meeting_id = m.id AND mg.group_id = @id)) AS meetings,
            (SELECT COUNT(*) FROM groups s WHERE s.umbrella_id = @id) AS subgroups`,
  ).get({ id }) as GroupDependents;
}

// Slugs that a route already uses as a path segment under /groups/, so no group may have them.
export const reservedSlugs: ReadonlySet<string> = new Set(['new']);

/** True when another group has this slug, or a route needs it (/groups/new). */
export function slugTaken(db: Db, slug: string, exceptId = 0): boolean {
  return reservedSlugs.has(slug) || sql(db, 'SELECT 1 FROM groups WHERE slug = ? AND id <> ?').get(slug, exceptId) !== undefined;
}

/** "Odborná pracovní skupina Sociální služby" → "odborna-pracovni-skupina-socialni-sluzby" (not yet unique). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Keep URLs readable: cut long names at a word boundary.
  const short = slug.length > 80 ? slug.slice(0, 80).replace(/-[^-]*$/, '') : slug;
  return short || 'skupina';
}

/** A slug derived from the name that no other group uses: the base, else base-2, base-3 … */
export function uniqueSlugFor(db: Db, name: string, exceptId = 0): string {
  const base = slugify(name);
  let candidate = base;
  for (let n = 2; slugTaken(db, candidate, exceptId); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** True when making `umbrellaId` the umbrella of `groupId` would put the group under itself. */
export function umbrellaCreatesCycle(db: Db, groupId: number, umbrellaId: number): boolean {
  // Walk up from the proposed umbrella; meeting the group on the way means a loop.
  return (
    sql(
      db,
      `WITH RECURSIVE up(id) AS (
         SELECT ? UNION SELECT g.umbrella_id FROM groups g JOIN up ON g.id = up.id WHERE g.umbrella_id IS NOT NULL
       ) SELECT 1 FROM up WHERE id = ?`,
    ).get(umbrellaId, groupId) !== undefined
  );
}

const stored = (input: GroupInput) => ({
  name: input.name,
  nameGenitive: input.nameGenitive,
  shortName: input.shortName,
  slug: input.slug,
  description: input.description,
  umbrellaId: input.umbrellaId ?? null,
  visibility: input.visibility,
  numberingPerYear: input.numberingPerYear ? 1 : 0,
  resolutionPattern: input.resolutionPattern ?? DEFAULT_RESOLUTION_PATTERN,
  quorumPercent: input.quorumPercent ?? DEFAULT_QUORUM_PERCENT,
  fundingProject: input.fundingProject ?? '',
  fundingRegistration: input.fundingRegistration ?? '',
});
