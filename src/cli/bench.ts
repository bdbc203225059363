/**
 * `npm run bench`: loads the real app (demo data, production mode) and a bare Express server side
 * by side with autocannon and reports throughput, latency, peak memory and the performance targets.
 * Both servers run as child processes so that the load generator does not share their event loop.
 * It reports and never gates: a missed target still exits 0; only a run that could not happen exits 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../config.js';
import { systemClock } from '../clock.js';
import { openDb } from '../db/index.js';
import { DEMO_PASSWORD, createDemoAccounts, loadDemoData } from '../demo-data.js';
import { measurePdfTimings } from '../export/pdf-bench.js';
import type { PdfTimings } from '../export/pdf-bench.js';

// The app twice (with and without its page cache, on the same database) and the bare baseline.
type ServerName = 'app' | 'uncached' | 'bare';
type Demo = ReturnType<typeof loadDemoData>;

// Who loads the page: nobody signed in, or one of the demo accounts (members and secretaries are signed in).
type Visitor = 'anonymous' | 'member' | 'secretary' | 'administrator';

interface Target {
  readonly name: string;
  readonly server: ServerName;
  readonly path: (demo: Demo) => string;
  readonly as?: Visitor;
}

interface Run {
  readonly name: string;
  readonly server: ServerName;
  readonly path: string;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

interface CheckResult {
  readonly name: string;
  readonly value: number;
  readonly limit: number;
  readonly op: '>=' | '<=';
  readonly pass: boolean;
}

interface Check {
  readonly name: string;
  readonly limit: number;
  readonly op: '>=' | '<=';
  /** From the HTTP runs, or from the in-process PDF timings. */
  readonly value: (runs: ReadonlyMap<string, Run>, pdf: PdfTimings) => number;
}

/** GET / at a steady rate, alone and while PDFs are exported: does an export hold up other requests? */
interface ExportRuns {
  readonly alone: Run;
  readonly duringExports: Run;
  readonly pdfPerSec: number;
  readonly pdfP99Ms: number;
}

const distDir = fileURLToPath(new URL('..', import.meta.url));
const connections = 50;
const warmupSeconds = 2;
// GET / below saturation, so that its latency shows waiting for the server, not the queue of a full load.
const steady = { connections: 10, overallRate: 200 };
// Readers exporting the zápis at once, each asking for the next PDF as soon as one arrives.
const pdfConnections = 4;
// The logo of the exports: the size the issue of large logos named, uploaded through the real form.
const logoSide = 4_000;

// Adding a page to measure is one entry here; the bare route goes first as the baseline.
const targets: readonly Target[] = [
  { name: 'bare Express', server: 'bare', path: () => '/' },
  { name: 'meeting page', server: 'app', path: (demo) => `/meetings/${demo.tenthMeetingId}` },
  { name: 'meeting page, no page cache', server: 'uncached', path: (demo) => `/meetings/${demo.tenthMeetingId}` },
  { name: 'meeting page, signed in as a member', server: 'app', path: (demo) => `/meetings/${demo.tenthMeetingId}`, as: 'member' },
  { name: 'meeting page, signed in as the secretary', server: 'app', path: (demo) => `/meetings/${demo.tenthMeetingId}`, as: 'secretary' },
  { name: 'home page', server: 'app', path: () => '/' },
  { name: 'group page', server: 'app', path: (demo) => `/groups/${demo.groupSlug}` },
  { name: 'group page, no page cache', server: 'uncached', path: (demo) => `/groups/${demo.groupSlug}` },
];

// Adding a target to meet is one entry here.
const checks: readonly Check[] = [
  { name: 'meeting req/s ÷ bare req/s', op: '>=', limit: 0.5, value: (runs) => run(runs, 'meeting page').reqPerSec / run(runs, 'bare Express').reqPerSec },
  { name: 'meeting page p99 (ms)', op: '<=', limit: 20, value: (runs) => run(runs, 'meeting page').p99Ms },
  { name: 'demo PDF warm median (ms)', op: '<=', limit: 100, value: (_runs, pdf) => pdf.demoWarmMedian },
  { name: 'GET / p99 during PDF exports ÷ alone', op: '<=', limit: 2, value: (runs) => run(runs, 'home page, during PDF exports').p99Ms / run(runs, 'home page, steady').p99Ms },
];

