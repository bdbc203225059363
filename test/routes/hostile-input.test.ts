import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { loadDemoData } from '../../src/demo-data.js';
import { cs } from '../../src/i18n/cs.js';
import { en } from '../../src/i18n/en.js';
import { testClock } from '../factories.js';
import { capturingLogger, csrfFrom, makeApp, signIn } from '../helpers.js';
import type { TestAgent, TestWorld } from '../helpers.js';

/**
 * Requests no form sends: bodies that cannot be read, types the app does not take, paths that
 * cannot be decoded. Each is refused with a 4xx page in the request's language before any handler
 * runs, changes nothing, and leaves nothing of itself in the log.
 */

const PASSWORD = 'Tajné-heslo-k-účtu-2018';

/** A visitor with a session and its CSRF token in a header, as the page's script sends it. */
async function anonymous(world: TestWorld): Promise<TestAgent> {
  const agent = request.agent(world.app);
  agent.set('X-CSRF-Token', csrfFrom((await agent.get('/login').expect(200)).text));
  return agent;
}

interface Malformed {
  name: string;
  status: number;
  send: (test: request.Test) => request.Test;
}

const manyFields = Array.from({ length: 6000 }, (_, i) => `f${i}=x`).join('&');

/** Every kind of body the app must refuse, with the status it refuses it with. */
const malformed: Malformed[] = [
  { name: 'invalid JSON', status: 400, send: (t) => t.set('Content-Type', 'application/json').send(`{"email": "jana@example.cz", "password": "${PASSWORD}"`) },
  { name: 'JSON that no form could send (nested)', status: 400, send: (t) => t.set('Content-Type', 'application/json').send(`${'['.repeat(40)}"${PASSWORD}"${']'.repeat(40)}`) },
  { name: 'an unknown charset', status: 415, send: (t) => t.set('Content-Type', 'application/x-www-form-urlencoded; charset=x-unknown').send(`password=${PASSWORD}`) },
  { name: 'an unknown content encoding', status: 415, send: (t) => t.set('Content-Type', 'application/x-www-form-urlencoded').set('Content-Encoding', 'x-squeeze').send(`password=${PASSWORD}`) },
  { name: 'a broken gzip body', status: 400, send: (t) => t.set('Content-Type', 'application/x-www-form-urlencoded').set('Content-Encoding', 'gzip').send(Buffer.from(`password=${PASSWORD}`)) },
  { name: 'over 5000 fields', status: 413, send: (t) => t.set('Content-Type', 'application/x-www-form-urlencoded').send(`${manyFields}&password=${PASSWORD}`) },
  { name: 'a body over the limit', status: 413, send: (t) => t.set('Content-Type', 'application/x-www-form-urlencoded').send(`password=${PASSWORD}&text=${'x'.repeat(3 * 1024 * 1024)}`) },
  { name: 'a type the app does not take', status: 415, send: (t) => t.set('Content-Type', 'text/plain').send(`password=${PASSWORD}`) },
  { name: 'XML', status: 415, send: (t) => t.set('Content-Type', 'application/xml').send(`<password>${PASSWORD}</password>`) },
  { name: 'multipart where no file is uploaded', status: 415, send: (t) => t.field('password', PASSWORD) },
];

/** Every POST path the app registers (from Express's own router), with its parameters filled from the demo. */
function postPaths(app: Express, ids: Record<string, string>): string[] {
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((layer) => (layer.route ? (layer.route.methods.post ? [layer.route.path] : []) : layer.handle?.stack ? walk(layer.handle.stack) : []));
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack).map((path) => path.replace(/:(\w+)/g, (_whole, name: string) => ids[name] ?? '1'));
}

