import { now } from '../factories.js';
import { expect } from 'chai';
import request from 'supertest';
import type { Db } from '../../src/db/index.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { findResolution, listResolutionsOfMeeting, resolutionLabel } from '../../src/db/resolutions.js';
import { createAgendaItem, createGroup, createMeeting, createResolution } from '../factories.js';
import { countRows, fieldError, makeAdminApp, signIn } from '../helpers.js';
import type { TestAgent } from '../helpers.js';

const labels = (db: Db, meetingId: number) => listResolutionsOfMeeting(db, meetingId).map((r) => r.label);
const resolutionIdFrom = (location: string) => Number(/#resolution-(\d+)$/.exec(location)?.[1]);

/** Adds a resolution through the form; returns the new id. */
async function addResolution(agent: TestAgent, meetingId: number, body: Record<string, string> = {}): Promise<number> {
  const res = await agent.post(`/meetings/${meetingId}/resolutions`).type('form').send({ text: 'Skupina schvaluje.', outcome: 'adopted', ...body }).expect(303);
  expect(res.headers.location).to.match(new RegExp(`^/meetings/${meetingId}#resolution-\\d+$`));
  return resolutionIdFrom(res.headers.location);
}

/** A group with two meetings in 2018 (nos. 10 and 11), both with published minutes. */
function twoMeetings(db: Db, groupOverrides: Parameters<typeof createGroup>[1] = {}) {
  const groupId = createGroup(db, groupOverrides);
  const tenth = createMeeting(db, { leadGroupId: groupId, number: 10, startsAt: '2018-03-20T08:30:00Z' });
  const eleventh = createMeeting(db, { leadGroupId: groupId, number: 11, startsAt: '2018-05-15T07:30:00Z' });
  setMinutesPublished(db, tenth, true, now());
  setMinutesPublished(db, eleventh, true, now());
  return { groupId, tenth, eleventh };
}

describe('resolutions', () => {
  describe('numbering', () => {
    it('numbers per group and year, continuing across meetings', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth, eleventh } = twoMeetings(db);
      const other = twoMeetings(db);
      await addResolution(admin, tenth);
      await addResolution(admin, tenth);
      await addResolution(admin, eleventh);
      // Another group counts on its own.
      await addResolution(admin, other.tenth);
      expect(labels(db, tenth)).to.deep.equal(['1/2018', '2/2018']);
      expect(labels(db, eleventh)).to.deep.equal(['3/2018']);
      expect(labels(db, other.tenth)).to.deep.equal(['1/2018']);
    });

    it('starts at 1 in a new year, taken from the meeting’s own time zone', async () => {
      const { db, admin } = await makeAdminApp();
      const { groupId, tenth } = twoMeetings(db);
      await addResolution(admin, tenth);
      await addResolution(admin, tenth);
      // 31. 12. 2018 23:30 UTC is already 1. 1. 2019 in Prague.
      const newYear = createMeeting(db, { leadGroupId: groupId, number: 12, startsAt: '2018-12-31T23:30:00Z' });
      await addResolution(admin, newYear);
      expect(labels(db, newYear)).to.deep.equal(['1/2019']);
    });

    it('does not reuse the number of a deleted resolution', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth } = twoMeetings(db);
      await addResolution(admin, tenth);
      await addResolution(admin, tenth);
      const third = await addResolution(admin, tenth);
      await admin.post(`/meetings/${tenth}/resolutions/${third}/delete`).expect(303);
      expect(findResolution(db, tenth, third)).to.equal(undefined);
      await addResolution(admin, tenth);
      expect(labels(db, tenth)).to.deep.equal(['1/2018', '2/2018', '4/2018']);
    });

    it('lets a secretary correct a number to an unused one, and the series continues after it', async () => {
      const world = await makeAdminApp();
      const { db } = world;
      const { groupId, tenth } = twoMeetings(db);
      const secretary = await signIn(world, { roles: [{ groupId, role: 'secretary' }] });
      const id = await addResolution(secretary, tenth, { text: 'Opravované' });
      const res = await secretary.post(`/meetings/${tenth}/resolutions/${id}`).type('form').send({ text: 'Opravované', outcome: 'adopted', number: '7', version: '1' }).expect(303);
      expect(res.headers.location).to.equal(`/meetings/${tenth}#resolution-${id}`);
      expect(findResolution(db, tenth, id)).to.include({ number: 7, version: 2 });
      await addResolution(secretary, tenth);
      expect(labels(db, tenth)).to.deep.equal(['7/2018', '8/2018']);
    });

    it('does not let a mistyped number, once corrected, push the series up', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const { tenth } = twoMeetings(db);
      const id = await addResolution(admin, tenth, { text: 'Překlep' });
      await admin.post(`/meetings/${tenth}/resolutions/${id}`).type('form').send({ text: 'Překlep', outcome: 'adopted', number: '999', version: '1' }).expect(303);
      await admin.post(`/meetings/${tenth}/resolutions/${id}`).type('form').send({ text: 'Překlep', outcome: 'adopted', number: '1', version: '2' }).expect(303);
      await addResolution(admin, tenth);
      expect(labels(db, tenth)).to.deep.equal(['1/2018', '2/2018']);
    });

    it('accepts an explicit number on create when it is free', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth } = twoMeetings(db);
      await addResolution(admin, tenth, { number: '5' });
      await addResolution(admin, tenth);
      expect(labels(db, tenth)).to.deep.equal(['5/2018', '6/2018']);
    });

    it('refuses a number already used in the year, on edit and on create, and changes nothing', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth, eleventh } = twoMeetings(db);
      createResolution(db, tenth, { text: 'První' });
      const second = createResolution(db, eleventh, { text: 'Druhé' });
      const before = findResolution(db, eleventh, second);
      let res = await admin.post(`/meetings/${eleventh}/resolutions/${second}`).type('form').send({ text: 'Změněné', outcome: 'rejected', number: '1', version: '1' }).expect(422);
      expect(fieldError(res.text, 'number')).to.equal('Usnesení s tímto číslem už v daném roce existuje.');
      expect(res.text).to.contain('Změněné');
      expect(findResolution(db, eleventh, second)).to.deep.equal(before);
      res = await admin.post(`/meetings/${tenth}/resolutions`).type('form').send({ text: 'Třetí', outcome: 'adopted', number: '2' }).expect(422);
      expect(fieldError(res.text, 'number')).to.equal('Usnesení s tímto číslem už v daném roce existuje.');
      expect(countRows(db, 'resolutions')).to.equal(2);
    });

    it('applies the group’s pattern', async () => {
      const { db, admin } = await makeAdminApp();
      expect(resolutionLabel('{n}/{yyyy}', 3, 2018)).to.equal('3/2018');
      expect(resolutionLabel('{n}/{yyyy}/PS', 3, 2018)).to.equal('3/2018/PS');
      expect(resolutionLabel('PS-{yy}-{n}', 3, 2008)).to.equal('PS-08-3');
      const { tenth } = twoMeetings(db, { resolutionPattern: '{n}/{yyyy}/PS' });
      for (let i = 0; i < 3; i++) await addResolution(admin, tenth);
      expect(labels(db, tenth)).to.deep.equal(['1/2018/PS', '2/2018/PS', '3/2018/PS']);
    });
  });

  describe('the group setting', () => {
    it('saves a pattern with {n} and refuses one without it', async () => {
      const { db, admin } = await makeAdminApp();
      createGroup(db, { name: 'Sociální služby', slug: 'socialni-sluzby' });
      const base = { name: 'Sociální služby', slug: 'socialni-sluzby', visibility: 'public' };
      const res = await admin.post('/groups/socialni-sluzby').type('form').send({ ...base, resolutionPattern: 'U/2018', version: '1' }).expect(422);
      expect(fieldError(res.text, 'resolutionPattern')).to.contain('{n}');
      expect(res.text).to.contain('value="U/2018"');
      await admin.post('/groups/socialni-sluzby').type('form').send({ ...base, resolutionPattern: '{n}/{yyyy}/PS', version: '1' }).expect(303);
      expect(db.prepare("SELECT resolution_pattern AS p FROM groups WHERE slug = 'socialni-sluzby'").get()).to.deep.equal({ p: '{n}/{yyyy}/PS' });
      // Left empty, it falls back to the usual "3/2018".
      await admin.post('/groups/socialni-sluzby').type('form').send({ ...base, resolutionPattern: '', version: '2' }).expect(303);
      expect(db.prepare("SELECT resolution_pattern AS p FROM groups WHERE slug = 'socialni-sluzby'").get()).to.deep.equal({ p: '{n}/{yyyy}' });
    });
  });

  describe('the form', () => {
    it('stores the text, item, vote, outcome and what it supersedes', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth, eleventh } = twoMeetings(db);
      const item = createAgendaItem(db, eleventh, { title: 'Plán činnosti' });
      const earlier = createResolution(db, tenth, { text: 'Původní plán' });
      const id = await addResolution(admin, eleventh, {
        text: 'Skupina schvaluje **plán**.',
        agendaItemId: String(item),
        votesFor: '14',
        votesAgainst: '0',
        votesAbstain: '1',
        outcome: 'adopted',
        supersedesId: String(earlier),
      });
      expect(findResolution(db, eleventh, id)).to.include({ agendaItemId: item, votesFor: 14, votesAgainst: 0, votesAbstain: 1, outcome: 'adopted', supersedesId: earlier, number: 2 });
      expect(listResolutionsOfMeeting(db, eleventh)[0].supersedes).to.deep.equal({ id: earlier, label: '1/2018', meetingId: tenth });
    });

    it('preselects the agenda item given in ?item, and only an item of this meeting', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth, eleventh } = twoMeetings(db);
      const item = createAgendaItem(db, tenth, { title: 'Plán činnosti' });
      const foreign = createAgendaItem(db, eleventh, { title: 'Cizí bod' });
      let page = await admin.get(`/meetings/${tenth}/resolutions/new?item=${item}`).expect(200);
      expect(page.text).to.match(new RegExp(`<option value="${item}" selected>1\\. Plán činnosti</option>`));
      expect(page.text).to.contain('Nechte prázdné pro další číslo v řadě (1).');
      page = await admin.get(`/meetings/${tenth}/resolutions/new?item=${foreign}`).expect(200);
      expect(page.text).not.to.contain('Cizí bod').and.not.to.contain(' selected>1. Plán');
    });

    it('refuses negative votes and votes that are not numbers, keeping what was typed', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth } = twoMeetings(db);
      let res = await admin.post(`/meetings/${tenth}/resolutions`).type('form').send({ text: 'Hlasovali záporně', outcome: 'adopted', votesFor: '-1' }).expect(422);
      expect(fieldError(res.text, 'votesFor')).to.equal('Číslo je mimo povolený rozsah.');
      expect(res.text).to.contain('Hlasovali záporně').and.to.contain('value="-1"');
      res = await admin.post(`/meetings/${tenth}/resolutions`).type('form').send({ text: 'Slovy', outcome: 'adopted', votesAgainst: 'nikdo' }).expect(422);
      expect(fieldError(res.text, 'votesAgainst')).to.equal('Zadejte celé číslo.');
      expect(res.text).to.contain('value="nikdo"');
      res = await admin.post(`/meetings/${tenth}/resolutions`).type('form').send({ text: ' ', outcome: 'maybe' }).expect(422);
      expect(fieldError(res.text, 'text')).to.equal('Toto pole je povinné.');
      expect(fieldError(res.text, 'outcome')).to.equal('Vyberte jednu z nabízených možností.');
      expect(countRows(db, 'resolutions')).to.equal(0);
      expect(countRows(db, 'resolution_counters')).to.equal(0);
    });

    it('refuses an agenda item of another meeting and a resolution of another group as superseded', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth, eleventh } = twoMeetings(db);
      const other = twoMeetings(db);
      const foreignItem = createAgendaItem(db, eleventh);
      const foreignResolution = createResolution(db, other.tenth);
      let res = await admin.post(`/meetings/${tenth}/resolutions`).type('form').send({ text: 'K cizímu bodu', outcome: 'adopted', agendaItemId: String(foreignItem) }).expect(422);
      expect(fieldError(res.text, 'agendaItemId')).to.equal('Vybraný záznam neexistuje (mohl být mezitím smazán).');
      expect(res.text).to.contain('K cizímu bodu');
      res = await admin.post(`/meetings/${tenth}/resolutions`).type('form').send({ text: 'Ruší cizí', outcome: 'adopted', supersedesId: String(foreignResolution) }).expect(422);
      expect(fieldError(res.text, 'supersedesId')).to.equal('Vybraný záznam neexistuje (mohl být mezitím smazán).');
      res = await admin.post(`/meetings/${tenth}/resolutions`).type('form').send({ text: 'Neexistující bod', outcome: 'adopted', agendaItemId: '99999' }).expect(422);
      expect(fieldError(res.text, 'agendaItemId')).to.equal('Vybraný záznam neexistuje (mohl být mezitím smazán).');
      expect(countRows(db, 'resolutions')).to.equal(1);
    });

    it('does not let a resolution supersede itself', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth } = twoMeetings(db);
      const id = createResolution(db, tenth);
      const res = await admin.post(`/meetings/${tenth}/resolutions/${id}`).type('form').send({ text: 'Sám sebe', outcome: 'adopted', number: '1', supersedesId: String(id), version: '1' }).expect(422);
      expect(fieldError(res.text, 'supersedesId')).to.equal('Usnesení nemůže rušit samo sebe.');
      expect(findResolution(db, tenth, id)?.supersedesId).to.equal(null);
    });

    it('detects a concurrent edit (409) and keeps the typed text', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth } = twoMeetings(db);
      const id = createResolution(db, tenth, { text: 'Původní' });
      await admin.post(`/meetings/${tenth}/resolutions/${id}`).type('form').send({ text: 'První úprava', outcome: 'adopted', number: '1', version: '1' }).expect(303);
      const res = await admin.post(`/meetings/${tenth}/resolutions/${id}`).type('form').send({ text: 'Pozdní úprava', outcome: 'adopted', number: '1', version: '1' }).expect(409);
      expect(res.text).to.contain('Pozdní úprava');
      expect(findResolution(db, tenth, id)).to.include({ text: 'První úprava', version: 2 });
    });

    it('answers 404 for a resolution of another meeting, and changes nothing', async () => {
      const { db, admin } = await makeAdminApp();
      const { tenth, eleventh } = twoMeetings(db);
      const foreign = createResolution(db, eleventh, { text: 'Cizí usnesení' });
      await admin.get(`/meetings/${tenth}/resolutions/${foreign}/edit`).expect(404);
      await admin.post(`/meetings/${tenth}/resolutions/${foreign}`).type('form').send({ text: 'Přepsáno', outcome: 'rejected', number: '1', version: '1' }).expect(404);
      await admin.post(`/meetings/${tenth}/resolutions/${foreign}/delete`).expect(404);
      await admin.get(`/meetings/${tenth}/resolutions/99999/edit`).expect(404);
      expect(findResolution(db, eleventh, foreign)).to.include({ text: 'Cizí usnesení', version: 1 });
    });

    it('is refused to a member (403) and changes nothing', async () => {
      const world = await makeAdminApp();
      const { groupId, tenth } = twoMeetings(world.db);
      const member = await signIn(world, { roles: [{ groupId, role: 'member' }] });
      await member.get(`/meetings/${tenth}/resolutions/new`).expect(403);
      await member.post(`/meetings/${tenth}/resolutions`).type('form').send({ text: 'Člen', outcome: 'adopted' }).expect(403);
      expect(countRows(world.db, 'resolutions')).to.equal(0);
    });
  });

  describe('the register', () => {
    /** A group with resolutions in 2018 (1/2018 adopted, 2/2018 adopted superseding it) and 2019 (1/2019 noted). */
    async function registerWorld() {
      const world = await makeAdminApp();
      const { db } = world;
      const { groupId, tenth, eleventh } = twoMeetings(db, { slug: 'ps-zamestnanost' });
      const first = createResolution(db, tenth, { text: 'Původní plán' });
      const second = createResolution(db, eleventh, { text: 'Nový *plán*', votesFor: 14, votesAgainst: 0, votesAbstain: 1, supersedesId: first });
      const next = createMeeting(db, { leadGroupId: groupId, number: 12, startsAt: '2019-02-12T08:30:00Z' });
      setMinutesPublished(db, next, true, now());
      const third = createResolution(db, next, { text: 'Zpráva o činnosti', outcome: 'noted' });
      return { ...world, groupId, tenth, eleventh, next, first, second, third };
    }
    const order = (html: string) => [...html.matchAll(/<li class="resolution[^"]*" id="resolution-(\d+)"/g)].map((m) => Number(m[1]));

    it('lists the group’s resolutions newest first, each linked to its meeting with vote, outcome and what it supersedes', async () => {
      const { app, eleventh, first, second, third } = await registerWorld();
      const page = await request(app).get('/groups/ps-zamestnanost/resolutions').expect(200);
      expect(order(page.text)).to.deep.equal([third, second, first]);
      expect(page.text).to.contain(`href="/meetings/${eleventh}#resolution-${second}"`);
      expect(page.text).to.contain('Usnesení č. 2/2018').and.to.contain('15. 5. 2018');
      expect(page.text).to.contain('pro 14 : proti 0 : zdrželo se 1');
      expect(page.text).to.contain('Nový <em>plán</em>');
      expect(page.text).to.contain('schváleno').and.to.contain('vzato na vědomí');
      expect(page.text).to.contain('ruší usnesení č. 1/2018');
    });

    it('filters by year and outcome, and ignores values that are neither', async () => {
      const { app, first, second, third } = await registerWorld();
      let page = await request(app).get('/groups/ps-zamestnanost/resolutions?year=2018').expect(200);
      expect(order(page.text)).to.deep.equal([second, first]);
      page = await request(app).get('/groups/ps-zamestnanost/resolutions?outcome=noted').expect(200);
      expect(order(page.text)).to.deep.equal([third]);
      page = await request(app).get('/groups/ps-zamestnanost/resolutions?year=2019&outcome=adopted').expect(200);
      expect(order(page.text)).to.deep.equal([]);
      expect(page.text).to.contain('Zvolenému filtru neodpovídá žádné usnesení.');
      page = await request(app).get('/groups/ps-zamestnanost/resolutions?year=dva&outcome=maybe').expect(200);
      expect(order(page.text)).to.deep.equal([third, second, first]);
    });

    it('keeps resolutions of draft minutes from members and the public, and shows them to writers', async () => {
      const world = await registerWorld();
      const { db, groupId } = world;
      const draft = createMeeting(db, { leadGroupId: groupId, number: 13, startsAt: '2019-04-09T07:30:00Z' });
      const hidden = createResolution(db, draft, { text: 'Usnesení z konceptu' });
      const member = await signIn(world, { roles: [{ groupId, role: 'member' }] });
      const secretary = await signIn(world, { roles: [{ groupId, role: 'secretary' }] });
      for (const reader of [request(world.app), member]) {
        const page = await reader.get('/groups/ps-zamestnanost/resolutions').expect(200);
        expect(page.text).not.to.contain('Usnesení z konceptu');
        expect(order(page.text)).to.deep.equal([world.third, world.second, world.first]);
      }
      const page = await secretary.get('/groups/ps-zamestnanost/resolutions').expect(200);
      expect(order(page.text)).to.deep.equal([hidden, world.third, world.second, world.first]);
    });

    it('is linked from the group page and hidden with a members-only group', async () => {
      const world = await registerWorld();
      const page = await request(world.app).get('/groups/ps-zamestnanost').expect(200);
      expect(page.text).to.contain('href="/groups/ps-zamestnanost/resolutions"');
      createGroup(world.db, { slug: 'tajna', visibility: 'members' });
      await request(world.app).get('/groups/tajna/resolutions').expect(404);
      await world.admin.get('/groups/tajna/resolutions').expect(200);
    });
  });
});
