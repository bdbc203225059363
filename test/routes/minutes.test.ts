import { now } from '../factories.js';
import { expect } from 'chai';
import { findAgendaItem, updateProceedings } from '../../src/db/agenda.js';
import { findMinutesNotes } from '../../src/db/minutes.js';
import { textFingerprint } from '../../src/forms/minutes.js';
import { createAgendaItem, createMeeting } from '../factories.js';
import { makeAdminApp } from '../helpers.js';

/** The hidden "what I started from" fingerprints as the editor page renders them. */
function basesOf(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/name="(base-[\w-]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe('minutes', () => {
  it('offers one textarea per agenda item, numbered like the agenda', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const parent = createAgendaItem(db, meetingId, { title: 'Stanovení obsahu' });
    const child = createAgendaItem(db, meetingId, { title: 'Témata', parentId: parent });
    const res = await admin.get(`/meetings/${meetingId}/minutes/edit`).expect(200);
    expect(res.text).to.contain(`name="item-${parent}"`).and.to.contain(`name="item-${child}"`);
    expect(res.text).to.contain('Průběh jednání k bodu 1.a)');
    expect(res.text).to.contain('name="openingNotes"').and.to.contain('name="closingNotes"');
  });

  it('saves the proceedings and notes and shows them in the zápis', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const itemId = createAgendaItem(db, meetingId, { title: 'Sociální podnikání' });
    const editor = await admin.get(`/meetings/${meetingId}/minutes/edit`);
    const res = await admin
      .post(`/meetings/${meetingId}/minutes`)
      .type('form')
      .send({ ...basesOf(editor.text), action: 'save', openingNotes: 'Jednání zahájila předsedkyně.', [`item-${itemId}`]: 'Skupina se **shoduje** na postupu.\r\n\r\na) první', closingNotes: '' })
      .expect(303);
    expect(res.headers.location).to.equal(`/meetings/${meetingId}#proceedings-heading`);
    expect(findAgendaItem(db, meetingId, itemId)?.proceedings).to.equal('Skupina se **shoduje** na postupu.\n\na) první');
    expect(findMinutesNotes(db, meetingId).openingNotes).to.equal('Jednání zahájila předsedkyně.');
    const page = await admin.get(`/meetings/${meetingId}`).expect(200);
    expect(page.text).to.contain('Skupina se <strong>shoduje</strong> na postupu.');
    expect(page.text).to.contain('Jednání zahájila předsedkyně.');
  });

  it('previews on the server without saving anything', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const itemId = createAgendaItem(db, meetingId);
    const res = await admin
      .post(`/meetings/${meetingId}/minutes`)
      .type('form')
      .send({ action: 'preview', [`item-${itemId}`]: '- **bod** jedna' })
      .expect(200);
    expect(res.text).to.contain('<li><strong>bod</strong> jedna</li>');
    expect(res.text).to.contain('- **bod** jedna</textarea>');
    expect(findAgendaItem(db, meetingId, itemId)?.proceedings).to.equal('');
  });

  it('keeps both texts when someone else saved the same item meanwhile, and writes nothing', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const itemId = createAgendaItem(db, meetingId);
    const otherId = createAgendaItem(db, meetingId);
    const field = `item-${itemId}`;
    const loaded = basesOf((await admin.get(`/meetings/${meetingId}/minutes/edit`)).text);
    await admin.post(`/meetings/${meetingId}/minutes`).type('form').send({ ...loaded, action: 'save', [field]: 'Text kolegyně' }).expect(303);
    const res = await admin
      .post(`/meetings/${meetingId}/minutes`)
      .type('form')
      .send({ ...loaded, action: 'save', [field]: 'Můj text', [`item-${otherId}`]: 'Můj druhý text' })
      .expect(409);
    expect(res.text).to.contain('Můj text</textarea>').and.to.contain('Můj druhý text</textarea>');
    expect(res.text).to.contain('Text kolegyně</pre>');
    expect(findAgendaItem(db, meetingId, itemId)?.proceedings).to.equal('Text kolegyně');
    expect(findAgendaItem(db, meetingId, otherId)?.proceedings).to.equal('');
    // After reading the other version the secretary saves again: now it goes through.
    const bases = basesOf(res.text);
    expect(bases[`base-${field}`]).to.equal(textFingerprint('Text kolegyně'));
    await admin.post(`/meetings/${meetingId}/minutes`).type('form').send({ ...bases, action: 'save', [field]: 'Sloučený text' }).expect(303);
    expect(findAgendaItem(db, meetingId, itemId)?.proceedings).to.equal('Sloučený text');
  });

  it('does not call it a conflict when another editor saved other items', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const [first, second] = [createAgendaItem(db, meetingId), createAgendaItem(db, meetingId)];
    const loaded = basesOf((await admin.get(`/meetings/${meetingId}/minutes/edit`)).text);
    await admin.post(`/meetings/${meetingId}/minutes`).type('form').send({ ...loaded, action: 'save', [`item-${first}`]: 'Od kolegyně' }).expect(303);
    await admin.post(`/meetings/${meetingId}/minutes`).type('form').send({ ...loaded, action: 'save', [`item-${first}`]: 'Od kolegyně', [`item-${second}`]: 'Ode mě' }).expect(303);
    expect([first, second].map((id) => findAgendaItem(db, meetingId, id)?.proceedings)).to.deep.equal(['Od kolegyně', 'Ode mě']);
  });

  it('leaves alone a text the form did not send (an item added after the editor was opened)', async () => {
    const { db, admin } = await makeAdminApp();
    const meetingId = createMeeting(db);
    const first = createAgendaItem(db, meetingId);
    const loaded = basesOf((await admin.get(`/meetings/${meetingId}/minutes/edit`)).text);
    const later = createAgendaItem(db, meetingId);
    updateProceedings(db, meetingId, new Map([[later, 'Zapsala kolegyně']]), now());
    await admin.post(`/meetings/${meetingId}/minutes`).type('form').send({ ...loaded, action: 'save', [`item-${first}`]: 'Můj text' }).expect(303);
    expect([first, later].map((id) => findAgendaItem(db, meetingId, id)?.proceedings)).to.deep.equal(['Můj text', 'Zapsala kolegyně']);
  });

  it('renders a live preview as sanitised HTML', async () => {
    const { admin } = await makeAdminApp();
    const res = await admin.post('/minutes/preview').send({ text: '**ano** <script>alert(1)</script>' }).expect(200);
    expect(res.body.html).to.contain('<strong>ano</strong>').and.not.to.contain('<script');
    await admin.post('/minutes/preview').send({}).expect(400);
  });

  it('answers 404 for an unknown meeting', async () => {
    const { admin } = await makeAdminApp();
    await admin.get('/meetings/999/minutes/edit').expect(404);
    await admin.post('/meetings/999/minutes').type('form').send({ action: 'save' }).expect(404);
  });
});
