import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Config } from '../src/config.js';
import { openDb } from '../src/db/index.js';
import type { Db } from '../src/db/index.js';
import { createLogger } from '../src/logger.js';

export interface TestWorld {
  app: Express;
  db: Db;
  config: Config;
  /** Every SQL statement run since the world was made (or since `statements.length = 0`). */
  statements: string[];
}

const cleanups: (() => void)[] = [];

/** A fresh app on its own SQLite file in its own temporary data folder. */
export function makeApp(env: Record<string, string> = {}): TestWorld {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...env });
  const statements: string[] = [];
  const db = openDb(config.databaseFile, { verbose: (statement) => statements.push(String(statement)) });
  const app = createApp({ db, config, logger: createLogger(config) });
  cleanups.push(() => {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { app, db, config, statements };
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

/** Runs one of the app's entry points (e.g. 'src/cli/demo.ts') to its end; fails if it outlives `timeoutMs`. */
export function runEntryPoint(script: string, args: string[], env: Record<string, string>, timeoutMs = 15_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
