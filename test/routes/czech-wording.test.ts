import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import type { Test } from 'supertest';
import { insertPasswordLink } from '../../src/db/accounts.js';
import { updateProceedings } from '../../src/db/agenda.js';
import { insertAttendance } from '../../src/db/attendance.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { findPerson } from '../../src/db/people.js';
import { cs } from '../../src/i18n/cs.js';
import { en } from '../../src/i18n/en.js';
import { newLinkSecret } from '../../src/passwords.js';
import { getBytes, pdfText, unzipEntry } from '../export/binary.js';
import { createActionItem, createAgendaItem, createGroup, createMeeting, createMembership, createOrganisation, createPerson, now } from '../factories.js';
import { countRows, createAccount, makeAdminApp, makeApp } from '../helpers.js';
import type { TestWorld } from '../helpers.js';

/**
 * Czech that reads right, through the pages and documents people get: words that agree with the
 * person (přítomna, Zapsala, Ověřily), a greeting that needs no vocative, one sub-item notation,
 * surname order with Czech letters, no developer commands, and an error summary that names and
 * links the fields.
 */

const root = path.resolve(import.meta.dirname, '../..');
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_whole, name: string) => entities[name]).replace(/[\s\u00a0]+/g, ' ');
const docxText = (bytes: Buffer) => [...(unzipEntry(bytes, 'word/document.xml') ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|<\/w:p>/g)].map((m) => m[1] ?? ' ').join('').replace(/\s+/g, ' ');
/** A reader who asks for English (as the browser would), without signing in. */
const english = (world: TestWorld) => ({ get: (url: string): Test => request(world.app).get(url).set('Accept-Language', 'en') });

/** The zápis of a meeting in all four renderers, as text: page, PDF, Word, Markdown. */
async function fourOutputs(reader: { get: (url: string) => Test }, meetingId: number): Promise<Record<'page' | 'pdf' | 'docx' | 'markdown', string>> {
  const page = text((await reader.get(`/meetings/${meetingId}`).expect(200)).text);
  const pdf = (await pdfText((await getBytes(reader, `/meetings/${meetingId}.pdf`)).body)).text;
  const docx = docxText((await getBytes(reader, `/meetings/${meetingId}.docx`)).body);
  const markdown = (await reader.get(`/meetings/${meetingId}.md`).expect(200)).text.replace(/\*\*|\\/g, '').replace(/\s+/g, ' ');
  return { page, pdf, docx, markdown };
}

/** Which of the pieces each output lacks ("pdf: Zapsala: …"). */
function lacking(outputs: Record<string, string>, pieces: readonly string[]): string[] {
  return Object.entries(outputs).flatMap(([name, output]) => pieces.filter((piece) => !output.includes(piece)).map((piece) => `${name}: ${piece}`));
}

/** A public group's held meeting with published minutes, a minute taker and verifiers. */
function meetingWith(world: TestWorld, roles: { minuteTaker: number; verifiers: number[] }): number {
  const meetingId = createMeeting(world.db, { status: 'held', minuteTakerId: roles.minuteTaker, verifierIds: roles.verifiers });
  const item = createAgendaItem(world.db, meetingId, { title: 'Zahájení' });
  updateProceedings(world.db, meetingId, new Map([[item, 'Jednání zahájila předsedkyně.']]), now());
  setMinutesPublished(world.db, meetingId, true, now());
  return meetingId;
}