function run(runs: ReadonlyMap<string, Run>, name: string): Run {
  const found = runs.get(name);
  if (!found) throw new Error(`no run named "${name}"`);
  return found;
}

function parseOptions(): { duration: number; jsonFile: string | undefined } {
  const { values } = parseArgs({ options: { duration: { type: 'string' }, json: { type: 'string' } } });
  const raw = values.duration ?? process.env.BENCH_DURATION ?? '10';
  const duration = Number(raw);
  if (!Number.isFinite(duration) || duration <= 0) throw new Error(`--duration must be a positive number of seconds, got "${raw}"`);
  return { duration, jsonFile: values.json };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// The demo with its accounts, as `npm run demo` leaves it (without accounts every page leads to /setup).
async function seed(dataDir: string): Promise<Demo> {
  const config = loadConfig({ DATA_DIR: dataDir });
  const db = openDb(config.databaseFile);
  try {
    const clock = systemClock(config.timeZone);
    const demo = loadDemoData(db, clock);
    await createDemoAccounts(db, clock, config.env);
    return demo;
  } finally {
    db.close();
  }
}

// The PDF export measured in-process (not over HTTP): the demo zápis cold and warm, and a 30-item meeting.
async function pdfTimings(dataDir: string, demo: Demo): Promise<PdfTimings> {
  const config = loadConfig({ DATA_DIR: dataDir });
  const db = openDb(config.databaseFile);
  try {
    process.stderr.write('PDF export: in-process, demo 10th meeting and a 30-item meeting\n');
    return await measurePdfTimings(db, demo, config.uploadsDir);
  } finally {
    db.close();
  }
}

function start(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  // Child stdout goes to our stderr so that stdout stays the report (and its JSON last line).
  return spawn(process.execPath, [path.join(distDir, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 2, 2] });
}

async function waitUntilReady(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server for ${url} exited before it was ready`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within 15 s`);
}

const visitorEmails: Record<Exclude<Visitor, 'anonymous'>, string> = {
  member: 'clen@demo.zapisnik.cz',
  secretary: 'tajemnice@demo.zapisnik.cz',
  administrator: 'spravce@demo.zapisnik.cz',
};

/** Signs a demo account in through the real login form; returns the session cookie to send. */
async function sessionCookie(baseUrl: string, visitor: Exclude<Visitor, 'anonymous'>): Promise<string> {
  const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
  const form = await fetch(`${baseUrl}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('the login page has no CSRF token');
  const body = new URLSearchParams({ email: visitorEmails[visitor], password: DEMO_PASSWORD, _csrf: csrf });
  const signedIn = await fetch(`${baseUrl}/login`, { method: 'POST', body, redirect: 'manual', headers: { cookie: cookiesOf(form) } });
  if (signedIn.status !== 303) throw new Error(`signing in as ${visitor} answered ${signedIn.status}`);
  return cookiesOf(signedIn);
}

async function load(name: string, url: string, duration: number, cookie?: string, shape: { connections: number; overallRate?: number } = { connections }): Promise<autocannon.Result> {
  const result = await autocannon({ url, ...shape, duration, headers: cookie ? { cookie } : undefined });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name} (${url}): ${result.non2xx} non-2xx responses and ${result.errors} connection errors out of ${result.requests.total}`);
  }
  return result;
}

const runOf = (name: string, server: ServerName, urlPath: string, result: autocannon.Result): Run => ({
  name,
  server,
  path: urlPath,
  reqPerSec: result.requests.average,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors,
});

/** A 4,000 × 4,000 logo as designers export them (flat shapes, so it stays under the 2 MB limit), as PNG bytes. */
async function largeLogo(): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${logoSide}" height="${logoSide}"><rect width="100%" height="100%" fill="#ffffff"/><circle cx="2000" cy="2000" r="1800" fill="#003399"/><rect x="600" y="1700" width="2800" height="600" fill="#ffcc00"/></svg>`;
  return sharp(Buffer.from(svg)).png({ palette: true }).toBuffer();
}

