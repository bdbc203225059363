import { expect } from 'chai';
import request from 'supertest';
import { updateProceedings } from '../src/db/agenda.js';
import { setMinutesPublished } from '../src/db/minutes.js';
import { createActionItem, createAgendaItem, createGroup, createMeeting, now } from './factories.js';
import { csrfFrom, makeApp, sessionCookieOf, signIn } from './helpers.js';
import type { TestWorld } from './helpers.js';

/**
 * The meeting page's zápis is kept per visibility class (fragment-cache.ts): whoever reads it
 * must get exactly what a fresh render would give them, never what another class was shown.
 */

/** A visitor not signed in but with a session (they opened the login page): past the page cache. */
async function anonymousWithSession(world: TestWorld) {
  const agent = request.agent(world.app);
  await agent.get('/login').expect(200);
  return agent;
}

const meetingWasRead = (world: TestWorld) => world.statements.some((statement) => /\bFROM meetings m\b/.test(statement));

describe('fragment cache: the zápis kept per visibility class', () => {
  it('never shows a writer’s draft to a member or an anonymous reader, whoever opened it first', async () => {
    const world = makeApp();
    const group = createGroup(world.db, { slug: 'skupina' });
    const meeting = createMeeting(world.db, { leadGroupId: group, status: 'held' });
    const item = createAgendaItem(world.db, meeting, { title: 'Rozpočet' });
    updateProceedings(world.db, meeting, new Map([[item, 'Koncept: rozpočet se krátí o třetinu.']]), now());
    const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
    const member = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
    const outsider = await signIn(world, { roles: [] });
    const anonymous = await anonymousWithSession(world);

    expect((await secretary.get(`/meetings/${meeting}`).expect(200)).text).to.contain('Koncept: rozpočet se krátí');
    for (const [who, agent] of [['member', member], ['outsider', outsider], ['anonymous', anonymous]] as const) {
      const page = await agent.get(`/meetings/${meeting}`).expect(200);
      expect(page.text, who).to.contain('Rozpočet');
      expect(page.text, who).not.to.contain('Koncept: rozpočet');
      expect(page.text, who).not.to.contain('/minutes/edit');
    }
    // And the other way round: a reader's page first, then the writer gets theirs.
    const second = createMeeting(world.db, { leadGroupId: group, status: 'held' });
    updateProceedings(world.db, second, new Map([[createAgendaItem(world.db, second, { title: 'Bod' }), 'Druhý koncept.']]), now());
    expect((await member.get(`/meetings/${second}`).expect(200)).text).not.to.contain('Druhý koncept.');
    expect((await secretary.get(`/meetings/${second}`).expect(200)).text).to.contain('Druhý koncept.');
  });

  it('keeps members-only meetings from those outside the group, kept or not', async () => {
    const world = makeApp();
    const group = createGroup(world.db, { slug: 'uzavrena', visibility: 'members' });
    const meeting = createMeeting(world.db, { leadGroupId: group });
    const member = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
    const outsider = await signIn(world, { roles: [] });
    await member.get(`/meetings/${meeting}`).expect(200);
    await member.get(`/meetings/${meeting}`).expect(200);
    await outsider.get(`/meetings/${meeting}`).expect(404);
    await (await anonymousWithSession(world)).get(`/meetings/${meeting}`).expect(404);
    await request(world.app).get(`/meetings/${meeting}`).expect(404);
  });

  it('gives each writer of a class their own name and their own working token', async () => {
    const world = makeApp();
    const group = createGroup(world.db, { slug: 'skupina' });
    const meeting = createMeeting(world.db, { leadGroupId: group, status: 'held' });
    createAgendaItem(world.db, meeting, { title: 'Bod' });
    const first = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
    const second = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
    const firstPage = await first.get(`/meetings/${meeting}`).expect(200);
    world.statements.length = 0;
    const secondPage = await second.get(`/meetings/${meeting}`).expect(200);
    expect(meetingWasRead(world), 'the kept zápis').to.equal(false);
    const tokens = (text: string) => [...text.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(tokens(secondPage.text)).size).to.equal(1);
    expect(tokens(secondPage.text)[0]).to.not.equal(tokens(firstPage.text)[0]);
    expect(secondPage.text).not.to.contain('csrf-slot-');
    // The publish form in the kept zápis carries the second writer's own token, and it works.
    const publish = await request(world.app).post(`/meetings/${meeting}/minutes/publish`)
      .set('Cookie', sessionCookieOf(second))
      .type('form').send({ _csrf: csrfFrom(secondPage.text) });
    expect(publish.status).to.equal(303);
  });

  it('shows a change at once to every class', async () => {
    const world = makeApp();
    const group = createGroup(world.db, { slug: 'skupina' });
    const meeting = createMeeting(world.db, { leadGroupId: group, status: 'held' });
    const item = createAgendaItem(world.db, meeting, { title: 'Bod' });
    const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
    const member = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
    await member.get(`/meetings/${meeting}`).expect(200);
    await secretary.post(`/meetings/${meeting}/minutes`).type('form').send({ [`item-${item}`]: 'Schváleno jednomyslně.' }).expect(303);
    setMinutesPublished(world.db, meeting, true, now());
    expect((await member.get(`/meetings/${meeting}`).expect(200)).text).to.contain('Schváleno jednomyslně.');
  });

  it('keeps Moje úkoly and the home page per person, and a group’s task list per class', async () => {
    const world = makeApp();
    const group = createGroup(world.db, { slug: 'skupina' });
    const published = createMeeting(world.db, { leadGroupId: group, status: 'held' });
    setMinutesPublished(world.db, published, true, now());
    const draft = createMeeting(world.db, { leadGroupId: group, status: 'held' });
    const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
    const jana = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
    const petr = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
    const [janaId, petrId] = (world.db.prepare('SELECT person_id AS id FROM accounts ORDER BY id DESC LIMIT 2').all() as { id: number }[]).map((row) => row.id).reverse();
    createActionItem(world.db, published, { text: 'Úkol Jany', ownerIds: [janaId], dueDate: '2001-01-01' });
    createActionItem(world.db, published, { text: 'Úkol Petra', ownerIds: [petrId], dueDate: '2001-01-01' });
    createActionItem(world.db, draft, { text: 'Úkol z konceptu', ownerIds: [petrId] });
    const janaTasks = (await jana.get('/tasks').expect(200)).text;
    const petrTasks = (await petr.get('/tasks').expect(200)).text;
    expect(janaTasks).to.contain('Úkol Jany');
    expect(janaTasks).not.to.contain('Úkol Petra');
    expect(petrTasks).to.contain('Úkol Petra');
    expect(petrTasks).not.to.contain('Úkol Jany');
    expect((await jana.get('/').expect(200)).text).not.to.contain('Úkol Petra');
    expect((await petr.get('/').expect(200)).text).to.contain('Úkol Petra');
    // The draft's task is the writers' until the minutes are published, whoever asked first.
    expect((await jana.get('/groups/skupina/tasks').expect(200)).text).not.to.contain('Úkol z konceptu');
    expect((await secretary.get('/groups/skupina/tasks').expect(200)).text).to.contain('Úkol z konceptu');
    expect((await petr.get('/groups/skupina/tasks').expect(200)).text).not.to.contain('Úkol z konceptu');
  });
});
