import { expect } from 'chai';
import { listAgendaItems } from '../../src/db/agenda.js';
import type { Db } from '../../src/db/index.js';
import { findMeeting, findMeetingLinks } from '../../src/db/meetings.js';
import { createAgendaItem, createGroup, createMeeting, createPerson, createVenue } from '../factories.js';
import { countRows, fieldError, makeAdminApp, signIn } from '../helpers.js';

/** Everything stored about a meeting, to show that planning its follow-up changed none of it. */
function snapshot(db: Db, meetingId: number): unknown {
  return {
    meeting: db.prepare('SELECT * FROM meetings WHERE id = ?').get(meetingId),
    agenda: db.prepare('SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY id').all(meetingId),
    minutes: db.prepare('SELECT * FROM minutes WHERE meeting_id = ?').get(meetingId),
    links: findMeetingLinks(db, meetingId),
  };
}

/** The 10th meeting of a group: Tuesday 20. 3. 2018 9:30–11:30, with a deferred item that has a sub-item. */
function tenthMeeting(db: Db) {
  const groupId = createGroup(db, { slug: 'ps', nameGenitive: 'pracovní skupiny' });
  const partner = createGroup(db);
  const venueId = createVenue(db, { name: 'ANNOLK' });
  const chairId = createPerson(db, { name: 'Alena Dvořáková' });
  const id = createMeeting(db, { leadGroupId: groupId, groupIds: [partner], number: 10, status: 'held', venueId, room: 'zasedací místnost', chairId, minuteTakerId: chairId });
  createAgendaItem(db, id, { title: 'Příprava rozšířeného jednání' });
  const deferred = createAgendaItem(db, id, { title: 'Filantropická burza', deferred: true, durationMinutes: 20 });
  createAgendaItem(db, id, { title: 'Možnosti založení', parentId: deferred });
  return { id, groupId, partner, venueId, chairId };
}

describe('follow-up meetings', () => {
  it('offers the next meeting four weeks later, same weekday and time, with the same groups, place and roles', async () => {
    const { db, admin } = await makeAdminApp();
    const tenth = tenthMeeting(db);
    const res = await admin.get(`/meetings/${tenth.id}/follow-up`).expect(200);
    expect(res.text).to.contain('value="2018-04-17"').and.to.contain('value="09:30"').and.to.contain('value="11:30"');
    expect(res.text).to.match(new RegExp(`<option value="${tenth.venueId}" selected>`));
    expect(res.text).to.match(new RegExp(`id="f-chairId"[\\s\\S]*?<option value="${tenth.chairId}" selected>`));
    expect(res.text).to.match(new RegExp(`name="groupIds" value="${tenth.partner}" checked`));
    expect(res.text).to.contain('Kontrola zápisu a úkolů z minulého jednání').and.to.contain('Filantropická burza').and.to.contain('Různé');
    expect(res.text).not.to.contain('<li>Příprava rozšířeného jednání');
  });

  it('creates the next meeting with the next number, the carried-over agenda and a link back, altering nothing of the original', async () => {
    const { db, admin } = await makeAdminApp();
    const tenth = tenthMeeting(db);
    const before = snapshot(db, tenth.id);
    const form = { leadGroupId: String(tenth.groupId), groupIds: [String(tenth.partner)], date: '2018-04-17', startTime: '09:30', endTime: '11:30', status: 'planned', venueId: String(tenth.venueId) };
    const res = await admin.post(`/meetings/${tenth.id}/follow-up`).type('form').send(form).expect(303);
    const id = Number(res.headers.location.split('/').pop());
    expect(findMeeting(db, id)).to.include({ number: 11, status: 'planned', startsAt: '2018-04-17T07:30:00Z' });
    expect((db.prepare('SELECT follows_id AS f FROM meetings WHERE id = ?').get(id) as { f: number }).f).to.equal(tenth.id);
    const agenda = listAgendaItems(db, id).map((item) => [item.title, item.parentId === null ? 'item' : 'sub', item.deferred]);
    expect(agenda).to.deep.equal([
      ['Kontrola zápisu a úkolů z minulého jednání', 'item', false],
      ['Filantropická burza', 'item', false],
      ['Možnosti založení', 'sub', false],
      ['Různé', 'item', false],
    ]);
    expect(snapshot(db, tenth.id)).to.deep.equal(before);
    const original = await admin.get(`/meetings/${tenth.id}`).expect(200);
    expect(original.text).to.contain('Navazující jednání').and.to.contain(`href="/meetings/${id}"`);
    const followUp = await admin.get(`/meetings/${id}`).expect(200);
    expect(followUp.text).to.contain('Navazuje na').and.to.contain(`href="/meetings/${tenth.id}"`);
  });

  it('lets one meeting plan several follow-ups (a working meeting in April, a round table in May)', async () => {
    const { db, admin } = await makeAdminApp();
    const tenth = tenthMeeting(db);
    for (const date of ['2018-04-17', '2018-05-22']) {
      await admin.post(`/meetings/${tenth.id}/follow-up`).type('form').send({ leadGroupId: String(tenth.groupId), date, startTime: '09:30', status: 'planned' }).expect(303);
    }
    expect(db.prepare('SELECT number FROM meetings WHERE follows_id = ? ORDER BY number').all(tenth.id)).to.deep.equal([{ number: 11 }, { number: 12 }]);
  });

  it('refuses bad input with the typed values kept and creates nothing', async () => {
    const { db, admin } = await makeAdminApp();
    const tenth = tenthMeeting(db);
    const meetings = countRows(db, 'meetings');
    const res = await admin.post(`/meetings/${tenth.id}/follow-up`).type('form').send({ leadGroupId: String(tenth.groupId), date: '2018-04-31', startTime: '09:30', room: 'velký sál', status: 'planned' }).expect(422);
    expect(fieldError(res.text, 'date')).to.equal('Zadejte platné datum.');
    expect(res.text).to.contain('value="velký sál"');
    expect(countRows(db, 'meetings')).to.equal(meetings);
    expect(countRows(db, 'agenda_items')).to.equal(3);
  });

  it('is for those who write in the group', async () => {
    const world = await makeAdminApp();
    const tenth = tenthMeeting(world.db);
    const member = await signIn(world, { roles: [{ groupId: tenth.groupId, role: 'member' }] });
    await member.get(`/meetings/${tenth.id}/follow-up`).expect(403);
    await member.post(`/meetings/${tenth.id}/follow-up`).type('form').send({ leadGroupId: String(tenth.groupId), date: '2018-04-17', startTime: '09:30', status: 'planned' }).expect(403);
    expect(countRows(world.db, 'meetings')).to.equal(1);
  });
});
