import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import type { Test } from 'supertest';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { updateProceedings } from '../../src/db/agenda.js';
import { createAgendaItem, createGroup, createMeeting, createResolution, now } from '../factories.js';
import { makeApp, signIn } from '../helpers.js';
import type { TestAgent, TestWorld } from '../helpers.js';

/**
 * Atom feeds of newly published minutes (RFC 4287): the public one, a group's, and a person's
 * secret one. Each is read back with a real XML parser, as a feed reader would.
 */

// Plain HTTP: with an https address the session cookie is Secure, and the test client would not send it back.
const BASE_URL = 'http://zapisnik.example.cz';
const DRAFT = 'Rozepsaný koncept';

interface AtomLink {
  rel: string;
  type?: string;
  href: string;
}
interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published: string;
  author: { name: string };
  link: AtomLink[];
  summary: { '#text': string; type: string };
}
interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  author: { name: string };
  link: AtomLink[];
  entry?: AtomEntry[];
  'xml:lang': string;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, isArray: (name) => name === 'entry' || name === 'link' });

// What XML 1.0 does not allow in a document, whatever a lenient parser accepts.
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** GETs a feed, expecting `status`: its text and headers. */
async function getFeed(agent: TestAgent | { get: (url: string) => Test }, url: string, status = 200): Promise<{ xml: string; headers: Record<string, string> }> {
  const res = await agent.get(url);
  expect(res.status, url).to.equal(status);
  return { xml: res.text, headers: res.headers as Record<string, string> };
}

/** The feed, checked to be well-formed XML with the elements RFC 4287 requires of a feed and its entries. */
function parseFeed(xml: string): AtomFeed {
  expect(XMLValidator.validate(xml)).to.equal(true);
  expect(notXml.exec(xml)?.[0], 'a character XML 1.0 forbids').to.equal(undefined);
  const feed = (parser.parse(xml) as { feed: AtomFeed }).feed;
  for (const field of ['id', 'title', 'updated'] as const) expect(feed[field], `feed ${field}`).to.be.a('string').and.not.equal('');
  expect(feed.author.name).to.be.a('string').and.not.equal('');
  expect(feed.updated).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  expect(feed.link.map((link) => link.rel).sort()).to.deep.equal(['alternate', 'self']);
  for (const entry of feed.entry ?? []) {
    for (const field of ['id', 'title', 'updated', 'published'] as const) expect(entry[field], `entry ${field}`).to.be.a('string').and.not.equal('');
    expect(entry.updated).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(entry.link.find((link) => link.rel === 'alternate')?.href).to.equal(entry.id);
    expect(entry.link.find((link) => link.rel === 'related')).to.deep.equal({ rel: 'related', type: 'application/pdf', href: `${entry.id}.pdf` });
  }
  return feed;
}

const titles = (feed: AtomFeed) => (feed.entry ?? []).map((entry) => entry.title);

/** A public and a members-only group; two published meetings of the public one (published in this order) and a draft. */
function buildWorld(baseUrl = BASE_URL): TestWorld & { publicGroup: number; privateGroup: number; first: number; second: number; draft: number; secret: number } {
  const world = makeApp({ BASE_URL: baseUrl });
  const { db } = world;
  const publicGroup = createGroup(db, { name: 'Veřejná skupina', slug: 'verejna' });
  const privateGroup = createGroup(db, { name: 'Tajná skupina', slug: 'tajna', visibility: 'members' });
  const first = createMeeting(db, { leadGroupId: publicGroup, title: 'První jednání', status: 'held', startsAt: '2024-03-05T08:30:00Z', endsAt: '2024-03-05T10:00:00Z' });
  const second = createMeeting(db, { leadGroupId: publicGroup, title: 'Druhé jednání', status: 'held', startsAt: '2024-02-01T08:30:00Z' });
  const draft = createMeeting(db, { leadGroupId: publicGroup, title: `${DRAFT} (název)`, status: 'held' });
  const secret = createMeeting(db, { leadGroupId: privateGroup, title: 'Tajné jednání', status: 'held' });
  const item = createAgendaItem(db, first, { title: 'Rozpočet na rok 2025' });
  createAgendaItem(db, first, { title: 'Různé' });
  createResolution(db, first, { agendaItemId: item, text: 'Skupina schvaluje rozpočet.' });
  const draftItem = createAgendaItem(db, draft, { title: `${DRAFT} (bod)` });
  updateProceedings(db, draft, new Map([[draftItem, `${DRAFT} (text)`]]), now());
  createResolution(db, draft, { text: `${DRAFT} (usnesení)` });
  createAgendaItem(db, secret, { title: 'Tajný bod' });
  // Published in the opposite order of the meetings: a feed is ordered by publication.
  setMinutesPublished(db, first, true, '2024-03-10T09:00:00.000Z');
  setMinutesPublished(db, second, true, '2024-03-12T15:30:00.000Z');
  setMinutesPublished(db, secret, true, '2024-03-11T09:00:00.000Z');
  return { ...world, publicGroup, privateGroup, first, second, draft, secret };
}