/** Funds the demo group and gives it the large logo, uploaded by the administrator through the group's form. */
async function fundWithLargeLogo(baseUrl: string, dataDir: string, demo: Demo): Promise<void> {
  const db = openDb(loadConfig({ DATA_DIR: dataDir }).databaseFile);
  try {
    db.prepare("UPDATE groups SET funding_project = 'Podpora procesů v sociálních službách', funding_registration = 'CZ.03.2.63/0.0/0.0/15_004/0000535' WHERE slug = ?").run(demo.groupSlug);
  } finally {
    db.close();
  }
  const cookie = await sessionCookie(baseUrl, 'administrator');
  const edit = await fetch(`${baseUrl}/groups/${demo.groupSlug}/edit`, { headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await edit.text())?.[1];
  if (!csrf) throw new Error('the group form has no CSRF token');
  const form = new FormData();
  form.append('_csrf', csrf);
  form.append('logo', new Blob([await largeLogo()], { type: 'image/png' }), 'logo-4000.png');
  const uploaded = await fetch(`${baseUrl}/groups/${demo.groupSlug}/logo`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie } });
  if (uploaded.status !== 303) throw new Error(`uploading the logo answered ${uploaded.status}`);
}

/** GET / at a steady rate alone, then again while readers export the zápis as PDF (with the large logo in its footer). */
async function measureDuringExports(baseUrl: string, demo: Demo, duration: number): Promise<ExportRuns> {
  const home = `${baseUrl}/`;
  const pdf = `${baseUrl}/meetings/${demo.tenthMeetingId}.pdf`;
  process.stderr.write(`home page at ${steady.overallRate} req/s: alone, then during PDF exports (${pdfConnections} connections on ${pdf}), ${duration} s each\n`);
  await load('PDF warm-up', pdf, warmupSeconds, undefined, { connections: pdfConnections });
  await load('home warm-up', home, warmupSeconds, undefined, steady);
  const alone = await load('home page, steady', home, duration, undefined, steady);
  const [during, exports] = await Promise.all([load('home page, during PDF exports', home, duration, undefined, steady), load('PDF exports', pdf, duration, undefined, { connections: pdfConnections })]);
  return {
    alone: runOf('home page, steady', 'app', '/', alone),
    duringExports: runOf('home page, during PDF exports', 'app', '/', during),
    pdfPerSec: exports.requests.average,
    pdfP99Ms: exports.latency.p99,
  };
}

async function measure(target: Target, baseUrl: string, demo: Demo, duration: number): Promise<Run> {
  const url = baseUrl + target.path(demo);
  const cookie = target.as && target.as !== 'anonymous' ? await sessionCookie(baseUrl, target.as) : undefined;
  process.stderr.write(`${target.name}: ${url} — warm-up ${warmupSeconds} s, then ${duration} s\n`);
  await load(target.name, url, warmupSeconds, cookie);
  return runOf(target.name, target.server, target.path(demo), await load(target.name, url, duration, cookie));
}

/** Peak resident memory of a process in MiB, from Linux's VmHWM; null where /proc is missing. */
function peakRssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

