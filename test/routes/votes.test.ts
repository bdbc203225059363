import { expect } from 'chai';
import request from 'supertest';
import { setAttendanceBySheet } from '../../src/db/attendance.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { getBytes, pdfText } from '../export/binary.js';
import { listResolutionsOfMeeting } from '../../src/db/resolutions.js';
import { createAgendaItem, createAttendance, createGroup, createMeeting, now } from '../factories.js';
import { countRows, fieldError, makeAdminApp } from '../helpers.js';

/** A meeting where four voting members came, one was excused, and a guest without a vote came too. */
async function meetingOfFour() {
  const world = await makeAdminApp();
  const meeting = createMeeting(world.db, { leadGroupId: createGroup(world.db), status: 'held' });
  for (let n = 0; n < 4; n++) createAttendance(world.db, meeting);
  createAttendance(world.db, meeting, { status: 'excused' });
  createAttendance(world.db, meeting, { kind: 'guest', voting: false });
  const post = (body: Record<string, string>) => world.admin.post(`/meetings/${meeting}/resolutions`).type('form').send({ text: 'Skupina schvaluje program jednání.', ...body });
  const votes = () => listResolutionsOfMeeting(world.db, meeting).map((r) => [r.votesFor, r.votesAgainst, r.votesAbstain]);
  return { world, meeting, post, votes };
}

describe('resolutions: the vote as the minutes state it', () => {
  it('refuses more votes than voting members present until the secretary confirms them, keeping what was typed', async () => {
    const { world, post, votes } = await meetingOfFour();
    const refused = await post({ votesFor: '7', votesAgainst: '0', votesAbstain: '0', outcome: 'adopted' }).expect(422);
    expect(fieldError(refused.text, 'votesFor')).to.contain('Hlasů je víc, než kolik bylo přítomno členů');
    expect(refused.text).to.contain('name="confirmVotes"').and.to.contain('Skupina schvaluje program jednání.').and.to.match(/name="votesFor"[^>]*value="7"/);
    expect(countRows(world.db, 'resolutions')).to.equal(0);
    await post({ votesFor: '7', votesAgainst: '0', votesAbstain: '0', outcome: 'adopted', confirmVotes: '1' }).expect(303);
    await post({ votesFor: '3', votesAgainst: '1', votesAbstain: '0', outcome: 'adopted' }).expect(303);
    expect(votes()).to.deep.equal([[7, 0, 0], [3, 1, 0]]);
  });

  it('takes "jednomyslně" as all voting members present for it, and refuses it with votes against', async () => {
    const { post, votes } = await meetingOfFour();
    await post({ unanimous: '1', outcome: 'adopted' }).expect(303);
    const refused = await post({ unanimous: '1', votesAgainst: '1', outcome: 'adopted' }).expect(422);
    expect(fieldError(refused.text, 'votesAgainst')).to.contain('nemá hlasy proti');
    expect(votes()).to.deep.equal([[4, 0, 0]]);
  });

  it('does not check the count against attendance "dle prezenční listiny", and asks for it when "jednomyslně" has none', async () => {
    const { world, meeting, post, votes } = await meetingOfFour();
    setAttendanceBySheet(world.db, meeting, true);
    await post({ votesFor: '25', votesAgainst: '0', votesAbstain: '0', outcome: 'adopted' }).expect(303);
    const refused = await post({ unanimous: '1', outcome: 'adopted' }).expect(422);
    expect(fieldError(refused.text, 'votesFor')).to.contain('napište, kolik hlasovalo pro');
    await post({ unanimous: '1', votesFor: '25', outcome: 'adopted' }).expect(303);
    expect(votes()).to.deep.equal([[25, 0, 0], [25, 0, 0]]);
  });

  it('chooses no outcome for the secretary: the new form has none selected, and one must be chosen', async () => {
    const { world, meeting, post } = await meetingOfFour();
    const form = await world.admin.get(`/meetings/${meeting}/resolutions/new`).expect(200);
    expect(form.text).to.match(/<option value="" selected>|<option value="">— vyberte, jak hlasování dopadlo —/);
    expect(form.text).not.to.match(/<option value="adopted" selected>/);
    const refused = await post({ votesFor: '4' }).expect(422);
    expect(fieldError(refused.text, 'outcome')).to.equal('Vyberte jednu z nabízených možností.');
  });
});

