import { expect } from 'chai';
import Database from 'better-sqlite3';
import request from 'supertest';
import { createAgendaItem, createMeeting } from './factories.js';
import { csrfFrom, makeApp, signIn } from './helpers.js';

describe('page cache', () => {
  it('serves a page read again from memory, with one query to see that nothing changed', async () => {
    const world = makeApp();
    const id = createMeeting(world.db);
    createAgendaItem(world.db, id, { title: 'Kontrola úkolů' });
    const first = await request(world.app).get(`/meetings/${id}`).expect(200);
    world.statements.length = 0;
    const second = await request(world.app).get(`/meetings/${id}`).expect(200);
    expect(second.text).to.equal(first.text);
    expect(world.statements).to.have.length(1);
    expect(world.statements[0]).to.contain('total_changes()');
  });

  it('shows a change made through the app at once', async () => {
    const world = makeApp();
    const { app, db } = world;
    const id = createMeeting(db);
    const itemId = createAgendaItem(db, id, { title: 'Původní název' });
    const before = await request(app).get(`/meetings/${id}`).expect(200);
    expect(before.text).to.contain('Původní název');
    const admin = await signIn(world);
    await admin.post(`/meetings/${id}/agenda/${itemId}`).type('form').send({ title: 'Nový název', version: '1' }).expect(303);
    const page = await request(app).get(`/meetings/${id}`).expect(200);
    expect(page.text).to.contain('Nový název').and.not.to.contain('Původní název');
  });

  it('neither serves a signed-in viewer a kept page nor keeps theirs', async () => {
    const world = makeApp();
    const id = createMeeting(world.db);
    createAgendaItem(world.db, id, { title: 'Kontrola úkolů' });
    const admin = await signIn(world);
    const anonymousPage = await request(world.app).get(`/meetings/${id}`).expect(200);
    expect(anonymousPage.text).to.not.contain('Správce Zápisníku');

    // Rendered, rather than sent from memory: the meeting itself was read from the database.
    // (Counting statements would not tell: working out who a signed-in viewer is takes queries too.)
    const meetingWasRead = () => world.statements.some((statement) => /\bFROM meetings m\b/.test(statement));

    // Not served from the cache: the page is rendered for them, with their name and their tools.
    world.statements.length = 0;
    const adminPage = await admin.get(`/meetings/${id}`).expect(200);
    expect(meetingWasRead(), 'rendered for the signed-in viewer').to.equal(true);
    expect(adminPage.text).to.contain('Správce Zápisníku');
    expect(adminPage.text).to.contain(`href="/meetings/${id}/minutes/edit"`);
    expect(adminPage.headers['cache-control']).to.equal('no-store');

    // Nor kept whole: reading it again takes the zápis kept for administrators (fragment-cache.ts),
    // but the page around it is theirs again, with their session's token.
    world.statements.length = 0;
    const adminAgain = await admin.get(`/meetings/${id}`).expect(200);
    expect(meetingWasRead(), 'the zápis kept for the class').to.equal(false);
    expect(adminAgain.text).to.contain('Správce Zápisníku').and.to.contain(`href="/meetings/${id}/minutes/edit"`);
    expect(adminAgain.headers['cache-control']).to.equal('no-store');

    // And the anonymous readers still get their own kept page, never the signed-in one.
    world.statements.length = 0;
    const again = await request(world.app).get(`/meetings/${id}`).expect(200);
    expect(world.statements).to.have.length(1);
    expect(again.text).to.equal(anonymousPage.text);
  });

  it('never keeps a page that carries a CSRF token (the login form)', async () => {
    const { app } = makeApp();
    const sessionOf = (res: request.Response) => (res.get('Set-Cookie') ?? []).find((cookie) => cookie.startsWith('zapisnik.sid='))?.split(';')[0];
    const first = await request(app).get('/login').expect(200);
    const second = await request(app).get('/login').expect(200);
    expect(second.headers['cache-control']).to.equal('no-store');
    // Each visitor gets a session of their own and the token of that session.
    const [firstSession, secondSession] = [sessionOf(first), sessionOf(second)];
    expect(firstSession, 'a session cookie for the first visitor').to.be.a('string');
    expect(secondSession, 'a session cookie for the second visitor').to.be.a('string');
    expect(secondSession).to.not.equal(firstSession);
    expect(csrfFrom(second.text)).to.not.equal(csrfFrom(first.text));
    // The second page's token belongs to the second session: the form it carries can be sent.
    const attempt = await request(app)
      .post('/login')
      .set('Cookie', String(secondSession))
      .type('form')
      .send({ email: 'nikdo@example.test', password: 'špatné heslo', _csrf: csrfFrom(second.text) });
    expect(attempt.status).to.equal(422);
  });

  it('shows a change committed by another process (npm run demo, a restore)', async () => {
    const { app, db, config } = makeApp();
    const id = createMeeting(db);
    createAgendaItem(db, id, { title: 'Původní název' });
    await request(app).get(`/meetings/${id}`).expect(200);
    const other = new Database(config.databaseFile);
    other.prepare("UPDATE agenda_items SET title = 'Změněno jinde'").run();
    other.close();
    expect((await request(app).get(`/meetings/${id}`)).text).to.contain('Změněno jinde');
  });

  it('keeps languages apart', async () => {
    const { app, db } = makeApp();
    const id = createMeeting(db);
    await request(app).get(`/meetings/${id}`).expect(200);
    const english = await request(app).get(`/meetings/${id}`).set('Cookie', 'lang=en').expect(200);
    expect(english.text).to.contain('<html lang="en">').and.to.contain('Agenda');
  });

  it('never keeps a page that shows a one-time message', async () => {
    const { app, db } = makeApp();
    const id = createMeeting(db);
    const withFlash = await request(app).get(`/meetings/${id}`).set('Cookie', 'flash=flash.saved').expect(200);
    expect(withFlash.text).to.contain('Uloženo.');
    expect((await request(app).get(`/meetings/${id}`)).text).not.to.contain('Uloženo.');
  });

  it('answers 304 Not Modified to a browser that already has the page', async () => {
    const { app, db } = makeApp();
    const id = createMeeting(db);
    await request(app).get(`/meetings/${id}`).expect(200);
    const kept = await request(app).get(`/meetings/${id}`).expect(200);
    expect(kept.headers['content-type']).to.equal('text/html; charset=utf-8');
    await request(app).get(`/meetings/${id}`).set('If-None-Match', kept.headers.etag).expect(304);
  });

  it('can be switched off', async () => {
    const world = makeApp({ PAGE_CACHE: 'off' });
    const id = createMeeting(world.db);
    await request(world.app).get(`/meetings/${id}`).expect(200);
    world.statements.length = 0;
    await request(world.app).get(`/meetings/${id}`).expect(200);
    expect(world.statements.length).to.be.greaterThan(3);
  });

  it('keeps only HTML pages, never JSON such as the health check', async () => {
    const world = makeApp();
    await request(world.app).get('/healthz').expect(200);
    const again = await request(world.app).get('/healthz').expect(200);
    expect(again.headers['content-type']).to.match(/^application\/json/);
    expect(again.headers['cache-control']).to.equal('no-store');
  });
});