function report(runs: readonly Run[], results: readonly CheckResult[], rss: Record<ServerName, number | null>, duration: number, pdf: PdfTimings, exports: ExportRuns): string {
  const fixed = (value: number | null, digits: number) => (value === null ? 'n/a' : value.toFixed(digits));
  return [
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${os.platform()}`,
    `Load: ${connections} connections, ${duration} s per target after a ${warmupSeconds} s warm-up`,
    '',
    table([['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx'], ...runs.map((r) => [r.name, fixed(r.reqPerSec, 0), fixed(r.p50Ms, 1), fixed(r.p99Ms, 1), String(r.non2xx)])]),
    '',
    `PDF (in-process, demo 10th meeting): cold ${fixed(pdf.demoCold, 1)} ms, warm median ${fixed(pdf.demoWarmMedian, 1)} ms; 30-item meeting warm median ${fixed(pdf.longWarmMedian, 1)} ms`,
    `PDF exports over HTTP with a ${logoSide} × ${logoSide} logo uploaded (${pdfConnections} connections, during the home-page run): ${fixed(exports.pdfPerSec, 1)} PDF/s, p99 ${fixed(exports.pdfP99Ms, 0)} ms`,
    `Home page at ${steady.overallRate} req/s: p99 ${fixed(exports.alone.p99Ms, 1)} ms alone, ${fixed(exports.duringExports.p99Ms, 1)} ms during the PDF exports`,
    '',
    table([['target', 'value', 'limit', 'result'], ...results.map((c) => [c.name, fixed(c.value, 2), `${c.op} ${c.limit}`, c.pass ? 'PASS' : 'MISS'])]),
    '',
    `Peak RSS: app ${fixed(rss.app, 1)} MiB, app without page cache ${fixed(rss.uncached, 1)} MiB, bare Express ${fixed(rss.bare, 1)} MiB`,
  ].join('\n');
}

function evaluate(runs: readonly Run[], pdf: PdfTimings): CheckResult[] {
  const byName = new Map(runs.map((r) => [r.name, r]));
  return checks.map((check) => {
    const value = check.value(byName, pdf);
    return { name: check.name, value, limit: check.limit, op: check.op, pass: check.op === '>=' ? value >= check.limit : value <= check.limit };
  });
}

/** Stops the children and deletes the data; safe to call twice and from a signal handler. */
function cleanUp(children: readonly ChildProcess[], dataDir: string): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const { duration, jsonFile } = parseOptions();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-bench-'));
  const children: ChildProcess[] = [];
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp(children, dataDir);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const demo = await seed(dataDir);
    // In this process and before the servers start, so that nothing competes for the CPU.
    const pdf = await pdfTimings(dataDir, demo);
    const ports: Record<ServerName, number> = { app: await freePort(), uncached: await freePort(), bare: await freePort() };
    const appEnv = { DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
    const servers: Record<ServerName, ChildProcess> = {
      app: start('server.js', { ...appEnv, PORT: String(ports.app) }),
      uncached: start('server.js', { ...appEnv, PORT: String(ports.uncached), PAGE_CACHE: 'off' }),
      bare: start('cli/bench-bare.js', { PORT: String(ports.bare), NODE_ENV: 'production' }),
    };
    children.push(servers.app, servers.uncached, servers.bare);
    const baseUrl = (server: ServerName) => `http://127.0.0.1:${ports[server]}`;
    await waitUntilReady(servers.app, `${baseUrl('app')}/healthz`);
    await waitUntilReady(servers.uncached, `${baseUrl('uncached')}/healthz`);
    await waitUntilReady(servers.bare, `${baseUrl('bare')}/`);

    const runs: Run[] = [];
    for (const target of targets) runs.push(await measure(target, baseUrl(target.server), demo, duration));
    // Last: the logo upload changes the database, which empties the page cache the runs above used.
    await fundWithLargeLogo(baseUrl('app'), dataDir, demo);
    const exports = await measureDuringExports(baseUrl('app'), demo, duration);
    runs.push(exports.alone, exports.duringExports);
    const rss = { app: peakRssMiB(servers.app.pid), uncached: peakRssMiB(servers.uncached.pid), bare: peakRssMiB(servers.bare.pid) };
    const results = evaluate(runs, pdf);
    console.log(report(runs, results, rss, duration, pdf, exports));

    const json = JSON.stringify({
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, node: process.version, platform: os.platform() },
      load: { connections, durationSeconds: duration, warmupSeconds },
      runs,
      checks: results,
      pdfMs: pdf,
      pdfExports: { logoSide, connections: pdfConnections, perSec: exports.pdfPerSec, p99Ms: exports.pdfP99Ms },
      peakRssMiB: rss,
    });
    if (jsonFile) fs.writeFileSync(jsonFile, json + '\n');
    else console.log(json);
  } finally {
    cleanUp(children, dataDir);
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
