import { sql } from './index.js';
import type { Db } from './index.js';

export interface Organisation {
  id: number;
  name: string;
  shortName: string;
  version: number;
}

export interface OrganisationListRow extends Organisation {
  peopleCount: number;
}

export interface OrganisationInput {
  name: string;
  shortName: string;
}

const columns = 'o.id, o.name, o.short_name AS shortName, o.version';

/** All organisations by name, with how many people belong to each. */
export function listOrganisations(db: Db): OrganisationListRow[] {
  return sql(
    db,
    `SELECT ${columns}, COUNT(p.id) AS peopleCount
       FROM organisations o LEFT JOIN people p ON p.organisation_id = o.id
      GROUP BY o.id ORDER BY o.name COLLATE NOCASE`,
  ).all() as OrganisationListRow[];
}

/** Options for a select: id and a label with the short name. */
export function listOrganisationOptions(db: Db): { value: number; label: string }[] {
  return (sql(db, `SELECT ${columns} FROM organisations o ORDER BY o.name COLLATE NOCASE`).all() as Organisation[]).map(
    (o) => ({ value: o.id, label: o.shortName ? `${o.name} (${o.shortName})` : o.name }),
  );
}

export function findOrganisation(db: Db, id: number): Organisation | undefined {
  return sql(db, `SELECT ${columns} FROM organisations o WHERE o.id = ?`).get(id) as Organisation | undefined;
}

/** True when another organisation already has this name (case-insensitive). */
export function organisationNameTaken(db: Db, name: string, exceptId = 0): boolean {
  return sql(db, 'SELECT 1 FROM organisations WHERE name = ? COLLATE NOCASE AND id <> ?').get(name, exceptId) !== undefined;
}

export function insertOrganisation(db: Db, input: OrganisationInput, now: string): number {
  return Number(
    sql(db, 'INSERT INTO organisations (name, short_name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
      input.name,
      input.shortName,
      now,
      now,
    ).lastInsertRowid,
  );
}

// Case aside, letter for letter: "úřad práce čr" is "Úřad práce ČR" (SQLite's NOCASE folds only ASCII), "Usti" is not "Ústí".
const sameName = new Intl.Collator('cs', { sensitivity: 'accent' });

/** The organisation of this name (in any case), or a new one by that name: typed twice, an organisation is still one. */
export function organisationIdFor(db: Db, name: string, now: string): number {
  const names = sql(db, 'SELECT id, name FROM organisations').all() as { id: number; name: string }[];
  return names.find((organisation) => sameName.compare(organisation.name, name) === 0)?.id ?? insertOrganisation(db, { name, shortName: '' }, now);
}

/** Updates if the row is still at `version`; false when someone else changed it first. */
export function updateOrganisation(db: Db, id: number, version: number, input: OrganisationInput, now: string): boolean {
  return (
    sql(
      db,
      `UPDATE organisations SET name = ?, short_name = ?, version = version + 1, updated_at = ?
        WHERE id = ? AND version = ?`,
    ).run(input.name, input.shortName, now, id, version).changes === 1
  );
}

/** True when people belong to the organisation, it is responsible for a task or someone represented it at a meeting: it must stay. */
export function organisationInUse(db: Db, id: number): boolean {
  return (
    sql(
      db,
      `SELECT EXISTS (SELECT 1 FROM people WHERE organisation_id = @id)
           OR EXISTS (SELECT 1 FROM action_items WHERE responsible_organisation_id = @id)
           OR EXISTS (SELECT 1 FROM attendance WHERE organisation_id = @id) AS used`,
    ).get({ id }) as {
      used: number;
    }
  ).used === 1;
}

export function deleteOrganisation(db: Db, id: number): void {
  sql(db, 'DELETE FROM organisations WHERE id = ?').run(id);
}
