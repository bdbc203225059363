import { expect } from 'chai';
import type { Db } from '../../src/db/index.js';
import { findPerson, listPeople, listPeopleByIds, personInUse } from '../../src/db/people.js';
import { personOptions } from '../../src/zapis/names.js';
import { createActionItem, createAttendance, createOrganisation, createPerson } from '../factories.js';
import { countRows, createAccount, fieldError, makeAdminApp, makeApp } from '../helpers.js';
import type { TestWorld } from '../helpers.js';

// Raw SQL so these tests do not depend on the groups and meetings stores, which other features own.
function insertGroup(db: Db, name: string, slug: string): number {
  return Number(
    db.prepare("INSERT INTO groups (name, slug, created_at, updated_at) VALUES (?, ?, '', '')").run(name, slug).lastInsertRowid,
  );
}

function insertMembership(db: Db, groupId: number, personId: number, role: string, since: string | null = null, until: string | null = null): void {
  db.prepare(
    "INSERT INTO memberships (group_id, person_id, role, since, until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', '')",
  ).run(groupId, personId, role, since, until);
}

function insertMeeting(db: Db, roles: { chairId?: number; minuteTakerId?: number } = {}): number {
  const groupId = insertGroup(db, 'Sociální služby', `skupina-${Math.random().toString(36).slice(2)}`);
  return Number(
    db
      .prepare(
        `INSERT INTO meetings (lead_group_id, number, title, starts_at, time_zone, chair_id, minute_taker_id, created_at, updated_at)
         VALUES (?, 1, '10. setkání', '2018-03-20T08:30:00Z', 'Europe/Prague', ?, ?, '', '')`,
      )
      .run(groupId, roles.chairId ?? null, roles.minuteTakerId ?? null).lastInsertRowid,
  );
}

const validPerson = { title: 'Mgr.', name: 'Jana Nováková', email: 'jana@example.cz', phone: '485 104 123' };

/** The person row of the administrator every world starts with. */
function adminPersonId({ db, adminEmail }: TestWorld): number {
  const row = db.prepare('SELECT id FROM people WHERE email = ?').get(adminEmail) as { id: number } | undefined;
  if (!row) throw new Error('the world has no administrator person');
  return row.id;
}

/** The highest person id so far (a new row gets the next one). */
function lastPersonId(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM people').get() as { id: number }).id;
}

