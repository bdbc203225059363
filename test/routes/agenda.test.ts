import { expect } from 'chai';
import { findAgendaItem, listAgendaItems } from '../../src/db/agenda.js';
import type { Db } from '../../src/db/index.js';
import { createAgendaItem, createMeeting } from '../factories.js';
import { countRows, fieldError, makeAdminApp } from '../helpers.js';

const titles = (db: Db, meetingId: number) => listAgendaItems(db, meetingId).map((item) => item.title);

describe('agenda', () => {
  it('adds items at the end and shows computed start times and the estimated end', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db); // starts 9:30 Prague time
    await admin.post(`/meetings/${meetingId}/agenda`).type('form').send({ title: 'Kontrola zápisu', durationMinutes: '10' }).expect(303);
    const res = await admin.post(`/meetings/${meetingId}/agenda`).type('form').send({ title: 'Sociální podnikání', presenter: 'ANNOLK', durationMinutes: '45' }).expect(303);
    expect(res.headers.location).to.match(new RegExp(`^/meetings/${meetingId}/agenda#agenda-item-\\d+$`));
    expect(titles(db, meetingId)).to.deep.equal(['Kontrola zápisu', 'Sociální podnikání']);
    const page = await admin.get(`/meetings/${meetingId}`).expect(200);
    expect(page.text).to.match(/agenda__time">9:30</);
    expect(page.text).to.match(/agenda__time">9:40</);
    expect(page.text).to.contain('Předpokládaný konec: 10:25');
    expect(page.text).to.contain('předkládá ANNOLK');
  });

  it('letters sub-items and restarts the clock at a fixed start', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    createAgendaItem(db, meetingId, { title: 'Planetárium', fixedStart: '09:30', durationMinutes: 60 });
    const parent = createAgendaItem(db, meetingId, { title: 'Společné zasedání', fixedStart: '10:45' });
    await admin.post(`/meetings/${meetingId}/agenda`).type('form').send({ title: 'Zprávy ze skupin', parentId: String(parent), durationMinutes: '20' }).expect(303);
    await admin.post(`/meetings/${meetingId}/agenda`).type('form').send({ title: 'Plán na rok 2019', parentId: String(parent), durationMinutes: '15' }).expect(303);
    const page = await admin.get(`/meetings/${meetingId}`).expect(200);
    expect(page.text).to.match(/agenda__marker">2\.b\)<\/span>\s*<span class="agenda__time">11:05</);
    expect(page.text).to.contain('Předpokládaný konec: 11:20');
  });

  it('refuses an item without a title and keeps what was typed', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const res = await admin.post(`/meetings/${meetingId}/agenda`).type('form').send({ title: ' ', presenter: 'Jana', durationMinutes: '15' }).expect(422);
    expect(fieldError(res.text, 'title')).to.equal('Toto pole je povinné.');
    expect(res.text).to.contain('value="Jana"').and.to.contain('value="15"');
    expect(countRows(db, 'agenda_items')).to.equal(0);
  });

  it('refuses a duration that is not a whole number of minutes', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const res = await admin.post(`/meetings/${meetingId}/agenda`).type('form').send({ title: 'Bod', durationMinutes: 'půl hodiny' }).expect(422);
    expect(fieldError(res.text, 'durationMinutes')).to.equal('Zadejte celé číslo.');
    expect(countRows(db, 'agenda_items')).to.equal(0);
  });

  it('refuses a parent from another meeting, and a sub-item of a sub-item', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const foreign = createAgendaItem(db, createMeeting(db));
    const parent = createAgendaItem(db, meetingId);
    const child = createAgendaItem(db, meetingId, { parentId: parent });
    const before = countRows(db, 'agenda_items');
    let res = await admin.post(`/meetings/${meetingId}/agenda`).type('form').send({ title: 'X', parentId: String(foreign) }).expect(422);
    expect(fieldError(res.text, 'parentId')).to.contain('Vyberte jeden z hlavních bodů');
    res = await admin.post(`/meetings/${meetingId}/agenda`).type('form').send({ title: 'X', parentId: String(child) }).expect(422);
    expect(fieldError(res.text, 'parentId')).to.contain('Vyberte jeden z hlavních bodů');
    expect(countRows(db, 'agenda_items')).to.equal(before);
  });

  it('does not let an item with sub-items become a sub-item', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const first = createAgendaItem(db, meetingId);
    const parent = createAgendaItem(db, meetingId, { title: 'Rodič' });
    createAgendaItem(db, meetingId, { parentId: parent });
    const res = await admin.post(`/meetings/${meetingId}/agenda/${parent}`).type('form').send({ title: 'Rodič', parentId: String(first), version: '1' }).expect(422);
    expect(fieldError(res.text, 'parentId')).to.contain('nemůže být podbodem');
    expect(findAgendaItem(db, meetingId, parent)?.parentId).to.equal(null);
  });

  it('edits an item and detects a concurrent edit', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const id = createAgendaItem(db, meetingId, { title: 'Původní' });
    await admin.post(`/meetings/${meetingId}/agenda/${id}`).type('form').send({ title: 'Nový název', durationMinutes: '20', version: '1' }).expect(303);
    expect(findAgendaItem(db, meetingId, id)).to.include({ title: 'Nový název', durationMinutes: 20, version: 2 });
    const res = await admin.post(`/meetings/${meetingId}/agenda/${id}`).type('form').send({ title: 'Pozdě', version: '1' }).expect(409);
    expect(res.text).to.contain('value="Pozdě"');
    expect(findAgendaItem(db, meetingId, id)?.title).to.equal('Nový název');
  });

  it('moves items up and down with buttons that need no JavaScript', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const [a, , c] = ['A', 'B', 'C'].map((title) => createAgendaItem(db, meetingId, { title }));
    await admin.post(`/meetings/${meetingId}/agenda/${c}/move`).type('form').send({ direction: 'up' }).expect(303);
    expect(titles(db, meetingId)).to.deep.equal(['A', 'C', 'B']);
    await admin.post(`/meetings/${meetingId}/agenda/${a}/move`).type('form').send({ direction: 'down' }).expect(303);
    expect(titles(db, meetingId)).to.deep.equal(['C', 'A', 'B']);
    await admin.post(`/meetings/${meetingId}/agenda/${c}/move`).type('form').send({ direction: 'up' }).expect(303);
    expect(titles(db, meetingId)).to.deep.equal(['C', 'A', 'B']);
  });

  it('reorders a level by drag and drop, refusing a list that is not exactly that level', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const [a, b, c] = ['A', 'B', 'C'].map((title) => createAgendaItem(db, meetingId, { title }));
    await admin.post(`/meetings/${meetingId}/agenda/order`).set('Accept', 'application/json').type('form').send(`ids=${c}&ids=${a}&ids=${b}`).expect(204);
    expect(titles(db, meetingId)).to.deep.equal(['C', 'A', 'B']);
    await admin.post(`/meetings/${meetingId}/agenda/order`).set('Accept', 'application/json').type('form').send(`ids=${a}&ids=${b}`).expect(400);
    expect(titles(db, meetingId)).to.deep.equal(['C', 'A', 'B']);
  });

  it('deletes an item with its sub-items and closes the gap', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const first = createAgendaItem(db, meetingId, { title: 'A' });
    createAgendaItem(db, meetingId, { title: 'a1', parentId: first });
    createAgendaItem(db, meetingId, { title: 'B' });
    await admin.post(`/meetings/${meetingId}/agenda/${first}/delete`).expect(303);
    expect(listAgendaItems(db, meetingId).map((item) => [item.title, item.position])).to.deep.equal([['B', 1]]);
  });

  it('answers 404 for an item of another meeting or an unknown item', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const foreign = createAgendaItem(db, createMeeting(db), { title: 'Cizí' });
    await admin.get(`/meetings/${meetingId}/agenda/${foreign}/edit`).expect(404);
    await admin.post(`/meetings/${meetingId}/agenda/${foreign}/delete`).expect(404);
    await admin.post(`/meetings/${meetingId}/agenda/9999/move`).type('form').send({ direction: 'up' }).expect(404);
    await admin.get('/meetings/9999/agenda').expect(404);
    expect(countRows(db, 'agenda_items')).to.equal(1);
  });
});
