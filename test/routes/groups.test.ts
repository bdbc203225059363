import { expect } from 'chai';
import { findGroup, findGroupBySlug } from '../../src/db/groups.js';
import type { Db } from '../../src/db/index.js';
import { cs } from '../../src/i18n/cs.js';
import { createGroup, createMembership, createOrganisation, createPerson } from '../factories.js';
import { countRows, fieldError, makeAdminApp } from '../helpers.js';

/** A meeting led by `leadGroupId` that also belongs to `groupIds` (a joint meeting when there are several). */
function insertMeeting(db: Db, leadGroupId: number, groupIds: number[] = [leadGroupId]): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO meetings (lead_group_id, number, title, starts_at, time_zone, created_at, updated_at)
         VALUES (?, (SELECT COUNT(*) + 1 FROM meetings WHERE lead_group_id = ?), 'Setkání', '2018-03-20T08:30:00Z', 'Europe/Prague', '', '')`,
      )
      .run(leadGroupId, leadGroupId).lastInsertRowid,
  );
  for (const groupId of groupIds) db.prepare('INSERT INTO meeting_groups (meeting_id, group_id) VALUES (?, ?)').run(id, groupId);
  return id;
}

const validGroup = {
  name: 'Odborná pracovní skupina Sociální služby',
  nameGenitive: 'Odborné pracovní skupiny Sociální služby',
  shortName: 'OPS SS',
  slug: '',
  description: 'Skupina pro **sociální služby**.',
  umbrellaId: '',
  visibility: 'public',
};

describe('groups', () => {
  it('lists groups under their umbrella with short name, visibility and counts', async () => {
    const { db, admin } = await makeAdminApp();
    const pact = createGroup(db, { name: 'Pakt zaměstnanosti Libereckého kraje', slug: 'pakt' });
    const social = createGroup(db, { name: 'Sociální služby', shortName: 'OPS SS', slug: 'socialni-sluzby', umbrellaId: pact, visibility: 'members' });
    createMembership(db, { groupId: social });
    createMembership(db, { groupId: social });
    createMembership(db, { groupId: social, until: '2000-01-01' });
    insertMeeting(db, social);
    const res = await admin.get('/groups').expect(200);
    const pactAt = res.text.indexOf('Pakt zaměstnanosti Libereckého kraje');
    const nested = res.text.slice(pactAt);
    expect(pactAt).to.be.greaterThan(-1);
    // The subgroup is in a list nested inside the pact's item.
    expect(nested).to.match(/<ul class="group-tree">\s*<li class="group-tree__item">\s*<a class="group-tree__name" href="\/groups\/socialni-sluzby">Sociální služby<\/a>/);
    expect(res.text).to.contain('(OPS SS)');
    expect(res.text).to.contain('Jen pro členy');
    expect(res.text).to.contain('2 členové · 1 jednání');
    expect(res.text).to.contain('0 členů · 0 jednání');
  });

  it('lists groups with their counts in one query', async () => {
    const { db, statements, admin } = await makeAdminApp();
    for (let i = 0; i < 5; i++) createMembership(db, { groupId: createGroup(db) });
    statements.length = 0;
    await admin.get('/groups').expect(200);
    // An N+1 would show as one memberships or meeting_groups statement per group (the viewer's own
    // roles and open-task count, once per page, aside).
    const perGroup = statements.filter((s) => /memberships|meeting_groups/.test(s) && !/SELECT ms.group_id AS groupId, ms.role FROM memberships|action_item_owners/.test(s));
    expect(perGroup).to.have.length(1);
  });

  it('creates a group, deriving the slug from the name, and redirects to its page', async () => {
    const { db, admin } = await makeAdminApp();
    const res = await admin.post('/groups').type('form').send({ ...validGroup, numberingPerYear: '1' }).expect(303);
    expect(res.headers.location).to.equal('/groups/odborna-pracovni-skupina-socialni-sluzby');
    expect(findGroupBySlug(db, 'odborna-pracovni-skupina-socialni-sluzby')).to.deep.include({
      name: 'Odborná pracovní skupina Sociální služby',
      nameGenitive: 'Odborné pracovní skupiny Sociální služby',
      shortName: 'OPS SS',
      umbrellaId: null,
      visibility: 'public',
      numberingPerYear: true,
      version: 1,
    });
  });

  it('makes a derived slug unique by appending -2, -3', async () => {
    const { db, admin } = await makeAdminApp();
    createGroup(db, { slug: 'odborna-pracovni-skupina-socialni-sluzby' });
    createGroup(db, { slug: 'odborna-pracovni-skupina-socialni-sluzby-2' });
    const res = await admin.post('/groups').type('form').send(validGroup).expect(303);
    expect(res.headers.location).to.equal('/groups/odborna-pracovni-skupina-socialni-sluzby-3');
  });

  it('keeps a typed slug and the chosen umbrella', async () => {
    const { db, admin } = await makeAdminApp();
    const pact = createGroup(db, { slug: 'pakt' });
    const res = await admin
      .post('/groups')
      .type('form')
      .send({ ...validGroup, slug: 'socialni-sluzby', umbrellaId: String(pact), visibility: 'members' })
      .expect(303);
    expect(res.headers.location).to.equal('/groups/socialni-sluzby');
    expect(findGroupBySlug(db, 'socialni-sluzby')).to.include({ umbrellaId: pact, visibility: 'members', numberingPerYear: false });
  });

  it('rejects a malformed slug with 422, keeps the typed values and writes nothing', async () => {
    const { db, admin } = await makeAdminApp();
    const res = await admin.post('/groups').type('form').send({ ...validGroup, slug: 'Sociální Služby' }).expect(422);
    expect(fieldError(res.text, 'slug')).to.equal(cs['validation.slug']);
    expect(res.text).to.contain('value="Sociální Služby"');
    expect(res.text).to.contain('value="Odborné pracovní skupiny Sociální služby"');
    expect(res.text).to.contain('Skupina pro **sociální služby**.');
    expect(countRows(db, 'groups')).to.equal(0);
  });

  it('refuses a slug another group has, and the reserved "new"', async () => {
    const { db, admin } = await makeAdminApp();
    createGroup(db, { slug: 'socialni-sluzby' });
    const taken = await admin.post('/groups').type('form').send({ ...validGroup, slug: 'socialni-sluzby' }).expect(422);
    expect(fieldError(taken.text, 'slug')).to.equal(cs['groups.slugTaken']);
    expect(taken.text).to.contain('value="Odborná pracovní skupina Sociální služby"');
    const reserved = await admin.post('/groups').type('form').send({ ...validGroup, slug: 'new' }).expect(422);
    expect(fieldError(reserved.text, 'slug')).to.equal(cs['groups.slugTaken']);
    expect(countRows(db, 'groups')).to.equal(1);
  });

  it('requires a name and a visibility', async () => {
    const { db, admin } = await makeAdminApp();
    const res = await admin.post('/groups').type('form').send({ ...validGroup, name: ' ', visibility: 'secret' }).expect(422);
    expect(fieldError(res.text, 'name')).to.equal(cs['validation.required']);
    expect(fieldError(res.text, 'visibility')).to.equal(cs['validation.choice']);
    expect(countRows(db, 'groups')).to.equal(0);
  });

  it('refuses an umbrella that does not exist', async () => {
    const { db, admin } = await makeAdminApp();
    const res = await admin.post('/groups').type('form').send({ ...validGroup, umbrellaId: '999' }).expect(422);
    expect(fieldError(res.text, 'umbrellaId')).to.equal(cs['validation.unknownReference']);
    expect(countRows(db, 'groups')).to.equal(0);
  });

  it('shows the edit form with the version and without itself or its subgroups as umbrella choices', async () => {
    const { db, admin } = await makeAdminApp();
    const pact = createGroup(db, { name: 'Pakt', slug: 'pakt' });
    const child = createGroup(db, { name: 'Podskupina', umbrellaId: pact });
    createGroup(db, { name: 'Jiná skupina' });
    const res = await admin.get('/groups/pakt/edit').expect(200);
    expect(res.text).to.contain('name="version" value="1"');
    expect(res.text).to.contain('>Jiná skupina</option>');
    expect(res.text).to.not.contain(`<option value="${pact}"`);
    expect(res.text).to.not.contain(`<option value="${child}"`);
  });

  it('edits a group, raises its version and redirects to the new slug', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createGroup(db, { name: 'Stará', slug: 'stara' });
    const res = await admin
      .post('/groups/stara')
      .type('form')
      .send({ ...validGroup, name: 'Nová', slug: 'nova', visibility: 'members', version: '1' })
      .expect(303);
    expect(res.headers.location).to.equal('/groups/nova');
    expect(findGroup(db, id)).to.include({ name: 'Nová', slug: 'nova', visibility: 'members', version: 2 });
    await admin.get('/groups/stara').expect(404);
    await admin.get('/groups/nova').expect(200);
  });

  it('refuses a group as its own umbrella', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createGroup(db, { name: 'Sama', slug: 'sama' });
    const res = await admin
      .post('/groups/sama')
      .type('form')
      .send({ ...validGroup, name: 'Sama upravená', slug: 'sama', umbrellaId: String(id), version: '1' })
      .expect(422);
    expect(fieldError(res.text, 'umbrellaId')).to.equal(cs['groups.umbrellaSelf']);
    expect(res.text).to.contain('value="Sama upravená"');
    expect(findGroup(db, id)).to.include({ name: 'Sama', umbrellaId: null, version: 1 });
  });

  it('refuses an umbrella that would make a loop', async () => {
    const { db, admin } = await makeAdminApp();
    const top = createGroup(db, { slug: 'top' });
    const middle = createGroup(db, { umbrellaId: top });
    const bottom = createGroup(db, { umbrellaId: middle });
    const res = await admin
      .post('/groups/top')
      .type('form')
      .send({ ...validGroup, slug: 'top', umbrellaId: String(bottom), version: '1' })
      .expect(422);
    expect(fieldError(res.text, 'umbrellaId')).to.equal(cs['groups.umbrellaCycle']);
    expect(findGroup(db, top)?.umbrellaId).to.equal(null);
  });

  it('refuses to clear or duplicate the slug when editing', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createGroup(db, { slug: 'moje' });
    createGroup(db, { slug: 'cizi' });
    const cleared = await admin.post('/groups/moje').type('form').send({ ...validGroup, slug: '', version: '1' }).expect(422);
    expect(fieldError(cleared.text, 'slug')).to.equal(cs['validation.required']);
    const taken = await admin.post('/groups/moje').type('form').send({ ...validGroup, slug: 'cizi', version: '1' }).expect(422);
    expect(fieldError(taken.text, 'slug')).to.equal(cs['groups.slugTaken']);
    // The rejected form still posts to the stored slug, not the typed one, and carries the session's token.
    expect(taken.text).to.contain('action="/groups/moje"');
    expect(taken.text).to.match(/<form method="post" action="\/groups\/moje"[^<>]*>\s*<input type="hidden" name="_csrf" value="[^"<>]+">/);
    expect(findGroup(db, id)).to.include({ slug: 'moje', version: 1 });
  });

  it('detects a concurrent edit, keeps the typed text and does not overwrite', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createGroup(db, { name: 'Původní', slug: 'puvodni' });
    await admin.post('/groups/puvodni').type('form').send({ ...validGroup, name: 'První', slug: 'puvodni', version: '1' }).expect(303);
    const res = await admin
      .post('/groups/puvodni')
      .type('form')
      .send({ ...validGroup, name: 'Druhá', slug: 'puvodni', version: '1' })
      .expect(409);
    expect(res.text).to.contain('value="Druhá"');
    expect(res.text).to.contain('name="version" value="2"');
    expect(findGroup(db, id)?.name).to.equal('První');
  });

  it('answers 404 for an unknown slug', async () => {
    const { admin } = await makeAdminApp();
    await admin.get('/groups/nic').expect(404);
    await admin.get('/groups/nic/edit').expect(404);
    await admin.post('/groups/nic').type('form').send({ ...validGroup, slug: 'nic', version: '1' }).expect(404);
    await admin.post('/groups/nic/delete').expect(404);
  });

  it('refuses to delete a group that leads meetings', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createGroup(db, { slug: 'vedouci' });
    insertMeeting(db, id);
    const res = await admin.post('/groups/vedouci/delete').expect(409);
    expect(res.text).to.contain(cs['groups.deleteHasMeetings']);
    expect(findGroup(db, id)).to.not.equal(undefined);
  });

  it('refuses to delete a group that only takes part in a joint meeting', async () => {
    const { db, admin } = await makeAdminApp();
    const lead = createGroup(db);
    const guest = createGroup(db, { slug: 'pridruzena' });
    insertMeeting(db, lead, [lead, guest]);
    await admin.post('/groups/pridruzena/delete').expect(409);
    expect(findGroup(db, guest)).to.not.equal(undefined);
  });

  it('refuses to delete an umbrella that has groups under it', async () => {
    const { db, admin } = await makeAdminApp();
    const pact = createGroup(db, { slug: 'pakt' });
    createGroup(db, { umbrellaId: pact });
    const res = await admin.post('/groups/pakt/delete').expect(409);
    expect(res.text).to.contain(cs['groups.deleteHasSubgroups']);
    expect(findGroup(db, pact)).to.not.equal(undefined);
  });

  it('deletes a group without meetings together with its memberships', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createGroup(db, { slug: 'pryc' });
    const member = createPerson(db);
    createMembership(db, { groupId: id, personId: member });
    const people = countRows(db, 'people');
    const res = await admin.post('/groups/pryc/delete').expect(303);
    expect(res.headers.location).to.equal('/groups');
    expect(findGroup(db, id)).to.equal(undefined);
    expect(countRows(db, 'memberships')).to.equal(0);
    // The people stay in the directory.
    expect(countRows(db, 'people')).to.equal(people);
    expect(db.prepare('SELECT 1 AS kept FROM people WHERE id = ?').get(member)).to.deep.equal({ kept: 1 });
  });

  it('shows the group page: name, umbrella, description, members by role and the meetings section', async () => {
    const { db, admin } = await makeAdminApp();
    const pact = createGroup(db, { name: 'Pakt zaměstnanosti Libereckého kraje', slug: 'pakt' });
    const id = createGroup(db, { name: 'Sociální služby', slug: 'socialni-sluzby', umbrellaId: pact, description: 'Řešíme **sociální služby**.' });
    const annolk = createOrganisation(db, { name: 'Asociace NNO Libereckého kraje', shortName: 'ANNOLK' });
    const chair = createPerson(db, { name: 'Jana Nováková', title: 'Mgr.', organisationId: annolk });
    createMembership(db, { groupId: id, personId: createPerson(db, { name: 'Adam Člen' }), role: 'member' });
    createMembership(db, { groupId: id, personId: chair, role: 'chair' });
    createMembership(db, { groupId: id, personId: createPerson(db, { name: 'Petra Hostová' }), role: 'guest' });
    createMembership(db, { groupId: id, personId: createPerson(db, { name: 'Bývalý Člen' }), role: 'member', until: '2015-06-30' });
    const res = await admin.get('/groups/socialni-sluzby').expect(200);
    expect(res.text.match(/<h1[ >]/g)).to.have.length(1);
    expect(res.text).to.contain('<h1>Sociální služby</h1>');
    expect(res.text).to.contain('<a href="/groups/pakt">Pakt zaměstnanosti Libereckého kraje</a>');
    expect(res.text).to.contain('<strong>sociální služby</strong>');
    // Each role's heading agrees with its people: one woman chairs, one man is a member, one guest.
    const order = ['>Předsedkyně</h3>', 'Mgr. Jana Nováková', 'ANNOLK', '>Člen</h3>', 'Adam Člen', '>Host</h3>', 'Petra Hostová', '>Dřívější členové</h3>', 'Bývalý Člen'];
    const positions = order.map((text) => res.text.indexOf(text));
    expect(positions).to.not.include(-1);
    expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));
    expect(res.text).to.contain('id="meetings"');
  });

  it('renders the description without scripts or event handlers', async () => {
    const { db, admin } = await makeAdminApp();
    createGroup(db, { slug: 'xss', description: 'Ahoj <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[odkaz](javascript:alert(1))' });
    const res = await admin.get('/groups/xss').expect(200);
    expect(res.text).to.contain('Ahoj');
    expect(res.text).to.not.contain('<script>alert(1)</script>');
    expect(res.text).to.not.contain('onerror');
    expect(res.text).to.not.contain('<img');
    expect(res.text).to.not.contain('javascript:');
  });

  it('speaks English when asked', async () => {
    const { db, admin } = await makeAdminApp();
    createGroup(db, { slug: 'en', visibility: 'members' });
    const res = await admin.get('/groups').set('Accept-Language', 'en').expect(200);
    expect(res.text).to.contain('Members only');
    expect(res.text).to.contain('0 members · 0 meetings');
  });
});
