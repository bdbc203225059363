import { expect } from 'chai';
import type { Db } from '../../src/db/index.js';
import { findVenue, listVenueOptions, venueAddress } from '../../src/db/venues.js';
import { createVenue } from '../factories.js';
import { countRows, fieldError, makeAdminApp, makeApp } from '../helpers.js';

// Raw SQL so these tests do not depend on the groups and meetings stores, which other features own.
function insertMeetingAt(db: Db, venueId: number): void {
  const groupId = db.prepare("INSERT INTO groups (name, slug, created_at, updated_at) VALUES ('Sociální služby', 'socialni-sluzby', '', '')").run()
    .lastInsertRowid;
  db.prepare(
    `INSERT INTO meetings (lead_group_id, number, title, starts_at, time_zone, venue_id, created_at, updated_at)
     VALUES (?, 1, '10. setkání', '2018-03-20T08:30:00Z', 'Europe/Prague', ?, '', '')`,
  ).run(groupId, venueId);
}

const annolk = {
  name: 'ANNOLK',
  street: 'U Nisy 362/6',
  postalCode: '460 01',
  town: 'Liberec',
  defaultRoom: 'zasedací místnost, 2. patro',
  notes: '',
};

const venueRow = (db: Db) =>
  db.prepare('SELECT name, street, postal_code AS postalCode, town, default_room AS defaultRoom, notes FROM venues').get();

