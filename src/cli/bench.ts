/**
 * `npm run bench`: loads the real app (demo data, production mode) and a bare Express server side
 * by side with autocannon and reports throughput, latency, peak memory and the performance targets.
 * Both servers run as child processes so that the load generator does not share their event loop.
 * It reports and never gates: a missed target still exits 0; only a run that could not happen exits 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
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
import { fullArchive, generateArchive } from './bench-archive.js';
import { measureSearch, searchQueries, searchTableRows } from './bench-search.js';
import type { SearchTimings } from './bench-search.js';
import type { PdfTimings } from '../export/pdf-bench.js';

// The app twice on the demo (with and without its caches), once on a large archive, and the bare baseline.
type ServerName = 'app' | 'uncached' | 'large' | 'bare';
type Demo = ReturnType<typeof loadDemoData>;

// Who loads the page: nobody signed in, or one of the demo accounts (members and secretaries are signed in).
type Visitor = 'anonymous' | 'member' | 'secretary' | 'administrator';

interface Target {
  readonly name: string;
  readonly server: ServerName;
  readonly path: (demo: Demo) => string;
  readonly as?: Visitor;
  /** 50 by default; the large archive is read at 10, as the targets for it say. */
  readonly connections?: number;
  /** The page answers a redirect (303), which is its success. */
  readonly redirects?: boolean;
  /** Each request asks a different URL (an unread parameter added), as typed searches do: the page cache never answers. */
  readonly distinct?: boolean;
}

