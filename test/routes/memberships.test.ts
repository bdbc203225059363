import { expect } from 'chai';
import { findMembership } from '../../src/db/memberships.js';
import { cs } from '../../src/i18n/cs.js';
import { createGroup, createMembership, createOrganisation, createPerson } from '../factories.js';
import { countRows, fieldError, makeAdminApp } from '../helpers.js';

describe('memberships', () => {
  it('shows the manage page with the members and a form to add one', async () => {
    const { db, admin } = await makeAdminApp();
    const group = createGroup(db, { name: 'Sociální služby', slug: 'ss' });
    const organisation = createOrganisation(db, { name: 'Asociace NNO', shortName: 'ANNOLK' });
    const person = createPerson(db, { name: 'Jana Nováková', organisationId: organisation });
    createMembership(db, { groupId: group, personId: person, role: 'secretary', since: '2018-01-15' });
    createPerson(db, { name: 'Karel Nový', title: 'Ing.' });
    const res = await admin.get('/groups/ss/members').expect(200);
    expect(res.text).to.contain('<h1>Členové – Sociální služby</h1>');
    expect(res.text).to.contain('Jana Nováková');
    expect(res.text).to.contain('ANNOLK');
    expect(res.text).to.contain('Tajemník/tajemnice (zapisovatel)');
    expect(res.text).to.contain('od 15. 1. 2018');
    expect(res.text).to.contain('>Ing. Karel Nový</option>');
    expect(res.text).to.contain('<label for="f-personId">');
  });

  it('adds a member and redirects back to the manage page', async () => {
    const { db, admin } = await makeAdminApp();
    const group = createGroup(db, { slug: 'ss' });
    const person = createPerson(db);
    const res = await admin
      .post('/groups/ss/members')
      .type('form')
      .send({ personId: String(person), role: 'chair', since: '2018-03-20', until: '' })
      .expect(303);
    expect(res.headers.location).to.equal('/groups/ss/members');
    const row = db.prepare('SELECT group_id AS groupId, person_id AS personId, role, since, until FROM memberships WHERE group_id = ?').get(group);
    expect(row).to.deep.equal({ groupId: group, personId: person, role: 'chair', since: '2018-03-20', until: null });
  });

  it('rejects an end before the start with 422, keeps the typed values and writes nothing', async () => {
    const { db, admin } = await makeAdminApp();
    createGroup(db, { slug: 'ss' });
    const person = createPerson(db);
    const res = await admin
      .post('/groups/ss/members')
      .type('form')
      .send({ personId: String(person), role: 'guest', since: '2019-05-01', until: '2019-04-30' })
      .expect(422);
    expect(fieldError(res.text, 'until')).to.equal(cs['memberships.untilBeforeSince']);
    expect(res.text).to.contain('value="2019-05-01"');
    expect(res.text).to.contain('value="2019-04-30"');
    expect(res.text).to.match(/<option value="guest" selected>/);
    expect(countRows(db, 'memberships')).to.equal(0);
  });

  it('rejects an unknown person, and neither a person chosen nor a new one named', async () => {
    const { db, admin } = await makeAdminApp();
    createGroup(db, { slug: 'ss' });
    const unknown = await admin.post('/groups/ss/members').type('form').send({ personId: '999', role: 'member' }).expect(422);
    expect(fieldError(unknown.text, 'personId')).to.equal(cs['validation.unknownReference']);
    const missing = await admin.post('/groups/ss/members').type('form').send({ personId: '', role: 'member' }).expect(422);
    expect(fieldError(missing.text, 'personId')).to.equal(cs['accounts.nameRequired']);
    expect(countRows(db, 'memberships')).to.equal(0);
  });

  it('refuses the same current role twice, but allows it after the earlier one ended', async () => {
    const { db, admin } = await makeAdminApp();
    const group = createGroup(db, { slug: 'ss' });
    const person = createPerson(db);
    createMembership(db, { groupId: group, personId: person, role: 'member' });
    const res = await admin.post('/groups/ss/members').type('form').send({ personId: String(person), role: 'member' }).expect(422);
    expect(fieldError(res.text, 'personId')).to.equal(cs['memberships.duplicate']);
    expect(countRows(db, 'memberships')).to.equal(1);

    const other = createPerson(db);
    createMembership(db, { groupId: group, personId: other, role: 'member', since: '2010-01-01', until: '2012-12-31' });
    await admin.post('/groups/ss/members').type('form').send({ personId: String(other), role: 'member', since: '2018-01-01' }).expect(303);
    // Another role for the same person is not a duplicate.
    await admin.post('/groups/ss/members').type('form').send({ personId: String(person), role: 'chair' }).expect(303);
    expect(countRows(db, 'memberships')).to.equal(4);
  });

  it('refuses the same role for overlapping days, and allows it before or after', async () => {
    const { db, admin } = await makeAdminApp();
    const group = createGroup(db, { slug: 'ss' });
    const person = createPerson(db);
    createMembership(db, { groupId: group, personId: person, role: 'member', since: '2016-01-01', until: '2018-12-31' });
    const add = (since: string, until = '') => admin.post('/groups/ss/members').type('form').send({ personId: String(person), role: 'member', since, until });
    const refused = await add('2018-06-01', '2019-06-30').expect(422);
    expect(fieldError(refused.text, 'personId')).to.equal(cs['memberships.duplicate']);
    // A membership known to have started before, with no known end, overlaps it too.
    await add('').expect(422);
    // From the day after it ended, or ending before it began, it is no duplicate.
    await add('2019-01-01').expect(303);
    await add('2010-01-01', '2015-12-31').expect(303);
    expect(countRows(db, 'memberships')).to.equal(3);
  });

  it('edits a membership and raises its version', async () => {
    const { db, admin } = await makeAdminApp();
    const group = createGroup(db, { slug: 'ss' });
    const id = createMembership(db, { groupId: group, role: 'member' });
    const form = await admin.get(`/groups/ss/members/${id}/edit`).expect(200);
    expect(form.text).to.contain('name="version" value="1"');
    const res = await admin
      .post(`/groups/ss/members/${id}`)
      .type('form')
      .send({ role: 'secretary', since: '2017-01-01', until: '2019-12-31', version: '1' })
      .expect(303);
    expect(res.headers.location).to.equal('/groups/ss/members');
    expect(findMembership(db, id)).to.include({ role: 'secretary', since: '2017-01-01', until: '2019-12-31', version: 2 });
  });

  it('rejects an edit whose end is before its start and changes nothing', async () => {
    const { db, admin } = await makeAdminApp();
    const group = createGroup(db, { slug: 'ss' });
    const id = createMembership(db, { groupId: group });
    const res = await admin
      .post(`/groups/ss/members/${id}`)
      .type('form')
      .send({ role: 'member', since: '2020-02-02', until: '2020-02-01', version: '1' })
      .expect(422);
    expect(fieldError(res.text, 'until')).to.equal(cs['memberships.untilBeforeSince']);
    expect(res.text).to.contain('value="2020-02-02"');
    expect(findMembership(db, id)).to.include({ since: null, until: null, version: 1 });
  });

  it('detects a concurrent edit of a membership', async () => {
    const { db, admin } = await makeAdminApp();
    const group = createGroup(db, { slug: 'ss' });
    const id = createMembership(db, { groupId: group });
    await admin.post(`/groups/ss/members/${id}`).type('form').send({ role: 'chair', version: '1' }).expect(303);
    const res = await admin.post(`/groups/ss/members/${id}`).type('form').send({ role: 'guest', version: '1' }).expect(409);
    expect(res.text).to.contain(cs['validation.conflict'].slice(0, 20));
    expect(findMembership(db, id)?.role).to.equal('chair');
  });

  it('answers 404 for a membership of another group, an unknown id or an unknown group', async () => {
    const { db, admin } = await makeAdminApp();
    createGroup(db, { slug: 'ss' });
    const foreign = createMembership(db, { groupId: createGroup(db, { slug: 'jina' }) });
    await admin.get(`/groups/ss/members/${foreign}/edit`).expect(404);
    await admin.post(`/groups/ss/members/${foreign}`).type('form').send({ role: 'chair', version: '1' }).expect(404);
    await admin.post(`/groups/ss/members/${foreign}/delete`).expect(404);
    await admin.get('/groups/ss/members/999/edit').expect(404);
    await admin.get('/groups/ss/members/abc/edit').expect(404);
    await admin.get('/groups/nic/members').expect(404);
    await admin.post('/groups/nic/members').type('form').send({ personId: '1', role: 'member' }).expect(404);
    expect(findMembership(db, foreign)).to.include({ role: 'member', version: 1 });
  });

  it('removes a member', async () => {
    const { db, admin } = await makeAdminApp();
    const group = createGroup(db, { slug: 'ss' });
    const person = createPerson(db);
    const id = createMembership(db, { groupId: group, personId: person });
    const people = countRows(db, 'people');
    const res = await admin.post(`/groups/ss/members/${id}/delete`).expect(303);
    expect(res.headers.location).to.equal('/groups/ss/members');
    expect(findMembership(db, id)).to.equal(undefined);
    // The person stays in the directory.
    expect(countRows(db, 'people')).to.equal(people);
    expect(db.prepare('SELECT 1 AS kept FROM people WHERE id = ?').get(person)).to.deep.equal({ kept: 1 });
  });
});
