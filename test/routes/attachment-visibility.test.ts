import { expect } from 'chai';
import request from 'supertest';
import { findAttachment, listAttachmentsOfMeeting } from '../../src/db/attachments.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { createAgendaItem, createGroup, createMeeting, now } from '../factories.js';
import { docxBytes, pdfBytes } from '../files.js';
import { csrfFrom, makeApp, signIn } from '../helpers.js';
import { getBytes, pdfText } from '../export/binary.js';

/** A board's published minutes with an applicant's CV kept for members, as its secretary uploads it. */
async function board(visibility: 'public' | 'members' = 'public') {
  const world = makeApp();
  const group = createGroup(world.db, { name: 'Správní rada', slug: 'rada', visibility });
  const meeting = createMeeting(world.db, { leadGroupId: group, number: 4, status: 'held', title: 'Výběrové řízení na ředitele' });
  const item = createAgendaItem(world.db, meeting, { title: 'Uchazeči' });
  setMinutesPublished(world.db, meeting, true, now());
  const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
  const member = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
  const outsider = await signIn(world, { roles: [] });
  return { world, group, meeting, item, secretary, member, outsider };
}

describe('attachments: who may download each one', () => {
  it('keeps a file marked for members from everyone else: the page, exports, download and search', async function () {
    this.timeout(20_000);
    const { world, meeting, item, secretary, member, outsider } = await board();
    const manager = await secretary.get(`/meetings/${meeting}/attachments`).expect(200);
    // A public group's files are read with the minutes unless the secretary says otherwise.
    expect(manager.text).to.match(/<option value="public" selected>/);
    await secretary.post(`/meetings/${meeting}/attachments`)
      .field('_csrf', csrfFrom(manager.text)).field('title', 'Životopis uchazečky Novotné').field('agendaItemId', String(item)).field('visibility', 'members')
      .attach('files', docxBytes('Praxe v sociálních službách od roku 2009'), 'zivotopis.docx')
      .expect(303);
    await secretary.post(`/meetings/${meeting}/attachments`).field('_csrf', csrfFrom(manager.text)).field('title', 'Harmonogram řízení')
      .attach('files', pdfBytes(), 'harmonogram.pdf').expect(303);
    const [cv, schedule] = listAttachmentsOfMeeting(world.db, meeting).sort((a, b) => a.id - b.id);
    expect([cv.visibility, schedule.visibility]).to.deep.equal(['members', 'public']);

    for (const reader of [request(world.app), outsider]) {
      const page = await reader.get(`/meetings/${meeting}`).expect(200);
      expect(page.text).to.contain('Harmonogram řízení').and.not.to.contain('Životopis uchazečky');
      expect((await pdfText((await getBytes(reader, `/meetings/${meeting}.pdf`)).body)).text).to.contain('Harmonogram').and.not.to.contain('Životopis');
      expect((await reader.get(`/meetings/${meeting}.md`).expect(200)).text).not.to.contain('Životopis');
      await reader.get(`/attachments/${cv.id}`).expect(404);
      const found = await reader.get(`/search?q=${encodeURIComponent('praxe socialnich sluzbach')}`).expect(200);
      expect(found.text).to.contain('Nic nebylo nalezeno');
    }
    const asMember = await member.get(`/meetings/${meeting}`).expect(200);
    expect(asMember.text).to.contain('Životopis uchazečky Novotné').and.to.contain('jen pro členy');
    await member.get(`/attachments/${cv.id}`).expect(200);
    expect((await member.get(`/search?q=${encodeURIComponent('praxe socialnich sluzbach')}`).expect(200)).text).to.contain('Výběrové řízení na ředitele');
  });

  it('lets the secretary open a file to all readers later, and keeps files of members-only groups for members by default', async () => {
    const { world, meeting, secretary } = await board('members');
    const manager = await secretary.get(`/meetings/${meeting}/attachments`).expect(200);
    expect(manager.text).to.match(/<option value="members" selected>/);
    await secretary.post(`/meetings/${meeting}/attachments`).field('_csrf', csrfFrom(manager.text)).attach('files', pdfBytes(), 'smlouva.pdf').expect(303);
    const [file] = listAttachmentsOfMeeting(world.db, meeting);
    expect(file.visibility).to.equal('members');
    await secretary.post(`/attachments/${file.id}`).type('form').send({ title: 'Smlouva', visibility: 'public', version: String(file.version) }).expect(303);
    expect(findAttachment(world.db, file.id)).to.include({ title: 'Smlouva', visibility: 'public' });
    // A value no select offers is refused with the message, and nothing changes.
    const refused = await secretary.post(`/attachments/${file.id}`).type('form').send({ title: 'Jinak', visibility: 'všichni', version: String(file.version + 1) }).expect(422);
    expect(refused.text).to.contain('Vyberte jednu z nabízených možností');
    expect(findAttachment(world.db, file.id)).to.include({ title: 'Smlouva', visibility: 'public' });
  });
});
