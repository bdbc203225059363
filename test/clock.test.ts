import { expect } from 'chai';
import request from 'supertest';
import { addLocalDays, fixedClock, localDate, meetingDate, meetingYear } from '../src/clock.js';
import { setMinutesPublished } from '../src/db/minutes.js';
import { createActionItem, createGroup, createMeeting, createMembership, createResolution, now } from './factories.js';
import { createAccount, csrfFrom, makeApp, signIn } from './helpers.js';
import type { TestWorld } from './helpers.js';

/**
 * The app's clock decides "now" and "today" everywhere: what is overdue, what is upcoming, who is a
 * member, how long a link works. A test sets it and sees every one of them follow.
 */

/** A Prague morning as the app's clock. */
const pragueMorning = (date: string) => fixedClock(`${date}T08:00:00Z`, 'Europe/Prague');

/** An account and its person, signed in, with the given role in the group. */
async function member(world: TestWorld, groupId: number, role: 'secretary' | 'member' = 'member') {
  const account = createAccount(world.db);
  createMembership(world.db, { groupId, personId: account.personId, role });
  const agent = request.agent(world.app);
  const login = await agent.get('/login').expect(200);
  await agent.post('/login').type('form').send({ email: account.email, password: 'heslo pro testy', _csrf: csrfFrom(login.text) }).expect(303);
  agent.set('X-CSRF-Token', csrfFrom((await agent.get('/account').expect(200)).text));
  return { agent, personId: account.personId };
}