interface Run {
  readonly name: string;
  readonly server: ServerName;
  readonly path: string;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p97Ms: number;
  readonly p99Ms: number;
  /** The server's CPU time (all its threads, user and system) per request answered. */
  readonly cpuUs: number | null;
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
// Each search query timed this many times per viewer in-process: enough for a p95 of its own.
const searchRuns = 30;
// Readers exporting the zápis at once, each asking for the next PDF as soon as one arrives.
const pdfConnections = 4;
// The logo of the exports: the size the issue of large logos named, uploaded through the real form.
const logoSide = 4_000;

// Adding a page to measure is one entry here; the bare route goes first as the baseline.
const demoPages: readonly Target[] = [
  { name: 'bare Express', server: 'bare', path: () => '/' },
  { name: 'meeting page', server: 'app', path: (demo) => `/meetings/${demo.tenthMeetingId}` },
  { name: 'meeting page, no page cache', server: 'uncached', path: (demo) => `/meetings/${demo.tenthMeetingId}` },
  { name: 'meeting page, signed in as a member', server: 'app', path: (demo) => `/meetings/${demo.tenthMeetingId}`, as: 'member' },
  { name: 'meeting page, signed in as the secretary', server: 'app', path: (demo) => `/meetings/${demo.tenthMeetingId}`, as: 'secretary' },
  { name: 'redirect, signed in (fixed cost)', server: 'app', path: () => '/language?lang=cs', as: 'member', redirects: true },
  { name: 'home page', server: 'app', path: () => '/' },
  { name: 'home page, signed in as the secretary', server: 'app', path: () => '/', as: 'secretary' },
  { name: 'group page', server: 'app', path: (demo) => `/groups/${demo.groupSlug}` },
  { name: 'group page, no page cache', server: 'uncached', path: (demo) => `/groups/${demo.groupSlug}` },
  { name: 'Moje úkoly, the secretary', server: 'app', path: () => '/tasks', as: 'secretary' },
  { name: 'register, a member', server: 'app', path: (demo) => `/groups/${demo.groupSlug}/resolutions`, as: 'member' },
  { name: 'group tasks, a member', server: 'app', path: (demo) => `/groups/${demo.groupSlug}/tasks`, as: 'member' },
  { name: 'group feed', server: 'app', path: (demo) => `/groups/${demo.groupSlug}/calendar.ics` },
];

// The same pages on the large archive, each named after its demo twin with " (large)".
const largePages: readonly Target[] = demoPages
  .filter((target) => target.server === 'app' && !target.name.startsWith('redirect'))
  .map((target) => ({ ...target, name: `${target.name} (large)`, server: 'large', connections: 10 }));

// GET /search on the large archive, a topic and a broad word: the page as users get it, through HTTP and the template.
const searchPages: readonly Target[] = [
  { name: 'search "socialni podnikani" (large)', server: 'large', path: () => '/search?q=socialni+podnikani', connections: 10, distinct: true },
  { name: 'search "socialni podnikani", a member (large)', server: 'large', path: () => '/search?q=socialni+podnikani', connections: 10, as: 'member' },
  { name: 'search "sociální", broad (large)', server: 'large', path: () => `/search?q=${encodeURIComponent('sociální')}`, connections: 10, distinct: true },
];

// Adding a target to meet is one entry here.
const ratio = (runs: ReadonlyMap<string, Run>, name: string) => run(runs, name).reqPerSec / run(runs, 'bare Express').reqPerSec;
const demoChecks: readonly Check[] = [
  { name: 'meeting req/s ÷ bare req/s', op: '>=', limit: 0.5, value: (runs) => ratio(runs, 'meeting page') },
  { name: 'meeting page p99 (ms)', op: '<=', limit: 20, value: (runs) => run(runs, 'meeting page').p99Ms },
  { name: 'signed-in meeting (member) req/s ÷ bare', op: '>=', limit: 0.3, value: (runs) => ratio(runs, 'meeting page, signed in as a member') },
  { name: 'signed-in meeting (secretary) req/s ÷ bare', op: '>=', limit: 0.3, value: (runs) => ratio(runs, 'meeting page, signed in as the secretary') },
  { name: 'meeting, no page cache, req/s ÷ bare', op: '>=', limit: 0.3, value: (runs) => ratio(runs, 'meeting page, no page cache') },
  { name: 'fixed cost, signed in: CPU µs above bare', op: '<=', limit: 100, value: (runs) => (run(runs, 'redirect, signed in (fixed cost)').cpuUs ?? NaN) - (run(runs, 'bare Express').cpuUs ?? NaN) },
  { name: 'demo PDF warm median (ms)', op: '<=', limit: 100, value: (_runs, pdf) => pdf.demoWarmMedian },
  { name: 'GET / p99 during PDF exports ÷ alone', op: '<=', limit: 2, value: (runs) => run(runs, 'home page, during PDF exports').p99Ms / run(runs, 'home page, steady').p99Ms },
];
const largeChecks: readonly Check[] = largePages.flatMap((target): Check[] => [
  { name: `${target.name}: p97.5 (ms)`, op: '<=', limit: 30, value: (runs) => run(runs, target.name).p97Ms },
  {
    name: `${target.name}: CPU ÷ demo`,
    op: '<=',
    limit: 2,
    value: (runs) => (run(runs, target.name).cpuUs ?? NaN) / (run(runs, target.name.replace(' (large)', '')).cpuUs ?? NaN),
  },
]);

/** The search targets: every timed page-model run pooled, and how much the index saves over scanning. */
function searchChecks(search: SearchTimings): Check[] {
  return [
    { name: `search p95, ${searchQueries.length} queries × ${search.runs} runs × 2 viewers pooled (ms)`, op: '<=', limit: 15, value: () => search.pooledP95Ms },
    { name: 'search speed-up over the LIKE scan, pooled medians (×)', op: '>=', limit: 50, value: () => search.pooledSpeedUp },
  ];
}

function run(runs: ReadonlyMap<string, Run>, name: string): Run {
  const found = runs.get(name);
  if (!found) throw new Error(`no run named "${name}"`);
  return found;
}

function parseOptions(): { duration: number; jsonFile: string | undefined; archiveMeetings: number; mixedSeconds: number; scanRuns: number } {
  const { values } = parseArgs({
    options: { duration: { type: 'string' }, json: { type: 'string' }, 'archive-meetings': { type: 'string' }, 'mixed-seconds': { type: 'string' }, 'scan-runs': { type: 'string' } },
  });
  const number = (raw: string, what: string, min: number) => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`${what} must be a number of at least ${min}, got "${raw}"`);
    return value;
  };
  const duration = number(values.duration ?? process.env.BENCH_DURATION ?? '10', '--duration', 0.1);
  return {
    duration,
    jsonFile: values.json,
    archiveMeetings: number(values['archive-meetings'] ?? String(fullArchive.meetings), '--archive-meetings', 0),
    mixedSeconds: number(values['mixed-seconds'] ?? String(Math.max(duration, 10) * 6), '--mixed-seconds', 1),
    // Each LIKE scan takes seconds: 3 a query is enough for a median, 1 for a quick look.
    scanRuns: number(values['scan-runs'] ?? '3', '--scan-runs', 1),
  };
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

