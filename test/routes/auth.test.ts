import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { findPasswordHash } from '../../src/db/accounts.js';
import { verifyPassword } from '../../src/passwords.js';
import { TEST_PASSWORD, countRows, createAccount, csrfFrom, fieldError, makeApp, sessionCookieOf, signIn } from '../helpers.js';
import type { TestWorld } from '../helpers.js';

/** A fresh agent that has opened the login page (so it holds a session and its CSRF token). */
async function atLoginPage(world: TestWorld) {
  const agent = request.agent(world.app);
  const page = await agent.get('/login').expect(200);
  return { agent, token: csrfFrom(page.text) };
}

const sessionCookie = (headers: Record<string, unknown>) =>
  ((headers['set-cookie'] as string[] | undefined) ?? []).find((cookie) => cookie.startsWith('zapisnik.sid='));

describe('first-run setup', () => {
  it('leads every page to /setup until the first account exists', async () => {
    const { app } = makeApp({}, { empty: true });
    const res = await request(app).get('/groups').expect(303);
    expect(res.headers.location).to.equal('/setup');
    await request(app).get('/healthz').expect(200);
  });

  it('creates the first administrator exactly once, and keeps no password in the page when refusing', async () => {
    const world = makeApp({}, { empty: true });
    const agent = request.agent(world.app);
    const form = await agent.get('/setup').expect(200);
    const refused = await agent
      .post('/setup')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), name: 'Jana Správcová', email: 'jana@example.test', password: 'krátké', passwordConfirm: 'krátké' })
      .expect(422);
    expect(fieldError(refused.text, 'password')).to.equal('Heslo musí mít alespoň 10 znaků.');
    expect(refused.text).to.contain('value="Jana Správcová"').and.not.to.contain('krátké');
    expect(countRows(world.db, 'accounts')).to.equal(0);

    await agent
      .post('/setup')
      .type('form')
      .send({ _csrf: csrfFrom(refused.text), name: 'Jana Správcová', email: 'jana@example.test', password: 'dlouhé heslo 123', passwordConfirm: 'dlouhé heslo 123' })
      .expect(303);
    expect(world.db.prepare('SELECT email, is_admin AS isAdmin FROM accounts').all()).to.deep.equal([{ email: 'jana@example.test', isAdmin: 1 }]);
    await agent.get('/account').expect(200);
    await agent.get('/setup').expect(404);
    await request(world.app).get('/setup').expect(404);
  });
});