describe('the clock', () => {
  it('decides what is overdue and due this week, on the task lists, the home page and the zápis', async () => {
    const clock = pragueMorning('2018-04-10');
    const world = makeApp({}, { clock });
    const groupId = createGroup(world.db, { slug: 'ps' });
    const { agent, personId } = await member(world, groupId);
    const meetingId = createMeeting(world.db, { leadGroupId: groupId, status: 'held' });
    setMinutesPublished(world.db, meetingId, true, now());
    createActionItem(world.db, meetingId, { text: 'Úkol po termínu', ownerIds: [personId], dueDate: '2018-04-09' });
    createActionItem(world.db, meetingId, { text: 'Úkol na tento týden', ownerIds: [personId], dueDate: '2018-04-15' });
    createActionItem(world.db, meetingId, { text: 'Úkol na později', ownerIds: [personId], dueDate: '2018-04-16' });

    const sectionOf = (html: string, id: string) => /<section[^>]*id="([^"]+)"[\s\S]*?<\/section>/g.exec(html.slice(html.indexOf(`id="${id}"`) - 60))?.[0] ?? '';
    const tasks = (await agent.get('/tasks').expect(200)).text;
    expect(sectionOf(tasks, 'po-terminu')).to.contain('Úkol po termínu').and.not.to.contain('Úkol na tento týden');
    expect(sectionOf(tasks, 'tento-tyden')).to.contain('Úkol na tento týden').and.not.to.contain('Úkol na později');
    expect(sectionOf(tasks, 'pozdeji')).to.contain('Úkol na později');
    expect((await agent.get('/').expect(200)).text).to.contain('Úkol po termínu');
    const zapis = (await agent.get(`/meetings/${meetingId}`).expect(200)).text;
    expect(zapis.match(/po termínu<\/span>/g)).to.have.length(1);

    // Three weeks later every one of them is past its deadline.
    clock.set('2018-05-01T08:00:00Z');
    const later = (await agent.get('/tasks').expect(200)).text;
    expect(sectionOf(later, 'po-terminu')).to.contain('Úkol po termínu').and.to.contain('Úkol na tento týden').and.to.contain('Úkol na později');
    expect(later).not.to.contain('id="tento-tyden"');
    expect((await agent.get(`/meetings/${meetingId}`).expect(200)).text.match(/po termínu<\/span>/g)).to.have.length(3);
  });

  it('decides what is upcoming and which minutes are the latest, and the window of calendar feeds', async () => {
    const clock = pragueMorning('2018-04-01');
    const world = makeApp({}, { clock });
    const groupId = createGroup(world.db, { slug: 'ps', name: 'Pracovní skupina' });
    const held = createMeeting(world.db, { leadGroupId: groupId, number: 1, title: 'Březnové jednání', startsAt: '2018-03-20T08:30:00Z', status: 'held' });
    const coming = createMeeting(world.db, { leadGroupId: groupId, number: 2, title: 'Dubnové jednání', startsAt: '2018-04-17T07:30:00Z' });
    const old = createMeeting(world.db, { leadGroupId: groupId, number: 3, title: 'Jednání z roku 2016', startsAt: '2016-05-10T07:30:00Z', status: 'held' });
    for (const id of [held, old]) setMinutesPublished(world.db, id, true, now());

    const home = (await request(world.app).get('/').expect(200)).text;
    const upcoming = home.slice(0, home.indexOf('Březnové jednání'));
    expect(upcoming).to.contain('Dubnové jednání');
    expect(home).to.contain('Březnové jednání');
    // The feed covers the year before today: the 2016 meeting is out of it, both 2018 ones in.
    const feed = (await request(world.app).get('/groups/ps/calendar.ics').expect(200)).text;
    expect(feed).to.contain(`meeting-${held}@`).and.to.contain(`meeting-${coming}@`).and.not.to.contain(`meeting-${old}@`);

    // Once the April meeting is over, the overview no longer calls it upcoming.
    clock.set('2018-04-20T08:00:00Z');
    const after = (await request(world.app).get('/').expect(200)).text;
    expect(after).not.to.contain('Dubnové jednání');
  });

  it('decides how long a one-time link works', async () => {
    const clock = pragueMorning('2018-04-01');
    const world = makeApp({}, { clock });
    const admin = await signIn(world);
    const form = await admin.get('/accounts/new').expect(200);
    const page = await admin.post('/accounts').type('form').send({ email: 'nova@example.test', role: 'user', name: 'Nová Osoba', _csrf: csrfFrom(form.text) }).expect(200);
    expect(page.text).to.contain('datetime="2018-04-08T08:00:00.000Z"');
    const token = /\/password\/([A-Za-z0-9_-]+)/.exec(page.text)?.[1] ?? '';
    await request(world.app).get(`/password/${token}`).expect(200);
    clock.set('2018-04-08T08:00:01Z');
    await request(world.app).get(`/password/${token}`).expect(410);
  });

  it('gives the roles of a membership from the day it starts, and counts it nowhere before', async () => {
    const clock = pragueMorning('2018-04-01');
    const world = makeApp({}, { clock });
    const groupId = createGroup(world.db, { slug: 'tajna', name: 'Tajná skupina', visibility: 'members' });
    const account = createAccount(world.db, { name: 'Budoucí Tajemnice' });
    createMembership(world.db, { groupId, personId: account.personId, role: 'secretary', since: '2018-05-01' });
    const meetingId = createMeeting(world.db, { leadGroupId: groupId, startsAt: '2018-04-17T07:30:00Z' });
    const future = request.agent(world.app);
    const login = await future.get('/login').expect(200);
    await future.post('/login').type('form').send({ email: account.email, password: 'heslo pro testy', _csrf: csrfFrom(login.text) }).expect(303);

    // No rights yet: the members-only group does not exist for her, nor its meeting.
    await future.get('/groups/tajna').expect(404);
    await future.get(`/meetings/${meetingId}`).expect(404);
    await future.get('/meetings/new').expect(403);
    // Counted nowhere: not in the group list's member count, not among the current members, not
    // among the members of the meeting's day, not as the secretary the invitation names.
    const admin = await signIn(world);
    expect((await admin.get('/groups').expect(200)).text).to.match(/Tajná skupina[\s\S]*?0 členů/);
    const groupPage = (await admin.get('/groups/tajna').expect(200)).text;
    const current = groupPage.slice(groupPage.indexOf('id="members-heading"'), groupPage.indexOf('id="future-members"'));
    expect(current).not.to.contain('Budoucí Tajemnice');
    expect(groupPage.slice(groupPage.indexOf('id="future-members"'))).to.contain('Budoucí Tajemnice');
    // (The directory's people are offered to be added by hand: what counts is the list of the members of the day.)
    const listed = (html: string) => [...html.matchAll(/<th scope="row">([^<]*)</g)].map((match) => match[1]);
    expect(listed((await admin.get(`/meetings/${meetingId}/attendance`).expect(200)).text)).not.to.include('Budoucí Tajemnice');
    expect((await admin.get(`/meetings/${meetingId}/invitation`).expect(200)).text).not.to.contain('Budoucí Tajemnice');

    // From the first of May she is the secretary: she reads the group and plans its meetings.
    clock.set('2018-05-01T06:00:00Z');
    await future.get('/groups/tajna').expect(200);
    await future.get('/meetings/new?group=tajna').expect(200);
    expect((await admin.get('/groups').expect(200)).text).to.match(/Tajná skupina[\s\S]*?1 člen\b/);
    // A meeting after that day lists her among the members of the day.
    const may = createMeeting(world.db, { leadGroupId: groupId, startsAt: '2018-05-15T07:30:00Z' });
    expect(listed((await admin.get(`/meetings/${may}/attendance`).expect(200)).text)).to.include('Budoucí Tajemnice');
  });

  it('numbers meetings and resolutions in the year of the meeting on its own calendar, whatever the clock says', async () => {
    const clock = pragueMorning('2030-06-01');
    const world = makeApp({}, { clock });
    const groupId = createGroup(world.db, { slug: 'rada', name: 'Rada', numberingPerYear: true });
    // 31. 12. 2018 23:30 in Prague (22:30 UTC): still 2018.
    const newYearsEve = createMeeting(world.db, { leadGroupId: groupId, number: 1, startsAt: '2018-12-31T22:30:00Z', status: 'held' });
    // 1. 1. 2019 0:30 in Prague is 23:30 UTC on 31. 12. 2018: it belongs to 2019.
    const newYear = createMeeting(world.db, { leadGroupId: groupId, number: 2, startsAt: '2018-12-31T23:30:00Z', status: 'held' });
    expect([meetingYear({ startsAt: '2018-12-31T23:30:00Z', timeZone: 'Europe/Prague' }), meetingDate({ startsAt: '2018-12-31T23:30:00Z', timeZone: 'Europe/Prague' })]).to.deep.equal([2019, '2019-01-01']);
    const admin = await signIn(world);
    await admin.post(`/meetings/${newYear}/resolutions`).type('form').send({ text: 'Rada schvaluje rozpočet.', outcome: 'adopted' }).expect(303);
    createResolution(world.db, newYearsEve);
    const page = (await admin.get(`/meetings/${newYear}`).expect(200)).text;
    expect(page).to.contain('č. 1/2019').and.to.contain('Usnesení č. 1/2019');
    expect((await admin.get(`/meetings/${newYearsEve}`).expect(200)).text).to.contain('č. 1/2018').and.to.contain('Usnesení č. 1/2018');
  });

  it('plans the follow-up four weeks after the meeting, on its own calendar, not after today', async () => {
    const clock = pragueMorning('2030-01-01');
    const world = makeApp({}, { clock });
    const groupId = createGroup(world.db, { slug: 'ps' });
    // 20. 3. 2018 9:30 in Prague, before the change to summer time; four weeks later is 17. 4. 2018 9:30.
    const meetingId = createMeeting(world.db, { leadGroupId: groupId, startsAt: '2018-03-20T08:30:00Z' });
    const admin = await signIn(world);
    const form = (await admin.get(`/meetings/${meetingId}/follow-up`).expect(200)).text;
    expect(form).to.contain('value="2018-04-17"').and.to.match(/name="startTime"[^>]*value="09:30"|value="09:30"[^>]*name="startTime"/);
    expect(localDate(addLocalDays('2018-03-20T08:30:00Z', 'Europe/Prague', 28), 'Europe/Prague')).to.equal('2018-04-17');
  });
});
