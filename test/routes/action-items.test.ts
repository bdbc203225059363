import request from 'supertest';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { findActionItem, listActionItemsOfMeeting, listReviewBlock, listTasksOfPerson, recordReviews, updateActionItem } from '../../src/db/action-items.js';
import type { ReviewBlockRow } from '../../src/db/action-items.js';
import type { Db } from '../../src/db/index.js';
import { findMeeting } from '../../src/db/meetings.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { createActionItem, createAgendaItem, createGroup, createMeeting, createOrganisation, createPerson, now } from '../factories.js';
import { countRows, fieldError, makeAdminApp, makeApp, signIn } from '../helpers.js';

const zone = 'Europe/Prague';
const today = () => DateTime.now().setZone(zone);

/** Meetings 10–13 of one group, a month apart, minutes published; returns their ids by number. */
function meetingChain(db: Db, groupId = createGroup(db)): Record<10 | 11 | 12 | 13, number> {
  const starts = { 10: '2018-03-20T08:30:00Z', 11: '2018-04-17T07:30:00Z', 12: '2018-05-15T07:30:00Z', 13: '2018-06-19T07:30:00Z' } as const;
  const ids = {} as Record<10 | 11 | 12 | 13, number>;
  for (const number of [10, 11, 12, 13] as const) {
    ids[number] = createMeeting(db, { leadGroupId: groupId, number, startsAt: starts[number], endsAt: null, status: 'held' });
    setMinutesPublished(db, ids[number], true, now());
  }
  return ids;
}

const blockOf = (db: Db, meetingId: number): ReviewBlockRow[] => {
  const meeting = findMeeting(db, meetingId);
  if (!meeting) throw new Error('no meeting');
  return listReviewBlock(db, meeting);
};

/** The id of the person behind the account signed in last. */
const lastSignedInPerson = (db: Db) => (db.prepare('SELECT person_id AS id FROM accounts ORDER BY id DESC LIMIT 1').get() as { id: number }).id;