describe('signing in', () => {
  it('signs in with the right password, renews the session id and sets safe cookie flags', async () => {
    const world = makeApp();
    const { agent, token } = await atLoginPage(world);
    const before = sessionCookie((await agent.get('/login')).headers);
    const res = await agent.post('/login').type('form').send({ email: world.adminEmail.toUpperCase(), password: TEST_PASSWORD, _csrf: token, next: '/groups' }).expect(303);
    expect(res.headers.location).to.equal('/groups');
    const cookie = sessionCookie(res.headers) ?? '';
    expect(cookie).to.match(/HttpOnly/i).and.to.match(/SameSite=Lax/i).and.to.match(/Path=\//).and.not.to.match(/Secure/i);
    // Idle expiry is the server's: the stored session ends 12 hours after the last request; the
    // cookie lasts as long as the browser.
    expect(cookie).not.to.match(/Expires=|Max-Age=/i);
    const sessions = new Database(path.join(world.config.dataDir, 'sessions.sqlite'), { readonly: true });
    const stored = sessions.prepare('SELECT MAX(expires_at) AS at FROM sessions').get() as { at: number };
    sessions.close();
    expect(Math.abs(stored.at - (Date.now() + 12 * 3600_000))).to.be.lessThan(60_000);
    expect(cookie.split(';')[0]).not.to.equal(before?.split(';')[0]);
    await agent.get('/account').expect(200);
  });

  it('marks the cookie Secure when served over HTTPS behind a proxy', async () => {
    const world = makeApp({ BASE_URL: 'https://zapisnik.example.org', TRUST_PROXY: '1' });
    const page = await request(world.app).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    expect(sessionCookie(page.headers)).to.match(/; Secure/);
  });

  it('says the same for an unknown address, a wrong password and a deactivated account', async () => {
    const world = makeApp();
    const inactive = createAccount(world.db, { active: false });
    const { agent, token } = await atLoginPage(world);
    const messages: string[] = [];
    for (const [email, password] of [
      ['nikdo@example.test', TEST_PASSWORD],
      [world.adminEmail, 'špatné heslo'],
      [inactive.email, TEST_PASSWORD],
    ]) {
      const res = await agent.post('/login').type('form').send({ email, password, _csrf: token }).expect(422);
      expect(res.text).to.contain(`value="${email}"`).and.not.to.contain(password === TEST_PASSWORD ? TEST_PASSWORD : password);
      messages.push(/<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? '');
    }
    expect(new Set(messages).size).to.equal(1);
    expect(messages[0]).to.contain('Nesprávný e-mail nebo heslo.');
  });

  it('throttles the sixth wrong password in a row, even when the sixth is right', async () => {
    const world = makeApp();
    const { agent, token } = await atLoginPage(world);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await agent.post('/login').type('form').send({ email: world.adminEmail, password: `špatně ${attempt}`, _csrf: token }).expect(422);
    }
    const res = await agent.post('/login').type('form').send({ email: world.adminEmail, password: TEST_PASSWORD, _csrf: token }).expect(429);
    expect(res.text).to.contain('Příliš mnoho neúspěšných pokusů o přihlášení');
    expect(res.text).to.contain(`value="${world.adminEmail}"`);
    await agent.get('/account').expect(303);
  });

  it('lets nobody lock a colleague out: failures from one address do not throttle another', async () => {
    const world = makeApp({ TRUST_PROXY: '1' });
    const attacker = await atLoginPage(world);
    for (let attempt = 1; attempt <= 6; attempt++) {
      await attacker.agent.post('/login').set('X-Forwarded-For', '203.0.113.5').type('form').send({ email: world.adminEmail, password: `hádám ${attempt}`, _csrf: attacker.token });
    }
    await attacker.agent.post('/login').set('X-Forwarded-For', '203.0.113.5').type('form').send({ email: world.adminEmail, password: TEST_PASSWORD, _csrf: attacker.token }).expect(429);
    const victim = await atLoginPage(world);
    await victim.agent.post('/login').set('X-Forwarded-For', '198.51.100.7').type('form').send({ email: world.adminEmail, password: TEST_PASSWORD, _csrf: victim.token }).expect(303);
  });

  it('lets its owner in from a fresh address after 100 failures from 20 addresses, and stops the guesses', async () => {
    const world = makeApp({ TRUST_PROXY: '1' }, { signInSlowdown: { free: 10, stepMs: 1, maxMs: 5, windowMs: 3_600_000 } });
    // The owner signed in from this browser once before: it carries the device cookie.
    const owner = await atLoginPage(world);
    await owner.agent.post('/login').set('X-Forwarded-For', '198.51.100.1').type('form').send({ email: world.adminEmail, password: TEST_PASSWORD, _csrf: owner.token }).expect(303);
    await owner.agent.post('/logout').type('form').send({ _csrf: csrfFrom((await owner.agent.get('/account')).text) }).expect(303);
    for (let host = 1; host <= 20; host++) {
      const attacker = await atLoginPage(world);
      for (let attempt = 1; attempt <= 5; attempt++) {
        await attacker.agent.post('/login').set('X-Forwarded-For', `203.0.113.${host}`).type('form')
          .send({ email: world.adminEmail, password: `hádám ${attempt}`, _csrf: attacker.token }).expect(422);
      }
    }
    // The 101st guess in the hour is refused from anywhere, even with the right password…
    const stranger = await atLoginPage(world);
    await stranger.agent.post('/login').set('X-Forwarded-For', '192.0.2.50').type('form').send({ email: world.adminEmail, password: TEST_PASSWORD, _csrf: stranger.token }).expect(429);
    // …but not from the owner's browser, at whatever address.
    const again = csrfFrom((await owner.agent.get('/login').expect(200)).text);
    await owner.agent.post('/login').set('X-Forwarded-For', '198.51.100.7').type('form').send({ email: world.adminEmail, password: TEST_PASSWORD, _csrf: again }).expect(303);
    await owner.agent.get('/account').expect(200);
  });

  it('trusts a device cookie only for the account it was given for, and only as signed', async () => {
    const world = makeApp({ TRUST_PROXY: '1' }, { signInSlowdown: { free: 0, stepMs: 150, maxMs: 150, windowMs: 3_600_000 } });
    createAccount(world.db, { email: 'jina@example.test' });
    const browser = await atLoginPage(world);
    const signedIn = await browser.agent.post('/login').type('form').send({ email: 'jina@example.test', password: TEST_PASSWORD, _csrf: browser.token }).expect(303);
    const device = ((signedIn.headers['set-cookie'] as unknown as string[]) ?? []).find((cookie) => cookie.startsWith('zapisnik.device='));
    expect(device).to.match(/HttpOnly/i).and.to.match(/Path=\/login/);
    // A failure at the administrator's account, then attempts with that cookie, and with a forged one.
    const fresh = await atLoginPage(world);
    await fresh.agent.post('/login').type('form').send({ email: world.adminEmail, password: 'špatně', _csrf: fresh.token }).expect(422);
    const timed = async (cookie: string) => {
      const started = performance.now();
      const page = await request(world.app).get('/login');
      const sid = ((page.headers['set-cookie'] as unknown as string[]) ?? []).map((c) => c.split(';')[0]).join('; ');
      await request(world.app).post('/login').set('Cookie', [sid, cookie].filter(Boolean).join('; ')).type('form')
        .send({ email: world.adminEmail, password: 'špatně', _csrf: csrfFrom(page.text) }).expect(422);
      return performance.now() - started;
    };
    const value = String(device).split(';')[0];
    expect(await timed(value)).to.be.at.least(140);
    expect(await timed(value.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).to.be.at.least(140);
  });

  it('checks guesses sent at once from many addresses one after another', async () => {
    const world = makeApp({ TRUST_PROXY: '1' }, { signInSlowdown: { free: 2, stepMs: 100, maxMs: 100, windowMs: 3_600_000 } });
    const { agent, token } = await atLoginPage(world);
    for (let host = 1; host <= 3; host++) {
      await agent.post('/login').set('X-Forwarded-For', `203.0.113.${host}`).type('form').send({ email: world.adminEmail, password: 'špatně', _csrf: token }).expect(422);
    }
    const started = performance.now();
    const statuses = await Promise.all(Array.from({ length: 6 }, (_, n) =>
      agent.post('/login').set('X-Forwarded-For', `198.51.100.${n + 1}`).type('form').send({ email: world.adminEmail, password: `hádám ${n}`, _csrf: token }).then((res) => res.status)));
    expect(statuses).to.deep.equal([422, 422, 422, 422, 422, 422]);
    // Six turns of 100 ms each, not six waits of 100 ms side by side.
    expect(performance.now() - started).to.be.at.least(580);
  });

  it('slows every further attempt at an account that failed often, from whichever address', async () => {
    const world = makeApp({ TRUST_PROXY: '1' }, { signInSlowdown: { free: 3, stepMs: 150, maxMs: 300, windowMs: 3_600_000 } });
    const { agent, token } = await atLoginPage(world);
    const attempt = async (host: number, password: string) => {
      const started = performance.now();
      const res = await agent.post('/login').set('X-Forwarded-For', `203.0.113.${host}`).type('form').send({ email: world.adminEmail, password, _csrf: token });
      return { status: res.status, ms: performance.now() - started };
    };
    for (let host = 1; host <= 4; host++) expect((await attempt(host, 'špatně')).status).to.equal(422);
    const fifth = await attempt(5, 'špatně');
    expect(fifth.status).to.equal(422);
    expect(fifth.ms).to.be.at.least(140);
    const sixth = await attempt(6, TEST_PASSWORD);
    expect(sixth.status).to.equal(303);
    expect(sixth.ms).to.be.at.least(290);
  });

  it('still stops one address after thirty failures, whichever accounts it tries', async () => {
    const world = makeApp();
    const { agent, token } = await atLoginPage(world);
    for (let attempt = 1; attempt <= 30; attempt++) {
      await agent.post('/login').type('form').send({ email: `nekdo${attempt}@example.test`, password: 'hádám', _csrf: token }).expect(422);
    }
    await agent.post('/login').type('form').send({ email: world.adminEmail, password: TEST_PASSWORD, _csrf: token }).expect(429);
  });

  it('refuses TRUST_PROXY=true, which would let anyone forge their address', () => {
    expect(() => makeApp({ TRUST_PROXY: 'true' })).to.throw(/TRUST_PROXY/);
  });

  it('ends every other session when the password changes, and keeps the one that changed it', async () => {
    const world = makeApp();
    const here = await signIn(world);
    const elsewhere = await signIn(world);
    await here.post('/account/password').type('form').send({ currentPassword: TEST_PASSWORD, password: 'nové dlouhé heslo', passwordConfirm: 'nové dlouhé heslo' }).expect(303);
    await here.get('/account').expect(200);
    await elsewhere.get('/account').expect(303);
  });

  it('ends the sessions of a deactivated account for good, even if it is reactivated before they return', async () => {
    const world = makeApp();
    const user = createAccount(world.db);
    const agent = request.agent(world.app);
    const page = await agent.get('/login');
    await agent.post('/login').type('form').send({ email: user.email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) }).expect(303);
    await agent.get('/account').expect(200);
    const admin = await signIn(world);
    await admin.post(`/accounts/${user.accountId}/deactivate`).expect(303);
    await admin.post(`/accounts/${user.accountId}/reactivate`).expect(303);
    await agent.get('/account').expect(303);
  });

  it('signs out and forgets the session', async () => {
    const world = makeApp();
    const admin = await signIn(world);
    await admin.post('/logout').expect(303);
    const res = await admin.get('/account').expect(303);
    expect(res.headers.location).to.equal('/login?next=%2Faccount');
  });

  it('keeps sessions across a restart of the app (they live in DATA_DIR)', async () => {
    const world = makeApp();
    const admin = await signIn(world);
    const cookie = sessionCookieOf(admin);
    world.app.shutdown();
    const restarted = createApp({ db: world.db, config: world.config, logger: createLogger(world.config), clock: world.clock });
    try {
      await request(restarted).get('/account').set('Cookie', cookie).expect(200);
    } finally {
      restarted.shutdown();
    }
  });

  it('ends a session that has been idle for too long', async () => {
    const world = makeApp();
    const admin = await signIn(world);
    const sessions = new Database(path.join(world.config.dataDir, 'sessions.sqlite'));
    sessions.prepare('UPDATE sessions SET expires_at = ?').run(Date.now() - 1000);
    sessions.close();
    await admin.get('/account').expect(303);
  });

  it('keeps a generated session secret in DATA_DIR, readable by its owner only, unless SESSION_SECRET is set', () => {
    const world = makeApp();
    const file = path.join(world.config.dataDir, 'session-secret');
    expect(fs.readFileSync(file, 'utf8').trim()).to.have.length.greaterThan(40);
    expect(fs.statSync(file).mode & 0o077).to.equal(0);
    const configured = makeApp({ SESSION_SECRET: 'x'.repeat(40) });
    expect(fs.existsSync(path.join(configured.config.dataDir, 'session-secret'))).to.equal(false);
  });
});

