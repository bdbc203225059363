import { expect } from 'chai';
import { findMeeting, findMeetingLinks } from '../../src/db/meetings.js';
import { createActionItem, createAgendaItem, createGroup, createMeeting, createPerson, createResolution, createVenue } from '../factories.js';
import { countRows, fieldError, makeAdminApp } from '../helpers.js';

const validForm = (leadGroupId: number, overrides: Record<string, string | string[]> = {}) => ({
  leadGroupId: String(leadGroupId),
  number: '',
  title: '',
  date: '2018-03-20',
  startTime: '9:30',
  endTime: '11:30',
  status: 'planned',
  ...overrides,
});

describe('meetings', () => {
  describe('planning a meeting', () => {
    it('creates it with the next number of the group and a default title', async () => {
      const { db, admin } = await makeAdminApp();
      const groupId = createGroup(db, { name: 'Odborná pracovní skupina Sociální služby', nameGenitive: 'Odborné pracovní skupiny Sociální služby' });
      createMeeting(db, { leadGroupId: groupId, number: 10 });
      const res = await admin.post('/meetings').type('form').send(validForm(groupId)).expect(303);
      const id = Number(/^\/meetings\/(\d+)$/.exec(res.headers.location)?.[1]);
      const meeting = findMeeting(db, id);
      expect(meeting).to.include({ number: 11, title: '', startsAt: '2018-03-20T08:30:00Z', endsAt: '2018-03-20T10:30:00Z', timeZone: 'Europe/Prague', status: 'planned' });
      const page = await admin.get(`/meetings/${id}`).expect(200);
      expect(page.text).to.contain('11. setkání Odborné pracovní skupiny Sociální služby');
    });

    it('stores summer times with the summer offset', async () => {
      const { db, admin } = await makeAdminApp();
      const groupId = createGroup(db);
      const res = await admin.post('/meetings').type('form').send(validForm(groupId, { date: '2018-10-25', startTime: '09:30', endTime: '' })).expect(303);
      expect(findMeeting(db, Number(res.headers.location.split('/').pop()))).to.include({ startsAt: '2018-10-25T07:30:00Z', endsAt: null });
    });

    it('records a joint meeting in every group and keeps the verifiers in order', async () => {
      const { db, admin } = await makeAdminApp();
      const [lead, other] = [createGroup(db), createGroup(db)];
      const [first, second] = [createPerson(db), createPerson(db)];
      const res = await admin
        .post('/meetings')
        .type('form')
        .send(validForm(lead, { groupIds: [String(other)], verifierIds: [String(second), String(first)] }))
        .expect(303);
      const id = Number(res.headers.location.split('/').pop());
      expect(findMeetingLinks(db, id)).to.deep.equal({ groupIds: [other], verifierIds: [second, first] });
      const otherGroupSlug = (db.prepare('SELECT slug FROM groups WHERE id = ?').get(other) as { slug: string }).slug;
      const archive = await admin.get(`/groups/${otherGroupSlug}`).expect(200);
      expect(archive.text).to.contain(`href="/meetings/${id}"`);
    });

    for (const [name, overrides, field, message] of [
      ['a missing date', { date: '' }, 'date', 'Toto pole je povinné.'],
      ['an impossible date', { date: '2018-02-30' }, 'date', 'Zadejte platné datum.'],
      ['a time in a wrong format', { startTime: '9.30 ráno' }, 'startTime', 'Zadejte čas ve tvaru 9:30.'],
      ['a time skipped when clocks go forward', { date: '2018-03-25', startTime: '02:30', endTime: '04:00' }, 'startTime', 'Tento čas v daný den neexistuje (hodina přeskočená při přechodu na letní čas).'],
      ['an end before the start', { endTime: '08:00' }, 'endTime', 'Konec musí být později než začátek.'],
      ['an unknown venue', { venueId: '999' }, 'venueId', 'Vybraný záznam neexistuje (mohl být mezitím smazán).'],
      ['an unknown chair', { chairId: '999' }, 'chairId', 'Vybraný záznam neexistuje (mohl být mezitím smazán).'],
      ['a negative number', { number: '-3' }, 'number', 'Číslo je mimo povolený rozsah.'],
      ['a link that is not a web address', { onlineUrl: 'javascript:alert(1)' }, 'onlineUrl', 'Zadejte celou webovou adresu začínající https:// nebo http://.'],
    ] as const) {
      it(`refuses ${name} with a message next to the field, keeps the typed values and writes nothing`, async () => {
        const { db, admin } = await makeAdminApp();
        const groupId = createGroup(db);
        const res = await admin
          .post('/meetings')
          .type('form')
          .send(validForm(groupId, { title: 'Můj rozepsaný název', ...overrides }))
          .expect(422);
        expect(fieldError(res.text, field)).to.equal(message);
        expect(res.text).to.contain('value="Můj rozepsaný název"');
        expect(countRows(db, 'meetings')).to.equal(0);
        expect(countRows(db, 'meeting_groups')).to.equal(0);
      });
    }

    it('refuses a number the group already uses', async () => {
      const { db, admin } = await makeAdminApp();
      const groupId = createGroup(db);
      createMeeting(db, { leadGroupId: groupId, number: 10 });
      const res = await admin.post('/meetings').type('form').send(validForm(groupId, { number: '10' })).expect(422);
      expect(fieldError(res.text, 'number')).to.equal('Jednání s tímto číslem už ve skupině existuje.');
      expect(countRows(db, 'meetings')).to.equal(1);
    });

    it('offers the group and its next number when planned from the group page', async () => {
      const { db, admin } = await makeAdminApp();
      const groupId = createGroup(db, { slug: 'socialni-sluzby' });
      createMeeting(db, { leadGroupId: groupId, number: 10 });
      const res = await admin.get('/meetings/new?group=socialni-sluzby').expect(200);
      expect(res.text).to.match(new RegExp(`<option value="${groupId}" selected>`));
      expect(res.text).to.contain('přidělí se číslo 11');
    });
  });

  describe('editing a meeting', () => {
    it('saves the changes and raises the version', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createMeeting(db);
      const meeting = findMeeting(db, id);
      const form = await admin.get(`/meetings/${id}/edit`).expect(200);
      expect(form.text).to.contain('value="2018-03-20"').and.to.contain('value="09:30"');
      await admin
        .post(`/meetings/${id}`)
        .type('form')
        .send(validForm(meeting!.leadGroupId, { number: '7', status: 'held', room: 'zasedací místnost 326a', version: '1' }))
        .expect(303);
      expect(findMeeting(db, id)).to.include({ number: 7, status: 'held', room: 'zasedací místnost 326a', version: 2 });
    });

    it('detects a concurrent edit and keeps what was typed', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createMeeting(db);
      const groupId = findMeeting(db, id)!.leadGroupId;
      await admin.post(`/meetings/${id}`).type('form').send(validForm(groupId, { number: '1', room: 'první', version: '1' })).expect(303);
      const res = await admin.post(`/meetings/${id}`).type('form').send(validForm(groupId, { number: '1', room: 'druhá', version: '1' })).expect(409);
      expect(res.text).to.contain('value="druhá"');
      expect(findMeeting(db, id)?.room).to.equal('první');
    });

    it('refuses to leave the number blank when editing, instead of renumbering', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createMeeting(db, { number: 10 });
      const res = await admin.post(`/meetings/${id}`).type('form').send(validForm(findMeeting(db, id)!.leadGroupId, { number: '', version: '1' })).expect(422);
      expect(fieldError(res.text, 'number')).to.equal('Toto pole je povinné.');
      expect(findMeeting(db, id)).to.include({ number: 10, version: 1 });
    });

    it('answers 404 for unknown meetings', async () => {
      const { admin } = await makeAdminApp();
      await admin.get('/meetings/404').expect(404);
      await admin.get('/meetings/x1').expect(404);
      await admin.get('/meetings/404/edit').expect(404);
      await admin.post('/meetings/404').type('form').send({}).expect(404);
      await admin.post('/meetings/404/delete').expect(404);
    });

    it('keeps the group and year of a meeting that has resolutions or tasks, and refuses to delete it', async () => {
      const { db, admin } = await makeAdminApp();
      const groupId = createGroup(db);
      const other = createGroup(db);
      const id = createMeeting(db, { leadGroupId: groupId, number: 1 });
      createResolution(db, id);
      createActionItem(db, id);
      let res = await admin.post(`/meetings/${id}`).type('form').send(validForm(other, { number: '1', version: '1' })).expect(422);
      expect(fieldError(res.text, 'leadGroupId')).to.contain('skupinu nelze změnit');
      res = await admin.post(`/meetings/${id}`).type('form').send(validForm(groupId, { number: '1', date: '2019-01-15', version: '1' })).expect(422);
      expect(fieldError(res.text, 'date')).to.contain('jiného roku');
      res = await admin.post(`/meetings/${id}/delete`).expect(409);
      expect(res.text).to.contain('Jednání nelze smazat');
      expect(findMeeting(db, id)).to.include({ leadGroupId: groupId, startsAt: '2018-03-20T08:30:00Z' });
    });

    it('deletes a meeting with its agenda', async () => {
      const { db, admin } = await makeAdminApp();
      const groupId = createGroup(db, { slug: 'ps' });
      const id = createMeeting(db, { leadGroupId: groupId });
      createAgendaItem(db, id);
      const res = await admin.post(`/meetings/${id}/delete`).expect(303);
      expect(res.headers.location).to.equal('/groups/ps');
      expect(countRows(db, 'meetings')).to.equal(0);
      expect(countRows(db, 'agenda_items')).to.equal(0);
    });
  });

  describe('the meeting page', () => {
    it('reads as a Czech zápis: heading, date, time, place with room, roles', async () => {
      const { db, admin } = await makeAdminApp();
      const groupId = createGroup(db, { name: 'PS', nameGenitive: 'Odborné pracovní skupiny Sociální služby' });
      const venueId = createVenue(db, { name: 'ANNOLK', street: 'U Nisy 362/6', postalCode: '460 01', town: 'Liberec', defaultRoom: 'zasedací místnost, 2. patro' });
      const chairId = createPerson(db, { name: 'Alena Dvořáková', title: 'Mgr.' });
      const id = createMeeting(db, { leadGroupId: groupId, number: 10, status: 'held', venueId, chairId, minuteTakerId: chairId });
      const res = await admin.get(`/meetings/${id}`).expect(200);
      expect(res.text).to.contain('Zápis z 10. setkání Odborné pracovní skupiny Sociální služby');
      expect(res.text).to.contain('úterý 20. března 2018');
      expect(res.text).to.contain('9:30–11:30');
      expect(res.text).to.contain('ANNOLK, U Nisy 362/6, 460 01 Liberec, zasedací místnost, 2. patro');
      expect(res.text).to.contain('Mgr. Alena Dvořáková');
      expect(res.text.match(/<h1[\s>]/g)).to.have.length(1);
    });

    it('uses "ze" before ordinals spoken with s', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createMeeting(db, { leadGroupId: createGroup(db, { nameGenitive: 'skupiny' }), number: 7, status: 'held' });
      expect((await admin.get(`/meetings/${id}`)).text).to.contain('Zápis ze 7. setkání skupiny');
    });

    it('shows the number within the year for groups that number per year', async () => {
      const { db, admin } = await makeAdminApp();
      const groupId = createGroup(db, { numberingPerYear: true });
      createMeeting(db, { leadGroupId: groupId, number: 1, startsAt: '2017-12-12T08:00:00Z' });
      createMeeting(db, { leadGroupId: groupId, number: 2, startsAt: '2018-01-16T08:00:00Z' });
      const third = createMeeting(db, { leadGroupId: groupId, number: 3, startsAt: '2018-03-20T08:30:00Z' });
      expect((await admin.get(`/meetings/${third}`)).text).to.contain('č. 2/2018');
    });

    it('links the previous and next meeting of the group', async () => {
      const { db, admin } = await makeAdminApp();
      const groupId = createGroup(db);
      const ninth = createMeeting(db, { leadGroupId: groupId, number: 9 });
      const tenth = createMeeting(db, { leadGroupId: groupId, number: 10 });
      const eleventh = createMeeting(db, { leadGroupId: groupId, number: 11 });
      createMeeting(db, { number: 12 }); // another group's: not in the chain
      const res = await admin.get(`/meetings/${tenth}`).expect(200);
      expect(res.text).to.match(new RegExp(`rel="prev" href="/meetings/${ninth}"`));
      expect(res.text).to.match(new RegExp(`rel="next"[^>]*href="/meetings/${eleventh}"`));
    });

    it('runs the same number of queries for 2 agenda items as for 30', async () => {
      const world = await makeAdminApp();
      const small = createMeeting(world.db);
      const large = createMeeting(world.db);
      for (let i = 0; i < 2; i++) createAgendaItem(world.db, small, { durationMinutes: 10 });
      for (let i = 0; i < 30; i++) createAgendaItem(world.db, large, { durationMinutes: 10 });
      // Who the administrator is was worked out by an earlier request and is kept (data-memo.ts).
      await world.admin.get('/').expect(200);
      const count = async (id: number) => {
        world.statements.length = 0;
        await world.admin.get(`/meetings/${id}`).expect(200);
        return world.statements.length;
      };
      expect(await count(large)).to.equal(await count(small));
    });
  });

  describe('the group archive', () => {
    it('lists meetings by year, newest first, with the same number of queries for 3 or 60 meetings', async () => {
      const world = await makeAdminApp();
      const groupId = createGroup(world.db, { slug: 'archiv' });
      for (let n = 1; n <= 3; n++) createMeeting(world.db, { leadGroupId: groupId, number: n, startsAt: `201${n}-05-01T08:00:00Z` });
      world.statements.length = 0;
      const res = await world.admin.get('/groups/archiv').expect(200);
      const fewQueries = world.statements.length;
      expect(res.text.indexOf('2013')).to.be.lessThan(res.text.indexOf('2011'));
      for (let n = 4; n <= 60; n++) createMeeting(world.db, { leadGroupId: groupId, number: n });
      world.statements.length = 0;
      const full = await world.admin.get('/groups/archiv').expect(200);
      expect(world.statements.length).to.equal(fewQueries);
      expect(full.text).to.contain('Strana 1 z 3');
      const last = await world.admin.get('/groups/archiv?page=3').expect(200);
      expect(last.text).to.contain('Strana 3 z 3');
    });
  });
});
