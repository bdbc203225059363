import { expect } from 'chai';
import request from 'supertest';
import { attendanceBySheet, attendanceCounts, listAttendance, listExpectedMembers, quorum, saveStatuses } from '../../src/db/attendance.js';
import type { AttendanceRow, AttendanceStatus } from '../../src/db/attendance.js';
import { findGroup } from '../../src/db/groups.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import type { Db } from '../../src/db/index.js';
import { findPerson, updatePerson } from '../../src/db/people.js';
import { cs } from '../../src/i18n/cs.js';
import { formatDateLong, formatTime } from '../../src/i18n/dates.js';
import { translator } from '../../src/i18n/index.js';
import { createAttendance, createGroup, createMeeting, createMembership, createOrganisation, createPerson, now } from '../factories.js';
import { findMeetingDetail } from '../../src/db/meetings.js';
import { meetingDate } from '../../src/clock.js';
import { presentZapis } from '../../src/zapis/present.js';
import { loadZapis } from '../../src/zapis/record.js';
import { wordsFor } from '../../src/zapis/words.js';
import { langOf } from '../../src/i18n/index.js';
import { countRows, fieldError, makeAdminApp, makeApp, signIn } from '../helpers.js';
import type { TestAgent, TestWorld } from '../helpers.js';

const zone = 'Europe/Prague';

/** The organisation of this name, made on first use (names are unique). */
const organisation = (db: Db, name: string, shortName: string): number =>
  (db.prepare('SELECT id FROM organisations WHERE name = ?').get(name) as { id: number } | undefined)?.id ?? createOrganisation(db, { name, shortName });

/**
 * A group of nine voting members (a chair, a secretary, seven members) and a standing guest, with a
 * former member whose membership ended before the meeting; the meeting was held on 20. 3. 2018.
 */
function groupWithMeeting(db: Db, overrides: { visibility?: 'public' | 'members'; quorumPercent?: number } = {}) {
  const annolk = organisation(db, 'Asociace nestátních neziskových organizací Libereckého kraje', 'ANNOLK');
  const tul = organisation(db, 'Technická univerzita v Liberci', 'TUL');
  const kraj = organisation(db, 'Krajský úřad Libereckého kraje', 'KÚ LK');
  const groupId = createGroup(db, { name: 'Sociální služby', visibility: overrides.visibility ?? 'public', quorumPercent: overrides.quorumPercent });
  const person = (name: string, organisationId: number, title = '') => createPerson(db, { name, title, organisationId });
  const people = {
    novakova: person('Jana Nováková', annolk, 'Mgr.'),
    novak: person('Jan Novák', tul),
    veleminska: person('Hana Velemínská', kraj, 'Mgr.'),
    others: ['Petr Dvořák', 'Eva Svobodová', 'Karel Černý', 'Lucie Malá', 'Tomáš Veselý', 'Alena Horáková'].map((name) => person(name, annolk)),
    guest: person('Marie Hostová', tul),
    former: person('Bývalý Člen', tul),
  };
  createMembership(db, { groupId, personId: people.novakova, role: 'chair' });
  createMembership(db, { groupId, personId: people.novak, role: 'secretary' });
  createMembership(db, { groupId, personId: people.veleminska, role: 'member', since: '2017-01-01' });
  for (const personId of people.others) createMembership(db, { groupId, personId, role: 'member' });
  createMembership(db, { groupId, personId: people.guest, role: 'guest' });
  createMembership(db, { groupId, personId: people.former, role: 'member', until: '2018-01-31' });
  const meetingId = createMeeting(db, { leadGroupId: groupId, number: 10, status: 'held' });
  return { groupId, meetingId, people, organisations: { annolk, tul, kraj } };
}

/** The editor's form as loaded: every row's status and version, overridden per person id. */
function statusForm(rows: readonly AttendanceRow[], byPerson: Record<number, AttendanceStatus>, extra: Record<string, string> = {}): Record<string, string> {
  const body: Record<string, string> = { ...extra };
  for (const row of rows) {
    body[`status-${row.id}`] = byPerson[row.personId] ?? row.status;
    body[`version-${row.id}`] = String(row.version);
  }
  return body;
}

/** The editor's form before anything is stored: the members of the day, by person (the save stores them). */
function expectedForm(db: Db, meetingId: number, byPerson: Record<number, AttendanceStatus>, extra: Record<string, string> = {}): Record<string, string> {
  const meeting = findMeetingDetail(db, meetingId);
  if (!meeting) throw new Error(`no meeting ${meetingId}`);
  const body: Record<string, string> = { ...extra };
  for (const row of listExpectedMembers(db, meetingId, meetingDate(meeting))) body[`status-p${row.personId}`] = byPerson[row.personId] ?? row.status;
  return body;
}