describe('one’s own password', () => {
  it('changes it after checking the current one', async () => {
    const world = makeApp();
    const admin = await signIn(world);
    const wrong = await admin.post('/account/password').type('form').send({ currentPassword: 'nevím', password: 'nové dlouhé heslo', passwordConfirm: 'nové dlouhé heslo' }).expect(422);
    expect(fieldError(wrong.text, 'currentPassword')).to.equal('Současné heslo není správné.');
    const mismatch = await admin.post('/account/password').type('form').send({ currentPassword: TEST_PASSWORD, password: 'nové dlouhé heslo', passwordConfirm: 'jiné dlouhé heslo' }).expect(422);
    expect(fieldError(mismatch.text, 'passwordConfirm')).to.equal('Hesla se neshodují.');
    const id = (world.db.prepare('SELECT id FROM accounts WHERE email = ?').get(world.adminEmail) as { id: number }).id;
    expect(await verifyPassword(findPasswordHash(world.db, id), TEST_PASSWORD)).to.equal(true);
    await admin.post('/account/password').type('form').send({ currentPassword: TEST_PASSWORD, password: 'nové dlouhé heslo', passwordConfirm: 'nové dlouhé heslo' }).expect(303);
    expect(await verifyPassword(findPasswordHash(world.db, id), 'nové dlouhé heslo')).to.equal(true);
  });
});