describe('Czech that reads right', () => {
  describe('words that agree with the person', () => {
    it('writes "Zapsala" and "Ověřili" for a woman and a mixed pair, in the page, PDF, Word and Markdown', async () => {
      const world = makeApp();
      const lucie = createPerson(world.db, { name: 'Lucie Nováková', title: 'Bc.' });
      const tomas = createPerson(world.db, { name: 'Tomáš Beneš', title: 'Ing.' });
      const alena = createPerson(world.db, { name: 'Alena Dvořáková', title: 'Mgr.' });
      const meetingId = meetingWith(world, { minuteTaker: lucie, verifiers: [tomas, alena] });
      const outputs = await fourOutputs(request(world.app), meetingId);
      expect(lacking(outputs, ['Zapsala: Bc. Lucie Nováková', 'Ověřili: Ing. Tomáš Beneš a Mgr. Alena Dvořáková'])).to.deep.equal([]);
      for (const output of Object.values(outputs)) expect(output).not.to.match(/Zapsal\/a|Ověřil\/a|Zapsal:/);
      // The facts at the top agree too: one woman writes, two people verify.
      expect(outputs.page).to.contain('Zapisovatelka Bc. Lucie Nováková').and.to.contain('Ověřovatelé zápisu Ing. Tomáš Beneš');
    }).timeout(20_000);

    it('writes "Zapsal", "Ověřily" and "Ověřovatelky" for a man and two women, and "Zapsal/a" when not stated', async () => {
      const world = makeApp();
      const karel = createPerson(world.db, { name: 'Karel Černý' });
      const women = [createPerson(world.db, { name: 'Eva Marešová' }), createPerson(world.db, { name: 'Pavla Šťastná' })];
      const outputs = await fourOutputs(request(world.app), meetingWith(world, { minuteTaker: karel, verifiers: women }));
      expect(lacking(outputs, ['Zapsal: Karel Černý', 'Ověřily: Eva Marešová a Pavla Šťastná'])).to.deep.equal([]);
      expect(outputs.page).to.contain('Ověřovatelky zápisu');
      // Someone whose gender the person form left unstated gets both forms.
      const alex = createPerson(world.db, { name: 'Alex Kovář', gender: null });
      const one = await fourOutputs(request(world.app), meetingWith(world, { minuteTaker: alex, verifiers: [women[0]] }));
      expect(lacking(one, ['Zapsal/a: Alex Kovář', 'Ověřila: Eva Marešová'])).to.deep.equal([]);
    }).timeout(20_000);

    it('says the same in English, where the words do not change', async () => {
      const world = makeApp();
      const lucie = createPerson(world.db, { name: 'Lucie Nováková', title: 'Bc.' });
      const women = [createPerson(world.db, { name: 'Eva Marešová' }), createPerson(world.db, { name: 'Pavla Šťastná' })];
      const outputs = await fourOutputs(english(world), meetingWith(world, { minuteTaker: lucie, verifiers: women }));
      expect(lacking(outputs, ['Minutes taken by: Bc. Lucie Nováková', 'Verified by: Eva Marešová and Pavla Šťastná'])).to.deep.equal([]);
      expect(outputs.page).to.contain('Minute-taker Bc. Lucie Nováková').and.to.contain('Verifiers of the minutes');
    }).timeout(20_000);

    it('words attendance by who it names: "Přítomna", "Omluveni", "Nepřítomny", and "přítomna" in the editor', async () => {
      const { db, admin, app } = await makeAdminApp();
      const groupId = createGroup(db);
      const meetingId = createMeeting(db, { leadGroupId: groupId, status: 'held' });
      const person = (name: string) => createPerson(db, { name });
      const row = (personId: number, status: 'present' | 'excused' | 'absent') => insertAttendance(db, meetingId, { personId, kind: 'member', status, voting: true }, now());
      const jana = person('Jana Nováková');
      row(jana, 'present');
      row(person('Petr Dvořák'), 'excused');
      row(person('Eva Svobodová'), 'excused');
      row(person('Hana Velemínská'), 'absent');
      row(person('Iva Malá'), 'absent');
      setMinutesPublished(db, meetingId, true, now());
      const page = text((await request(app).get(`/meetings/${meetingId}`).expect(200)).text);
      expect(page).to.contain('Přítomna: Jana Nováková').and.to.contain('Omluveni: Petr Dvořák, Eva Svobodová').and.to.contain('Nepřítomny: Iva Malá, Hana Velemínská');
      const pdf = (await pdfText((await getBytes(request(app), `/meetings/${meetingId}.pdf`)).body)).text;
      expect(pdf).to.contain('Přítomna: Jana Nováková').and.to.contain('Nepřítomny: Iva Malá, Hana Velemínská');
      const editor = (await admin.get(`/meetings/${meetingId}/attendance`).expect(200)).text;
      const labelsOf = (name: string) => [...(new RegExp(`<tr[^>]*>\\s*<th scope="row">${name}[\\s\\S]*?</tr>`).exec(editor)?.[0] ?? '').matchAll(/<label for="[^"]+">([^<]+)<\/label>/g)].map((m) => m[1]);
      expect(labelsOf('Jana Nováková')).to.deep.equal(['přítomna', 'omluvena', 'nepřítomna', '— očekává se']);
      expect(labelsOf('Petr Dvořák')).to.deep.equal(['přítomen', 'omluven', 'nepřítomen', '— očekává se']);
      expect(editor).to.match(/<th scope="row">Jana Nováková[\s\S]*?<td data-label="Účast">členka<\/td>/);
    }).timeout(20_000);

    it('takes the gender from the name when a person is created, and keeps what the form says', async () => {
      const { db, admin } = await makeAdminApp();
      const gender = (name: string) => findPerson(db, createPerson(db, { name }))?.gender;
      expect(['Lucie Nováková', 'Petra Svobodová', 'Pavla Šťastná', 'Dagmar Černá', 'Marie Kovář'].map(gender)).to.deep.equal(['f', 'f', 'f', 'f', 'f']);
      expect(['Jan Skála', 'Jiří Novák', 'Tomáš Beneš', 'Karel Černý'].map(gender)).to.deep.equal(['m', 'm', 'm', 'm']);
      // Chosen on the form, the choice stands; "from the name" decides again; "not stated" is null.
      await admin.post('/people').type('form').send({ name: 'Nikola Hrubý', gender: 'm' }).expect(303);
      const nikola = (db.prepare("SELECT id FROM people WHERE name = 'Nikola Hrubý'").get() as { id: number }).id;
      expect(findPerson(db, nikola)?.gender).to.equal('m');
      await admin.post(`/people/${nikola}`).type('form').send({ name: 'Nikola Hrubý', gender: 'unknown', version: '1' }).expect(303);
      expect(findPerson(db, nikola)?.gender).to.equal(null);
      const form = await admin.get(`/people/${nikola}/edit`).expect(200);
      expect(form.text).to.match(/<option value="unknown" selected>/);
      expect(form.text).to.contain('<label for="f-gender">Tvary slov v zápisech');
      await admin.post(`/people/${nikola}`).type('form').send({ name: 'Nikola Hrubá', gender: '', version: '2' }).expect(303);
      expect(findPerson(db, nikola)?.gender).to.equal('f');
      const refused = await admin.post(`/people/${nikola}`).type('form').send({ name: 'Nikola Hrubá', gender: 'x', version: '3' }).expect(422);
      expect(refused.text).to.contain('id="f-gender-error"');
    });
  });

  describe('the greeting of an invited person', () => {
    it('welcomes without declining the name, in Czech and in English', async () => {
      const world = makeApp();
      const { accountId } = createAccount(world.db, { name: 'Petra Svobodová', email: 'petra@example.test' });
      const { token, tokenHash } = newLinkSecret();
      insertPasswordLink(world.db, accountId, tokenHash, 'invite', new Date(Date.now() + 86_400_000).toISOString(), now());
      const czech = text((await request(world.app).get(`/password/${token}`).expect(200)).text);
      expect(czech).to.contain('Vítejte v Zápisníku. Zvolte si heslo ke svému účtu (Petra Svobodová, petra@example.test)');
      // Never the nominative where Czech needs the vocative ("Vítejte …, Petra Svobodová").
      expect(czech).not.to.match(/Vítejte[^.]*, Petra/);
      const englishPage = text((await english(world).get(`/password/${token}`).expect(200)).text);
      expect(englishPage).to.contain('Welcome to Zápisník. Choose a password for your account (Petra Svobodová, petra@example.test)');
    });
  });

  describe('one sub-item notation', () => {
    it('writes a sub-item of item 2 as "2.a)" everywhere: page, editors, selects, PDF, Word, Markdown, invitation and calendar', async () => {
      const { db, admin, app } = await makeAdminApp();
      const meetingId = createMeeting(db, { status: 'held' });
      createAgendaItem(db, meetingId, { title: 'Zahájení' });
      const parent = createAgendaItem(db, meetingId, { title: 'Sociální podnikání' });
      const child = createAgendaItem(db, meetingId, { title: 'Krajské sociální podniky', parentId: parent });
      updateProceedings(db, meetingId, new Map([[child, 'Diskuse o podnicích.']]), now());
      setMinutesPublished(db, meetingId, true, now());
      const sub = '2.a) Krajské sociální podniky';
      const outputs = await fourOutputs(request(app), meetingId);
      expect(lacking(outputs, [sub])).to.deep.equal([]);
      // The program and Průběh jednání of the page both name it so.
      expect(outputs.page.split(sub).length - 1).to.equal(2);
      const pages = {
        invitation: text((await request(app).get(`/meetings/${meetingId}/invitation`).expect(200)).text),
        invitationText: (await request(app).get(`/meetings/${meetingId}/invitation.txt`).expect(200)).text,
        calendar: (await request(app).get(`/meetings/${meetingId}.ics`).expect(200)).text.replace(/\r\n[ \t]/g, '').replace(/\\,/g, ','),
        agendaEditor: text((await admin.get(`/meetings/${meetingId}/agenda`).expect(200)).text),
        minutesEditor: text((await admin.get(`/meetings/${meetingId}/minutes/edit`).expect(200)).text),
        resolutionForm: text((await admin.get(`/meetings/${meetingId}/resolutions/new`).expect(200)).text),
        taskForm: text((await admin.get(`/meetings/${meetingId}/action-items/new`).expect(200)).text),
      };
      expect(lacking(pages, ['2.a)'])).to.deep.equal([]);
      expect(pages.minutesEditor).to.contain('Průběh jednání k bodu 2.a)');
      expect(pages.resolutionForm).to.contain(sub);
      for (const [name, output] of Object.entries({ ...outputs, ...pages })) {
        expect(output, name).not.to.match(/\b2a\)|2\.\s?2\.a\)|(^|[^.\w])a\) Krajské/);
      }
    }).timeout(30_000);
  });

  describe('surname order with Czech letters', () => {
    const names = ['Zdeněk Zeman', 'Petr Šťastný', 'Eva Svobodová', 'Jan Hrubý', 'Karel Chalupa', 'Čestmír Čermák', 'Cyril Cibulka', 'Pavla Šťastná', 'Radek Řezník', 'Ivo Rybář'];
    const sorted = ['Cyril Cibulka', 'Čestmír Čermák', 'Jan Hrubý', 'Karel Chalupa', 'Ivo Rybář', 'Radek Řezník', 'Eva Svobodová', 'Pavla Šťastná', 'Petr Šťastný', 'Zdeněk Zeman'];
    /** The positions of the names in a page, in the order of `sorted`; -1 where one is missing. */
    const order = (html: string, list = sorted) => list.map((name) => html.indexOf(name));
    const isSorted = (positions: number[]) => positions.every((at, i) => at >= 0 && (i === 0 || at > positions[i - 1]));

    it('lists the directory, a group, the accounts, the selects and the attendance of the zápis by surname', async () => {
      const { db, admin, app } = await makeAdminApp();
      const groupId = createGroup(db, { slug: 'poradi' });
      const meetingId = createMeeting(db, { leadGroupId: groupId, status: 'held' });
      const ids = names.map((name, index) => {
        const personId = createPerson(db, { name, title: index === 1 ? 'Ing.' : '' });
        createMembership(db, { groupId, personId, role: 'member' });
        insertAttendance(db, meetingId, { personId, kind: 'member', status: 'present', voting: true }, now());
        return personId;
      });
      for (const [index, personId] of ids.entries()) createAccount(db, { personId, email: `clovek${index}@example.test` });
      setMinutesPublished(db, meetingId, true, now());
      expect(isSorted(order((await admin.get('/people').expect(200)).text)), 'the directory').to.equal(true);
      expect(isSorted(order((await request(app).get('/groups/poradi').expect(200)).text)), 'the group page').to.equal(true);
      expect(isSorted(order((await admin.get('/accounts').expect(200)).text)), 'the accounts').to.equal(true);
      expect(isSorted(order((await admin.get(`/meetings/${meetingId}/edit`).expect(200)).text)), 'the meeting form’s selects').to.equal(true);
      const zapis = text((await request(app).get(`/meetings/${meetingId}`).expect(200)).text);
      expect(zapis).to.contain(`Přítomni: ${sorted.map((name) => (name === 'Petr Šťastný' ? `Ing. ${name}` : name)).join(', ')}`);
      const pdf = (await pdfText((await getBytes(request(app), `/meetings/${meetingId}.pdf`)).body)).text;
      expect(isSorted(order(pdf)), 'the PDF').to.equal(true);
    }).timeout(20_000);

    it('names a task’s owners by surname, titles aside', async () => {
      const { db, app } = await makeAdminApp();
      const meetingId = createMeeting(db, { status: 'held' });
      // By given name (or with the title) the order would be another: Adam, Bohumil, Petr, Zdeněk.
      const owners = ['Zdeněk Hrubý', 'Adam Chalupa', 'Petr Cibulka', 'Bohumil Čermák'].map((name) => createPerson(db, { name, title: name.startsWith('Adam') ? 'Mgr.' : '' }));
      createActionItem(db, meetingId, { text: 'Připravit podklady', ownerIds: owners, organisationId: createOrganisation(db, { name: 'ANNOLK' }) });
      setMinutesPublished(db, meetingId, true, now());
      const page = text((await request(app).get(`/meetings/${meetingId}`).expect(200)).text);
      expect(page).to.contain('Petr Cibulka, Bohumil Čermák, Zdeněk Hrubý, Mgr. Adam Chalupa a ANNOLK');
    });
  });

  describe('no developer commands', () => {
    it('shows no npm, node or shell command in any view or message, in either language', () => {
      const command = /\bnpm (run|install|start|test)\b|\bnpx\b|\bnode dist\b|--force\b/;
      const views = (fs.readdirSync(path.join(root, 'views'), { recursive: true, encoding: 'utf8' }) as string[]).filter((file) => file.endsWith('.ejs'));
      const inViews = views.filter((file) => command.test(fs.readFileSync(path.join(root, 'views', file), 'utf8').replace(/<%#[\s\S]*?%>/g, '')));
      const inMessages = [...Object.entries(cs), ...Object.entries(en)].filter(([, message]) => command.test(JSON.stringify(message))).map(([key]) => key);
      expect([...inViews, ...inMessages]).to.deep.equal([]);
    });

    it('tells a reader of an empty instance who creates the groups, in words', async () => {
      const world = makeApp();
      const page = text((await request(world.app).get('/').expect(200)).text);
      expect(page).to.contain('Zatím tu nejsou žádné skupiny. Zakládá je správce v sekci Skupiny');
      expect(text((await english(world).get('/').expect(200)).text)).to.contain('An administrator creates them under Groups');
    });
  });

  describe('the error summary of a rejected form', () => {
    /** The summary's links: [href, text]. */
    const summaryLinks = (html: string) => {
      const summary = /<div class="error-summary" role="alert"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
      return [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((match) => [match[1], match[2].replace(/&#39;/g, "'")]);
    };

    it('links each wrong field of the person form by its label, and the links lead to the fields', async () => {
      const { db, admin } = await makeAdminApp();
      const before = countRows(db, 'people');
      const res = await admin.post('/people').type('form').send({ name: ' ', email: 'jana@', phone: '485 104 123' }).expect(422);
      expect(summaryLinks(res.text)).to.deep.equal([
        ['#f-name', `${cs['people.name']}: ${cs['validation.required']}`],
        ['#f-email', `${cs['people.email']}: ${cs['validation.email']}`],
      ]);
      for (const id of ['f-name', 'f-email']) expect(res.text).to.contain(`id="${id}"`);
      expect(countRows(db, 'people')).to.equal(before);
      const inEnglish = await admin.post('/people').set('Accept-Language', 'en').set('Cookie', 'lang=en').type('form').send({ name: '', email: 'x' }).expect(422);
      expect(summaryLinks(inEnglish.text)[0]).to.deep.equal(['#f-name', `${en['people.name']}: ${en['validation.required']}`]);
    });

    it('does the same on the venue form, and for the attendance editor’s hand-made fields', async () => {
      const { db, admin } = await makeAdminApp();
      const res = await admin.post('/venues').type('form').send({ name: '', postalCode: '4600' }).expect(422);
      expect(summaryLinks(res.text)).to.deep.equal([
        ['#f-name', `${cs['venues.name']}: ${cs['validation.required']}`],
        ['#f-postalCode', `${cs['venues.postalCode']}: ${cs['venues.postalCodeInvalid']}`],
      ]);
      expect(res.text).to.match(/<div class="error-summary" role="alert" tabindex="-1" data-focus>/);
      const groupId = createGroup(db);
      const meetingId = createMeeting(db, { leadGroupId: groupId });
      const personId = createPerson(db, { name: 'Jana Nováková' });
      const attendanceId = insertAttendance(db, meetingId, { personId, kind: 'member', status: 'expected', voting: true }, now());
      const page = await admin.get(`/meetings/${meetingId}/attendance`).expect(200);
      const field = /name="(status-\d+)"/.exec(page.text)?.[1] ?? '';
      const refused = await admin.post(`/meetings/${meetingId}/attendance`).type('form').send({ [field]: 'somewhere', [`version-${attendanceId}`]: '1' }).expect(422);
      expect(summaryLinks(refused.text)).to.deep.equal([[`#f-${field}-present`, `Prezence: Jana Nováková: ${cs['validation.choice']}`]]);
    });
  });
});
