import { sql } from './index.js';
import type { Db } from './index.js';
import { memberOnSql } from './memberships.js';
import { genderFromName, sortBySurname } from '../zapis/czech-names.js';
import type { Gender } from '../zapis/czech-names.js';

export interface Person {
  id: number;
  name: string;
  /** Academic title written before the name, e.g. "Mgr.". */
  title: string;
  email: string;
  phone: string;
  organisationId: number | null;
  /** The grammatical gender the zápis words the person by; null when not stated. */
  gender: Gender | null;
  version: number;
}

/** A person as lists and the detail page show them: with the title and the organisation's names. */
export interface PersonListRow extends Person {
  displayName: string;
  organisationName: string | null;
  organisationShortName: string | null;
}

export interface PersonInput {
  name: string;
  title: string;
  email: string;
  phone: string;
  organisationId?: number | null;
  /** Left out (undefined): the default the name suggests (genderFromName); null: not stated. */
  gender?: Gender | null;
}

export type MembershipRole = 'chair' | 'secretary' | 'member' | 'guest';

/** One group a person belongs (or belonged) to, for the person's page. */
export interface PersonMembership {
  groupId: number;
  groupVisibility: 'public' | 'members';
  groupName: string;
  groupSlug: string;
  role: MembershipRole;
  since: string | null;
  until: string | null;
}

export interface PersonDetail {
  person: PersonListRow;
  memberships: PersonMembership[];
}

const columns =
  'p.id, p.name, p.title, p.email, p.phone, p.organisation_id AS organisationId, p.gender, p.version';
const listColumns = `${columns},
  CASE WHEN p.title = '' THEN p.name ELSE p.title || ' ' || p.name END AS displayName,
  o.name AS organisationName, o.short_name AS organisationShortName`;
const listFrom = 'people p LEFT JOIN organisations o ON o.id = p.organisation_id';

// By surname in Czech order (Čermák after Cibulka, Chalupa after Hrubý), which SQLite cannot sort.
const byName = <T extends { name: string }>(rows: T[]): T[] => sortBySurname(rows, (row) => row.name);

/** Everyone, by surname in Czech order, with their organisation's name and short name. */
export function listPeople(db: Db): PersonListRow[] {
  return byName(sql(db, `SELECT ${listColumns} FROM ${listFrom}`).all() as PersonListRow[]);
}

/** The people with these ids (by surname, Czech order); ids that do not exist are left out. */
export function listPeopleByIds(db: Db, ids: readonly number[]): PersonListRow[] {
  // One statement for any number of ids: the list travels as a JSON array, so the SQL text never varies.
  return byName(
    sql(db, `SELECT ${listColumns} FROM ${listFrom} WHERE p.id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as PersonListRow[],
  );
}


/** The person as stored, or undefined. */
export function findPerson(db: Db, id: number): Person | undefined {
  return sql(db, `SELECT ${columns} FROM people p WHERE p.id = ?`).get(id) as Person | undefined;
}

/** The directory's person with this e-mail (any case), the first recorded when several share it; undefined when none does. */
export function findPersonByEmail(db: Db, email: string): Person | undefined {
  return sql(db, `SELECT ${columns} FROM people p WHERE p.email = ? COLLATE NOCASE ORDER BY p.id LIMIT 1`).get(email) as Person | undefined;
}

/** True when a person with this id exists (for checking references typed into other forms). */
export function personExists(db: Db, id: number): boolean {
  return sql(db, 'SELECT 1 FROM people WHERE id = ?').get(id) !== undefined;
}

/** Everything the person's page shows: the person with organisation, and their groups (two queries). */
export function findPersonDetail(db: Db, id: number, today: string): PersonDetail | undefined {
  const person = sql(db, `SELECT ${listColumns} FROM ${listFrom} WHERE p.id = ?`).get(id) as PersonListRow | undefined;
  if (!person) return undefined;
  const memberships = sql(
    db,
    `SELECT g.id AS groupId, g.visibility AS groupVisibility, g.name AS groupName, g.slug AS groupSlug, m.role, m.since, m.until
       FROM memberships m JOIN groups g ON g.id = m.group_id
      WHERE m.person_id = @id
      -- Groups the person sits in today come first; the others (ended, or yet to start) below them.
      ORDER BY NOT ${memberOnSql('m', '@today')}, g.name COLLATE NOCASE, m.since`,
  ).all({ id, today }) as PersonMembership[];
  return { person, memberships };
}

/** The gender to store: the one given (null: not stated), or the default the name suggests. */
const genderOf = (input: PersonInput): Gender | null => (input.gender === undefined ? genderFromName(input.name) : input.gender);

/** Inserts a person (gender from the name unless given); returns the new id. */
export function insertPerson(db: Db, input: PersonInput, now: string): number {
  return Number(
    sql(
      db,
      `INSERT INTO people (name, title, email, phone, organisation_id, gender, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.name, input.title, input.email, input.phone, input.organisationId ?? null, genderOf(input), now, now).lastInsertRowid,
  );
}

/** Updates if the row is still at `version`; false when someone else changed it first. */
export function updatePerson(db: Db, id: number, version: number, input: PersonInput, now: string): boolean {
  return (
    sql(
      db,
      `UPDATE people SET name = ?, title = ?, email = ?, phone = ?, organisation_id = ?, gender = ?,
              version = version + 1, updated_at = ?
        WHERE id = ? AND version = ?`,
    ).run(input.name, input.title, input.email, input.phone, input.organisationId ?? null, genderOf(input), now, id, version)
      .changes === 1
  );
}

/** True when a membership or a meeting (chair, minute taker, verifier) names the person, so it must stay. */
export function personInUse(db: Db, id: number): boolean {
  const row = sql(
    db,
    `SELECT EXISTS (SELECT 1 FROM memberships WHERE person_id = @id)
         OR EXISTS (SELECT 1 FROM meetings WHERE chair_id = @id)
         OR EXISTS (SELECT 1 FROM meetings WHERE minute_taker_id = @id)
         OR EXISTS (SELECT 1 FROM meeting_verifiers WHERE person_id = @id)
         OR EXISTS (SELECT 1 FROM accounts WHERE person_id = @id)
         OR EXISTS (SELECT 1 FROM action_item_owners WHERE person_id = @id)
         OR EXISTS (SELECT 1 FROM attendance WHERE person_id = @id OR substitute_for_person_id = @id) AS used`,
  ).get({ id }) as { used: number };
  return row.used === 1;
}

/** Deletes the person; callers check personInUse first (the foreign keys would refuse anyway). */
export function deletePerson(db: Db, id: number): void {
  sql(db, 'DELETE FROM people WHERE id = ?').run(id);
}
