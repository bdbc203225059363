import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import request from 'supertest';
import { verifyPassword } from '../../src/passwords.js';
import { countRows, csrfFrom, makeApp, runEntryPoint } from '../helpers.js';
import type { Finished } from '../helpers.js';

const PASSWORD = 'heslo z příkazové řádky';

interface AccountRow {
  email: string;
  isAdmin: number;
  active: number;
  passwordHash: string | null;
  name: string;
  title: string;
}

describe('npm run user:create', () => {
  let dataDir: string;
  let file: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-user-'));
    file = path.join(dataDir, 'zapisnik.sqlite');
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[], input?: string): Promise<Finished> => runEntryPoint('src/cli/user-create.ts', args, { DATA_DIR: dataDir }, 15_000, input);

  /** The accounts in the data folder's database, read without changing it (none when there is no file). */
  function accounts(): AccountRow[] {
    if (!fs.existsSync(file)) return [];
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare(
          `SELECT a.email, a.is_admin AS isAdmin, a.active, a.password_hash AS passwordHash, p.name, p.title
             FROM accounts a JOIN people p ON p.id = a.person_id ORDER BY a.id`,
        )
        .all() as AccountRow[];
    } finally {
      db.close();
    }
  }

  /** How many people the database holds (0 when there is no file). */
  function peopleCount(): number {
    if (!fs.existsSync(file)) return 0;
    const db = new Database(file, { readonly: true });
    try {
      return countRows(db, 'people');
    } finally {
      db.close();
    }
  }

  it('creates the first administrator on a fresh database, who can then sign in instead of running setup', async function () {
    this.timeout(30_000);
    const result = await run(['--email', 'jana@example.cz', '--name', 'Jana Nováková', '--title', 'Mgr.', '--role', 'admin'], `${PASSWORD}\n`);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.contain('Účet jana@example.cz');
    expect(result.stdout).to.contain('vytvořen');
    expect(result.stdout + result.stderr).not.to.contain(PASSWORD);

    const [account, ...others] = accounts();
    expect(others).to.deep.equal([]);
    expect(account).to.include({ email: 'jana@example.cz', isAdmin: 1, active: 1, name: 'Jana Nováková', title: 'Mgr.' });
    expect(await verifyPassword(account.passwordHash, PASSWORD)).to.equal(true);
    expect(await verifyPassword(account.passwordHash, `${PASSWORD}x`)).to.equal(false);

    // The app on the same data folder: setup is gone and the new login works.
    const { app } = makeApp({ DATA_DIR: dataDir }, { empty: true });
    await request(app).get('/setup').expect(404);
    const browser = request.agent(app);
    const login = await browser.get('/login').expect(200);
    await browser.post('/login').type('form').send({ email: 'Jana@Example.cz', password: PASSWORD, _csrf: csrfFrom(login.text) }).expect(303);
    await browser.get('/accounts').expect(200);
  });

  it('creates a plain user, taking only the first line of input as the password', async function () {
    this.timeout(30_000);
    const result = await run(['--email', 'karel@example.cz', '--name', 'Karel Černý', '--role', 'user'], `${PASSWORD}\r\nsecond line\n`);
    expect(result.code, result.stderr).to.equal(0);
    const [account] = accounts();
    expect(account).to.include({ email: 'karel@example.cz', isAdmin: 0, title: '' });
    expect(await verifyPassword(account.passwordHash, PASSWORD)).to.equal(true);
  });

  it('refuses a short password and creates nothing', async () => {
    const result = await run(['--email', 'jana@example.cz', '--name', 'Jana', '--role', 'admin'], 'kratke\n');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('alespoň 10 znaků');
    expect(accounts()).to.deep.equal([]);
    expect(peopleCount()).to.equal(0);
  });

  it('refuses to run without a password on its input', async () => {
    const result = await run(['--email', 'jana@example.cz', '--name', 'Jana', '--role', 'admin']);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('Chybí heslo');
    expect(accounts()).to.deep.equal([]);
  });

  it('does not take a password from the command line: unknown options stop it with the usage', async () => {
    const result = await run(['--email', 'jana@example.cz', '--name', 'Jana', '--role', 'admin', '--password', PASSWORD], `${PASSWORD}\n`);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('--password');
    expect(result.stderr).to.contain('Použití: npm run user:create');
    expect(accounts()).to.deep.equal([]);

    const stray = await run(['--email', 'jana@example.cz', '--name', 'Jana', '--role', 'admin', PASSWORD], `${PASSWORD}\n`);
    expect(stray.code).to.equal(1);
    expect(stray.stderr).to.contain('Použití');
    expect(accounts()).to.deep.equal([]);
  });

  it('explains a missing or invalid option', async () => {
    const result = await run(['--email', 'jana(at)example', '--role', 'boss'], `${PASSWORD}\n`);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('--email: Zadejte platnou e-mailovou adresu');
    expect(result.stderr).to.contain('--name: Toto pole je povinné.');
    expect(result.stderr).to.contain('--role:');
    expect(accounts()).to.deep.equal([]);
  });

  it('refuses an address that already has an account, whatever its case', async function () {
    this.timeout(30_000);
    const first = await run(['--email', 'jana@example.cz', '--name', 'Jana', '--role', 'admin'], `${PASSWORD}\n`);
    expect(first.code, first.stderr).to.equal(0);
    const again = await run(['--email', 'JANA@example.cz', '--name', 'Jana Druhá', '--role', 'user'], `${PASSWORD}\n`);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.contain('už existuje');
    expect(accounts().map((account) => account.name)).to.deep.equal(['Jana']);
    expect(peopleCount()).to.equal(1);
  });
});