describe('resolutions of no agenda item stand where they were adopted', () => {
  it('puts "schvaluje program jednání", adopted before item 1, before item 1 in the page, PDF and Markdown', async function () {
    this.timeout(20_000);
    const world = await makeAdminApp();
    const meeting = createMeeting(world.db, { leadGroupId: createGroup(world.db), status: 'held', title: 'Zasedání rady' });
    const first = createAgendaItem(world.db, meeting, { title: 'Rozpočet na rok 2020' });
    setMinutesPublished(world.db, meeting, true, now());
    const post = (body: Record<string, string>) => world.admin.post(`/meetings/${meeting}/resolutions`).type('form').send({ outcome: 'adopted', ...body }).expect(303);
    await post({ text: 'Rada schvaluje program jednání.', agendaItemId: 'start' });
    await post({ text: 'Rada schvaluje rozpočet.', agendaItemId: String(first) });
    await post({ text: 'Rada děkuje hostům.', agendaItemId: '' });
    const order = (text: string) => ['schvaluje program', 'Rozpočet na rok 2020', 'schvaluje rozpočet', 'děkuje hostům'].map((needle) => text.indexOf(needle));
    const ascending = (positions: number[]) => positions.every((at, i) => at >= 0 && (i === 0 || at > positions[i - 1]));
    const page = (await request(world.app).get(`/meetings/${meeting}`).expect(200)).text;
    const proceedings = page.slice(page.indexOf('id="proceedings-heading"'));
    expect(ascending(order(proceedings)), 'page').to.equal(true);
    expect(proceedings).to.match(/Usnesení č\.\s*1\/\d{4}[\s\S]*schvaluje program[\s\S]*Usnesení č\.\s*2\/\d{4}/);
    const pdf = (await pdfText((await getBytes(request(world.app), `/meetings/${meeting}.pdf`)).body)).text;
    expect(ascending(order(pdf.slice(pdf.indexOf('Průběh jednání')))), 'PDF').to.equal(true);
    const md = (await request(world.app).get(`/meetings/${meeting}.md`).expect(200)).text;
    expect(ascending(order(md.slice(md.indexOf('## Průběh jednání')))), 'Markdown').to.equal(true);
    const [program] = listResolutionsOfMeeting(world.db, meeting).filter((r) => r.text.includes('program'));
    const form = await world.admin.get(`/meetings/${meeting}/resolutions/${program.id}/edit`).expect(200);
    expect(form.text).to.match(/<option value="start" selected>/);
  });
});

describe('resolution labels as the minutes write them', () => {
  it('numbers by the meeting ("94/1"), keeps labels when the pattern changes, takes a label as written, and prints none for unnumbered ones', async function () {
    this.timeout(20_000);
    const world = await makeAdminApp();
    const senate = createGroup(world.db, { name: 'Akademický senát', slug: 'senat', resolutionPattern: '{meeting}/{i}' });
    const meeting = createMeeting(world.db, { leadGroupId: senate, number: 94, status: 'held', title: '94. zasedání senátu' });
    setMinutesPublished(world.db, meeting, true, now());
    const post = (body: Record<string, string>) => world.admin.post(`/meetings/${meeting}/resolutions`).type('form').send({ outcome: 'adopted', ...body });
    await post({ text: 'Senát schvaluje program.' }).expect(303);
    await post({ text: 'Senát volí předsedu.' }).expect(303);
    await post({ text: 'Senát bere na vědomí zprávu.', label: 'SR1/č. 1' }).expect(303);
    await post({ text: 'Senát děkuje děkanovi.', unnumbered: '1' }).expect(303);
    const refused = await post({ text: 'Totéž číslo', label: '94/1' }).expect(422);
    expect(fieldError(refused.text, 'label')).to.contain('už má jiné usnesení');
    expect(listResolutionsOfMeeting(world.db, meeting).map((r) => r.label)).to.deep.equal(['94/1', '94/2', 'SR1/č. 1', '']);
    world.db.prepare("UPDATE groups SET resolution_pattern = '{n}/{yyyy}' WHERE id = ?").run(senate);
    const page = (await request(world.app).get(`/meetings/${meeting}`).expect(200)).text;
    expect(page).to.contain('Usnesení č. 94/1').and.to.contain('Usnesení č. 94/2').and.to.contain('Usnesení SR1/č. 1').and.not.to.contain('č. SR1/č.');
    expect(page).not.to.match(/Usnesení č\.\s*<\//);
    const pdf = (await pdfText((await getBytes(request(world.app), `/meetings/${meeting}.pdf`)).body)).text;
    expect(pdf).to.contain('Usnesení č. 94/1').and.to.contain('Usnesení SR1/č. 1').and.not.to.contain('č. SR1');
    expect(pdf).not.to.match(/Usnesení č\.\s+Senát děkuje/);
  });
});

describe('tasks whose owner is no one of the directory', () => {
  it('takes "všichni členové PS" as written, and the zápis, PDF and Markdown name it so', async function () {
    this.timeout(20_000);
    const world = await makeAdminApp();
    const meeting = createMeeting(world.db, { leadGroupId: createGroup(world.db), status: 'held', title: 'Zasedání' });
    setMinutesPublished(world.db, meeting, true, now());
    const refused = await world.admin.post(`/meetings/${meeting}/action-items`).type('form').send({ text: 'Nikdo' }).expect(422);
    expect(fieldError(refused.text, 'ownerIds')).to.be.a('string').and.not.equal('');
    await world.admin.post(`/meetings/${meeting}/action-items`).type('form')
      .send({ text: 'Zaslat připomínky ke strategii', responsibleText: 'všichni členové PS', dueDate: '2019-04-15' }).expect(303);
    const page = (await request(world.app).get(`/meetings/${meeting}`).expect(200)).text;
    expect(page).to.contain('všichni členové PS');
    expect((await pdfText((await getBytes(request(world.app), `/meetings/${meeting}.pdf`)).body)).text).to.contain('všichni členové PS');
    expect((await request(world.app).get(`/meetings/${meeting}.md`).expect(200)).text).to.contain('všichni členové PS');
  });
});