describe('people', () => {
  describe('list', () => {
    it('lists people in Czech alphabetical order with title and organisation short name', async () => {
      const { db, admin } = await makeAdminApp();
      const annolk = createOrganisation(db, { name: 'Asociace nestátních neziskových organizací Libereckého kraje', shortName: 'ANNOLK' });
      createPerson(db, { name: 'Zdeněk Zeman' });
      createPerson(db, { name: 'Čestmír Čermák', title: 'Ing.', organisationId: annolk });
      createPerson(db, { name: 'Cyril Cibulka' });
      const res = await admin.get('/people').expect(200);
      const order = ['Cyril Cibulka', 'Ing. Čestmír Čermák', 'Zdeněk Zeman'].map((name) => res.text.indexOf(name));
      expect(order.every((position) => position > 0)).to.equal(true);
      expect(order).to.deep.equal([...order].sort((a, b) => a - b));
      expect(res.text).to.contain('<abbr title="Asociace nestátních neziskových organizací Libereckého kraje">ANNOLK</abbr>');
    });

    // Once set up, the directory always holds the administrator's own person (which cannot be
    // deleted while it has an account), so the "nobody yet" message can no longer be reached.
    it('lists the administrator, so the list is never empty once set up', async () => {
      const world = await makeAdminApp();
      const res = await world.admin.get('/people').expect(200);
      expect(res.text).to.contain(`<a href="/people/${adminPersonId(world)}">Správce Zápisníku</a>`);
      expect(res.text).to.contain('<a href="mailto:spravce@example.test">spravce@example.test</a>');
      expect(res.text).to.not.contain('Zatím tu nejsou žádní lidé.');
    });
  });

  describe('create', () => {
    it('offers the organisations on the new form', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createOrganisation(db, { name: 'Úřad práce ČR', shortName: 'ÚP' });
      const res = await admin.get('/people/new').expect(200);
      expect(res.text).to.contain(`<option value="${id}">Úřad práce ČR (ÚP)</option>`);
      expect(res.text).to.contain('<label for="f-name">Jméno a příjmení</label>');
    });

    it('creates a person and redirects to their page', async () => {
      const { db, admin } = await makeAdminApp();
      const organisationId = createOrganisation(db);
      const before = countRows(db, 'people');
      const id = lastPersonId(db) + 1;
      const res = await admin
        .post('/people')
        .type('form')
        .send({ ...validPerson, name: '  Jana Nováková ', organisationId: String(organisationId) })
        .expect(303);
      expect(countRows(db, 'people')).to.equal(before + 1);
      const row = db.prepare('SELECT id, name, title, email, phone, organisation_id AS organisationId FROM people WHERE email = ?').get(validPerson.email);
      expect(row).to.deep.equal({ id, ...validPerson, organisationId });
      expect(res.headers.location).to.equal(`/people/${id}`);
      // Nothing chosen in the gender field: the name decides.
      expect(findPerson(db, id)?.gender).to.equal('f');
    });

    it('creates a person without an organisation', async () => {
      const { db, admin } = await makeAdminApp();
      const before = countRows(db, 'people');
      const id = lastPersonId(db) + 1;
      const res = await admin.post('/people').type('form').send({ name: 'Host Hostovský', organisationId: '' }).expect(303);
      expect(res.headers.location).to.equal(`/people/${id}`);
      expect(countRows(db, 'people')).to.equal(before + 1);
      expect(findPerson(db, id)).to.include({ name: 'Host Hostovský', title: '', email: '', organisationId: null });
    });

    it('rejects an invalid e-mail with 422, keeps what was typed and writes nothing', async () => {
      const { db, admin } = await makeAdminApp();
      const before = countRows(db, 'people');
      const res = await admin.post('/people').type('form').send({ ...validPerson, email: 'jana@' }).expect(422);
      expect(fieldError(res.text, 'email')).to.equal('Zadejte platnou e-mailovou adresu, např. jana@example.cz.');
      expect(res.text).to.contain('value="jana@"');
      expect(res.text).to.contain('value="Jana Nováková"');
      expect(res.text).to.contain('aria-describedby="f-email-error"');
      expect(countRows(db, 'people')).to.equal(before);
    });

    it('rejects a missing name', async () => {
      const { db, admin } = await makeAdminApp();
      const before = countRows(db, 'people');
      const res = await admin.post('/people').type('form').send({ ...validPerson, name: ' ' }).expect(422);
      expect(fieldError(res.text, 'name')).to.equal('Toto pole je povinné.');
      expect(res.text).to.contain('value="485 104 123"');
      expect(countRows(db, 'people')).to.equal(before);
    });

    it('rejects an organisation that does not exist', async () => {
      const { db, admin } = await makeAdminApp();
      const before = countRows(db, 'people');
      const res = await admin.post('/people').type('form').send({ ...validPerson, organisationId: '999' }).expect(422);
      expect(fieldError(res.text, 'organisationId')).to.equal('Vybraný záznam neexistuje (mohl být mezitím smazán).');
      expect(res.text).to.contain('value="jana@example.cz"');
      expect(countRows(db, 'people')).to.equal(before);
    });

    it('rejects an organisation id that is not a number', async () => {
      const { db, admin } = await makeAdminApp();
      const before = countRows(db, 'people');
      const res = await admin.post('/people').type('form').send({ ...validPerson, organisationId: 'abc' }).expect(422);
      expect(fieldError(res.text, 'organisationId')).to.equal('Neplatná hodnota.');
      expect(countRows(db, 'people')).to.equal(before);
    });
  });

  describe('show', () => {
    it('shows contact, organisation and the groups with role and dates, linking to each group', async () => {
      const { db, admin } = await makeAdminApp();
      const organisationId = createOrganisation(db, { name: 'Krajský úřad Libereckého kraje', shortName: 'KÚLK' });
      const id = createPerson(db, { ...validPerson, organisationId });
      insertMembership(db, insertGroup(db, 'Sociální služby', 'socialni-sluzby'), id, 'chair', '2017-01-15');
      insertMembership(db, insertGroup(db, 'Zaměstnanost', 'zamestnanost'), id, 'guest', '2016-02-01', '2017-12-31');
      const res = await admin.get(`/people/${id}`).expect(200);
      expect(res.text).to.contain('<h1>Mgr. Jana Nováková</h1>');
      expect(res.text).to.contain('Krajský úřad Libereckého kraje (KÚLK)');
      expect(res.text).to.contain('<a href="mailto:jana@example.cz">jana@example.cz</a>');
      expect(res.text).to.contain('<a href="tel:485104123">485 104 123</a>');
      expect(res.text).to.contain('<a href="/groups/socialni-sluzby">Sociální služby</a>');
      expect(res.text).to.contain('<td>Předsedkyně</td>');
      expect(res.text).to.contain('<td>Host</td>');
      expect(res.text).to.contain('15. 1. 2017');
      expect(res.text).to.contain('31. 12. 2017');
      // The current membership comes before the one that ended.
      expect(res.text.indexOf('socialni-sluzby')).to.be.lessThan(res.text.indexOf('zamestnanost'));
    });

    it('reads both memberships and groups in one query', async () => {
      const { db, statements, admin } = await makeAdminApp();
      const id = createPerson(db);
      for (const slug of ['a', 'b', 'c']) insertMembership(db, insertGroup(db, slug.toUpperCase(), slug), id, 'member');
      statements.length = 0;
      await admin.get(`/people/${id}`).expect(200);
      expect(statements.filter((s) => s.includes('memberships') && !/SELECT ms.group_id AS groupId, ms.role FROM memberships/.test(s)).length).to.equal(1);
    });

    it('says when the person is in no group', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createPerson(db);
      const res = await admin.get(`/people/${id}`).expect(200);
      expect(res.text).to.contain('Osoba zatím není členem žádné skupiny.');
    });

    it('answers 404 for an unknown or malformed id', async () => {
      const { admin } = await makeAdminApp();
      await admin.get('/people/999').expect(404);
      await admin.get('/people/abc').expect(404);
    });
  });

  describe('edit', () => {
    it('edits a person, raises the version and redirects to their page', async () => {
      const { db, admin } = await makeAdminApp();
      const organisationId = createOrganisation(db);
      const id = createPerson(db, { name: 'Jana Stará', organisationId });
      const form = await admin.get(`/people/${id}/edit`).expect(200);
      expect(form.text).to.contain('name="version" value="1"');
      expect(form.text).to.contain(`<option value="${organisationId}" selected>`);
      const res = await admin
        .post(`/people/${id}`)
        .type('form')
        .send({ ...validPerson, organisationId: '', version: '1' })
        .expect(303);
      expect(res.headers.location).to.equal(`/people/${id}`);
      expect(findPerson(db, id)).to.deep.equal({ id, ...validPerson, organisationId: null, gender: 'f', version: 2 });
    });

    it('rejects bad input with 422 and leaves the row alone', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createPerson(db, { name: 'Jana', email: 'jana@example.cz' });
      const res = await admin.post(`/people/${id}`).type('form').send({ name: 'Jana', email: 'ne e-mail', version: '1' }).expect(422);
      expect(fieldError(res.text, 'email')).to.equal('Zadejte platnou e-mailovou adresu, např. jana@example.cz.');
      expect(res.text).to.contain('value="ne e-mail"');
      expect(findPerson(db, id)).to.include({ email: 'jana@example.cz', version: 1 });
    });

    it('rejects an organisation that no longer exists', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createPerson(db, { name: 'Jana' });
      const res = await admin.post(`/people/${id}`).type('form').send({ name: 'Jana Nová', organisationId: '42', version: '1' }).expect(422);
      expect(fieldError(res.text, 'organisationId')).to.equal('Vybraný záznam neexistuje (mohl být mezitím smazán).');
      expect(res.text).to.contain('value="Jana Nová"');
      expect(findPerson(db, id)).to.include({ name: 'Jana', organisationId: null, version: 1 });
    });

    it('detects a concurrent edit, keeps the typed text and does not overwrite', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createPerson(db, { name: 'Původní' });
      await admin.post(`/people/${id}`).type('form').send({ name: 'První změna', version: '1' }).expect(303);
      const res = await admin.post(`/people/${id}`).type('form').send({ name: 'Druhá změna', version: '1' }).expect(409);
      expect(res.text).to.contain('value="Druhá změna"');
      expect(res.text).to.contain('name="version" value="2"');
      expect(res.text).to.contain('Mezitím záznam upravil někdo jiný');
      expect(findPerson(db, id)).to.include({ name: 'První změna', version: 2 });
    });

    it('answers 404 for an unknown id', async () => {
      const { admin } = await makeAdminApp();
      await admin.get('/people/999/edit').expect(404);
      await admin.post('/people/999').type('form').send({ name: 'X', version: '1' }).expect(404);
      await admin.post('/people/999/delete').expect(404);
    });
  });

  describe('delete', () => {
    const uses: [string, (db: Db, personId: number) => void][] = [
      ['a member of a group', (db, id) => insertMembership(db, insertGroup(db, 'Skupina', 'skupina'), id, 'member')],
      ['the chair of a meeting', (db, id) => void insertMeeting(db, { chairId: id })],
      ['the minute taker of a meeting', (db, id) => void insertMeeting(db, { minuteTakerId: id })],
      [
        'a verifier of minutes',
        (db, id) => void db.prepare('INSERT INTO meeting_verifiers (meeting_id, person_id, position) VALUES (?, ?, 1)').run(insertMeeting(db), id),
      ],
      ['responsible for a task', (db, id) => void createActionItem(db, insertMeeting(db), { ownerIds: [id] })],
      ['in the attendance of a meeting', (db, id) => void createAttendance(db, insertMeeting(db), { personId: id })],
    ];
    for (const [role, use] of uses) {
      it(`refuses to delete ${role} with 409 and keeps the row`, async () => {
        const { db, admin } = await makeAdminApp();
        const id = createPerson(db, { name: 'Jana Nováková' });
        use(db, id);
        const res = await admin.post(`/people/${id}/delete`).expect(409);
        expect(res.text).to.contain(
          'Osobu nelze smazat: je členem některé skupiny, má roli u jednání (řídí je, zapisuje nebo ověřuje zápis), má účet, zodpovídá za úkol nebo je v prezenci některého jednání.',
        );
        expect(res.text).to.contain('value="Jana Nováková"');
        expect(findPerson(db, id)?.name).to.equal('Jana Nováková');
      });
    }

    it('refuses to delete a person who has an account with 409 and keeps the row and the account', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const { personId, accountId } = createAccount(db, { name: 'Jana Nováková' });
      const res = await admin.post(`/people/${personId}/delete`).expect(409);
      expect(res.text).to.contain('má účet, zodpovídá za úkol nebo je v prezenci některého jednání.');
      expect(res.text).to.contain('value="Jana Nováková"');
      expect(findPerson(db, personId)?.name).to.equal('Jana Nováková');
      expect(db.prepare('SELECT person_id AS personId FROM accounts WHERE id = ?').get(accountId)).to.deep.equal({ personId });
      // Not even the administrator's own person.
      const own = adminPersonId(world);
      await admin.post(`/people/${own}/delete`).expect(409);
      expect(findPerson(db, own)?.name).to.equal('Správce Zápisníku');
    });

    it('deletes a person nobody refers to and redirects to the list', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createPerson(db);
      const other = createPerson(db);
      insertMeeting(db, { chairId: other });
      const before = countRows(db, 'people');
      const res = await admin.post(`/people/${id}/delete`).expect(303);
      expect(res.headers.location).to.equal('/people');
      expect(findPerson(db, id)).to.equal(undefined);
      expect(findPerson(db, other)).to.not.equal(undefined);
      expect(countRows(db, 'people')).to.equal(before - 1);
    });
  });

  describe('store', () => {
    it('labels options with title, name and the short name, else the full organisation name', () => {
      const world = makeApp();
      const { db } = world;
      const withShort = createOrganisation(db, { name: 'Asociace', shortName: 'ANNOLK' });
      const withoutShort = createOrganisation(db, { name: 'Úřad práce ČR' });
      const a = createPerson(db, { name: 'Alena Malá', organisationId: withShort });
      const b = createPerson(db, { name: 'Bohumil Velký', organisationId: withoutShort });
      const c = createPerson(db, { name: 'Cecílie Střední', title: 'Mgr.' });
      // By surname: Malá, Střední, Velký, (Správce) Zápisníku.
      expect(personOptions(listPeople(db))).to.deep.equal([
        { value: a, label: 'Alena Malá (ANNOLK)' },
        { value: c, label: 'Mgr. Cecílie Střední' },
        { value: b, label: 'Bohumil Velký (Úřad práce ČR)' },
        { value: adminPersonId(world), label: 'Správce Zápisníku' },
      ]);
    });

    it('finds people by ids, ignoring unknown ones', () => {
      const { db } = makeApp();
      const a = createPerson(db, { name: 'Žofie' });
      const b = createPerson(db, { name: 'Adam' });
      createPerson(db, { name: 'Nikdo' });
      expect(listPeopleByIds(db, [a, b, 999]).map((p) => p.name)).to.deep.equal(['Adam', 'Žofie']);
      expect(listPeopleByIds(db, [])).to.deep.equal([]);
    });

    it('knows when a person is in use', () => {
      const { db } = makeApp();
      const used = createPerson(db);
      const unused = createPerson(db);
      insertMeeting(db, { minuteTakerId: used });
      expect([personInUse(db, used), personInUse(db, unused)]).to.deep.equal([true, false]);
    });
  });
});
