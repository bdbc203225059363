import { expect } from 'chai';
import ICAL from 'ical.js';
import request from 'supertest';
import type { Response } from 'supertest';
import { findMeeting } from '../../src/db/meetings.js';
import { createAgendaItem, createGroup, createMeeting, createMembership, createPerson, createVenue } from '../factories.js';
import { createAccount, csrfFrom, makeAdminApp, signIn } from '../helpers.js';
import type { TestAgent, TestWorld } from '../helpers.js';

/** A moment `days` from now, at 8:30 UTC (9:30 or 10:30 in Prague), as stored. */
const inDays = (days: number, hour = 8) => {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setUTCHours(hour, 30, 0, 0);
  return date.toISOString().replace('.000Z', 'Z');
};

/** Raw text of a calendar response (supertest leaves text/calendar as text). */
const bodyOf = (res: Response): string => res.text;

/** Parses iCalendar text with ical.js and returns its VEVENTs. */
function eventsOf(text: string): ICAL.Component[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).to.equal('vcalendar');
  return calendar.getAllSubcomponents('vevent');
}

const prop = (event: ICAL.Component, name: string): unknown => event.getFirstPropertyValue(name);

/** Every line ends in CRLF and is at most 75 octets long (RFC 5545, 3.1). */
function expectWellFolded(text: string): void {
  expect(text.endsWith('\r\n')).to.equal(true);
  const lines = text.split('\r\n').slice(0, -1);
  for (const line of lines) {
    expect(line, 'a bare LF or CR').not.to.match(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8'), line).to.be.at.most(75);
  }
}

interface CalendarWorld extends TestWorld {
  admin: TestAgent;
  publicGroup: number;
  privateGroup: number;
  meeting: number;
}

async function calendarWorld(): Promise<CalendarWorld> {
  const world = await makeAdminApp({ BASE_URL: 'http://zapisnik.example.cz' });
  const { db } = world;
  const publicGroup = createGroup(db, { name: 'Sociální služby', nameGenitive: 'Odborné pracovní skupiny Sociální služby', slug: 'socialni', visibility: 'public' });
  const privateGroup = createGroup(db, { name: 'Tajná skupina', slug: 'tajna', visibility: 'members' });
  const venue = createVenue(db, { name: 'ANNOLK, z. s.', street: 'U Nisy 362/6', postalCode: '460 01', town: 'Liberec' });
  const taker = createPerson(db, { name: 'Petra Zapisovatelová', email: 'petra@example.cz' });
  const meeting = createMeeting(db, {
    leadGroupId: publicGroup,
    number: 11,
    startsAt: inDays(10),
    endsAt: null,
    venueId: venue,
    room: 'zasedací místnost; 2. patro',
    minuteTakerId: taker,
  });
  createAgendaItem(db, meeting, { title: 'Zahájení, schválení programu', presenter: 'Jana Nováková', durationMinutes: 10 });
  createAgendaItem(db, meeting, {
    title: 'Příliš žluťoučký kůň úpěl ďábelské ódy; čeština, háčky a čárky v dlouhém názvu bodu, který se musí zalomit po oktetech',
    presenter: 'Jiří Dvořák',
    durationMinutes: 45,
  });
  return { ...world, publicGroup, privateGroup, meeting };
}

describe('calendar export (iCalendar)', () => {
  it('exports one meeting: parsable, CRLF, folded by octets, escaped, with UID, times, sequence and status', async () => {
    const world = await calendarWorld();
    const res = await request(world.app).get(`/meetings/${world.meeting}.ics`).expect(200);
    expect(res.headers['content-type']).to.equal('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="jednani-\d+\.ics"; filename\*=UTF-8''jednani-\d+\.ics$/);
    const text = bodyOf(res);
    expectWellFolded(text);
    // Lines were folded, and a fold never splits a multi-byte character.
    expect(text).to.match(/\r\n /);
    expect(text).not.to.contain('\uFFFD');
    const [event] = eventsOf(text);
    expect(prop(event, 'uid')).to.equal(`meeting-${world.meeting}@zapisnik.example.cz`);
    expect(prop(event, 'dtstamp')).to.not.equal(null);
    const start = prop(event, 'dtstart') as ICAL.Time;
    const end = prop(event, 'dtend') as ICAL.Time;
    expect(start.toJSDate().toISOString()).to.equal(new Date(findMeeting(world.db, world.meeting)!.startsAt).toISOString());
    expect(start.zone?.tzid).to.equal('UTC');
    // No end typed: two hours.
    expect(end.toJSDate().getTime() - start.toJSDate().getTime()).to.equal(2 * 3_600_000);
    expect(prop(event, 'summary')).to.equal('11. setkání Odborné pracovní skupiny Sociální služby');
    // Commas and semicolons escaped in the text, read back as they were.
    const unfolded = text.replace(/\r\n[ \t]/g, '');
    expect(unfolded).to.contain('LOCATION:ANNOLK\\, z. s.\\, U Nisy 362/6\\, 460 01 Liberec\\, zasedací místnost\\; 2. patro');
    expect(prop(event, 'location')).to.equal('ANNOLK, z. s., U Nisy 362/6, 460 01 Liberec, zasedací místnost; 2. patro');
    const description = String(prop(event, 'description'));
    expect(unfolded).to.match(/DESCRIPTION:Program:\\n1\. /);
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Prague', hour: 'numeric', minute: '2-digit' }).format(start.toJSDate());
    const tenLater = `${Number(local.split(':')[0])}:40`;
    expect(description).to.contain(`1. ${Number(local.split(':')[0])}:30 Zahájení, schválení programu — předkládá Jana Nováková`);
    expect(description).to.contain(`2. ${tenLater} Příliš žluťoučký kůň úpěl ďábelské ódy; čeština`);
    expect(description).to.contain(`http://zapisnik.example.cz/meetings/${world.meeting}`);
    expect(prop(event, 'url')).to.equal(`http://zapisnik.example.cz/meetings/${world.meeting}`);
    expect(prop(event, 'sequence')).to.equal(0);
    expect(prop(event, 'status')).to.equal('CONFIRMED');
  });

  it('raises SEQUENCE when the meeting is moved, not when only its title changes, and marks a cancelled meeting', async () => {
    const world = await calendarWorld();
    const { admin, meeting } = world;
    const form = (overrides: Record<string, string>) => {
      const stored = findMeeting(world.db, meeting)!;
      const local = new Date(stored.startsAt);
      const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague', year: 'numeric', month: '2-digit', day: '2-digit' }).format(local);
      const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Prague', hour: '2-digit', minute: '2-digit' }).format(local);
      return {
        leadGroupId: String(stored.leadGroupId),
        number: String(stored.number),
        title: stored.title,
        date,
        startTime: time,
        venueId: stored.venueId ? String(stored.venueId) : '',
        room: stored.room,
        minuteTakerId: stored.minuteTakerId ? String(stored.minuteTakerId) : '',
        status: stored.status,
        version: String(stored.version),
        ...overrides,
      };
    };
    const sequence = async () => prop(eventsOf(bodyOf(await admin.get(`/meetings/${meeting}.ics`).expect(200)))[0], 'sequence');
    await admin.post(`/meetings/${meeting}`).type('form').send(form({ title: 'Jiný název' })).expect(303);
    expect(await sequence()).to.equal(0);
    await admin.post(`/meetings/${meeting}`).type('form').send(form({ startTime: '13:00' })).expect(303);
    expect(await sequence()).to.equal(1);
    await admin.post(`/meetings/${meeting}`).type('form').send(form({ status: 'cancelled' })).expect(303);
    const [event] = eventsOf(bodyOf(await admin.get(`/meetings/${meeting}.ics`).expect(200)));
    expect(prop(event, 'sequence')).to.equal(2);
    expect(prop(event, 'status')).to.equal('CANCELLED');
    expect(prop(event, 'summary')).to.equal('Jiný název');
  });

  it('answers 404 to an outsider for a members-only meeting', async () => {
    const world = await calendarWorld();
    const hidden = createMeeting(world.db, { leadGroupId: world.privateGroup, title: 'Tajné jednání', startsAt: inDays(5) });
    await request(world.app).get(`/meetings/${hidden}.ics`).expect(404);
    const outsider = await signIn(world, { roles: [] });
    await outsider.get(`/meetings/${hidden}.ics`).expect(404);
    const member = await signIn(world, { roles: [{ groupId: world.privateGroup, role: 'member' }] });
    expect(bodyOf(await member.get(`/meetings/${hidden}.ics`).expect(200))).to.contain('SUMMARY:Tajné jednání');
  });

  it('lists in a group feed only the meetings the requester may see', async () => {
    const world = await calendarWorld();
    // A joint meeting led by the members-only group, with the public group as partner.
    const joint = createMeeting(world.db, { leadGroupId: world.privateGroup, groupIds: [world.publicGroup], title: 'Tajné společné jednání', startsAt: inDays(3) });
    const anonymous = await request(world.app).get('/groups/socialni/calendar.ics').expect(200);
    expect(anonymous.headers['content-type']).to.equal('text/calendar; charset=utf-8');
    expect(anonymous.headers['content-disposition']).to.match(/^inline; filename="socialni\.ics"; filename\*=UTF-8''socialni\.ics$/);
    expectWellFolded(bodyOf(anonymous));
    const uids = (res: Response) => eventsOf(bodyOf(res)).map((event) => prop(event, 'uid'));
    expect(uids(anonymous)).to.deep.equal([`meeting-${world.meeting}@zapisnik.example.cz`]);
    expect(bodyOf(anonymous)).not.to.contain('Tajné');
    await request(world.app).get('/groups/tajna/calendar.ics').expect(404);
    const partner = await signIn(world, { roles: [{ groupId: world.publicGroup, role: 'member' }] });
    const forPartner = await partner.get('/groups/socialni/calendar.ics').expect(200);
    expect(forPartner.headers['cache-control']).to.equal('private, max-age=300');
    expect(uids(forPartner)).to.deep.equal([joint, world.meeting].map((id) => `meeting-${id}@zapisnik.example.cz`));
  });

  it('serves the personal feed by its secret address without a cookie, and not after it is revoked', async () => {
    const world = await calendarWorld();
    const other = createGroup(world.db, { name: 'Jiná skupina', slug: 'jina' });
    createMeeting(world.db, { leadGroupId: world.privateGroup, title: 'Tajné jednání', startsAt: inDays(4) });
    createMeeting(world.db, { leadGroupId: other, title: 'Jednání jiné skupiny', startsAt: inDays(6) });
    const account = createAccount(world.db, { email: 'clen@example.cz' });
    createMembership(world.db, { groupId: world.publicGroup, personId: account.personId });
    createMembership(world.db, { groupId: world.privateGroup, personId: account.personId });
    const agent = request.agent(world.app);
    const login = await agent.get('/login');
    await agent.post('/login').type('form').send({ email: account.email, password: 'heslo pro testy', _csrf: csrfFrom(login.text) }).expect(303);
    const page = await agent.get('/account').expect(200);
    expect(page.text).to.contain('Kalendář');
    const created = await agent.post('/account/calendar').type('form').send({ _csrf: csrfFrom(page.text) }).expect(200);
    expect(created.headers['cache-control']).to.equal('no-store');
    const url = /value="(http:\/\/zapisnik\.example\.cz\/calendar\/[A-Za-z0-9_-]+\.ics)"/.exec(created.text)?.[1];
    expect(url, 'the new address is shown').to.be.a('string');
    const token = /\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(url!)![1];
    // Only the hash is stored.
    expect(JSON.stringify(world.db.prepare('SELECT * FROM accounts').all())).not.to.contain(token);
    const path = new URL(url!).pathname;
    const feed = await request(world.app).get(path).expect(200);
    expect(feed.headers['set-cookie']).to.equal(undefined);
    expect(feed.headers['cache-control']).to.equal('private, max-age=300');
    expectWellFolded(bodyOf(feed));
    const summaries = eventsOf(bodyOf(feed)).map((event) => prop(event, 'summary'));
    expect(summaries).to.deep.equal(['Tajné jednání', '11. setkání Odborné pracovní skupiny Sociální služby']);
    expect(summaries).not.to.include('Jednání jiné skupiny');
    // The account page no longer shows the address; a new one replaces it, and revoking ends it.
    const again = await agent.get('/account').expect(200);
    expect(again.text).to.contain('Vytvořit novou adresu').and.not.to.contain(token);
    const replaced = await agent.post('/account/calendar').type('form').send({ _csrf: csrfFrom(again.text) }).expect(200);
    const newPath = new URL(/value="(http:\/\/zapisnik\.example\.cz\/calendar\/[A-Za-z0-9_-]+\.ics)"/.exec(replaced.text)![1]).pathname;
    expect(newPath).not.to.equal(path);
    await request(world.app).get(path).expect(404);
    await request(world.app).get(newPath).expect(200);
    await agent.post('/account/calendar/revoke').type('form').send({ _csrf: csrfFrom(replaced.text) }).expect(303);
    await request(world.app).get(newPath).expect(404);
    await request(world.app).get('/calendar/neznamy-token-neznamy-token.ics').expect(404);
  });
});

describe('invitation (pozvánka)', () => {
  it('shows the heading, the date in Czech style, the place, the agenda and whom to excuse oneself with', async () => {
    const world = await calendarWorld();
    const stored = findMeeting(world.db, world.meeting)!;
    const czechDate = new Intl.DateTimeFormat('cs', { timeZone: 'Europe/Prague', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(stored.startsAt));
    const page = await world.admin.get(`/meetings/${world.meeting}/invitation`).expect(200);
    expect(page.text).to.contain('Pozvánka na 11. setkání Odborné pracovní skupiny Sociální služby');
    expect(page.text).to.contain(czechDate);
    expect(page.text).to.contain('Zahájení, schválení programu').and.contain('Jana Nováková');
    expect(page.text).to.contain('Případnou neúčast prosím omluvte předem – kontakt: Petra Zapisovatelová (');
    expect(page.text).to.contain('mailto:petra@example.cz');
    expect(page.text).to.contain(`href="/meetings/${world.meeting}.ics"`);

    const text = await world.admin.get(`/meetings/${world.meeting}/invitation.txt`).expect(200);
    expect(text.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(text.text).to.match(/^# Pozvánka na 11\. setkání Odborné pracovní skupiny Sociální služby\n/);
    expect(text.text).to.contain(`- **Datum:** ${czechDate}`);
    const clock = (iso: string) => new Intl.DateTimeFormat('cs', { timeZone: 'Europe/Prague', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
    expect(text.text).to.contain(`- **Čas:** ${clock(stored.startsAt)}\n`);
    expect(text.text).to.contain(`1. ${clock(stored.startsAt)} Zahájení, schválení programu — předkládá Jana Nováková`);
    expect(text.text).to.contain('Případnou neúčast prosím omluvte předem – kontakt: Petra Zapisovatelová (petra@example.cz).');
    expect(text.text).to.contain(`http://zapisnik.example.cz/meetings/${world.meeting}.ics`);

    // The public reads the invitation of a public meeting, without the directory's e-mail addresses.
    const anonymous = await request(world.app).get(`/meetings/${world.meeting}/invitation.txt`).expect(200);
    expect(anonymous.text).to.contain('omluvte předem – kontakt: Petra Zapisovatelová.').and.not.to.contain('petra@example.cz');
    const hidden = createMeeting(world.db, { leadGroupId: world.privateGroup, startsAt: inDays(2) });
    await request(world.app).get(`/meetings/${hidden}/invitation`).expect(404);
    await request(world.app).get(`/meetings/${hidden}/invitation.txt`).expect(404);
  });
});

describe('line breaks typed into fields', () => {
  // What a crafted form (or an older database) could hold: every kind of line break, and a fake event.
  const injected = (label: string) => `${label}\r\nBEGIN:VEVENT\r\nSUMMARY:Podvržená událost\r\nEND:VEVENT\r\nX-A:\u2028BEGIN:VEVENT\u2029\u0085${label}`;

  it('never lets a title, a group name, a place or an agenda item start a line of its own in a calendar', async () => {
    const world = await makeAdminApp({ BASE_URL: 'http://zapisnik.example.cz' });
    const { db, admin } = world;
    // Stored directly, as an older database or another program could have written them.
    const group = createGroup(db, { name: injected('Skupina'), slug: 'skupina', visibility: 'public' });
    const venue = createVenue(db, { name: injected('Místo'), street: injected('Ulice') });
    const meeting = createMeeting(db, { leadGroupId: group, title: injected('Jednání'), startsAt: inDays(5), venueId: venue, room: injected('Místnost') });
    createAgendaItem(db, meeting, { title: injected('Bod'), presenter: injected('Předkladatel') });
    const account = createAccount(db);
    createMembership(db, { groupId: group, personId: account.personId });
    const member = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
    const token = /\/calendar\/([A-Za-z0-9_-]+)\.ics/.exec((await member.post('/account/calendar').expect(200)).text)?.[1];
    for (const url of [`/meetings/${meeting}.ics`, '/groups/skupina/calendar.ics', `/calendar/${token}.ics`]) {
      const text = bodyOf(await request(world.app).get(url).expect(200));
      expectWellFolded(text);
      expect(text.match(/^BEGIN:VEVENT$/gm), url).to.have.length(1);
      expect(text, url).not.to.match(/^SUMMARY:Podvržená/m).and.not.to.match(/[\u2028\u2029\u0085]/);
      const [event] = eventsOf(text);
      expect(String(prop(event, 'summary'))).to.contain('Jednání').and.to.contain('BEGIN:VEVENT');
    }
    // Typed into the form, a title keeps no line break at all.
    const form = await admin.get(`/meetings/${meeting}/edit`).expect(200);
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? '1';
    await admin.post(`/meetings/${meeting}`).type('form').send({ leadGroupId: String(group), number: '1', title: injected('Nový název'), date: '2030-01-10', startTime: '9:30', status: 'planned', version }).expect(303);
    expect(findMeeting(db, meeting)?.title).not.to.match(/[\r\n\u2028\u2029\u0085]/);
  });

  it('keeps line breaks out of download headers', async () => {
    const world = await makeAdminApp();
    const group = createGroup(world.db, { shortName: 'PS\r\nSet-Cookie: x=1', slug: 'ps' });
    const meeting = createMeeting(world.db, { leadGroupId: group });
    const res = await world.admin.get(`/meetings/${meeting}.md`).expect(200);
    expect(String(res.headers['content-disposition'])).not.to.match(/[\r\n]/);
    expect(res.headers['set-cookie'] ?? []).not.to.satisfy((cookies: string[]) => cookies.some((cookie) => cookie.startsWith('x=')));
  });
});
