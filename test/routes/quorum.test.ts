import { expect } from 'chai';
import request from 'supertest';
import { setAttendanceBySheet } from '../../src/db/attendance.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { createAttendance, createGroup, createMeeting, createMembership, createPerson, now } from '../factories.js';
import { csrfFrom, fieldError, makeAdminApp, signIn } from '../helpers.js';
import { getBytes, pdfText } from '../export/binary.js';

/** A senate meeting whose minutes are published; who came is recorded later by each test. */
async function senate() {
  const world = await makeAdminApp();
  const meeting = createMeeting(world.db, { leadGroupId: createGroup(world.db, { name: 'Akademický senát' }), status: 'held', title: 'Zasedání senátu' });
  setMinutesPublished(world.db, meeting, true, now());
  const page = async () => (await request(world.app).get(`/meetings/${meeting}`).expect(200)).text;
  const save = async (body: Record<string, string>, status = 303) => {
    const editor = await world.admin.get(`/meetings/${meeting}/attendance`).expect(200);
    return world.admin.post(`/meetings/${meeting}/attendance`).type('form').send({ _csrf: csrfFrom(editor.text), ...body }).expect(status);
  };
  return { world, meeting, page, save };
}

describe('the quorum as the minutes state it', () => {
  it('claims nothing from a list "dle prezenční listiny" or one with members unmarked, where it printed "1 z 5" in red', async () => {
    const { world, meeting, page } = await senate();
    createAttendance(world.db, meeting);
    for (let n = 0; n < 4; n++) createAttendance(world.db, meeting, { status: 'expected' });
    expect(await page()).not.to.contain('Usnášeníschopnost');
    setAttendanceBySheet(world.db, meeting, true);
    expect(await page()).not.to.contain('Usnášeníschopnost');
  });

  it('works it out from a complete list, and prints what the secretary recorded from the minutes instead', async () => {
    const { world, meeting, page, save } = await senate();
    for (let n = 0; n < 3; n++) createAttendance(world.db, meeting);
    createAttendance(world.db, meeting, { status: 'excused' });
    expect(await page()).to.contain('přítomno 3 z 4 členů s hlasem — splněno');
    // A board that stated "6 z 9" is printed as it stated it, not "3 z 3".
    await save({ bySheet: '1', quorumPresent: '6', quorumTotal: '9', quorate: 'yes' });
    const stated = await page();
    expect(stated).to.contain('Usnášeníschopnost: přítomno 6 z 9 členů s hlasem — jednání bylo usnášeníschopné').and.not.to.contain('3 z 4');
    const pdf = (await pdfText((await getBytes(request(world.app), `/meetings/${meeting}.pdf`)).body)).text;
    expect(pdf).to.contain('přítomno 6 z 9 členů s hlasem — jednání bylo usnášeníschopné');
    // Only the verdict, or only the count: each as stated, nothing added.
    await save({ bySheet: '1', quorumPresent: '', quorumTotal: '', quorate: 'yes' });
    expect(await page()).to.contain('Usnášeníschopnost: jednání bylo usnášeníschopné');
    await save({ bySheet: '1', quorumPresent: '25', quorumTotal: '31', quorate: '' });
    const count = await page();
    expect(count).to.contain('Usnášeníschopnost: přítomno 25 z 31 členů s hlasem').and.not.to.contain('usnášeníschopné').and.not.to.contain('quorum--not-met');
  });

  it('refuses more present than in all, keeping what was typed', async () => {
    const { save } = await senate();
    const refused = await save({ bySheet: '1', quorumPresent: '10', quorumTotal: '9' }, 422);
    expect(fieldError(refused.text, 'quorumPresent')).to.equal('Přítomných nemůže být víc než členů celkem.');
    expect(refused.text).to.match(/name="quorumTotal"[^>]*value="9"/);
  });
});

describe('joint meetings: the members of every group', () => {
  it('lists the partner groups\' members as members, not as people invited, and the lead group\'s secretary records them', async () => {
    const world = await makeAdminApp();
    const lead = createGroup(world.db, { name: 'PS Sociální služby' });
    const partner = createGroup(world.db, { name: 'PS Zaměstnanost' });
    const ours = createPerson(world.db, { name: 'Jana Nováková' });
    const theirs = createPerson(world.db, { name: 'Petr Svoboda' });
    createMembership(world.db, { groupId: lead, personId: ours });
    createMembership(world.db, { groupId: partner, personId: theirs });
    const meeting = createMeeting(world.db, { leadGroupId: lead, groupIds: [partner], status: 'held', title: 'Společné setkání' });
    setMinutesPublished(world.db, meeting, true, now());
    const secretary = await signIn(world, { roles: [{ groupId: lead, role: 'secretary' }] });
    const editor = await secretary.get(`/meetings/${meeting}/attendance`).expect(200);
    expect(editor.text).to.contain('Petr Svoboda').and.to.contain('Jana Nováková');
    const fields = Object.fromEntries([...editor.text.matchAll(/name="(status-p\d+)"/g)].map((m) => [m[1], 'present']));
    expect(Object.keys(fields)).to.have.length(3);
    await secretary.post(`/meetings/${meeting}/attendance`).type('form').send({ _csrf: csrfFrom(editor.text), ...fields }).expect(303);
    const page = (await request(world.app).get(`/meetings/${meeting}`).expect(200)).text;
    expect(page).to.match(/Přítomni[\s\S]*Jana Nováková[\s\S]*Petr Svoboda|Přítomni[\s\S]*Petr Svoboda[\s\S]*Jana Nováková/);
    expect(page).not.to.contain('Přizván');
    expect(page).to.contain('přítomno 3 z 3 členů s hlasem — splněno');
  });
});