/** Opens the editor (which shows the members) and saves these statuses. */
async function record(agent: TestAgent, db: Db, meetingId: number, byPerson: Record<number, AttendanceStatus>, extra: Record<string, string> = {}) {
  await agent.get(`/meetings/${meetingId}/attendance`).expect(200);
  const rows = listAttendance(db, meetingId);
  return agent.post(`/meetings/${meetingId}/attendance`).type('form').send(rows.length ? statusForm(rows, byPerson, extra) : expectedForm(db, meetingId, byPerson, extra));
}

/** The zápis's attendance block as the meeting page includes it (the presenter's section), in Czech. */
function renderBlock(world: TestWorld, meetingId: number, canWrite = false): Promise<string> {
  const meeting = findMeetingDetail(world.db, meetingId);
  if (!meeting) throw new Error(`no meeting ${meetingId}`);
  const admin = { kind: 'account', accountId: 0, personId: 0, name: '', isAdmin: true, roles: new Map() } as const;
  const z = presentZapis(loadZapis(world.db, meeting, admin), admin, langOf('cs'), '2018-03-20');
  const locals = { section: z.attendance, canWrite, meetingId, unmarked: canWrite ? z.attendanceUnmarked : null, t: translator('cs'), zapis: wordsFor('cs'), locale: 'cs' };
  return new Promise((resolve, reject) => world.app.render('attendance/_block', locals, (error, html) => (error ? reject(error) : resolve(html))));
}

/** The text after "<dt>{heading}:</dt>" in the block, or undefined when the line is not there. */
const line = (html: string, heading: string): string | undefined => new RegExp(`<dt>${heading}:</dt>\\s*<dd>([^<]*)</dd>`).exec(html)?.[1];

const statusesOf = (db: Db, meetingId: number) => Object.fromEntries(listAttendance(db, meetingId).map((row) => [row.personId, row.status]));

