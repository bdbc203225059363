import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { openDb } from '../../src/db/index.js';
import type { Db } from '../../src/db/index.js';
import { DEMO_PASSWORD, createDemoAccounts, loadDemoData } from '../../src/demo-data.js';
import { createLogger } from '../../src/logger.js';

/** The app on the demo data, listening on a free port, and Debian's Chromium to drive it. */
export interface BrowserWorld {
  baseUrl: string;
  /** The app itself: its router holds THE route table (narrow.test.ts visits every page in it). */
  app: ReturnType<typeof createApp>;
  db: Db;
  demo: ReturnType<typeof loadDemoData>;
  browser: Browser;
  close(): Promise<void>;
}

/** The app on an empty instance, as a new installation starts: no data and no account, every page leads to /setup. */
export type EmptyWorld = Omit<BrowserWorld, 'demo'>;

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The app on the demo data, or with `{ empty: true }` on an empty instance. */
export async function startWorld(): Promise<BrowserWorld>;
export async function startWorld(options: { empty: true }): Promise<EmptyWorld>;
export async function startWorld(options: { empty?: boolean } = {}): Promise<BrowserWorld | EmptyWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-browser-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0' });
  const db = openDb(config.databaseFile);
  const clock = systemClock(config.timeZone);
  const demo = options.empty ? undefined : loadDemoData(db, clock);
  if (demo) await createDemoAccounts(db, clock, 'test');
  const app = createApp({ db, config, logger: createLogger(config), clock });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    // As this machine's probe starts it: no sandbox (root in a container), no calls home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    app,
    db,
    demo,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      app.shutdown();
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new page in a fresh context (its own cookies), signed in as a demo account when one is named. */
export async function openPage(world: EmptyWorld, options: { email?: string; width?: number } = {}): Promise<Page> {
  const context = await world.browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, locale: 'cs-CZ' });
  const page = await context.newPage();
  if (options.email) {
    await page.goto(`${world.baseUrl}/login`);
    await page.getByLabel('E-mail').fill(options.email);
    await page.getByLabel('Heslo').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.getByRole('button', { name: 'Přihlásit se' }).click()]);
  }
  return page;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical accessibility violations axe-core finds on the page (WCAG 2.1 A and AA). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's own policy forbids inline scripts, rightly.
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    // The page's own globals (the test is type-checked without the DOM library).
    const { axe, document } = globalThis as unknown as { document: unknown; axe: { run: (context: unknown, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.slice(0, 3).join(', ')}`);
}
