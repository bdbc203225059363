import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { codeSchemaVersion, DatabaseTooNewError, migrate, openDb, schemaVersion } from '../../src/db/index.js';
import type { Db } from '../../src/db/index.js';
import { migrations } from '../../src/db/migrations.js';
import { runEntryPoint } from '../helpers.js';


const appTables = [
  'organisations',
  'people',
  'venues',
  'groups',
  'memberships',
  'meetings',
  'meeting_groups',
  'meeting_verifiers',
  'minutes',
  'agenda_items',
];

function tablesOf(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
}

/** A database file written by a "future" Zápisník: schema version 999 and a table this code does not know. */
function futureDatabase(dir: string): string {
  const file = path.join(dir, 'zapisnik.sqlite');
  const db = new Database(file);
  db.exec("CREATE TABLE from_the_future (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO from_the_future (note) VALUES ('keep me');");
  db.pragma('user_version = 999');
  db.close();
  return file;
}

describe('database migrations', () => {
  let dir: string;
  const opened: Db[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-migrations-'));
  });

  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = (file = path.join(dir, 'zapisnik.sqlite'), verbose?: (sql: unknown) => void): Db => {
    const db = openDb(file, { verbose });
    opened.push(db);
    return db;
  };

  it('brings a fresh file to the code’s schema version with foreign keys on and WAL journaling', () => {
    const db = open(path.join(dir, 'nested', 'folder', 'zapisnik.sqlite'));
    expect(codeSchemaVersion).to.equal(migrations.length);
    expect(db.pragma('user_version', { simple: true })).to.equal(migrations.length);
    expect(schemaVersion(db)).to.equal(codeSchemaVersion);
    expect(db.pragma('foreign_keys', { simple: true })).to.equal(1);
    expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
    expect(tablesOf(db)).to.include.members(appTables);
  });

  it('enforces foreign keys', () => {
    const db = open();
    expect(() =>
      db.prepare("INSERT INTO people (name, organisation_id, created_at, updated_at) VALUES ('Jana', 4242, '', '')").run(),
    ).to.throw(/FOREIGN KEY/);
  });

  it('does nothing when migrated again, and keeps the data on reopening', () => {
    const file = path.join(dir, 'zapisnik.sqlite');
    const first = open(file);
    first.prepare("INSERT INTO organisations (name, created_at, updated_at) VALUES ('ANNOLK', '', '')").run();
    const statements: string[] = [];
    const tablesBefore = tablesOf(first);
    const again = new Database(file, { verbose: (sql) => statements.push(String(sql)) });
    opened.push(again);
    migrate(again);
    expect(statements.filter((sql) => /\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b/i.test(sql))).to.deep.equal([]);
    expect(schemaVersion(again)).to.equal(migrations.length);
    expect(tablesOf(again)).to.deep.equal(tablesBefore);
    first.close();
    again.close();

    const reopened = open(file);
    expect(schemaVersion(reopened)).to.equal(migrations.length);
    expect(reopened.prepare('SELECT name FROM organisations').all()).to.deep.equal([{ name: 'ANNOLK' }]);
  });

  it('indexes for search what a database held before search existed', () => {
    const file = path.join(dir, 'zapisnik.sqlite');
    const before = migrations.findIndex((step) => step.includes('CREATE VIRTUAL TABLE search_index'));
    expect(before).to.be.greaterThan(0);
    const old = new Database(file);
    for (const step of migrations.slice(0, before)) old.exec(step);
    old.pragma(`user_version = ${before}`);
    const at = '2018-03-20T08:30:00Z';
    old.exec(`INSERT INTO groups (id, name, slug, created_at, updated_at) VALUES (1, 'PS Sociální služby', 'ps', '${at}', '${at}');
      INSERT INTO meetings (id, lead_group_id, number, title, starts_at, time_zone, created_at, updated_at) VALUES (7, 1, 10, '', '${at}', 'Europe/Prague', '${at}', '${at}');
      INSERT INTO agenda_items (id, meeting_id, position, title, proceedings, created_at, updated_at) VALUES (3, 7, 1, 'Sociální podnikání', 'Filantropická burza', '${at}', '${at}');
      INSERT INTO attachments (id, meeting_id, title, original_name, stored_name, media_type, size, sha256, created_at, updated_at)
        VALUES (5, 7, 'Prezentace kraje', 'prezentace.pdf', 'x', 'application/pdf', 1, 'x', '${at}', '${at}');`);
    old.close();
    const db = open(file);
    const found = (words: string) => (db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid').all(words) as { rowid: number }[]).map((row) => row.rowid);
    expect(found('socialni podnikani')).to.deep.equal([7 * 2 ** 32 + 3 * 8 + 1]);
    expect(found('filantropicka')).to.deep.equal([7 * 2 ** 32 + 3 * 8 + 2]);
    expect(found('prezentace')).to.deep.equal([7 * 2 ** 32 + 5 * 8 + 6]);
  });

  it('gives the people of an older database the grammatical gender their names suggest, as a new person gets it', () => {
    const file = path.join(dir, 'zapisnik.sqlite');
    const before = migrations.findIndex((step) => step.includes('ADD COLUMN gender'));
    expect(before).to.be.greaterThan(0);
    const old = new Database(file);
    for (const step of migrations.slice(0, before)) old.exec(step);
    old.pragma(`user_version = ${before}`);
    const at = '2018-03-20T08:30:00Z';
    for (const name of ['Lucie Nováková', 'Tomáš Beneš', 'Pavla Šťastná', 'Jan Skála']) {
      old.prepare('INSERT INTO people (name, created_at, updated_at) VALUES (?, ?, ?)').run(name, at, at);
    }
    old.close();
    const db = open(file);
    expect(db.prepare('SELECT name, gender, version FROM people ORDER BY id').all()).to.deep.equal([
      { name: 'Lucie Nováková', gender: 'f', version: 1 },
      { name: 'Tomáš Beneš', gender: 'm', version: 1 },
      { name: 'Pavla Šťastná', gender: 'f', version: 1 },
      { name: 'Jan Skála', gender: 'm', version: 1 },
    ]);
    expect(() => db.prepare("UPDATE people SET gender = 'x'").run()).to.throw(/CHECK/);
  });

  it('refuses a database written by a newer Zápisník and leaves it as it was', () => {
    const file = futureDatabase(dir);
    let thrown: unknown;
    try {
      open(file);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(DatabaseTooNewError);
    const message = (thrown as Error).message;
    expect(message).to.contain('999');
    expect(message).to.contain(String(migrations.length));

    const check = new Database(file, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).to.equal(999);
      expect(tablesOf(check)).to.deep.equal(['from_the_future']);
      expect(check.prepare('SELECT note FROM from_the_future').all()).to.deep.equal([{ note: 'keep me' }]);
    } finally {
      check.close();
    }
  });

  it('keeps the server from starting on a database newer than the code, saying why', async function () {
    this.timeout(20_000);
    futureDatabase(dir);
    const result = await runEntryPoint('src/server.ts', [], { DATA_DIR: dir, PORT: '0' });
    expect(result.code, result.stderr).to.equal(1);
    expect(result.stderr).to.contain('cannot start');
    expect(result.stderr).to.contain('999');
    expect(result.stderr).to.contain(String(migrations.length));
  });
});