describe('attendance', () => {
  describe('the editor', () => {
    it('shows the members current on the day as expected, stores them with the first save, once, with the standing guest as a guest', async () => {
      const { db, admin } = await makeAdminApp();
      const { meetingId, people } = groupWithMeeting(db);
      const page = await admin.get(`/meetings/${meetingId}/attendance`).expect(200);
      // Reading never writes: the list is stored when the secretary first saves it.
      expect(countRows(db, 'attendance')).to.equal(0);
      await record(admin, db, meetingId, {}).then((res) => expect(res.status).to.equal(303));
      await record(admin, db, meetingId, {}).then((res) => expect(res.status).to.equal(303));
      const rows = listAttendance(db, meetingId);
      expect(rows).to.have.length(10);
      expect(rows.every((row) => row.status === 'expected')).to.equal(true);
      expect(rows.filter((row) => row.kind === 'member' && row.voting)).to.have.length(9);
      expect(rows.find((row) => row.personId === people.guest)).to.include({ kind: 'guest', voting: false });
      expect(rows.some((row) => row.personId === people.former)).to.equal(false);
      expect(page.text).to.contain('Mgr. Jana Nováková (ANNOLK)');
      expect(page.text).to.contain('Usnášeníschopnost: přítomno 0 z 9 členů s hlasem — nesplněno (potřeba více než polovina)');
      expect(page.text).to.contain('Přítomni dle prezenční listiny');
      expect(page.text).to.contain(`href="/meetings/${meetingId}/attendance-sheet"`);
    });

    it('saves present, excused and absent, and the zápis names them in the Czech way', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const { meetingId, people } = groupWithMeeting(db);
      const res = await record(admin, db, meetingId, { [people.novakova]: 'present', [people.novak]: 'present', [people.veleminska]: 'excused', [people.others[0]]: 'absent' });
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal(`/meetings/${meetingId}/attendance`);
      expect(statusesOf(db, meetingId)).to.include({ [people.novakova]: 'present', [people.veleminska]: 'excused', [people.others[0]]: 'absent', [people.others[1]]: 'expected' });
      const html = await renderBlock(world, meetingId, true);
      // Each label agrees with the people it names: a man and a woman are "Přítomni", one woman "Omluvena", one man "Nepřítomen".
      expect(line(html, 'Přítomni')).to.equal('Jan Novák (TUL), Mgr. Jana Nováková (ANNOLK)');
      expect(line(html, 'Omluvena')).to.equal('Mgr. Hana Velemínská (KÚ LK)');
      expect(line(html, 'Nepřítomen')).to.equal('Petr Dvořák (ANNOLK)');
      expect(line(html, 'Host')).to.equal(undefined);
      // Five members are not marked yet: no quorum is claimed from an incomplete list (issue 11).
      expect(html).not.to.contain('Usnášeníschopnost');
      const rest = Object.fromEntries(listAttendance(db, meetingId).filter((row) => row.status === 'expected' && row.kind === 'member').map((row) => [row.personId, 'absent' as const]));
      await record(admin, db, meetingId, rest).then((saved) => expect(saved.status).to.equal(303));
      expect(await renderBlock(world, meetingId, true)).to.contain('Usnášeníschopnost: přítomno 2 z 9 členů s hlasem — nesplněno (potřeba více než polovina)');
      expect(html).to.contain(`href="/meetings/${meetingId}/attendance">Upravit prezenci</a>`);
      expect(html).to.contain(`href="/meetings/${meetingId}/attendance-sheet">Prezenční listina</a>`);
      // Readers get the record, not the links to change it.
      expect(await renderBlock(world, meetingId, false)).not.to.contain('Upravit prezenci');
    });

    it('adds guests and invited people from the directory', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const { meetingId, organisations } = groupWithMeeting(db);
      await admin.get(`/meetings/${meetingId}/attendance`).expect(200);
      const guest = createPerson(db, { name: 'Ondřej Host', organisationId: organisations.tul });
      const invited = createPerson(db, { name: 'Iva Přizvaná', title: 'Ing.', organisationId: organisations.kraj });
      const res = await admin.post(`/meetings/${meetingId}/attendance/add`).type('form').send({ personId: String(guest), kind: 'guest', status: 'present' }).expect(303);
      expect(res.headers.location).to.match(new RegExp(`^/meetings/${meetingId}/attendance#attendance-\\d+$`));
      await admin.post(`/meetings/${meetingId}/attendance/add`).type('form').send({ personId: String(invited), kind: 'invited', status: 'present' }).expect(303);
      const rows = listAttendance(db, meetingId);
      expect(rows.find((row) => row.personId === guest)).to.include({ kind: 'guest', status: 'present', voting: false, organisationId: organisations.tul });
      const html = await renderBlock(world, meetingId);
      expect(line(html, 'Host')).to.equal('Ondřej Host (TUL)');
      expect(line(html, 'Přizvána')).to.equal('Ing. Iva Přizvaná (KÚ LK)');
      // Someone listed already is not listed twice.
      const again = await admin.post(`/meetings/${meetingId}/attendance/add`).type('form').send({ personId: String(guest), kind: 'invited', status: 'present' }).expect(422);
      expect(fieldError(again.text, 'personId')).to.equal(cs['attendance.alreadyListed']);
      expect(listAttendance(db, meetingId)).to.have.length(rows.length);
    });

    it('adds a new person on the spot with a new organisation, in one go', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const { meetingId, organisations } = groupWithMeeting(db);
      const before = { people: countRows(db, 'people'), organisations: countRows(db, 'organisations') };
      await admin
        .post(`/meetings/${meetingId}/attendance/new-person`)
        .type('form')
        .send({ name: 'Petra Nová', organisationName: 'Nadace Nový směr', kind: 'guest', status: 'present' })
        .expect(303);
      expect(countRows(db, 'people')).to.equal(before.people + 1);
      expect(countRows(db, 'organisations')).to.equal(before.organisations + 1);
      const row = listAttendance(db, meetingId).find((r) => r.name === 'Petra Nová');
      expect(row).to.include({ kind: 'guest', status: 'present', organisationName: 'Nadace Nový směr' });
      expect(findPerson(db, row?.personId ?? 0)?.organisationId).to.equal(row?.organisationId);
      expect(line(await renderBlock(world, meetingId), 'Host')).to.equal('Petra Nová (Nadace Nový směr)');
      // A typed name of an organisation that exists (in any case) is that organisation, not a second one.
      await admin
        .post(`/meetings/${meetingId}/attendance/new-person`)
        .type('form')
        .send({ name: 'Pavel Technik', organisationName: 'technická univerzita v liberci', kind: 'invited', status: 'present' })
        .expect(303);
      expect(countRows(db, 'organisations')).to.equal(before.organisations + 1);
      expect(listAttendance(db, meetingId).find((r) => r.name === 'Pavel Technik')?.organisationId).to.equal(organisations.tul);
    });

    it('lists a substitute "X za Y" and counts them once, for the member they stand in for', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const { meetingId, people, organisations } = groupWithMeeting(db);
      const present = Object.fromEntries([people.novakova, people.novak, people.others[0], people.others[1]].map((id) => [id, 'present' as const]));
      await record(admin, db, meetingId, { ...present, [people.veleminska]: 'excused' }).then((res) => expect(res.status).to.equal(303));
      expect(quorum(db, meetingId)).to.deep.equal({ present: 4, total: 9, percent: 50, met: false });
      const kujanova = createPerson(db, { name: 'Jana Kujanová', organisationId: organisations.kraj });
      await admin
        .post(`/meetings/${meetingId}/attendance/add`)
        .type('form')
        .send({ personId: String(kujanova), kind: 'substitute', status: 'present', substituteForPersonId: String(people.veleminska) })
        .expect(303);
      expect(quorum(db, meetingId)).to.deep.equal({ present: 5, total: 9, percent: 50, met: true });
      const html = await renderBlock(world, meetingId);
      // Members by surname (Czech order), then the substitute.
      expect(line(html, 'Přítomni')).to.equal('Petr Dvořák (ANNOLK), Jan Novák (TUL), Mgr. Jana Nováková (ANNOLK), Eva Svobodová (ANNOLK), Jana Kujanová (KÚ LK) (zastupuje: Mgr. Hana Velemínská)');
      expect(line(html, 'Omluvena')).to.equal('Mgr. Hana Velemínská (KÚ LK)');
      // The member comes after all: still one vote, not two.
      const rows = listAttendance(db, meetingId);
      const veleminska = rows.find((row) => row.personId === people.veleminska);
      expect(saveStatuses(db, meetingId, [{ id: veleminska?.id ?? 0, status: 'present', version: veleminska?.version ?? 0 }], now()).saved).to.equal(true);
      expect(quorum(db, meetingId)).to.include({ present: 5, total: 9 });
      const editor = await admin.get(`/meetings/${meetingId}/attendance`).expect(200);
      expect(editor.text).to.contain('Usnášeníschopnost: přítomno 5 z 9 členů s hlasem — splněno (potřeba více než polovina)');
    });

    it('requires a substitute to stand in for a listed member', async () => {
      const { db, admin } = await makeAdminApp();
      const { meetingId, people } = groupWithMeeting(db);
      await admin.get(`/meetings/${meetingId}/attendance`).expect(200);
      const before = countRows(db, 'attendance');
      const substitute = String(createPerson(db));
      const missing = await admin.post(`/meetings/${meetingId}/attendance/add`).type('form').send({ personId: substitute, kind: 'substitute', status: 'present' }).expect(422);
      expect(fieldError(missing.text, 'substituteForPersonId')).to.equal(cs['attendance.substituteForRequired']);
      const guestRole = await admin
        .post(`/meetings/${meetingId}/attendance/add`)
        .type('form')
        .send({ personId: substitute, kind: 'substitute', status: 'present', substituteForPersonId: String(people.guest) })
        .expect(422);
      expect(fieldError(guestRole.text, 'substituteForPersonId')).to.equal(cs['validation.unknownReference']);
      expect(countRows(db, 'attendance')).to.equal(before);
    });

    it('has a quorum with more than half the voting members present: 5 of 9, not 4 of 9', async () => {
      const { db, admin } = await makeAdminApp();
      const { meetingId, people } = groupWithMeeting(db);
      const five = [people.novakova, people.novak, ...people.others.slice(0, 3)];
      await record(admin, db, meetingId, Object.fromEntries(five.slice(0, 4).map((id) => [id, 'present' as const])));
      expect(quorum(db, meetingId)).to.deep.equal({ present: 4, total: 9, percent: 50, met: false });
      await record(admin, db, meetingId, Object.fromEntries(five.map((id) => [id, 'present' as const])));
      expect(quorum(db, meetingId)).to.deep.equal({ present: 5, total: 9, percent: 50, met: true });
      // A guest present counts for nobody.
      await record(admin, db, meetingId, { [people.guest]: 'present' });
      expect(quorum(db, meetingId).present).to.equal(5);
    });

    it('takes the threshold from the group: with 60 %, 5 of 9 is not enough', async () => {
      const { db, admin } = await makeAdminApp();
      const { meetingId, people } = groupWithMeeting(db, { quorumPercent: 60 });
      const present = [people.novakova, people.novak, ...people.others.slice(0, 3)];
      await record(admin, db, meetingId, Object.fromEntries(present.map((id) => [id, 'present' as const])));
      expect(quorum(db, meetingId)).to.deep.equal({ present: 5, total: 9, percent: 60, met: false });
      const page = await admin.get(`/meetings/${meetingId}/attendance`).expect(200);
      expect(page.text).to.contain('Usnášeníschopnost: přítomno 5 z 9 členů s hlasem — nesplněno (potřeba více než 60 %)');
    });

    it('keeps the organisation of the day after the person moves to another', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const { meetingId, people, organisations } = groupWithMeeting(db);
      await record(admin, db, meetingId, { [people.novakova]: 'present' });
      const person = findPerson(db, people.novakova);
      if (!person) throw new Error('no person');
      expect(updatePerson(db, person.id, person.version, { ...person, organisationId: organisations.tul }, now())).to.equal(true);
      expect(line(await renderBlock(world, meetingId), 'Přítomna')).to.equal('Mgr. Jana Nováková (ANNOLK)');
      const sheet = await admin.get(`/meetings/${meetingId}/attendance-sheet`).expect(200);
      expect(sheet.text).to.match(/Mgr\. Jana Nováková<\/th>\s*<td>Asociace nestátních neziskových organizací Libereckého kraje<\/td>/);
    });

    it('says "Přítomni: dle prezenční listiny" when the sheet is the record, and still names the excused', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const { meetingId, people } = groupWithMeeting(db);
      const res = await record(admin, db, meetingId, { [people.novakova]: 'present', [people.veleminska]: 'excused' }, { bySheet: '1' });
      expect(res.status).to.equal(303);
      const html = await renderBlock(world, meetingId);
      expect(line(html, 'Přítomni')).to.equal('dle prezenční listiny');
      expect(line(html, 'Omluvena')).to.equal('Mgr. Hana Velemínská (KÚ LK)');
      expect((await admin.get(`/meetings/${meetingId}/attendance`)).text).to.match(/name="bySheet"[^>]*value="1" checked>/);
      await record(admin, db, meetingId, {});
      expect(line(await renderBlock(world, meetingId), 'Přítomna')).to.equal('Mgr. Jana Nováková (ANNOLK)');
    });

    it('says nothing was recorded before anyone was listed', async () => {
      const world = await makeAdminApp();
      const { meetingId } = groupWithMeeting(world.db);
      const html = await renderBlock(world, meetingId);
      expect(html).to.contain(cs['attendance.notRecorded']);
      expect(html).not.to.contain('Usnášeníschopnost');
    });

    it('refuses to overwrite a status someone else changed meanwhile (409), keeping what was typed', async () => {
      const { db, admin } = await makeAdminApp();
      const { meetingId, people } = groupWithMeeting(db);
      await record(admin, db, meetingId, {});
      const loaded = listAttendance(db, meetingId);
      const row = loaded.find((r) => r.personId === people.novak);
      if (!row) throw new Error('no row');
      // Someone else marks Novák excused first.
      expect(saveStatuses(db, meetingId, [{ id: row.id, status: 'excused', version: row.version }], now()).saved).to.equal(true);
      const res = await admin
        .post(`/meetings/${meetingId}/attendance`)
        .type('form')
        .send(statusForm(loaded, { [people.novak]: 'present', [people.novakova]: 'present' }))
        .expect(409);
      expect(res.text).to.contain(cs['validation.conflict']);
      expect(res.text).to.match(new RegExp(`id="f-status-${row.id}-present" name="status-${row.id}" value="present" checked`));
      expect(statusesOf(db, meetingId)).to.include({ [people.novak]: 'excused', [people.novakova]: 'expected' });
      // The page now carries the current version: saving it again is a deliberate overwrite.
      const version = new RegExp(`name="version-${row.id}" value="(\\d+)"`).exec(res.text)?.[1];
      expect(version).to.equal('2');
      await admin
        .post(`/meetings/${meetingId}/attendance`)
        .type('form')
        .send({ ...statusForm(loaded, { [people.novak]: 'present', [people.novakova]: 'present' }), [`version-${row.id}`]: version })
        .expect(303);
      expect(statusesOf(db, meetingId)).to.include({ [people.novak]: 'present', [people.novakova]: 'present' });
      // Rows the form left as they were are not written, so they do not trip up others editing them.
      expect(listAttendance(db, meetingId).find((r) => r.personId === people.others[0])?.version).to.equal(1);
    });

    it('saves the statuses typed for the members of the day when someone else stored the list meanwhile, and refuses those someone else changed', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const { meetingId, people } = groupWithMeeting(db);
      // A opens the editor before anything is stored: its fields name people, not rows.
      await admin.get(`/meetings/${meetingId}/attendance`).expect(200);
      const typed = expectedForm(db, meetingId, { [people.novakova]: 'present', [people.novak]: 'present' });
      // B adds a guest, which stores the members of the day.
      const other = await signIn(world, { isAdmin: true });
      await other.post(`/meetings/${meetingId}/attendance/add`).type('form').send({ personId: String(people.former), kind: 'guest', status: 'present' }).expect(303);
      await admin.post(`/meetings/${meetingId}/attendance`).type('form').send(typed).expect(303);
      expect(statusesOf(db, meetingId)).to.include({ [people.novakova]: 'present', [people.novak]: 'present', [people.former]: 'present' });

      // Again with a fresh meeting: B now marks Novák excused before A saves him present.
      const next = createMeeting(db, { leadGroupId: findMeetingDetail(db, meetingId)?.leadGroupId, number: 11, status: 'held' });
      const again = expectedForm(db, next, { [people.novakova]: 'present', [people.novak]: 'present' });
      await record(other, db, next, { [people.novak]: 'excused' }).then((res) => expect(res.status).to.equal(303));
      const res = await admin.post(`/meetings/${next}/attendance`).type('form').send(again).expect(409);
      const novak = listAttendance(db, next).find((row) => row.personId === people.novak);
      expect(fieldError(res.text, `status-${novak?.id}`)).to.equal(cs['attendance.rowChanged']);
      // What A typed is still there, now in the stored rows' fields.
      expect(res.text).to.match(new RegExp(`id="f-status-${novak?.id}-present" name="status-${novak?.id}" value="present" checked`));
      expect(statusesOf(db, next)).to.include({ [people.novak]: 'excused', [people.novakova]: 'expected' });
    });

    it('removes a person from the list', async () => {
      const world = await makeAdminApp();
      const { db, admin } = world;
      const { meetingId, people } = groupWithMeeting(db);
      await record(admin, db, meetingId, { [people.guest]: 'present' });
      const guestRow = listAttendance(db, meetingId).find((row) => row.personId === people.guest);
      await admin.post(`/meetings/${meetingId}/attendance/${guestRow?.id}/delete`).expect(303);
      expect(listAttendance(db, meetingId).some((row) => row.personId === people.guest)).to.equal(false);
      // A row of another meeting is not this meeting's to remove.
      const other = createMeeting(db);
      const foreign = createAttendance(db, other);
      await admin.post(`/meetings/${meetingId}/attendance/${foreign}/delete`).expect(404);
      expect(listAttendance(db, other)).to.have.length(1);
    });
  });

  describe('who may change it', () => {
    it('lets only writers change attendance: a member gets 403, an outsider of a members-only group 404, and nothing changes', async () => {
      const world = makeApp();
      const { db } = world;
      const { groupId, meetingId, people } = groupWithMeeting(db, { visibility: 'members' });
      const secretary = await signIn(world, { roles: [{ groupId, role: 'secretary' }] });
      await record(secretary, db, meetingId, { [people.novakova]: 'present' });
      const member = await signIn(world, { roles: [{ groupId, role: 'member' }] });
      const outsider = await signIn(world, { roles: [] });
      const rows = listAttendance(db, meetingId);
      const counts = () => ['attendance', 'people', 'organisations'].map((table) => countRows(db, table));
      const before = { counts: counts(), statuses: statusesOf(db, meetingId) };
      const writes = [
        { url: `/meetings/${meetingId}/attendance`, body: statusForm(rows, { [people.novak]: 'present' }) },
        { url: `/meetings/${meetingId}/attendance/add`, body: { personId: String(people.former), kind: 'guest', status: 'present' } },
        { url: `/meetings/${meetingId}/attendance/new-person`, body: { name: 'Nezvaný Host', organisationName: 'Cizí', kind: 'guest', status: 'present' } },
        { url: `/meetings/${meetingId}/attendance/${rows[0].id}/delete`, body: {} },
      ];
      for (const { url, body } of writes) {
        await member.post(url).type('form').send(body).expect(403);
        await outsider.post(url).type('form').send(body).expect(404);
      }
      await member.get(`/meetings/${meetingId}/attendance`).expect(403);
      await outsider.get(`/meetings/${meetingId}/attendance`).expect(404);
      expect(counts()).to.deep.equal(before.counts);
      expect(statusesOf(db, meetingId)).to.deep.equal(before.statuses);
    });
  });

  describe('bad input', () => {
    it('refuses an unknown person (422), keeps the typed values and changes nothing', async () => {
      const { db, admin } = await makeAdminApp();
      const { meetingId } = groupWithMeeting(db);
      await admin.get(`/meetings/${meetingId}/attendance`).expect(200);
      const before = countRows(db, 'attendance');
      const res = await admin.post(`/meetings/${meetingId}/attendance/add`).type('form').send({ personId: '999999', kind: 'invited', status: 'absent' }).expect(422);
      expect(fieldError(res.text, 'personId')).to.equal(cs['validation.unknownReference']);
      expect(res.text).to.match(/<option value="invited" selected>/);
      expect(res.text).to.match(/<option value="absent" selected>/);
      expect(countRows(db, 'attendance')).to.equal(before);
    });

    it('refuses an unknown status (422), keeps the other typed statuses and saves none of them', async () => {
      const { db, admin } = await makeAdminApp();
      const { meetingId, people } = groupWithMeeting(db);
      await record(admin, db, meetingId, {});
      const rows = listAttendance(db, meetingId);
      const bad = rows.find((row) => row.personId === people.novak);
      const good = rows.find((row) => row.personId === people.novakova);
      const body = statusForm(rows, { [people.novakova]: 'present' }, { bySheet: '1' });
      body[`status-${bad?.id}`] = 'asleep';
      const res = await admin.post(`/meetings/${meetingId}/attendance`).type('form').send(body).expect(422);
      expect(fieldError(res.text, `status-${bad?.id}`)).to.equal(cs['validation.choice']);
      expect(res.text).to.match(new RegExp(`id="f-status-${good?.id}-present" name="status-${good?.id}" value="present" checked`));
      expect(statusesOf(db, meetingId)[people.novakova]).to.equal('expected');
      expect(attendanceBySheet(db, meetingId)).to.equal(false);
    });

    it('refuses a new person without a name (422), keeps the organisation typed and creates nobody', async () => {
      const { db, admin } = await makeAdminApp();
      const { meetingId, organisations } = groupWithMeeting(db);
      const before = ['attendance', 'people', 'organisations'].map((table) => countRows(db, table));
      const res = await admin
        .post(`/meetings/${meetingId}/attendance/new-person`)
        .type('form')
        .send({ name: '  ', organisationName: 'Nadace Nový směr', kind: 'guest', status: 'present' })
        .expect(422);
      expect(fieldError(res.text, 'name')).to.equal(cs['validation.required']);
      expect(res.text).to.contain('value="Nadace Nový směr"');
      const both = await admin
        .post(`/meetings/${meetingId}/attendance/new-person`)
        .type('form')
        .send({ name: 'Petra Nová', organisationId: String(organisations.tul), organisationName: 'Nadace Nový směr', kind: 'guest', status: 'present' })
        .expect(422);
      expect(fieldError(both.text, 'organisationName')).to.equal(cs['attendance.organisationEither']);
      expect(['attendance', 'people', 'organisations'].map((table) => countRows(db, table))).to.deep.equal(before);
    });
  });

  describe('the attendance sheet (prezenční listina)', () => {
    it('lists the members and the invited with their organisation, a signature column and blank lines for guests', async () => {
      const { db, admin } = await makeAdminApp();
      const { meetingId, organisations } = groupWithMeeting(db);
      await admin.get(`/meetings/${meetingId}/attendance`).expect(200);
      const invited = createPerson(db, { name: 'Iva Přizvaná', organisationId: organisations.kraj });
      await admin.post(`/meetings/${meetingId}/attendance/add`).type('form').send({ personId: String(invited), kind: 'invited', status: 'expected' }).expect(303);
      await admin.post(`/meetings/${meetingId}/attendance/add`).type('form').send({ personId: String(createPerson(db, { name: 'Ohlášený Host' })), kind: 'guest', status: 'expected' }).expect(303);
      const sheet = (await admin.get(`/meetings/${meetingId}/attendance-sheet`).expect(200)).text;
      expect(sheet).to.contain('<html lang="cs">');
      expect(sheet.match(/<h1\b/g)).to.have.length(1);
      expect(sheet).to.contain('<h1>Prezenční listina</h1>');
      expect(sheet).to.contain('10. setkání Sociální služby');
      expect(sheet).to.contain(formatDateLong('2018-03-20T08:30:00Z', zone, 'cs'));
      expect(sheet).to.contain(`${formatTime('2018-03-20T08:30:00Z', zone, 'cs')}–${formatTime('2018-03-20T10:30:00Z', zone, 'cs')}`);
      expect(sheet).to.contain('href="/static/css/print.css" media="print"');
      expect(sheet).not.to.match(/\sstyle=|<style\b/);
      expect(sheet).to.match(/Mgr\. Jana Nováková<\/th>\s*<td>Asociace nestátních neziskových organizací Libereckého kraje<\/td>\s*<td><\/td>/);
      expect(sheet).to.match(/Iva Přizvaná<\/th>\s*<td>Krajský úřad Libereckého kraje<\/td>/);
      expect(sheet).to.contain('>Podpis</th>');
      // The standing guest and the announced one sign on the blank lines, like any other guest.
      expect(sheet).not.to.contain('Marie Hostová').and.not.to.contain('Ohlášený Host');
      expect(sheet).not.to.contain('Bývalý Člen');
      const named = (sheet.match(/<th scope="row">/g) ?? []).length;
      expect(named).to.equal(10);
      const blank = sheet.slice(sheet.indexOf('attendance-sheet__blank'));
      expect((blank.match(/<tr><td class="attendance-sheet__number">\d+<\/td><td><\/td><td><\/td><td><\/td><\/tr>/g) ?? []).length).to.equal(6);
    });

    it('names the members of the day before anyone opened the editor, without storing them', async () => {
      const { db, admin } = await makeAdminApp();
      const { meetingId } = groupWithMeeting(db);
      const sheet = (await admin.get(`/meetings/${meetingId}/attendance-sheet`).expect(200)).text;
      expect(sheet).to.contain('Mgr. Jana Nováková');
      expect((sheet.match(/<th scope="row">/g) ?? []).length).to.equal(9);
      expect(countRows(db, 'attendance')).to.equal(0);
    });

    it('is for whoever reads the meeting’s minutes: 200 for readers, 404 for outsiders of a members-only group', async () => {
      const world = makeApp();
      const { db } = world;
      const open = groupWithMeeting(db);
      const closed = groupWithMeeting(db, { visibility: 'members' });
      for (const meetingId of [open.meetingId, closed.meetingId]) setMinutesPublished(db, meetingId, true, now());
      const anonymous = request(world.app);
      await anonymous.get(`/meetings/${open.meetingId}/attendance-sheet`).expect(200);
      await anonymous.get(`/meetings/${closed.meetingId}/attendance-sheet`).expect(404);
      const outsider = await signIn(world, { roles: [] });
      await outsider.get(`/meetings/${closed.meetingId}/attendance-sheet`).expect(404);
      const member = await signIn(world, { roles: [{ groupId: closed.groupId, role: 'member' }] });
      const sheet = await member.get(`/meetings/${closed.meetingId}/attendance-sheet`).expect(200);
      expect(sheet.text).to.contain('Mgr. Jana Nováková');
    });
  });

  describe('the quorum percent of a group', () => {
    it('is 50 unless set, and the group form sets it between 1 and 99', async () => {
      const { db, admin } = await makeAdminApp();
      const { groupId } = groupWithMeeting(db);
      const group = findGroup(db, groupId);
      if (!group) throw new Error('no group');
      expect(group.quorumPercent).to.equal(50);
      const form = { name: group.name, slug: group.slug, visibility: group.visibility, version: String(group.version) };
      const edit = await admin.get(`/groups/${group.slug}/edit`).expect(200);
      expect(edit.text).to.contain(cs['groups.quorumPercentHint']);
      const bad = await admin.post(`/groups/${group.slug}`).type('form').send({ ...form, quorumPercent: '100' }).expect(422);
      expect(fieldError(bad.text, 'quorumPercent')).to.equal(cs['validation.numberRange']);
      await admin.post(`/groups/${group.slug}`).type('form').send({ ...form, quorumPercent: '66' }).expect(303);
      expect(findGroup(db, groupId)?.quorumPercent).to.equal(66);
    });
  });

  describe('counts for meeting lists', () => {
    it('counts the people present at each meeting in one query', async () => {
      const world = makeApp();
      const { db } = world;
      const first = createMeeting(db);
      const second = createMeeting(db);
      const none = createMeeting(db);
      createAttendance(db, first);
      createAttendance(db, first, { kind: 'guest', voting: false });
      createAttendance(db, first, { status: 'excused' });
      createAttendance(db, second);
      world.statements.length = 0;
      const counts = attendanceCounts(db, [first, second, none]);
      expect(world.statements).to.have.length(1);
      expect([...counts]).to.deep.equal([
        [first, 2],
        [second, 1],
        [none, 0],
      ]);
    });
  });

  describe('what readers of draft minutes may not see', () => {
    it('keeps the attendance sheet and the present count of a meeting with draft minutes from readers', async () => {
      const world = await makeAdminApp();
      const groupId = createGroup(world.db, { slug: 'verejna-skupina' });
      const meetingId = createMeeting(world.db, { leadGroupId: groupId, status: 'held' });
      createAttendance(world.db, meetingId, { personId: createPerson(world.db, { name: 'Přítomná Osoba' }) });
      const anonymous = request(world.app);
      await anonymous.get(`/meetings/${meetingId}/attendance-sheet`).expect(404);
      expect((await anonymous.get('/groups/verejna-skupina').expect(200)).text).not.to.contain('přítomn');
      expect((await world.admin.get('/groups/verejna-skupina').expect(200)).text).to.contain('1 přítomný');
      setMinutesPublished(world.db, meetingId, true, now());
      expect((await anonymous.get(`/meetings/${meetingId}/attendance-sheet`).expect(200)).text).to.contain('Přítomná Osoba');
    });
  });

  describe('keeping the list whole', () => {
    it('adds a member with a vote after the list was made', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      createAttendance(world.db, meetingId);
      const latecomer = createPerson(world.db, { name: 'Nový Člen' });
      await world.admin.post(`/meetings/${meetingId}/attendance/add`).type('form').send({ personId: String(latecomer), kind: 'member', status: 'present' }).expect(303);
      expect(listAttendance(world.db, meetingId).find((row) => row.personId === latecomer)).to.include({ kind: 'member', voting: true });
    });

    it('refuses to take off the list someone a substitute stands in for', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const member = createPerson(world.db, { name: 'Hana Velemínská' });
      const rowId = createAttendance(world.db, meetingId, { personId: member, status: 'excused' });
      createAttendance(world.db, meetingId, { personId: createPerson(world.db, { name: 'Jana Kujanová' }), kind: 'substitute', substituteForPersonId: member });
      const res = await world.admin.post(`/meetings/${meetingId}/attendance/${rowId}/delete`).expect(409);
      expect(res.text).to.contain('zastupuje ho náhradník');
      expect(countRows(world.db, 'attendance')).to.equal(2);
    });
  });
});