// The demo with its accounts, as `npm run demo` leaves it (without accounts every page leads to /setup),
// and with `archiveMeetings` the large archive on top of it.
async function seed(dataDir: string, archiveMeetings = 0): Promise<Demo> {
  const config = loadConfig({ DATA_DIR: dataDir });
  const db = openDb(config.databaseFile);
  try {
    const clock = systemClock(config.timeZone);
    const demo = loadDemoData(db, clock);
    await createDemoAccounts(db, clock, config.env);
    if (archiveMeetings) {
      const started = performance.now();
      const added = generateArchive(db, clock.now(), { groups: fullArchive.groups, meetings: archiveMeetings });
      process.stderr.write(`large archive: ${JSON.stringify(added)} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
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

// Search measured in-process on the large archive (bench-search.ts), before the servers start, as the PDF.
function searchTimings(dataDir: string, scanRuns: number): SearchTimings {
  const config = loadConfig({ DATA_DIR: dataDir });
  const db = openDb(config.databaseFile);
  try {
    process.stderr.write(`search: ${searchQueries.length} queries in-process on the large archive, ${searchRuns} runs each as anonymous and as a member, ${scanRuns} LIKE scans each\n`);
    return measureSearch(db, systemClock(config.timeZone).today(), config.timeZone, searchRuns, scanRuns);
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

interface LoadShape {
  connections: number;
  overallRate?: number;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  redirects?: boolean;
  requests?: autocannon.Request[];
}

async function load(name: string, url: string, duration: number, cookie?: string, shape: LoadShape = { connections }): Promise<autocannon.Result> {
  const headers = { ...shape.headers, ...(cookie ? { cookie } : {}) };
  const result = await autocannon({ url, ...shape, duration, headers });
  if (result.non2xx - (shape.redirects ? result['3xx'] : 0) > 0 || result.errors > 0) {
    throw new Error(`${name} (${url}): ${result.non2xx} non-2xx responses and ${result.errors} connection errors out of ${result.requests.total}`);
  }
  return result;
}

const runOf = (name: string, server: ServerName, urlPath: string, result: autocannon.Result, cpuUs: number | null = null): Run => ({
  name,
  server,
  path: urlPath,
  reqPerSec: result.requests.average,
  p50Ms: result.latency.p50,
  p97Ms: result.latency.p97_5,
  p99Ms: result.latency.p99,
  cpuUs,
  non2xx: result.non2xx,
  errors: result.errors,
});

/** A process's CPU time so far (all threads, user and system) in µs, from Linux's /proc; null elsewhere. */
function cpuTimeUs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

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

/** Readers and writers at once on the large archive: does a secretary's save wait behind the pages? */
const mixedLoad = { anonymous: 120, members: 80, writers: 5 };

interface MixedRuns {
  readonly reads: Run;
  readonly memberReads: Run;
  readonly writes: Run;
  readonly writeFailures: number;
}

/** The demo group's latest meetings with an agenda item each: what the writers save the minutes of. */
function writerMeetings(dataDir: string, count: number): { meetingId: number; itemId: number }[] {
  const db = openDb(loadConfig({ DATA_DIR: dataDir }).databaseFile);
  try {
    return db
      .prepare(
        `SELECT m.id AS meetingId, MIN(a.id) AS itemId FROM meetings m JOIN groups g ON g.id = m.lead_group_id JOIN agenda_items a ON a.meeting_id = m.id
          WHERE g.slug = 'socialni-sluzby' GROUP BY m.id ORDER BY m.starts_at DESC LIMIT ?`,
      )
      .all(count) as { meetingId: number; itemId: number }[];
  } finally {
    db.close();
  }
}

/** One result of several single-connection runs: counts added, latencies of the slowest. */
function mergeResults(results: autocannon.Result[]): autocannon.Result {
  const [first] = results;
  const sum = (pick: (result: autocannon.Result) => number) => results.reduce((total, result) => total + pick(result), 0);
  const worst = (pick: (result: autocannon.Result) => number) => Math.max(...results.map(pick));
  return {
    ...first,
    requests: { ...first.requests, average: sum((r) => r.requests.average), total: sum((r) => r.requests.total) },
    latency: { ...first.latency, p50: worst((r) => r.latency.p50), p97_5: worst((r) => r.latency.p97_5), p99: worst((r) => r.latency.p99) },
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    '2xx': sum((r) => r['2xx']),
    '3xx': sum((r) => r['3xx']),
    '4xx': sum((r) => r['4xx']),
    '5xx': sum((r) => r['5xx']),
  } as autocannon.Result;
}

async function measureMixed(baseUrl: string, dataDir: string, demo: Demo, seconds: number, pid: number | undefined): Promise<MixedRuns> {
  const meetings = writerMeetings(dataDir, 20);
  const readPaths = [...meetings.map(({ meetingId }) => `/meetings/${meetingId}`), `/groups/${demo.groupSlug}`, `/groups/${demo.groupSlug}/resolutions`, '/'];
  const member = await sessionCookie(baseUrl, 'member');
  const secretary = await sessionCookie(baseUrl, 'secretary');
  // Each writer saves one meeting's minutes over and over, two texts in turn, each time sending the
  // fingerprint of the text it replaces (as the editor does), so that every save is a real write.
  const texts = ['Pracovní skupina projednala bod a shodla se na dalším postupu.', 'Pracovní skupina projednala bod; termíny budou upřesněny e-mailem.'];
  const fingerprint = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);
  const writerRuns: autocannon.Request[][] = [];
  for (const { meetingId, itemId } of meetings.slice(0, mixedLoad.writers)) {
    const editor = await (await fetch(`${baseUrl}/meetings/${meetingId}/minutes/edit`, { headers: { cookie: secretary } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(editor)?.[1];
    const base = new RegExp(`name="base-item-${itemId}" value="([^"]*)"`).exec(editor)?.[1];
    if (!csrf || base === undefined) throw new Error('the minutes editor has no CSRF token or base fingerprint');
    const save = (text: string, replaces: string) => ({
      method: 'POST' as const,
      path: `/meetings/${meetingId}/minutes`,
      headers: { cookie: secretary, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, [`item-${itemId}`]: texts[Number(text)], [`base-item-${itemId}`]: replaces }).toString(),
    });
    const first = await fetch(`${baseUrl}${save('1', base).path}`, { ...save('1', base), redirect: 'manual' });
    if (first.status !== 303) throw new Error(`saving the minutes answered ${first.status}`);
    writerRuns.push([save('0', fingerprint(texts[1])), save('1', fingerprint(texts[0]))]);
  }
  process.stderr.write(`mixed: ${mixedLoad.anonymous} anonymous and ${mixedLoad.members} signed-in readers, ${mixedLoad.writers} writers saving minutes, ${seconds} s\n`);
  const reads = (cookie?: string) => readPaths.map((urlPath) => ({ path: urlPath, headers: cookie ? { cookie } : {} }));
  const before = cpuTimeUs(pid);
  const [anonymous, members, writers] = await Promise.all([
    autocannon({ url: baseUrl, connections: mixedLoad.anonymous, duration: seconds, requests: reads() }),
    autocannon({ url: baseUrl, connections: mixedLoad.members, duration: seconds, requests: reads(member) }),
    Promise.all(writerRuns.map((requests) => autocannon({ url: baseUrl, connections: 1, duration: seconds, requests }))).then(mergeResults),
  ]);
  const after = cpuTimeUs(pid);
  const total = anonymous.requests.total + members.requests.total + writers.requests.total;
  const cpuUs = before === null || after === null ? null : (after - before) / Math.max(1, total);
  // A save answers 303 (to the meeting page); anything else is a failed write.
  const writeFailures = writers.errors + writers['4xx'] + writers['5xx'] + writers['2xx'];
  return {
    reads: runOf('mixed: anonymous reads (large)', 'large', 'several', anonymous, cpuUs),
    memberReads: runOf('mixed: signed-in reads (large)', 'large', 'several', members, cpuUs),
    writes: { ...runOf('mixed: minutes saves (large)', 'large', '/meetings/:id/minutes', writers, cpuUs), non2xx: writeFailures },
    writeFailures,
  };
}

