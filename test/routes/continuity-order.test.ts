import { expect } from 'chai';
import request from 'supertest';
import { findMeeting } from '../../src/db/meetings.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { createActionItem, createGroup, createMeeting, createPerson, now } from '../factories.js';
import { countRows, fieldError, makeAdminApp } from '../helpers.js';
import { getBytes, pdfText } from '../export/binary.js';

/** A group whose 11th meeting (May 2019) is published; its 10th (March 2019) is entered only afterwards, from old minutes. */
async function enteredOutOfOrder() {
  const world = await makeAdminApp();
  const groupId = createGroup(world.db, { name: 'Rada', slug: 'rada' });
  const eleventh = createMeeting(world.db, { leadGroupId: groupId, number: 11, status: 'held', startsAt: '2019-05-14T08:00:00Z', endsAt: null });
  setMinutesPublished(world.db, eleventh, true, now());
  const page = async () => (await request(world.app).get(`/meetings/${eleventh}`).expect(200)).text;
  return { world, groupId, eleventh, page };
}

describe('continuity follows the meetings\' dates, and published minutes do not change by themselves', () => {
  it('adds nothing to the Kontrola úkolů of published minutes when an older meeting and its tasks are entered later', async () => {
    const { world, groupId, eleventh, page } = await enteredOutOfOrder();
    const before = await page();
    const beforePdf = (await pdfText((await getBytes(request(world.app), `/meetings/${eleventh}.pdf`)).body)).text;
    const tenth = createMeeting(world.db, { leadGroupId: groupId, number: 10, status: 'held', startsAt: '2019-03-12T08:00:00Z', endsAt: null });
    createActionItem(world.db, tenth, { text: 'Připravit rozpočet na rok 2020', ownerIds: [createPerson(world.db)] });
    setMinutesPublished(world.db, tenth, true, now());
    const after = await page();
    expect(after).not.to.contain('Připravit rozpočet na rok 2020');
    // The zápis itself is as it was; only the navigation beside it learns of the older meeting.
    const zapis = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</article>'));
    expect(zapis(after)).to.equal(zapis(before));
    expect((await pdfText((await getBytes(request(world.app), `/meetings/${eleventh}.pdf`)).body)).text).to.equal(beforePdf);
    expect((await request(world.app).get(`/meetings/${eleventh}.md`).expect(200)).text).not.to.contain('rozpočet');
    // The secretary may still review it there: the form offers it, and once recorded it is part of those minutes.
    const form = await world.admin.get(`/meetings/${eleventh}/review`).expect(200);
    expect(form.text).to.contain('Připravit rozpočet na rok 2020');
  });

  it('asks for the number of a meeting older than the group\'s latest, instead of numbering it after the newest', async () => {
    const { world, groupId } = await enteredOutOfOrder();
    const form = { leadGroupId: String(groupId), number: '', title: '', date: '2019-03-12', startTime: '9:00', endTime: '', status: 'held' };
    const refused = await world.admin.post('/meetings').type('form').send(form).expect(422);
    expect(fieldError(refused.text, 'number')).to.contain('napište je, jak je uvedeno v zápisu');
    expect(countRows(world.db, 'meetings')).to.equal(1);
    const created = await world.admin.post('/meetings').type('form').send({ ...form, number: '10' }).expect(303);
    const id = Number(/\/meetings\/(\d+)/.exec(created.headers.location)?.[1]);
    expect(findMeeting(world.db, id)).to.include({ number: 10 });
    // A meeting after the latest one is still numbered next by itself.
    const next = await world.admin.post('/meetings').type('form').send({ ...form, date: '2019-06-11' }).expect(303);
    expect(findMeeting(world.db, Number(/\/meetings\/(\d+)/.exec(next.headers.location)?.[1]))).to.include({ number: 12 });
  });
});
