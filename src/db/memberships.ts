import { sql } from './index.js';
import type { Db } from './index.js';
import { sortBySurname } from '../zapis/czech-names.js';
import type { Gender } from '../zapis/czech-names.js';

export type Role = 'chair' | 'secretary' | 'member' | 'guest';

/**
 * The one rule of "a member of the group on date D": the membership has started by D (or its
 * start is not known) and has not ended before D. Roles, member counts, the members of the day at
 * a meeting and the group page all decide by it: a membership that starts next year gives nothing yet.
 */
export function memberOn(membership: { since: string | null; until: string | null }, date: string): boolean {
  return (membership.since === null || membership.since <= date) && (membership.until === null || membership.until >= date);
}

/** Where a membership stands on `date`: current (memberOn), yet to start, or over. */
export function membershipPeriod(membership: { since: string | null; until: string | null }, date: string): 'current' | 'future' | 'former' {
  if (memberOn(membership, date)) return 'current';
  return membership.since !== null && membership.since > date ? 'future' : 'former';
}

/** memberOn as SQL, for membership rows `ms` and a date parameter (YYYY-MM-DD). */
export function memberOnSql(ms: string, date: string): string {
  return `((${ms}.since IS NULL OR ${ms}.since <= ${date}) AND (${ms}.until IS NULL OR ${ms}.until >= ${date}))`;
}
/** The roles in the order a group's members are listed. */
export const roles = ['chair', 'secretary', 'member', 'guest'] as const satisfies readonly Role[];

export interface Membership {
  id: number;
  groupId: number;
  personId: number;
  role: Role;
  /** YYYY-MM-DD or null when unknown. */
  since: string | null;
  /** YYYY-MM-DD or null while the membership lasts. */
  until: string | null;
  version: number;
}

/** A membership with what a list shows about the person. */
export interface MembershipRow extends Membership {
  personName: string;
  personTitle: string;
  /** The person's grammatical gender (Předsedkyně, Členové …); null when not stated. */
  personGender: Gender | null;
  organisationName: string | null;
  organisationShortName: string | null;
}

export interface MembershipInput {
  personId: number;
  role: Role;
  since?: string | null;
  until?: string | null;
}

/** What an edit may change: the person stays (another person is another membership). */
export type MembershipChange = Omit<MembershipInput, 'personId'>;

const rowSelect = `SELECT ms.id, ms.group_id AS groupId, ms.person_id AS personId, ms.role, ms.since, ms.until, ms.version,
       p.name AS personName, p.title AS personTitle, p.gender AS personGender, o.name AS organisationName, o.short_name AS organisationShortName
  FROM memberships ms
  JOIN people p ON p.id = ms.person_id
  LEFT JOIN organisations o ON o.id = p.organisation_id`;

const roleOrder: Record<Role, number> = { chair: 1, secretary: 2, member: 3, guest: 4 };

/** A group's memberships: chair, secretary, member, guest, then by surname (Czech order) and start; one query. */
export function listMembershipsOfGroup(db: Db, groupId: number): MembershipRow[] {
  const rows = sql(db, `${rowSelect} WHERE ms.group_id = ? ORDER BY ms.since, ms.id`).all(groupId) as MembershipRow[];
  // SQLite can order by neither the surname nor Czech letters; the sort is stable, so a person's periods stay in order.
  return sortBySurname(rows, (row) => row.personName, (a, b) => roleOrder[a.role] - roleOrder[b.role]);
}

/** One membership with its person, or undefined. */
export function findMembership(db: Db, id: number): MembershipRow | undefined {
  return sql(db, `${rowSelect} WHERE ms.id = ?`).get(id) as MembershipRow | undefined;
}

/** Every group the person has (had, or will have) a membership of, whatever the role and period. */
export function listGroupIdsOfPerson(db: Db, personId: number): number[] {
  return (sql(db, 'SELECT DISTINCT group_id AS groupId FROM memberships WHERE person_id = ?').all(personId) as { groupId: number }[]).map((row) => row.groupId);
}

/** Inserts a membership of `groupId`; returns its id. */
export function insertMembership(db: Db, groupId: number, input: MembershipInput, now: string): number {
  return Number(
    sql(
      db,
      `INSERT INTO memberships (group_id, person_id, role, since, until, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(groupId, input.personId, input.role, input.since ?? null, input.until ?? null, now, now).lastInsertRowid,
  );
}

/** Updates if the row is still at `version`; false when someone else changed it first. */
export function updateMembership(db: Db, id: number, version: number, input: MembershipChange, now: string): boolean {
  return (
    sql(
      db,
      `UPDATE memberships SET role = ?, since = ?, until = ?, version = version + 1, updated_at = ?
        WHERE id = ? AND version = ?`,
    ).run(input.role, input.since ?? null, input.until ?? null, now, id, version).changes === 1
  );
}

/** Deletes a membership. */
export function deleteMembership(db: Db, id: number): void {
  sql(db, 'DELETE FROM memberships WHERE id = ?').run(id);
}

/**
 * True when the person holds this role in the group for some of the same days: another membership
 * of the role overlaps `since`–`until` (an unknown start is the beginning of time, no end is forever).
 */
export function membershipOverlaps(db: Db, groupId: number, personId: number, role: Role, period: { since?: string | null; until?: string | null }, exceptId = 0): boolean {
  return (
    sql(
      db,
      `SELECT 1 FROM memberships
        WHERE group_id = @groupId AND person_id = @personId AND role = @role AND id <> @exceptId
          AND (since IS NULL OR @until IS NULL OR since <= @until) AND (until IS NULL OR @since IS NULL OR until >= @since)`,
    ).get({ groupId, personId, role, exceptId, since: period.since ?? null, until: period.until ?? null }) !== undefined
  );
}