/** One request that asks `urlPath` with a counter added, a different URL each time. */
function distinctRequests(urlPath: string): autocannon.Request[] {
  let count = 0;
  return [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `${urlPath}&n=${count++}` }) }];
}

async function measure(target: Target, baseUrl: string, demo: Demo, duration: number, pid: number | undefined): Promise<Run> {
  const url = baseUrl + target.path(demo);
  const cookie = target.as && target.as !== 'anonymous' ? await sessionCookie(baseUrl, target.as) : undefined;
  const shape = { connections: target.connections ?? connections, redirects: target.redirects, ...(target.distinct ? { requests: distinctRequests(target.path(demo)) } : {}) };
  process.stderr.write(`${target.name}: ${url} — warm-up ${warmupSeconds} s, then ${duration} s at ${shape.connections} connections\n`);
  await load(target.name, url, warmupSeconds, cookie, shape);
  const before = cpuTimeUs(pid);
  const result = await load(target.name, url, duration, cookie, shape);
  const after = cpuTimeUs(pid);
  const cpuUs = before === null || after === null ? null : (after - before) / Math.max(1, result.requests.total);
  return runOf(target.name, target.server, target.path(demo), result, cpuUs);
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

/** Text columns (the first `textColumns`) aligned left, figures right. */
function table(rows: readonly (readonly string[])[], textColumns = 1): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column < textColumns ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

function searchReport(search: SearchTimings | undefined): string[] {
  if (!search) return [];
  return [
    `Search on the large archive (in-process page model, ${search.runs} runs per query and viewer, p95 pooled over both; LIKE scan ${search.scanRuns} runs, anonymous):`,
    table(searchTableRows(search), 2),
    '',
  ];
}

function report(runs: readonly Run[], results: readonly CheckResult[], rss: Record<ServerName, number | null>, duration: number, pdf: PdfTimings, exports: ExportRuns, archive: string, search?: SearchTimings): string {
  const fixed = (value: number | null, digits: number) => (value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(digits));
  const bare = runs.find((r) => r.name === 'bare Express');
  return [
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${os.platform()}`,
    `Load: ${connections} connections on the demo, 10 on the large archive (${archive}), ${duration} s per target after a ${warmupSeconds} s warm-up`,
    '',
    table([
      ['target', 'req/s', '÷ bare', 'p50 ms', 'p97.5 ms', 'p99 ms', 'CPU µs/req', 'non-2xx'],
      ...runs.map((r) => [r.name, fixed(r.reqPerSec, 0), bare ? fixed(r.reqPerSec / bare.reqPerSec, 2) : 'n/a', fixed(r.p50Ms, 1), fixed(r.p97Ms, 1), fixed(r.p99Ms, 1), fixed(r.cpuUs, 0), String(r.non2xx)]),
    ]),
    '',
    `PDF (in-process, demo 10th meeting): cold ${fixed(pdf.demoCold, 1)} ms, warm median ${fixed(pdf.demoWarmMedian, 1)} ms; 30-item meeting warm median ${fixed(pdf.longWarmMedian, 1)} ms`,
    `PDF exports over HTTP with a ${logoSide} × ${logoSide} logo uploaded (${pdfConnections} connections, during the home-page run): ${fixed(exports.pdfPerSec, 1)} PDF/s, p99 ${fixed(exports.pdfP99Ms, 0)} ms`,
    `Home page at ${steady.overallRate} req/s: p99 ${fixed(exports.alone.p99Ms, 1)} ms alone, ${fixed(exports.duringExports.p99Ms, 1)} ms during the PDF exports`,
    '',
    ...searchReport(search),
    table([['target', 'value', 'limit', 'result'], ...results.map((c) => [c.name, fixed(c.value, 2), `${c.op} ${c.limit}`, c.pass ? 'PASS' : 'MISS'])]),
    '',
    `Peak RSS: app ${fixed(rss.app, 1)} MiB, app without page cache ${fixed(rss.uncached, 1)} MiB, app on the large archive ${fixed(rss.large, 1)} MiB, bare Express ${fixed(rss.bare, 1)} MiB`,
  ].join('\n');
}

function evaluate(runs: readonly Run[], pdf: PdfTimings, checks: readonly Check[]): CheckResult[] {
  const byName = new Map(runs.map((r) => [r.name, r]));
  return checks.map((check) => {
    const value = check.value(byName, pdf);
    return { name: check.name, value, limit: check.limit, op: check.op, pass: check.op === '>=' ? value >= check.limit : value <= check.limit };
  });
}

/** Stops the children and deletes the data; safe to call twice and from a signal handler. */
function cleanUp(children: readonly ChildProcess[], ...dataDirs: string[]): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const { duration, jsonFile, archiveMeetings, mixedSeconds, scanRuns } = parseOptions();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-bench-'));
  const largeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-bench-large-'));
  const children: ChildProcess[] = [];
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp(children, dataDir, largeDir);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const demo = await seed(dataDir);
    const large = archiveMeetings > 0;
    if (large) await seed(largeDir, archiveMeetings);
    // In this process and before the servers start, so that nothing competes for the CPU.
    const pdf = await pdfTimings(dataDir, demo);
    const search = large ? searchTimings(largeDir, scanRuns) : undefined;
    const ports: Record<ServerName, number> = { app: await freePort(), uncached: await freePort(), large: await freePort(), bare: await freePort() };
    const appEnv = { NODE_ENV: 'production', LOG_LEVEL: 'warn' };
    const servers: Partial<Record<ServerName, ChildProcess>> = {
      app: start('server.js', { ...appEnv, DATA_DIR: dataDir, PORT: String(ports.app) }),
      uncached: start('server.js', { ...appEnv, DATA_DIR: dataDir, PORT: String(ports.uncached), PAGE_CACHE: 'off' }),
      bare: start('cli/bench-bare.js', { PORT: String(ports.bare), NODE_ENV: 'production' }),
      ...(large ? { large: start('server.js', { ...appEnv, DATA_DIR: largeDir, PORT: String(ports.large) }) } : {}),
    };
    children.push(...Object.values(servers));
    const baseUrl = (server: ServerName) => `http://127.0.0.1:${ports[server]}`;
    for (const [name, child] of Object.entries(servers) as [ServerName, ChildProcess][]) {
      await waitUntilReady(child, `${baseUrl(name)}${name === 'bare' ? '/' : '/healthz'}`);
    }

    const runs: Run[] = [];
    for (const target of [...demoPages, ...(large ? [...largePages, ...searchPages] : [])]) runs.push(await measure(target, baseUrl(target.server), demo, duration, servers[target.server]?.pid));
    const mixed = large ? await measureMixed(baseUrl('large'), largeDir, demo, mixedSeconds, servers.large?.pid) : undefined;
    if (mixed) runs.push(mixed.reads, mixed.memberReads, mixed.writes);
    // Last: the logo upload changes the database, which empties the page cache the runs above used.
    await fundWithLargeLogo(baseUrl('app'), dataDir, demo);
    const exports = await measureDuringExports(baseUrl('app'), demo, duration);
    runs.push(exports.alone, exports.duringExports);
    const rss = { app: peakRssMiB(servers.app?.pid), uncached: peakRssMiB(servers.uncached?.pid), large: peakRssMiB(servers.large?.pid), bare: peakRssMiB(servers.bare?.pid) };
    const mixedChecks: Check[] = mixed
      ? [
          { name: 'mixed load: minutes save p99 (ms)', op: '<=', limit: 200, value: (byName) => run(byName, 'mixed: minutes saves (large)').p99Ms },
          { name: 'mixed load: failed requests', op: '<=', limit: 0, value: (byName) => ['mixed: anonymous reads (large)', 'mixed: signed-in reads (large)', 'mixed: minutes saves (large)'].reduce((sum, name) => sum + run(byName, name).non2xx + run(byName, name).errors, 0) },
          { name: 'peak RSS on the large archive (MiB)', op: '<=', limit: 250, value: () => rss.large ?? NaN },
        ]
      : [];
    const results = evaluate(runs, pdf, [...demoChecks, ...(large ? largeChecks : []), ...mixedChecks, ...(search ? searchChecks(search) : [])]);
    const archive = large ? `${archiveMeetings} meetings generated by src/cli/bench-archive.ts` : 'skipped';
    console.log(report(runs, results, rss, duration, pdf, exports, archive, search));

    const json = JSON.stringify({
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, node: process.version, platform: os.platform() },
      load: { connections, durationSeconds: duration, warmupSeconds, archiveMeetings, mixedSeconds, scanRuns },
      runs,
      checks: results,
      pdfMs: pdf,
      pdfExports: { logoSide, connections: pdfConnections, perSec: exports.pdfPerSec, p99Ms: exports.pdfP99Ms },
      peakRssMiB: rss,
      search: search ?? null,
    });
    if (jsonFile) fs.writeFileSync(jsonFile, json + '\n');
    else console.log(json);
  } finally {
    cleanUp(children, dataDir, largeDir);
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