describe('Atom feeds of published minutes', () => {
  it('lists the public groups’ published minutes, newest publication first, with what each says', async () => {
    const world = buildWorld();
    const { xml, headers } = await getFeed(request(world.app), '/feed.atom');
    expect(headers['content-type']).to.equal('application/atom+xml; charset=utf-8');
    const feed = parseFeed(xml);
    expect(feed.id).to.equal(`${BASE_URL}/feed.atom`);
    expect(feed.link).to.deep.include({ rel: 'self', type: 'application/atom+xml', href: `${BASE_URL}/feed.atom` });
    expect(feed.updated).to.equal('2024-03-12T15:30:00Z');
    expect(feed['xml:lang']).to.equal('cs');
    expect(titles(feed)).to.deep.equal(['Zápis – Druhé jednání', 'Zápis – První jednání']);
    const entry = feed.entry![1];
    expect(entry.id).to.equal(`${BASE_URL}/meetings/${world.first}`);
    expect(entry.published).to.equal('2024-03-10T09:00:00Z');
    expect(entry.author.name).to.equal('Veřejná skupina');
    expect(entry.summary.type).to.equal('text');
    expect(entry.summary['#text']).to.contain('Datum: úterý 5. března 2024').and.to.contain('Čas: 9:30–11:00');
    expect(entry.summary['#text']).to.contain('1. Rozpočet na rok 2025\n2. Různé');
    expect(entry.summary['#text']).to.contain('Usnesení č. 1/2024: Skupina schvaluje rozpočet.');
    // Drafts and members-only meetings are not there, not even for those who may read them.
    const admin = await signIn(world);
    for (const text of [xml, (await getFeed(admin, '/feed.atom')).xml]) expect(text).not.to.contain(DRAFT).and.not.to.contain('Tajn');
  });

  it('follows what is published: new minutes appear, minutes taken back to draft go', async () => {
    const world = buildWorld();
    expect(titles(parseFeed((await getFeed(request(world.app), '/feed.atom')).xml))).to.have.length(2);
    setMinutesPublished(world.db, world.draft, true, '2024-04-01T08:00:00.000Z');
    setMinutesPublished(world.db, world.second, false, now());
    const feed = parseFeed((await getFeed(request(world.app), '/feed.atom')).xml);
    expect(titles(feed)).to.deep.equal([`Zápis – ${DRAFT} (název)`, 'Zápis – První jednání']);
    expect(feed.updated).to.equal('2024-04-01T08:00:00Z');
  });

  it('gives an empty feed a fixed instant as its last update', async () => {
    const world = makeApp({ BASE_URL });
    const feed = parseFeed((await getFeed(request(world.app), '/feed.atom')).xml);
    expect(feed.entry).to.equal(undefined);
    expect(feed.updated).to.equal('1970-01-01T00:00:00Z');
  });

  it('shows a group’s feed as its page is shown: a members-only group only to its members', async () => {
    const world = buildWorld();
    const anonymous = request(world.app);
    const outsider = await signIn(world, { roles: [] });
    const member = await signIn(world, { roles: [{ groupId: world.privateGroup, role: 'member' }] });
    const open = await getFeed(anonymous, '/groups/verejna/feed.atom');
    expect(open.headers.vary).to.match(/Cookie/);
    expect(open.headers['cache-control']).to.equal('public, max-age=300');
    const feed = parseFeed(open.xml);
    expect(feed.title).to.equal('Veřejná skupina – nové zápisy');
    expect(feed.link).to.deep.include({ rel: 'alternate', type: 'text/html', href: `${BASE_URL}/groups/verejna` });
    expect(titles(feed)).to.deep.equal(['Zápis – Druhé jednání', 'Zápis – První jednání']);
    await getFeed(anonymous, '/groups/tajna/feed.atom', 404);
    await getFeed(outsider, '/groups/tajna/feed.atom', 404);
    const hidden = await getFeed(member, '/groups/tajna/feed.atom');
    expect(hidden.headers['cache-control']).to.equal('private, max-age=300');
    expect(titles(parseFeed(hidden.xml))).to.deep.equal(['Zápis – Tajné jednání']);
    await getFeed(anonymous, '/groups/neni/feed.atom', 404);
  });

  it('lists a joint meeting in each of its groups’ feeds, never naming a lead group hidden from the reader', async () => {
    const world = buildWorld();
    const joint = createMeeting(world.db, { leadGroupId: world.privateGroup, groupIds: [world.publicGroup], status: 'held' });
    setMinutesPublished(world.db, joint, true, '2024-05-01T08:00:00.000Z');
    const partner = await signIn(world, { roles: [{ groupId: world.publicGroup, role: 'member' }] });
    const feed = parseFeed((await getFeed(partner, '/groups/verejna/feed.atom')).xml);
    expect(feed.entry![0]).to.include({ id: `${BASE_URL}/meetings/${joint}`, title: 'Zápis – Společné setkání skupin' });
    expect(feed.entry![0].author.name).to.equal('Zápisník');
    expect(JSON.stringify(feed)).not.to.contain('Tajn');
    // The public sees no part of it.
    expect((await getFeed(request(world.app), '/groups/verejna/feed.atom')).xml).not.to.contain(`/meetings/${joint}`);
  });

  it('gives a person their groups’ minutes at the calendar’s secret address, without a cookie, until it is revoked', async () => {
    const world = buildWorld();
    const member = await signIn(world, { roles: [{ groupId: world.privateGroup, role: 'member' }] });
    const page = (await member.post('/account/calendar').expect(200)).text;
    const token = /\/feed\/([A-Za-z0-9_-]+)\.atom/.exec(page)?.[1];
    expect(token).to.be.a('string');
    expect(page).to.contain(`${BASE_URL}/calendar/${token}.ics`).and.to.contain(`${BASE_URL}/feed/${token}.atom`);
    const reader = request(world.app);
    const { xml, headers } = await getFeed(reader, `/feed/${token}.atom`);
    expect(headers['referrer-policy']).to.equal('no-referrer');
    expect(headers['cache-control']).to.equal('private, max-age=300');
    const feed = parseFeed(xml);
    expect(feed.link).to.deep.include({ rel: 'self', type: 'application/atom+xml', href: `${BASE_URL}/feed/${token}.atom` });
    // Only the person's group: the public group's minutes are not theirs to follow here.
    expect(titles(feed)).to.deep.equal(['Zápis – Tajné jednání']);
    await member.post('/account/calendar/revoke').expect(303);
    await getFeed(reader, `/feed/${token}.atom`, 404);
    await getFeed(reader, `/calendar/${token}.ics`, 404);
    await getFeed(reader, `/feed/${'x'.repeat(43)}.atom`, 404);
  });

  it('stays well-formed XML, its titles on one line, whatever was typed', async () => {
    const world = buildWorld();
    const hostile = 'Zlé <b>tučné</b> & "uvozovky" \'apostrof\' ]]> konec\r\nDalší řádek\u0000\u0007\u001b\u2028oddíl\u2029\u0085\uFFFE\uD800 hotovo';
    const meeting = createMeeting(world.db, { leadGroupId: world.publicGroup, title: hostile, status: 'held', room: `Sál ${hostile}` });
    createAgendaItem(world.db, meeting, { title: hostile });
    createResolution(world.db, meeting, { text: hostile });
    setMinutesPublished(world.db, meeting, true, '2024-06-01T08:00:00.000Z');
    for (const url of ['/feed.atom', '/groups/verejna/feed.atom']) {
      const feed = parseFeed((await getFeed(request(world.app), url)).xml);
      const entry = feed.entry![0];
      expect(entry.id).to.equal(`${BASE_URL}/meetings/${meeting}`);
      expect(entry.title).not.to.match(/[\r\n\u2028\u2029\u0085]/);
      expect(entry.title).to.contain('Zlé <b>tučné</b> & "uvozovky" \'apostrof\' ]]> konec').and.to.contain('Další řádek').and.to.contain('hotovo');
      expect(entry.summary['#text']).to.contain('1. Zlé <b>tučné</b> &').and.to.contain(': Zlé <b>tučné</b>');
    }
  });

  it('is linked from the head of the home page and of a group page, whose box offers the calendar and the feed', async () => {
    const world = buildWorld();
    const anonymous = request(world.app);
    expect((await anonymous.get('/').expect(200)).text).to.contain(`<link rel="alternate" type="application/atom+xml" title="Zápisník – nové zápisy" href="${BASE_URL}/feed.atom">`);
    const group = (await anonymous.get('/groups/verejna').expect(200)).text;
    expect(group).to.contain(`<link rel="alternate" type="application/atom+xml" title="Veřejná skupina – nové zápisy" href="${BASE_URL}/groups/verejna/feed.atom">`);
    expect(group).to.contain('Kalendář skupiny (.ics)').and.to.contain('Nové zápisy skupiny ve čtečce zpráv (RSS/Atom).');
    expect(group).not.to.contain('fungují jen v prohlížeči, kde jste přihlášeni');
    // An instance served over https offers its addresses so, and the calendar also as webcal:.
    const secure = (await request(buildWorld('https://zapisnik.example.cz').app).get('/groups/verejna').expect(200)).text;
    expect(secure).to.contain('href="https://zapisnik.example.cz/groups/verejna/calendar.ics"');
    expect(secure).to.contain('href="webcal://zapisnik.example.cz/groups/verejna/calendar.ics"');
    expect(secure).to.contain('href="https://zapisnik.example.cz/groups/verejna/feed.atom"');
    // A members-only group's addresses need a sign-in: its members are sent to their personal ones.
    const member = await signIn(world, { roles: [{ groupId: world.privateGroup, role: 'member' }] });
    const hidden = (await member.get('/groups/tajna').expect(200)).text;
    expect(hidden).to.contain('fungují jen v prohlížeči, kde jste přihlášeni').and.to.contain('<a href="/account">Můj účet</a>');
    expect(hidden).to.contain(`href="${BASE_URL}/groups/tajna/feed.atom"`);
  });
});
