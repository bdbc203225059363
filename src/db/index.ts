import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { genderFromName } from '../zapis/czech-names.js';
import { migrations } from './migrations.js';

export type Db = Database.Database;

/** Raised when the database file was written by a newer Zápisník than this one. */
export class DatabaseTooNewError extends Error {}

export interface OpenOptions {
  /** Called with every SQL statement run; tests use it to count queries. */
  verbose?: (sql: unknown) => void;
}

/** Opens (creating if needed) the SQLite file, sets pragmas and brings the schema up to date. */
export function openDb(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { verbose: options.verbose });
  try {
    // Refuse a newer database before touching it, even its journal mode.
    refuseNewerSchema(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The schema version this code writes: one per entry in the migration list. */
export const codeSchemaVersion = migrations.length;

/** Runs every migration the database has not seen yet, each in its own transaction. */
export function migrate(db: Db): void {
  refuseNewerSchema(db);
  const current = schemaVersion(db);
  // Migration 9 fills people.gender with the rule a new person gets it by (names are text, never null).
  if (current < 9) db.function('person_gender', { deterministic: true }, (name: unknown) => genderFromName(String(name)));
  for (let version = current + 1; version <= migrations.length; version++) {
    const apply = migrations[version - 1];
    db.transaction(() => {
      db.exec(apply);
      db.pragma(`user_version = ${version}`);
    })();
  }
}

function refuseNewerSchema(db: Db): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new DatabaseTooNewError(
      `The database is at schema version ${current}, but this Zápisník knows only up to ${migrations.length}. ` +
        'Upgrade Zápisník (or restore a backup made with this version); the database was left untouched.',
    );
  }
}

/** The version recorded inside the database file. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * A stamp that changes whenever anything in the database changes: total_changes() counts this
 * connection's writes and data_version moves when another process (npm run demo, a restore)
 * commits. What is kept until the data changes (page-cache.ts, fragment-cache.ts) keys on it.
 */
export function dataStamp(db: Db): string {
  const row = sql(db, 'SELECT total_changes() AS changes, data_version AS version FROM pragma_data_version()').get() as { changes: number; version: number };
  return `${row.changes}:${row.version}`;
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement for `sql`, prepared once per connection. */
export function sql(db: Db, text: string): Database.Statement {
  let byText = statementCache.get(db);
  if (!byText) statementCache.set(db, (byText = new Map()));
  let statement = byText.get(text);
  if (!statement) byText.set(text, (statement = db.prepare(text)));
  return statement;
}

/** Of the given ids, those that exist in the table: for refusing references to deleted rows. */
export function existingIds(db: Db, table: 'groups' | 'people' | 'venues' | 'organisations', ids: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = db.prepare(`SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as { id: number }[];
  return new Set(rows.map((row) => row.id));
}