describe('venues', () => {
  describe('list', () => {
    it('shows the full address on one line and the default room', async () => {
      const { db, admin } = await makeAdminApp();
      createVenue(db, annolk);
      const res = await admin.get('/venues').expect(200);
      expect(res.text).to.contain('<h1>Místa jednání</h1>');
      expect(res.text).to.contain('>U Nisy 362/6, 460 01 Liberec</td>');
      expect(res.text).to.contain('>zasedací místnost, 2. patro</td>');
    });

    it('sorts venues in Czech alphabetical order', async () => {
      const { db, admin } = await makeAdminApp();
      for (const name of ['Zámek', 'Česká Lípa – radnice', 'Chrastava', 'Dům kultury']) createVenue(db, { name });
      const res = await admin.get('/venues').expect(200);
      const order = ['Česká Lípa – radnice', 'Dům kultury', 'Chrastava', 'Zámek'].map((name) => res.text.indexOf(name));
      expect(order.every((position) => position > 0)).to.equal(true);
      expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    });

    it('says so when there is no venue yet', async () => {
      const { admin } = await makeAdminApp();
      const res = await admin.get('/venues').expect(200);
      expect(res.text).to.contain('Zatím tu nejsou žádná místa jednání.');
    });
  });

  describe('create', () => {
    it('shows an empty form with labelled fields', async () => {
      const { admin } = await makeAdminApp();
      const res = await admin.get('/venues/new').expect(200);
      expect(res.text).to.contain('<h1>Nové místo</h1>');
      expect(res.text).to.contain('<label for="f-postalCode">PSČ');
      expect(res.text).to.contain('<textarea id="f-notes" name="notes"');
    });

    it('creates a venue, writes the postal code the Czech way and keeps the note lines', async () => {
      const { db, admin } = await makeAdminApp();
      const res = await admin
        .post('/venues')
        .type('form')
        .send({ ...annolk, name: ' ANNOLK ', postalCode: '46001', notes: 'Vchod ze dvora.\r\nParkování za budovou.' })
        .expect(303);
      expect(res.headers.location).to.equal('/venues');
      expect(venueRow(db)).to.deep.equal({ ...annolk, notes: 'Vchod ze dvora.\nParkování za budovou.' });
    });

    it('accepts a venue with only a name', async () => {
      const { db, admin } = await makeAdminApp();
      await admin.post('/venues').type('form').send({ name: 'Online' }).expect(303);
      expect(venueRow(db)).to.deep.equal({ name: 'Online', street: '', postalCode: '', town: '', defaultRoom: '', notes: '' });
    });

    for (const bad of ['4600', '460 011', 'ABC 01', '46-001']) {
      it(`rejects the postal code "${bad}" with 422, keeps what was typed and writes nothing`, async () => {
        const { db, admin } = await makeAdminApp();
        const res = await admin.post('/venues').type('form').send({ ...annolk, postalCode: bad }).expect(422);
        expect(fieldError(res.text, 'postalCode')).to.equal('Zadejte PSČ jako pět číslic, např. 460 01.');
        expect(res.text).to.contain(`value="${bad}"`);
        expect(res.text).to.contain('value="U Nisy 362/6"');
        expect(res.text).to.contain('aria-describedby="f-postalCode-hint f-postalCode-error"');
        expect(countRows(db, 'venues')).to.equal(0);
      });
    }

    it('rejects a missing name', async () => {
      const { db, admin } = await makeAdminApp();
      const res = await admin.post('/venues').type('form').send({ ...annolk, name: '', notes: 'První řádek\nDruhý řádek' }).expect(422);
      expect(fieldError(res.text, 'name')).to.equal('Toto pole je povinné.');
      expect(res.text).to.contain('>První řádek\nDruhý řádek</textarea>');
      expect(countRows(db, 'venues')).to.equal(0);
    });
  });

  describe('edit', () => {
    it('edits a venue and raises its version', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createVenue(db, annolk);
      const form = await admin.get(`/venues/${id}/edit`).expect(200);
      expect(form.text).to.contain('name="version" value="1"');
      expect(form.text).to.contain('value="460 01"');
      const res = await admin
        .post(`/venues/${id}`)
        .type('form')
        .send({ ...annolk, street: 'Nám. Dr. E. Beneše 1', postalCode: '460 59', defaultRoom: 'sál 1', version: '1' })
        .expect(303);
      expect(res.headers.location).to.equal('/venues');
      expect(findVenue(db, id)).to.include({ street: 'Nám. Dr. E. Beneše 1', postalCode: '460 59', defaultRoom: 'sál 1', version: 2 });
    });

    it('rejects a bad postal code with 422 and leaves the row alone', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createVenue(db, annolk);
      const res = await admin.post(`/venues/${id}`).type('form').send({ ...annolk, town: 'Jablonec', postalCode: '12', version: '1' }).expect(422);
      expect(fieldError(res.text, 'postalCode')).to.equal('Zadejte PSČ jako pět číslic, např. 460 01.');
      expect(res.text).to.contain('value="Jablonec"');
      expect(findVenue(db, id)).to.include({ town: 'Liberec', postalCode: '460 01', version: 1 });
    });

    it('detects a concurrent edit, keeps the typed text and does not overwrite', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createVenue(db, { name: 'Původní' });
      await admin.post(`/venues/${id}`).type('form').send({ name: 'První změna', version: '1' }).expect(303);
      const res = await admin.post(`/venues/${id}`).type('form').send({ name: 'Druhá změna', version: '1' }).expect(409);
      expect(res.text).to.contain('value="Druhá změna"');
      expect(res.text).to.contain('Mezitím záznam upravil někdo jiný');
      expect(findVenue(db, id)).to.include({ name: 'První změna', version: 2 });
    });

    it('answers 404 for an unknown or malformed id', async () => {
      const { admin } = await makeAdminApp();
      await admin.get('/venues/999/edit').expect(404);
      await admin.get('/venues/abc/edit').expect(404);
      await admin.post('/venues/999').type('form').send({ name: 'X', version: '1' }).expect(404);
      await admin.post('/venues/999/delete').expect(404);
    });
  });

  describe('delete', () => {
    it('refuses to delete a venue a meeting uses, with 409, and keeps it', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createVenue(db, annolk);
      insertMeetingAt(db, id);
      const res = await admin.post(`/venues/${id}/delete`).expect(409);
      expect(res.text).to.contain('Místo nelze smazat: jsou k němu přiřazena jednání.');
      expect(findVenue(db, id)?.name).to.equal('ANNOLK');
    });

    it('deletes an unused venue', async () => {
      const { db, admin } = await makeAdminApp();
      const id = createVenue(db);
      const res = await admin.post(`/venues/${id}/delete`).expect(303);
      expect(res.headers.location).to.equal('/venues');
      expect(findVenue(db, id)).to.equal(undefined);
    });
  });

  describe('store', () => {
    it('writes the address from whatever parts are known', () => {
      expect(venueAddress(annolk)).to.equal('U Nisy 362/6, 460 01 Liberec');
      expect(venueAddress({ street: '', postalCode: '', town: 'Liberec' })).to.equal('Liberec');
      expect(venueAddress({ street: 'U Nisy 362/6', postalCode: '', town: '' })).to.equal('U Nisy 362/6');
      expect(venueAddress({ street: '', postalCode: '', town: '' })).to.equal('');
    });

    it('labels options with name and address', () => {
      const { db } = makeApp();
      const id = createVenue(db, annolk);
      const online = createVenue(db, { name: 'Online', street: '', postalCode: '', town: '' });
      expect(listVenueOptions(db)).to.deep.equal([
        { value: id, label: 'ANNOLK, U Nisy 362/6, 460 01 Liberec' },
        { value: online, label: 'Online' },
      ]);
    });
  });
});
