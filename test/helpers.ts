import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import type { Clock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { Config } from '../src/config.js';
import { openDb } from '../src/db/index.js';
import type { Db } from '../src/db/index.js';
import { createLogger } from '../src/logger.js';
import type { SlowdownOptions } from '../src/sign-in-slowdown.js';
import { renderPool } from '../src/export/render-pool.js';
import type { Renderer } from '../src/export/render-pool.js';
import type { Logger } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { insertAccount, setAccountActive } from '../src/db/accounts.js';
import { insertMembership } from '../src/db/memberships.js';
import type { Role } from '../src/db/memberships.js';
import { insertPerson } from '../src/db/people.js';
import { hashPassword } from '../src/passwords.js';

export type { TestAgent };

export interface TestWorld {
  app: Express & { shutdown: () => void };
  db: Db;
  config: Config;
  /** The app's clock: the machine's, or the one the test set (makeApp's `clock` option). */
  clock: Clock;
  /** Every SQL statement run since the world was made (or since `statements.length = 0`). */
  statements: string[];
  /** The administrator every world starts with (so that it is past first-run setup). */
  adminEmail: string;
}

/** Who a test signs in as: the world's administrator, or a new person with these roles. */
export type Who = 'admin' | { roles?: { groupId: number; role: Role }[]; isAdmin?: boolean };

export const TEST_PASSWORD = 'heslo pro testy';
// Hashed once per run with the cheap test parameters (hashPassword picks them for 'test').
const testPasswordHash = await hashPassword(TEST_PASSWORD, 'test');

const cleanups: (() => void)[] = [];

/** One pool of render threads for every app of the run, closed when the run ends (test/setup.ts). */
export const testRenderer = renderPool({ threads: 2 });

/**
 * A fresh app on its own SQLite file in its own temporary data folder, with one administrator
 * (pass `{ empty: true }` for an instance before first-run setup).
 */
export function makeApp(env: Record<string, string> = {}, options: { empty?: boolean; clock?: Clock; logger?: Logger; signInSlowdown?: SlowdownOptions; renderer?: Renderer } = {}): TestWorld {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...env });
  const statements: string[] = [];
  const db = openDb(config.databaseFile, { verbose: (statement) => statements.push(String(statement)) });
  const clock = options.clock ?? systemClock(config.timeZone);
  const app = createApp({ db, config, logger: options.logger ?? createLogger(config), clock, signInSlowdown: options.signInSlowdown, renderer: options.renderer ?? testRenderer });
  cleanups.push(() => {
    app.shutdown();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const adminEmail = 'spravce@example.test';
  if (!options.empty) createAccount(db, { email: adminEmail, isAdmin: true, name: 'Správce Zápisníku' });
  return { app, db, config, clock, statements, adminEmail };
}

/** An account (with its person) that can sign in with TEST_PASSWORD; returns ids. */
export function createAccount(
  db: Db,
  options: { email?: string; name?: string; isAdmin?: boolean; personId?: number; active?: boolean } = {},
): { accountId: number; personId: number; email: string } {
  const email = options.email ?? `ucet${++accountCounter}@example.test`;
  const now = new Date().toISOString();
  const personId = options.personId ?? insertPerson(db, { name: options.name ?? `Uživatel ${accountCounter}`, title: '', email, phone: '', organisationId: null }, now);
  const accountId = insertAccount(db, { personId, email, isAdmin: options.isAdmin ?? false, passwordHash: testPasswordHash }, now);
  if (options.active === false) setAccountActive(db, accountId, false, now);
  return { accountId, personId, email };
}
let accountCounter = 0;

/** The CSRF token a rendered form carries. */
export function csrfFrom(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the page has no form with a CSRF token');
  return token;
}

/**
 * Signs in through the real login form and returns an agent that keeps the session cookie and
 * sends the session's CSRF token with every request (as the page's script does).
 */
export async function signIn(world: TestWorld, who: Who = 'admin'): Promise<TestAgent> {
  let email = world.adminEmail;
  if (who !== 'admin') {
    const account = createAccount(world.db, { isAdmin: who.isAdmin });
    for (const { groupId, role } of who.roles ?? []) insertMembership(world.db, groupId, { personId: account.personId, role }, new Date().toISOString());
    email = account.email;
  }
  const agent = request.agent(world.app);
  const login = await agent.get('/login').expect(200);
  const signedIn = await agent.post('/login').type('form').send({ email, password: TEST_PASSWORD, _csrf: csrfFrom(login.text) }).expect(303);
  sessionCookies.set(agent, ((signedIn.headers['set-cookie'] as unknown as string[]) ?? []).map((line) => line.split(';')[0]).filter((pair) => pair.startsWith('zapisnik.sid=')).join('; '));
  // Signing in starts a new session, so the token comes from a page rendered after it.
  const account = await agent.get('/account').expect(200);
  agent.set('X-CSRF-Token', csrfFrom(account.text));
  return agent;
}

const sessionCookies = new WeakMap<TestAgent, string>();

/** The session cookie of an agent signed in by signIn, for a request sent without the agent (as a forged form would). */
export function sessionCookieOf(agent: TestAgent): string {
  const cookie = sessionCookies.get(agent);
  if (!cookie) throw new Error('not an agent signed in by signIn()');
  return cookie;
}

/** A logger that writes its JSON lines into `lines`, for tests that read what reached the log. */
export function capturingLogger(lines: string[], level = 'info'): Logger {
  return createLogger({ logLevel: level }, { write: (line: string) => void lines.push(line) });
}

/** A world and its administrator, signed in. */
export async function makeAdminApp(env: Record<string, string> = {}): Promise<TestWorld & { admin: TestAgent }> {
  const world = makeApp(env);
  return { ...world, admin: await signIn(world) };
}

/** Closes every world made by the test that just ran (wired as a root hook in test/setup.ts). */
export function cleanUpWorlds(): void {
  for (const cleanup of cleanups.splice(0)) cleanup();
}

/** How many rows a table has: for asserting that a rejected write changed nothing. */
export function countRows(db: Db, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The text of a field's error message in a rendered form, or undefined. */
export function fieldError(html: string, field: string): string | undefined {
  const match = new RegExp(`id="f-${field}-error"[^>]*>([^<]*)<`).exec(html);
  return match?.[1];
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const projectRoot = path.resolve(import.meta.dirname, '..');

/**
 * Runs one of the app's entry points (e.g. 'src/cli/demo.ts') to its end; fails if it outlives `timeoutMs`.
 * `input`, when given, is written to its standard input (which is otherwise empty).
 */
export function runEntryPoint(script: string, args: string[], env: Record<string, string>, timeoutMs = 15_000, input?: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // A program that stops before reading its input (a usage error) closes the pipe: that is its answer, not a failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} still ran after ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