describe('action items', () => {
  describe('the trail and the Kontrola úkolů (acceptance)', () => {
    it('carries a task from meeting 10 through the reviews at 11 and 12, and drops it from 13', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const m = meetingChain(db);
      const owner = createPerson(db, { name: 'Jana Nováková', title: 'Mgr.' });
      const created = await admin
        .post(`/meetings/${m[10]}/action-items`)
        .type('form')
        .send({ text: 'Zaslat podklady ke strategii', ownerIds: String(owner), dueDate: '2018-04-10' })
        .expect(303);
      const id = Number(/#action-item-(\d+)$/.exec(created.headers.location)?.[1]);
      expect(created.headers.location).to.equal(`/meetings/${m[10]}#action-item-${id}`);

      let res = await admin.post(`/meetings/${m[11]}/review`).type('form').send({ [`outcome-${id}`]: 'open', [`note-${id}`]: 'Čeká se na podklady kraje.' }).expect(303);
      expect(res.headers.location).to.equal(`/meetings/${m[11]}#kontrola-ukolu`);
      res = await admin.post(`/meetings/${m[12]}/review`).type('form').send({ [`outcome-${id}`]: 'done' }).expect(303);
      expect(findActionItem(db, id)?.status).to.equal('done');

      // The item page: created at 10, still open at 11, done at 12, in that order.
      const page = (await admin.get(`/action-items/${id}`).expect(200)).text;
      const trail = page.slice(page.indexOf('class="trail"'));
      const steps = ['20. 3. 2018', '10. setkání', 'úkol zadán', '17. 4. 2018', '11. setkání', 'trvá', 'Čeká se na podklady kraje.', '15. 5. 2018', '12. setkání', 'splněno'];
      const positions = steps.map((text) => trail.indexOf(text));
      expect(positions.every((position) => position >= 0), `all of ${steps.join(', ')} on the page`).to.equal(true);
      expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));

      // In the Kontrola úkolů of 11 and 12, not of 13.
      expect(blockOf(db, m[10]).map((row) => row.id)).to.deep.equal([]);
      expect(blockOf(db, m[11]).map((row) => [row.id, row.review?.outcome])).to.deep.equal([[id, 'open']]);
      expect(blockOf(db, m[12]).map((row) => [row.id, row.review?.outcome])).to.deep.equal([[id, 'done']]);
      expect(blockOf(db, m[13])).to.deep.equal([]);
      expect((await admin.get(`/meetings/${m[13]}/review`).expect(200)).text).to.contain('Z minulých jednání nezůstal žádný otevřený úkol.');

      // The minutes of 11 keep saying "still open" after the task was done: the meeting pages as a reader sees them.
      const reader = request(world.app);
      const page11 = (await reader.get(`/meetings/${m[11]}`).expect(200)).text;
      expect(page11).to.contain('id="kontrola-ukolu"').and.to.contain('Zaslat podklady ke strategii').and.to.contain('Mgr. Jana Nováková');
      expect(page11).to.match(/review-block__outcome--open">\s*trvá/).and.to.contain('Čeká se na podklady kraje.').and.to.contain('10. 4. 2018');
      const page12 = (await admin.get(`/meetings/${m[12]}`).expect(200)).text;
      expect(page12).to.match(/review-block__outcome--done">\s*splněno/).and.to.contain(`href="/meetings/${m[12]}/review"`);
      const page13 = (await reader.get(`/meetings/${m[13]}`).expect(200)).text;
      expect(page13).not.to.contain('Zaslat podklady ke strategii').and.not.to.contain('id="kontrola-ukolu"');
      const form11 = (await admin.get(`/meetings/${m[11]}/review`).expect(200)).text;
      expect(form11).to.match(/<option value="open" selected>trvá<\/option>/);
    });

    it('records a new deadline, keeps the original one in the minutes and shows "nový termín"', async () => {
      const { db, admin } = await makeAdminApp();
      const m = meetingChain(db);
      const id = createActionItem(db, m[10], { dueDate: '2018-04-10' });
      await admin.post(`/meetings/${m[11]}/review`).type('form').send({ [`outcome-${id}`]: 'rescheduled', [`dueDate-${id}`]: '2018-05-10' }).expect(303);
      const item = findActionItem(db, id);
      expect([item?.status, item?.dueDate]).to.deep.equal(['open', '2018-05-10']);
      const [row11] = blockOf(db, m[11]);
      expect(row11.review).to.deep.include({ outcome: 'rescheduled', dueDate: '2018-05-10' });
      // The deadline before 12 is the one set at 11.
      expect(blockOf(db, m[12])[0].previousDueDate).to.equal('2018-05-10');
      const html = (await admin.get(`/meetings/${m[11]}`).expect(200)).text;
      expect(html).to.match(/review-block__outcome--rescheduled">\s*nový termín 10\. 5\. 2018/);
    });

    it('shows an item closed outside a meeting once, at the next meeting, as closed since the last one', async () => {
      const { db } = await makeAdminApp();
      const m = meetingChain(db);
      const id = createActionItem(db, m[10]);
      const item = findActionItem(db, id);
      if (!item) throw new Error('no item');
      updateActionItem(db, item, item.version, { text: item.text, ownerIds: item.owners.map((o) => o.id), organisationId: null, dueDate: null, agendaItemId: null, status: 'done' }, now());
      // Closed between meetings 11 and 12.
      db.prepare("UPDATE action_item_reviews SET recorded_at = '2018-05-01T10:00:00.000Z' WHERE action_item_id = ?").run(id);
      expect(blockOf(db, m[11]).map((row) => [row.id, row.closedOutside])).to.deep.equal([[id, null]]);
      expect(blockOf(db, m[12]).map((row) => [row.id, row.closedOutside, row.status])).to.deep.equal([[id, 'done', 'done']]);
      expect(blockOf(db, m[13])).to.deep.equal([]);
    });

    it('does not let a review recorded again at an earlier meeting undo a later one', async () => {
      const { db, admin } = await makeAdminApp();
      const m = meetingChain(db);
      const id = createActionItem(db, m[10]);
      await admin.post(`/meetings/${m[12]}/review`).type('form').send({ [`outcome-${id}`]: 'done' }).expect(303);
      await admin.post(`/meetings/${m[11]}/review`).type('form').send({ [`outcome-${id}`]: 'open', [`note-${id}`]: 'doplněno dodatečně' }).expect(303);
      expect(findActionItem(db, id)?.status).to.equal('done');
      expect(countRows(db, 'action_item_reviews')).to.equal(2);
    });

    it('ignores review fields for items that are not in the meeting’s Kontrola úkolů', async () => {
      const { db, admin } = await makeAdminApp();
      const m = meetingChain(db);
      const foreign = createActionItem(db, createMeeting(db, { startsAt: '2018-01-01T08:00:00Z' }));
      const later = createActionItem(db, m[12]);
      await admin.post(`/meetings/${m[11]}/review`).type('form').send({ [`outcome-${foreign}`]: 'done', [`outcome-${later}`]: 'done' }).expect(303);
      expect(countRows(db, 'action_item_reviews')).to.equal(0);
      expect(findActionItem(db, foreign)?.status).to.equal('open');
    });
    it('asks only the items open or decided since the previous meeting, and follows a meeting moved in time', () => {
      const { db } = makeApp();
      const m = meetingChain(db);
      const closedEarly = createActionItem(db, m[10], { text: 'Uzavřeno na 11. setkání' });
      const closedLate = createActionItem(db, m[10], { text: 'Uzavřeno až na 13. setkání' });
      recordReviews(db, m[11], [{ actionItemId: closedEarly, outcome: 'done', note: '' }], now());
      recordReviews(db, m[13], [{ actionItemId: closedLate, outcome: 'done', note: '' }], now());
      // Long after: the early item's text is corrected; that decides nothing about its state.
      const early = findActionItem(db, closedEarly);
      if (!early) throw new Error('no item');
      updateActionItem(db, early, early.version, { agendaItemId: null, text: 'Uzavřeno na 11. setkání (opraveno)', ownerIds: [], organisationId: null, dueDate: null, status: 'done' }, now());
      const texts = (meetingId: number) => blockOf(db, meetingId).map((row) => row.text);
      expect(texts(m[11])).to.include.members(['Uzavřeno na 11. setkání (opraveno)', 'Uzavřeno až na 13. setkání']);
      expect(texts(m[12])).to.deep.equal(['Uzavřeno až na 13. setkání']);
      expect(texts(m[13])).to.deep.equal(['Uzavřeno až na 13. setkání']);
      // The "11th" meeting was in fact held after the 13th: at the 13th the early item was still open.
      db.prepare("UPDATE meetings SET starts_at = '2018-07-03T07:30:00Z' WHERE id = ?").run(m[11]);
      expect(texts(m[13])).to.include.members(['Uzavřeno na 11. setkání (opraveno)', 'Uzavřeno až na 13. setkání']);
    });
  });

  describe('adding, editing and deleting', () => {
    it('adds an item to a meeting with owners, an organisation, a deadline and its agenda item', async () => {
      const { db, admin } = await makeAdminApp();
      const meetingId = createMeeting(db);
      const agendaItem = createAgendaItem(db, meetingId, { title: 'Sociální podnikání' });
      const [jana, petr] = [createPerson(db, { name: 'Jana Nováková' }), createPerson(db, { name: 'Petr Dvořák' })];
      const organisation = createOrganisation(db, { name: 'Agentura pro sociální začleňování', shortName: 'ASZ' });
      const form = await admin.get(`/meetings/${meetingId}/action-items/new?item=${agendaItem}`).expect(200);
      expect(form.text).to.match(new RegExp(`<option value="${agendaItem}" selected>1\\. Sociální podnikání</option>`));
      const res = await admin
        .post(`/meetings/${meetingId}/action-items`)
        .type('form')
        .send({ text: 'Připravit přehled dotačních výzev', ownerIds: [String(petr), String(jana)], organisationId: String(organisation), dueDate: '2018-04-30', agendaItemId: String(agendaItem) })
        .expect(303);
      const [row] = listActionItemsOfMeeting(db, meetingId);
      expect(res.headers.location).to.equal(`/meetings/${meetingId}#action-item-${row.id}`);
      expect(row).to.deep.include({ text: 'Připravit přehled dotačních výzev', organisation: 'ASZ', dueDate: '2018-04-30', status: 'open', agendaItemId: agendaItem });
      // Owners by surname in Czech order: Dvořák before Nováková.
      expect(row.owners.map((owner) => owner.name)).to.deep.equal(['Petr Dvořák', 'Jana Nováková']);
      const stored = db.prepare('SELECT group_id AS groupId FROM action_items WHERE id = ?').get(row.id) as { groupId: number };
      expect(stored.groupId).to.equal(findMeeting(db, meetingId)?.leadGroupId);
    });

    it('refuses to preselect an agenda item of another meeting (404)', async () => {
      const { db, admin } = await makeAdminApp();
      const meetingId = createMeeting(db);
      const foreign = createAgendaItem(db, createMeeting(db));
      await admin.get(`/meetings/${meetingId}/action-items/new?item=${foreign}`).expect(404);
      await admin.get(`/meetings/${meetingId}/action-items/new?item=abc`).expect(404);
    });

    it('edits an item, writes a status change to its trail, and detects a concurrent edit', async () => {
      const { db, admin } = await makeAdminApp();
      const meetingId = createMeeting(db);
      const owner = createPerson(db);
      const id = createActionItem(db, meetingId, { ownerIds: [owner], text: 'Původní text' });
      const edit = await admin.get(`/action-items/${id}/edit`).expect(200);
      expect(edit.text).to.contain('Původní text').and.to.contain('name="version" value="1"');
      await admin.post(`/action-items/${id}`).type('form').send({ text: 'Nový text', ownerIds: String(owner), status: 'done', version: '1' }).expect(303);
      expect(findActionItem(db, id)).to.deep.include({ text: 'Nový text', status: 'done', version: 2 });
      const trail = db.prepare('SELECT meeting_id AS meetingId, outcome FROM action_item_reviews WHERE action_item_id = ?').all(id);
      expect(trail).to.deep.equal([{ meetingId: null, outcome: 'done' }]);
      const stale = await admin.post(`/action-items/${id}`).type('form').send({ text: 'Moje verze', ownerIds: String(owner), status: 'open', version: '1' }).expect(409);
      expect(stale.text).to.contain('Moje verze');
      expect(findActionItem(db, id)?.text).to.equal('Nový text');
    });

    it('deletes an item with its trail', async () => {
      const { db, admin } = await makeAdminApp();
      const meetingId = createMeeting(db);
      const id = createActionItem(db, meetingId);
      const res = await admin.post(`/action-items/${id}/delete`).expect(303);
      expect(res.headers.location).to.equal(`/meetings/${meetingId}`);
      expect(countRows(db, 'action_items')).to.equal(0);
      expect(countRows(db, 'action_item_owners')).to.equal(0);
    });

    it('renders the meeting’s table of items with links and the overdue mark', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const overdue = createActionItem(world.db, meetingId, { text: 'Zpožděný úkol', dueDate: '2018-04-01' });
      const done = createActionItem(world.db, meetingId, { text: 'Hotový úkol', dueDate: '2018-04-01' });
      world.db.prepare("UPDATE action_items SET status = 'done' WHERE id = ?").run(done);
      const html = (await world.admin.get(`/meetings/${meetingId}`).expect(200)).text;
      expect(html).to.contain(`<tr id="action-item-${overdue}" class="action-items__overdue">`).and.to.contain(`<tr id="action-item-${done}">`);
      expect(html).to.contain(`href="/action-items/${overdue}"`).and.to.contain('po termínu').and.to.contain('1. 4. 2018');
      expect(html).to.contain(`href="/meetings/${meetingId}/action-items/new"`);
    });
  });

  describe('bad input', () => {
    const setup = async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      return { ...world, meetingId, person: createPerson(world.db) };
    };

    for (const dueDate of ['2018-02-30', '20.3.2018']) {
      it(`refuses the deadline "${dueDate}" and keeps what was typed`, async () => {
        const { db, admin, meetingId, person } = await setup();
        const res = await admin.post(`/meetings/${meetingId}/action-items`).type('form').send({ text: 'Svolat kulatý stůl', ownerIds: String(person), dueDate }).expect(422);
        expect(fieldError(res.text, 'dueDate')).to.equal('Zadejte platné datum.');
        expect(res.text).to.contain('Svolat kulatý stůl').and.to.contain(`value="${dueDate}"`);
        expect(res.text).to.match(new RegExp(`<option value="${person}" selected>`));
        expect(countRows(db, 'action_items')).to.equal(0);
      });
    }

    it('refuses an unknown person and an unknown organisation', async () => {
      const { db, admin, meetingId, person } = await setup();
      let res = await admin.post(`/meetings/${meetingId}/action-items`).type('form').send({ text: 'Úkol', ownerIds: [String(person), '9999'] }).expect(422);
      expect(fieldError(res.text, 'ownerIds')).to.contain('neexistuje');
      res = await admin.post(`/meetings/${meetingId}/action-items`).type('form').send({ text: 'Úkol', organisationId: '9999' }).expect(422);
      expect(fieldError(res.text, 'organisationId')).to.contain('neexistuje');
      expect(countRows(db, 'action_items')).to.equal(0);
    });

    it('asks for someone responsible, together with the other messages', async () => {
      const { db, admin, meetingId } = await setup();
      const res = await admin.post(`/meetings/${meetingId}/action-items`).type('form').send({ text: 'Nikdo za to nemůže', dueDate: 'zítra' }).expect(422);
      expect(fieldError(res.text, 'ownerIds')).to.equal('Vyberte alespoň jednu zodpovědnou osobu nebo organizaci.');
      expect(fieldError(res.text, 'dueDate')).to.equal('Zadejte platné datum.');
      expect(res.text).to.contain('Nikdo za to nemůže');
      expect(countRows(db, 'action_items')).to.equal(0);
    });

    it('refuses an agenda item of another meeting', async () => {
      const { db, admin, meetingId, person } = await setup();
      const foreign = createAgendaItem(db, createMeeting(db));
      const res = await admin.post(`/meetings/${meetingId}/action-items`).type('form').send({ text: 'Úkol', ownerIds: String(person), agendaItemId: String(foreign) }).expect(422);
      expect(fieldError(res.text, 'agendaItemId')).to.contain('neexistuje');
      expect(countRows(db, 'action_items')).to.equal(0);
    });

    it('refuses a new deadline that is missing, next to the field, and keeps every row as typed', async () => {
      const { db, admin } = await makeAdminApp();
      const m = meetingChain(db);
      const first = createActionItem(db, m[10], { dueDate: '2018-04-10' });
      const second = createActionItem(db, m[10]);
      const res = await admin
        .post(`/meetings/${m[11]}/review`)
        .type('form')
        .send({ [`outcome-${first}`]: 'rescheduled', [`note-${first}`]: 'Kraj ještě nerozhodl.', [`outcome-${second}`]: 'done' })
        .expect(422);
      expect(fieldError(res.text, `dueDate-${first}`)).to.equal('Zadejte nový termín.');
      expect(res.text).to.contain('value="Kraj ještě nerozhodl."');
      expect(res.text).to.match(/<option value="rescheduled" selected>/).and.to.match(/<option value="done" selected>/);
      expect(countRows(db, 'action_item_reviews')).to.equal(0);
      expect(findActionItem(db, second)?.status).to.equal('open');
    });

    it('answers 404 for an item that does not exist', async () => {
      const { admin } = await makeAdminApp();
      await admin.get('/action-items/9999').expect(404);
      await admin.post('/action-items/9999').type('form').send({ text: 'x' }).expect(404);
    });
  });

  describe('who may see and change what', () => {
    it('lets only the group’s writers change items and reviews', async () => {
      const world = makeApp();
      const { db } = world;
      const publicGroup = createGroup(db);
      const privateGroup = createGroup(db, { visibility: 'members' });
      const m = meetingChain(db, publicGroup);
      const id = createActionItem(db, m[10]);
      const hidden = createActionItem(db, createMeeting(db, { leadGroupId: privateGroup }));
      const member = await signIn(world, { roles: [{ groupId: publicGroup, role: 'member' }] });
      const outsider = await signIn(world, { roles: [] });
      const edit = { text: 'Změna', ownerIds: String(createPerson(db)), status: 'done', version: '1' };
      await member.post(`/action-items/${id}`).type('form').send(edit).expect(403);
      await member.post(`/action-items/${id}/delete`).expect(403);
      await member.post(`/meetings/${m[11]}/review`).type('form').send({ [`outcome-${id}`]: 'done' }).expect(403);
      await member.get(`/meetings/${m[11]}/review`).expect(403);
      await outsider.post(`/action-items/${hidden}`).type('form').send(edit).expect(404);
      await outsider.get(`/action-items/${hidden}`).expect(404);
      expect(findActionItem(db, id)?.status).to.equal('open');
      expect(countRows(db, 'action_item_reviews')).to.equal(0);
      const secretary = await signIn(world, { roles: [{ groupId: publicGroup, role: 'secretary' }] });
      await secretary.post(`/action-items/${id}`).type('form').send({ ...edit, ownerIds: String(createPerson(db)) }).expect(303);
    });

    it('shows an item page only to those who read its minutes', async () => {
      const world = makeApp();
      const { db } = world;
      const group = createGroup(db);
      const meetingId = createMeeting(db, { leadGroupId: group });
      const id = createActionItem(db, meetingId, { text: 'Úkol z konceptu' });
      const member = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
      const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
      await member.get(`/action-items/${id}`).expect(404);
      expect((await secretary.get(`/action-items/${id}`).expect(200)).text).to.contain('Úkol z konceptu');
      setMinutesPublished(db, meetingId, true, now());
      expect((await member.get(`/action-items/${id}`).expect(200)).text).to.contain('Úkol z konceptu').and.not.to.contain(`/action-items/${id}/edit`);
    });
  });

  describe('task lists', () => {
    it('lists my own open tasks by section, with the count in the navigation and overdue ones on the home page', async () => {
      const world = makeApp();
      const { db } = world;
      const group = createGroup(db);
      const meetingId = createMeeting(db, { leadGroupId: group });
      setMinutesPublished(db, meetingId, true, now());
      const agent = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
      const me = lastSignedInPerson(db);
      const day = (offset: number) => today().plus({ days: offset }).toISODate() as string;
      createActionItem(db, meetingId, { text: 'Později bez termínu', ownerIds: [me] });
      createActionItem(db, meetingId, { text: 'Za deset dní', ownerIds: [me], dueDate: day(10) });
      createActionItem(db, meetingId, { text: 'Dnes', ownerIds: [me], dueDate: day(0) });
      createActionItem(db, meetingId, { text: 'Včera', ownerIds: [me], dueDate: day(-1) });
      createActionItem(db, meetingId, { text: 'Cizí úkol', dueDate: day(0) });
      const done = createActionItem(db, meetingId, { text: 'Hotový úkol', ownerIds: [me] });
      db.prepare("UPDATE action_items SET status = 'done' WHERE id = ?").run(done);

      const page = (await agent.get('/tasks').expect(200)).text;
      expect(page).not.to.contain('Cizí úkol').and.not.to.contain('Hotový úkol');
      const order = ['Po termínu', 'Včera', 'Tento týden', 'Dnes', 'Později', 'Za deset dní', 'Později bez termínu'].map((text) => page.indexOf(text, page.indexOf('<h1')));
      expect(order.every((position) => position > 0)).to.equal(true);
      expect(order).to.deep.equal([...order].sort((a, b) => a - b));
      expect(page).to.contain('href="/tasks" aria-current="page">Moje úkoly (4)</a>');

      const home = (await agent.get('/').expect(200)).text;
      expect(home).to.match(/Včera<\/a>\s*<span class="badge badge--overdue">po termínu<\/span>/);
      expect(home).not.to.contain('>Dnes</a>');
      expect(home).to.contain('Další 3 otevřené úkoly');
    });

    it('leaves out tasks of draft minutes and of groups the viewer cannot read', async () => {
      const world = makeApp();
      const { db } = world;
      const group = createGroup(db);
      const hiddenGroup = createGroup(db, { visibility: 'members' });
      const draft = createMeeting(db, { leadGroupId: group });
      const hiddenMeeting = createMeeting(db, { leadGroupId: hiddenGroup });
      setMinutesPublished(db, hiddenMeeting, true, now());
      const agent = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
      const me = lastSignedInPerson(db);
      createActionItem(db, draft, { text: 'Z konceptu', ownerIds: [me] });
      createActionItem(db, hiddenMeeting, { text: 'Ze skryté skupiny', ownerIds: [me] });
      const page = (await agent.get('/tasks').expect(200)).text;
      expect(page).to.contain('Nemáte žádné otevřené úkoly.').and.not.to.contain('Z konceptu').and.not.to.contain('Ze skryté skupiny');
      expect(page).to.contain('>Moje úkoly</a>');
    });

    it('sends an anonymous visitor to sign in', async () => {
      const world = makeApp();
      const { default: request } = await import('supertest');
      const res = await request(world.app).get('/tasks').expect(303);
      expect(res.headers.location).to.equal('/login?next=%2Ftasks');
    });

    it('lists a group’s tasks open first, and only from published minutes for its readers', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const group = createGroup(db, { slug: 'socialni-sluzby' });
      const m = meetingChain(db, group);
      const draft = createMeeting(db, { leadGroupId: group, number: 14, startsAt: '2018-07-01T07:30:00Z' });
      const done = createActionItem(db, m[10], { text: 'Splněný úkol' });
      db.prepare("UPDATE action_items SET status = 'done' WHERE id = ?").run(done);
      createActionItem(db, m[11], { text: 'Otevřený později', dueDate: '2018-09-01' });
      createActionItem(db, m[12], { text: 'Otevřený dříve', dueDate: '2018-06-01' });
      createActionItem(db, draft, { text: 'Úkol z konceptu' });
      const reader = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
      const forReader = (await reader.get('/groups/socialni-sluzby/tasks').expect(200)).text;
      const order = ['Otevřený dříve', 'Otevřený později', 'Splněný úkol'].map((text) => forReader.indexOf(text));
      expect(order.every((position) => position > 0)).to.equal(true);
      expect(order).to.deep.equal([...order].sort((a, b) => a - b));
      expect(forReader).not.to.contain('Úkol z konceptu');
      expect((await admin.get('/groups/socialni-sluzby/tasks').expect(200)).text).to.contain('Úkol z konceptu');
      const onlyDone = (await reader.get('/groups/socialni-sluzby/tasks?status=done').expect(200)).text;
      expect(onlyDone).to.contain('Splněný úkol').and.not.to.contain('Otevřený dříve');
    });

    it('loads a task list and a meeting’s items with their owners in two queries', async () => {
      const world = makeApp();
      const { db } = world;
      const meetingId = createMeeting(db);
      const me = createPerson(db);
      for (let i = 0; i < 5; i++) createActionItem(db, meetingId, { ownerIds: [me, createPerson(db)] });
      world.statements.length = 0;
      expect(listActionItemsOfMeeting(db, meetingId).every((row) => row.owners.length === 2)).to.equal(true);
      expect(world.statements.length).to.equal(2);
      world.statements.length = 0;
      expect(listTasksOfPerson(db, me, { all: true, readGroupIds: [], writeGroupIds: [] })).to.have.length(5);
      expect(world.statements.length).to.equal(2);
    });
  });

  describe('what readers of later minutes may see', () => {
    it('leaves tasks of draft minutes out of a later meeting’s Kontrola úkolů for its readers', async () => {
      const world = await makeAdminApp();
      const groupId = createGroup(world.db);
      const draft = createMeeting(world.db, { leadGroupId: groupId, number: 1, startsAt: '2018-03-20T08:30:00Z' });
      const later = createMeeting(world.db, { leadGroupId: groupId, number: 2, startsAt: '2018-04-17T07:30:00Z' });
      createActionItem(world.db, draft, { text: 'Úkol z konceptu zápisu' });
      setMinutesPublished(world.db, later, true, now());
      expect((await request(world.app).get(`/meetings/${later}`).expect(200)).text).not.to.contain('Úkol z konceptu zápisu');
      expect((await world.admin.get(`/meetings/${later}`).expect(200)).text).to.contain('Úkol z konceptu zápisu');
      setMinutesPublished(world.db, draft, true, now());
      expect((await request(world.app).get(`/meetings/${later}`).expect(200)).text).to.contain('Úkol z konceptu zápisu');
    });

    it('does not show a partner group’s member the lead group’s other tasks, nor their trail', async () => {
      const world = await makeAdminApp();
      const hidden = createGroup(world.db, { visibility: 'members' });
      const partner = createGroup(world.db);
      const own = createMeeting(world.db, { leadGroupId: hidden, number: 1, startsAt: '2018-03-20T08:30:00Z' });
      const joint = createMeeting(world.db, { leadGroupId: hidden, groupIds: [partner], number: 2, startsAt: '2018-04-17T07:30:00Z' });
      const next = createMeeting(world.db, { leadGroupId: hidden, number: 3, startsAt: '2018-05-15T07:30:00Z' });
      for (const id of [own, joint, next]) setMinutesPublished(world.db, id, true, now());
      createActionItem(world.db, own, { text: 'SKRYTÝ úkol' });
      const shared = createActionItem(world.db, joint, { text: 'Společný úkol' });
      await world.admin.post(`/meetings/${next}/review`).type('form').send({ [`outcome-${shared}`]: 'open', [`note-${shared}`]: 'Tajná poznámka' }).expect(303);
      const member = await signIn(world, { roles: [{ groupId: partner, role: 'member' }] });
      const page = (await member.get(`/meetings/${joint}`).expect(200)).text;
      expect(page).not.to.contain('SKRYTÝ úkol');
      const item = (await member.get(`/action-items/${shared}`).expect(200)).text;
      expect(item).not.to.contain('Tajná poznámka').and.not.to.contain(`/meetings/${next}`);
    });

    it('brings back a task reopened outside a meeting after it was done', async () => {
      const { db, admin } = await makeAdminApp();
      const m = meetingChain(db);
      const id = createActionItem(db, m[10], { text: 'Znovu otevřený úkol' });
      await admin.post(`/meetings/${m[11]}/review`).type('form').send({ [`outcome-${id}`]: 'done' }).expect(303);
      const item = findActionItem(db, id);
      if (!item) throw new Error('no item');
      db.prepare("INSERT INTO action_item_reviews (action_item_id, meeting_id, outcome, note, recorded_at) VALUES (?, NULL, 'open', '', '2018-05-01T10:00:00Z')").run(id);
      db.prepare("UPDATE action_items SET status = 'open' WHERE id = ?").run(id);
      expect(blockOf(db, m[12]).map((row) => row.id)).to.deep.equal([id]);
    });
  });
});
