import { expect } from 'chai';
import { findOrganisation } from '../../src/db/organisations.js';
import { createActionItem, createAttendance, createMeeting, createOrganisation } from '../factories.js';
import { countRows, fieldError, makeAdminApp } from '../helpers.js';

describe('organisations', () => {
  it('lists organisations with their short names', async () => {
    const { db, admin } = await makeAdminApp();
    createOrganisation(db, { name: 'Asociace nestátních neziskových organizací Libereckého kraje', shortName: 'ANNOLK' });
    const res = await admin.get('/organisations').expect(200);
    expect(res.text).to.contain('Asociace nestátních neziskových organizací Libereckého kraje');
    expect(res.text).to.contain('ANNOLK');
  });

  it('creates an organisation and redirects to the list', async () => {
    const { db, admin } = await makeAdminApp();
    const res = await admin.post('/organisations').type('form').send({ name: '  Úřad práce ČR ', shortName: 'ÚP' }).expect(303);
    expect(res.headers.location).to.equal('/organisations');
    const row = db.prepare('SELECT name, short_name AS shortName FROM organisations').get();
    expect(row).to.deep.equal({ name: 'Úřad práce ČR', shortName: 'ÚP' });
  });

  it('rejects a missing name with 422, keeps what was typed and writes nothing', async () => {
    const { db, admin } = await makeAdminApp();
    const res = await admin.post('/organisations').type('form').send({ name: '  ', shortName: 'XYZ-typed' }).expect(422);
    expect(fieldError(res.text, 'name')).to.equal('Toto pole je povinné.');
    expect(res.text).to.contain('value="XYZ-typed"');
    expect(res.text).to.contain('aria-describedby="f-name-error"');
    expect(countRows(db, 'organisations')).to.equal(0);
  });

  it('refuses a duplicate name regardless of case', async () => {
    const { db, admin } = await makeAdminApp();
    createOrganisation(db, { name: 'ANNOLK' });
    const res = await admin.post('/organisations').type('form').send({ name: 'annolk' }).expect(422);
    expect(fieldError(res.text, 'name')).to.contain('už existuje');
    expect(countRows(db, 'organisations')).to.equal(1);
  });

  it('edits an organisation and raises its version', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createOrganisation(db, { name: 'Stará' });
    const form = await admin.get(`/organisations/${id}/edit`).expect(200);
    expect(form.text).to.contain('name="version" value="1"');
    await admin.post(`/organisations/${id}`).type('form').send({ name: 'Nová', shortName: 'N', version: '1' }).expect(303);
    expect(findOrganisation(db, id)).to.include({ name: 'Nová', shortName: 'N', version: 2 });
  });

  it('detects a concurrent edit, keeps the typed text and does not overwrite', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createOrganisation(db, { name: 'Původní' });
    await admin.post(`/organisations/${id}`).type('form').send({ name: 'První změna', version: '1' }).expect(303);
    const res = await admin.post(`/organisations/${id}`).type('form').send({ name: 'Druhá změna', version: '1' }).expect(409);
    expect(res.text).to.contain('value="Druhá změna"');
    expect(res.text).to.contain('Mezitím záznam upravil někdo jiný');
    expect(findOrganisation(db, id)?.name).to.equal('První změna');
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const { admin } = await makeAdminApp();
    await admin.get('/organisations/999/edit').expect(404);
    await admin.get('/organisations/abc/edit').expect(404);
    await admin.post('/organisations/999').type('form').send({ name: 'X', version: '1' }).expect(404);
  });

  it('refuses to delete an organisation people belong to', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createOrganisation(db);
    db.prepare("INSERT INTO people (name, organisation_id, created_at, updated_at) VALUES ('Jana', ?, '', '')").run(id);
    const res = await admin.post(`/organisations/${id}/delete`).expect(409);
    expect(res.text).to.contain('nelze smazat');
    expect(findOrganisation(db, id)).to.not.equal(undefined);
  });

  it('refuses to delete an organisation responsible for a task', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createOrganisation(db);
    createActionItem(db, createMeeting(db), { organisationId: id });
    const res = await admin.post(`/organisations/${id}/delete`).expect(409);
    expect(res.text).to.contain('zodpovídá za úkol');
    expect(findOrganisation(db, id)).to.not.equal(undefined);
  });

  it('refuses to delete an organisation someone represented at a meeting', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createOrganisation(db);
    createAttendance(db, createMeeting(db), { organisationId: id });
    const res = await admin.post(`/organisations/${id}/delete`).expect(409);
    expect(res.text).to.contain('zastupoval na jednání');
    expect(findOrganisation(db, id)).to.not.equal(undefined);
  });

  it('deletes an unused organisation', async () => {
    const { db, admin } = await makeAdminApp();
    const id = createOrganisation(db);
    const res = await admin.post(`/organisations/${id}/delete`).expect(303);
    expect(res.headers.location).to.equal('/organisations');
    expect(findOrganisation(db, id)).to.equal(undefined);
  });
});