const totalChanges = (world: TestWorld) => (world.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

describe('hostile input', () => {
  it('refuses every kind of unreadable body with its 4xx, in the request’s language, and logs no body and no password', async () => {
    const lines: string[] = [];
    const world = makeApp({}, { logger: capturingLogger(lines) });
    const agent = await anonymous(world);
    for (const kind of malformed) {
      const res = await kind.send(agent.post('/login'));
      expect(res.status, kind.name).to.equal(kind.status);
      expect(res.text, kind.name).to.contain('<html lang="cs"');
    }
    const english = await agent.post('/login').set('Accept-Language', 'en').set('Content-Type', 'text/plain').send('x');
    expect(english.status).to.equal(415);
    expect(english.text).to.contain(en['error.unsupportedMediaType']);
    const czech = await agent.post('/login').set('Content-Type', 'text/plain').send('x');
    expect(czech.text).to.contain(cs['error.unsupportedMediaType']);
    // A script asking for JSON gets its refusal as JSON.
    const asJson = await agent.post('/minutes/preview').set('Accept', 'application/json').set('Content-Type', 'application/json').send('{"text": ');
    expect(asJson.status).to.equal(400);
    expect(asJson.body).to.deep.equal({ error: cs['error.badRequest'], status: 400 });
    // A path that cannot be decoded is a request that cannot be read, not a failure of ours.
    await agent.get('/meetings/%E0%A4%A').expect(400);
    await agent.get('/groups/%C0').expect(400);
    const log = lines.join('');
    expect(log).not.to.contain(PASSWORD).and.not.to.contain('Tajn');
    expect(lines.every((line) => !/"level":50/.test(line)), 'no error was logged').to.equal(true);
  });

  it('keeps the log small when large malformed bodies pour in', async () => {
    const lines: string[] = [];
    const world = makeApp({}, { logger: capturingLogger(lines) });
    const agent = await anonymous(world);
    const large = `{"password": "${PASSWORD}", "text": "${'x'.repeat(1_500_000)}`;
    for (let i = 0; i < 20; i++) await agent.post('/login').set('Content-Type', 'application/json').send(large).expect(400);
    const bytes = lines.reduce((sum, line) => sum + line.length, 0);
    // One short line per request: method, route, status, time.
    expect(bytes).to.be.below(20 * 200);
    expect(lines.join('')).not.to.contain(PASSWORD);
  });

  it('answers malformed bodies to every POST route with a 4xx and changes nothing, anonymously and signed in', async () => {
    const world = makeApp();
    loadDemoData(world.db, testClock);
    const admin = await signIn(world);
    const visitors: [string, TestAgent][] = [
      ['anonymous', await anonymous(world)],
      ['administrator', admin],
    ];
    const paths = postPaths(world.app, { slug: 'socialni-sluzby', token: 'x'.repeat(43) });
    expect(paths.length).to.be.greaterThan(50);
    const problems: string[] = [];
    const before = totalChanges(world);
    for (const [who, agent] of visitors) {
      for (const path of paths) {
        for (const kind of malformed.filter((m) => m.name !== 'a body over the limit' && m.name !== 'over 5000 fields')) {
          const res = await kind.send(agent.post(path));
          if (res.status >= 500 || res.status < 400) problems.push(`${who} ${path} ${kind.name}: ${res.status}`);
        }
      }
    }
    expect(problems).to.deep.equal([]);
    expect(totalChanges(world), 'rows changed').to.equal(before);
  }).timeout(60_000);

  it('answers well-formed JSON of the wrong shapes to every POST route without a 5xx', async () => {
    const world = makeApp();
    loadDemoData(world.db, testClock);
    const admin = await signIn(world);
    const fields = ['title', 'name', 'email', 'password', 'newPassword', 'version', 'startsAt', 'endsAt', 'date', 'time', 'status', 'personId', 'groupId', 'leadGroupId', 'groupIds',
      'role', 'text', 'description', 'presenter', 'durationMinutes', 'slug', 'visibility', 'order', 'parentId', 'agendaItemId', 'dueDate', 'ownerIds', 'verifierIds',
      'number', 'quorumPercent', 'next', 'outcome', 'votesFor', 'venueId', 'note', 'proceedings', 'introduction', 'conclusion'];
    const shapes: [string, unknown][] = [['objects', { $gt: '', toString: 'x' }], ['arrays', ['a', ['b'], { c: 1 }]], ['nulls', null], ['huge numbers', 1e308], ['booleans', true]];
    const paths = postPaths(world.app, { slug: 'socialni-sluzby', token: 'x'.repeat(43) });
    const problems: string[] = [];
    for (const path of paths) {
      for (const [shape, value] of shapes) {
        const res = await admin.post(path).set('Content-Type', 'application/json').send(JSON.stringify(Object.fromEntries(fields.map((field) => [field, value]))));
        if (res.status >= 500) problems.push(`${path} ${shape}: ${res.status}`);
      }
    }
    expect(problems).to.deep.equal([]);
  }).timeout(60_000);

  it('reads a gzip-compressed form as a client may send it', async () => {
    const world = makeApp();
    // Bytes on the wire as they are (supertest would re-encode the body): a real server, real requests.
    const server = world.app.listen(0);
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const form = await fetch(`${base}/login`);
      const cookie = form.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip', 'x-csrf-token': csrfFrom(await form.text()), cookie };
      const res = await fetch(`${base}/login`, { method: 'POST', headers, body: zlib.gzipSync('email=nikdo%40example.cz&password=nespravne') });
      expect(res.status).to.equal(422);
      expect(await res.text()).to.contain(cs['auth.loginFailed']);
    } finally {
      server.close();
    }
  });
});
