import { expect } from 'chai';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { getBytes, pdfText, unzipEntry } from '../export/binary.js';
import { createActionItem, createAgendaItem, createGroup, createMeeting, now } from '../factories.js';
import { makeApp, signIn } from '../helpers.js';

/**
 * A joint meeting led by a members-only group, its title left empty: the members of its public
 * partner group read it, but nothing they get names the hidden group, gives its short name or
 * says how many meetings it held (the default title would: "4. setkání Tajné skupiny R").
 */
describe('a joint meeting led by a group hidden from its partners', () => {
  it('shows the partner group’s members no name, short name or count of the hidden group, anywhere', async () => {
    const world = makeApp({ BASE_URL: 'http://zapisnik.example.cz' });
    const { db } = world;
    const hidden = createGroup(db, { name: 'Tajná skupina R', nameGenitive: 'Tajné skupiny R', shortName: 'TSR', slug: 'tajna-r', visibility: 'members' });
    const partner = createGroup(db, { name: 'Veřejná skupina', shortName: 'VS', slug: 'verejna' });
    for (let number = 1; number <= 3; number++) createMeeting(db, { leadGroupId: hidden, number });
    const joint = createMeeting(db, { leadGroupId: hidden, number: 4, groupIds: [partner], status: 'held', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    const item = createAgendaItem(db, joint, { title: 'Společný bod' });
    db.prepare('UPDATE agenda_items SET proceedings = ? WHERE id = ?').run('Zápis společného jednání.', item);
    setMinutesPublished(db, joint, true, now());
    const member = await signIn(world, { roles: [{ groupId: partner, role: 'member' }] });
    const personId = (db.prepare('SELECT person_id AS id FROM accounts ORDER BY id DESC LIMIT 1').get() as { id: number }).id;
    const task = createActionItem(db, joint, { text: 'Společný úkol', ownerIds: [personId], dueDate: '2030-01-01' });
    const token = /\/calendar\/([A-Za-z0-9_-]+)\.ics/.exec((await member.post('/account/calendar').expect(200)).text)?.[1];

    const texts: [string, string][] = [];
    for (const url of ['/', '/groups/verejna', `/meetings/${joint}`, `/meetings/${joint}.md`, `/meetings/${joint}.ics`, `/meetings/${joint}/invitation`, `/meetings/${joint}/invitation.txt`, `/meetings/${joint}/attendance-sheet`, '/groups/verejna/calendar.ics', `/calendar/${token}.ics`, `/action-items/${task}`, '/tasks']) {
      const res = await member.get(url).expect(200);
      texts.push([url, res.text]);
      if (res.headers['content-disposition']) texts.push([`${url} (file name)`, decodeURIComponent(String(res.headers['content-disposition']))]);
    }
    for (const url of [`/meetings/${joint}.pdf`, `/meetings/${joint}/attendance-sheet.pdf`]) {
      const res = await getBytes(member, url);
      texts.push([url, (await pdfText(res.body)).text], [`${url} (file name)`, decodeURIComponent(String(res.headers['content-disposition']))]);
    }
    const docx = await getBytes(member, `/meetings/${joint}.docx`);
    texts.push([`/meetings/${joint}.docx`, (unzipEntry(docx.body, 'word/document.xml') ?? '').replace(/<[^>]+>/g, '')], ['docx (file name)', decodeURIComponent(String(docx.headers['content-disposition']))]);

    const leaks = texts.flatMap(([url, text]) => ['Tajná skupina', 'Tajné skupiny', 'TSR', 'tajna-r', '4. setkání'].filter((secret) => text.includes(secret)).map((secret) => `${url}: ${secret}`));
    expect(leaks).to.deep.equal([]);
    // What they read instead, and that the minutes themselves are there.
    expect(texts.find(([url]) => url === `/meetings/${joint}`)?.[1]).to.contain('Zápis – Společné setkání skupin').and.to.contain('Zápis společného jednání.');

    // Its own members read its name and number.
    const own = await signIn(world, { roles: [{ groupId: hidden, role: 'member' }] });
    expect((await own.get(`/meetings/${joint}`).expect(200)).text).to.contain('Zápis ze 4. setkání Tajné skupiny R');
  });
});
