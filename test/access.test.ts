import { now } from './factories.js';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { setMinutesPublished } from '../src/db/minutes.js';
import { updateProceedings } from '../src/db/agenda.js';
import { insertPasswordLink } from '../src/db/accounts.js';
import { newLinkSecret } from '../src/passwords.js';
import { createActionItem, createAgendaItem, createGroup, createMeeting, createMembership, createOrganisation, createPerson, createResolution, createVenue } from './factories.js';
import { TEST_PASSWORD, createAccount, csrfFrom, makeApp, sessionCookieOf, signIn } from './helpers.js';
import type { TestAgent, TestWorld } from './helpers.js';
import { storeTestAttachment, storeTestLogo } from './files.js';
import { getBytes, pdfText, unzipEntry } from './export/binary.js';

/**
 * The route table: every route the app registers, and what each kind of visitor gets from it.
 * A route without an entry here fails the first test, so no route ships without a decision.
 *
 * The world: a public group "Veřejná skupina" and a members-only "Tajná skupina". The member is a
 * plain member of both, the secretary the secretary of both, the outsider is signed in but in no
 * group. Every visitor (anonymous too) holds a session with a CSRF token, so what is tested is
 * the access rule, not the CSRF check (that has its own test below).
 */
type Who = 'anonymous' | 'outsider' | 'member' | 'secretary' | 'admin';
const everyone: readonly Who[] = ['anonymous', 'outsider', 'member', 'secretary', 'admin'];

interface Fixture {
  publicSlug: string;
  privateSlug: string;
  publicMeeting: number;
  draftMeeting: number;
  privateMeeting: number;
  publicItem: number;
  publicItem2: number;
  privateItem: number;
  publicResolution: number;
  privateResolution: number;
  publicMembership: number;
  privateMembership: number;
  publicActionItem: number;
  privateActionItem: number;
  draftActionItem: number;
  person: number;
  /** A person in no group. */
  guest: number;
  organisation: number;
  venue: number;
  linkToken: string;
  otherAccount: number;
  publicAttachment: number;
  membersAttachment: number;
  draftAttachment: number;
  privateAttachment: number;
  adminEmail: string;
}

const SECRET_TEXTS = ['Tajná skupina', 'Tajné jednání', 'Tajný zápis', 'Důvěrný životopis'];
const DRAFT_TEXT = 'Rozepsaný koncept zápisu';

function buildFixture(world: TestWorld): Fixture {
  const { db } = world;
  const organisation = createOrganisation(db, { name: 'Organizace pro test' });
  const person = createPerson(db, { name: 'Jana Testová', organisationId: organisation });
  const venue = createVenue(db);
  const publicGroup = createGroup(db, { name: 'Veřejná skupina', slug: 'verejna', visibility: 'public' });
  const privateGroup = createGroup(db, { name: 'Tajná skupina', slug: 'tajna', visibility: 'members' });
  const publicMeeting = createMeeting(db, { leadGroupId: publicGroup, number: 1, status: 'held', venueId: venue, title: 'Veřejné jednání' });
  const draftMeeting = createMeeting(db, { leadGroupId: publicGroup, number: 2, status: 'held' });
  const privateMeeting = createMeeting(db, { leadGroupId: privateGroup, number: 1, title: 'Tajné jednání' });
  const publicItem = createAgendaItem(db, publicMeeting, { title: 'Bod jedna' });
  const publicItem2 = createAgendaItem(db, publicMeeting, { title: 'Bod dva' });
  const draftItem = createAgendaItem(db, draftMeeting);
  const privateItem = createAgendaItem(db, privateMeeting);
  updateProceedings(db, publicMeeting, new Map([[publicItem, 'Veřejný zápis']]), now());
  updateProceedings(db, draftMeeting, new Map([[draftItem, DRAFT_TEXT]]), now());
  updateProceedings(db, privateMeeting, new Map([[privateItem, 'Tajný zápis']]), now());
  setMinutesPublished(db, publicMeeting, true, now());
  setMinutesPublished(db, privateMeeting, true, now());
  const publicResolution = createResolution(db, publicMeeting, { agendaItemId: publicItem, text: 'Veřejné usnesení' });
  const privateResolution = createResolution(db, privateMeeting, { text: 'Tajné usnesení' });
  // A resolution of draft minutes is part of the draft: no page may show it to members or the public.
  createResolution(db, draftMeeting, { text: `${DRAFT_TEXT} (usnesení)` });
  const publicMembership = createMembership(db, { groupId: publicGroup, personId: person });
  const privateMembership = createMembership(db, { groupId: privateGroup, personId: createPerson(db) });
  const publicActionItem = createActionItem(db, publicMeeting, { text: 'Veřejný úkol', ownerIds: [person], organisationId: organisation, agendaItemId: publicItem });
  // Texts that contain a secret, so that any page showing them to outsiders fails the checks below.
  const privateActionItem = createActionItem(db, privateMeeting, { text: 'Tajná skupina: úkol', ownerIds: [person] });
  const draftActionItem = createActionItem(db, draftMeeting, { text: `${DRAFT_TEXT} (úkol)`, ownerIds: [person], dueDate: '2018-03-31' });
  // Attachments (files in the world's DATA_DIR/uploads) follow their minutes; both groups have a logo.
  const publicAttachment = storeTestAttachment(world, publicMeeting);
  // A file of the public group's published minutes kept for its members: nobody else may learn of it.
  const membersAttachment = storeTestAttachment(world, publicMeeting, { title: 'Důvěrný životopis uchazeče', name: 'zivotopis.pdf', visibility: 'members', agendaItemId: publicItem });
  const draftAttachment = storeTestAttachment(world, draftMeeting);
  const privateAttachment = storeTestAttachment(world, privateMeeting);
  storeTestLogo(world, publicGroup);
  storeTestLogo(world, privateGroup);
  const other = createAccount(db, { name: 'Pozvaná Osoba' });
  const { token, tokenHash } = newLinkSecret();
  insertPasswordLink(db, other.accountId, tokenHash, 'invite', new Date(Date.now() + 86_400_000).toISOString(), now());
  return {
    publicSlug: 'verejna',
    privateSlug: 'tajna',
    publicMeeting,
    draftMeeting,
    privateMeeting,
    publicItem,
    publicItem2,
    privateItem,
    publicResolution,
    privateResolution,
    publicMembership,
    privateMembership,
    publicActionItem,
    privateActionItem,
    draftActionItem,
    person,
    guest: createPerson(db, { name: 'Host Zvenčí' }),
    organisation,
    venue,
    linkToken: token,
    otherAccount: other.accountId,
    publicAttachment,
    membersAttachment,
    draftAttachment,
    privateAttachment,
    adminEmail: world.adminEmail,
  };
}

/** A visitor of the given kind, with a session and its CSRF token. */
async function visitor(world: TestWorld, who: Who): Promise<TestAgent> {
  const groups = (role: 'member' | 'secretary') =>
    (world.db.prepare("SELECT id FROM groups WHERE slug IN ('verejna', 'tajna')").all() as { id: number }[]).map(({ id }) => ({ groupId: id, role }));
  if (who === 'admin') return signIn(world, 'admin');
  if (who === 'outsider') return signIn(world, { roles: [] });
  if (who === 'member' || who === 'secretary') return signIn(world, { roles: groups(who) });
  const agent = request.agent(world.app);
  agent.set('X-CSRF-Token', csrfFrom((await agent.get('/login')).text));
  return agent;
}

type Expected = Record<Who, number>;
interface Case {
  /** What this case is about, when a route has several (a public and a private meeting). */
  label?: string;
  url: (f: Fixture) => string;
  body?: (f: Fixture) => Record<string, string | string[]>;
  expect: Expected;
}

const all = (status: number): Expected => ({ anonymous: status, outsider: status, member: status, secretary: status, admin: status });
const roles = (anonymous: number, outsider: number, member: number, secretary: number, admin: number): Expected => ({ anonymous, outsider, member, secretary, admin });
// Reading the directory needs an account; changing it, a writing role (or admin).
const signedInRead = roles(303, 200, 200, 200, 200);
const writersPage = roles(303, 403, 403, 200, 200);
const writersPost = (ok: number) => roles(403, 403, 403, ok, ok);
const adminPage = roles(303, 403, 403, 403, 200);
const adminPost = (ok: number) => roles(403, 403, 403, 403, ok);
// In the members-only group: invisible (404) to those outside it; members read but do not write.
const privatePage = roles(404, 404, 403, 200, 200);
const privatePost = (ok: number) => roles(404, 404, 403, ok, ok);
const privateRead = roles(404, 404, 200, 200, 200);

// In 2018, the year the fixture's meetings (and their resolutions) are in.
const meetingForm = (_f: Fixture, slug: 'verejna' | 'tajna') => ({ leadGroupId: slug === 'verejna' ? '__public__' : '__private__', date: '2018-11-15', startTime: '9:30', status: 'planned' });

const routes: Record<string, Case[]> = {
  'GET /setup': [{ url: () => '/setup', expect: all(404) }],
  'POST /setup': [{ url: () => '/setup', body: () => ({ name: 'Druhý správce', email: 'x@example.test', password: 'dlouhé heslo 1', passwordConfirm: 'dlouhé heslo 1' }), expect: all(404) }],
  'GET /login': [{ url: () => '/login', expect: roles(200, 303, 303, 303, 303) }],
  'POST /login': [{ url: () => '/login', body: (f) => ({ email: f.adminEmail, password: TEST_PASSWORD }), expect: all(303) }],
  'POST /logout': [{ url: () => '/logout', expect: all(303) }],
  'GET /account': [{ url: () => '/account', expect: signedInRead }],
  'POST /account/password': [
    { url: () => '/account/password', body: () => ({ currentPassword: TEST_PASSWORD, password: 'nové dlouhé heslo', passwordConfirm: 'nové dlouhé heslo' }), expect: roles(303, 303, 303, 303, 303) },
  ],
  'GET /password/:token': [
    { label: 'a valid link', url: (f) => `/password/${f.linkToken}`, expect: all(200) },
    { label: 'an unknown link', url: () => `/password/${'x'.repeat(43)}`, expect: all(410) },
  ],
  'POST /password/:token': [{ url: (f) => `/password/${f.linkToken}`, body: () => ({ password: 'nové dlouhé heslo', passwordConfirm: 'nové dlouhé heslo' }), expect: all(303) }],
  'GET /accounts': [{ url: () => '/accounts', expect: adminPage }],
  'GET /accounts/new': [{ url: () => '/accounts/new', expect: adminPage }],
  'POST /accounts': [
    { url: () => '/accounts', body: () => ({ email: 'novy@example.test', role: 'user', name: 'Nový Uživatel' }), expect: adminPost(200) },
    // Into a group at once: still the administrators' alone, even for the group's own secretary.
    { label: 'into a group', url: () => '/accounts', body: () => ({ email: 'novy@example.test', role: 'user', name: 'Nový Uživatel', groupId: '__public__', groupRole: 'secretary' }), expect: adminPost(200) },
  ],
  'GET /accounts/:id': [{ url: (f) => `/accounts/${f.otherAccount}`, expect: adminPage }],
  'POST /accounts/:id': [{ url: (f) => `/accounts/${f.otherAccount}`, body: () => ({ email: 'zmena@example.test', role: 'user', version: '1' }), expect: adminPost(303) }],
  'POST /accounts/:id/reset': [{ url: (f) => `/accounts/${f.otherAccount}/reset`, expect: adminPost(200) }],
  'POST /accounts/:id/deactivate': [{ url: (f) => `/accounts/${f.otherAccount}/deactivate`, expect: adminPost(303) }],
  'POST /accounts/:id/reactivate': [{ url: (f) => `/accounts/${f.otherAccount}/reactivate`, expect: adminPost(303) }],
  'GET /healthz': [{ url: () => '/healthz', expect: all(200) }],
  'GET /language': [{ url: () => '/language?lang=en&next=/groups', expect: all(303) }],
  'GET /': [{ url: () => '/', expect: all(200) }],
  // Search: the quotes around the words found must show no secret and no draft to those who may not read them.
  'GET /search': [
    { label: 'tasks', url: () => `/search?q=${encodeURIComponent('úkol')}`, expect: all(200) },
    { label: 'resolutions', url: () => `/search?q=${encodeURIComponent('usnesení')}`, expect: all(200) },
    { label: 'a file for members', url: () => `/search?q=${encodeURIComponent('uchazeče')}`, expect: all(200) },
    { label: 'a group filter', url: (f) => `/search?q=${encodeURIComponent('úkol')}&group=${f.privateSlug}`, expect: all(200) },
  ],

  'GET /organisations': [{ url: () => '/organisations', expect: signedInRead }],
  'GET /organisations/new': [{ url: () => '/organisations/new', expect: writersPage }],
  'POST /organisations': [{ url: () => '/organisations', body: () => ({ name: 'Nová organizace' }), expect: writersPost(303) }],
  'GET /organisations/:id/edit': [{ url: (f) => `/organisations/${f.organisation}/edit`, expect: writersPage }],
  'POST /organisations/:id': [{ url: (f) => `/organisations/${f.organisation}`, body: () => ({ name: 'Přejmenovaná', version: '1' }), expect: writersPost(303) }],
  'POST /organisations/:id/delete': [{ label: 'in use', url: (f) => `/organisations/${f.organisation}/delete`, expect: writersPost(409) }],
  'GET /people': [{ url: () => '/people', expect: signedInRead }],
  'GET /people/new': [{ url: () => '/people/new', expect: writersPage }],
  'POST /people': [{ url: () => '/people', body: () => ({ name: 'Nová Osoba' }), expect: writersPost(303) }],
  'GET /people/:id': [{ url: (f) => `/people/${f.person}`, expect: signedInRead }],
  'GET /people/:id/edit': [{ url: (f) => `/people/${f.person}/edit`, expect: writersPage }],
  'POST /people/:id': [{ url: (f) => `/people/${f.person}`, body: () => ({ name: 'Jana Přejmenovaná', version: '1' }), expect: writersPost(303) }],
  'POST /people/:id/delete': [{ label: 'a member of a group', url: (f) => `/people/${f.person}/delete`, expect: writersPost(409) }],
  'GET /venues': [{ url: () => '/venues', expect: signedInRead }],
  'GET /venues/new': [{ url: () => '/venues/new', expect: writersPage }],
  'POST /venues': [{ url: () => '/venues', body: () => ({ name: 'Nové místo' }), expect: writersPost(303) }],
  'GET /venues/:id/edit': [{ url: (f) => `/venues/${f.venue}/edit`, expect: writersPage }],
  'POST /venues/:id': [{ url: (f) => `/venues/${f.venue}`, body: () => ({ name: 'Přejmenované místo', version: '1' }), expect: writersPost(303) }],
  'POST /venues/:id/delete': [{ label: 'in use', url: (f) => `/venues/${f.venue}/delete`, expect: writersPost(409) }],

  'GET /groups': [{ url: () => '/groups', expect: all(200) }],
  'GET /groups/new': [{ url: () => '/groups/new', expect: adminPage }],
  'POST /groups': [{ url: () => '/groups', body: () => ({ name: 'Nová skupina', visibility: 'public' }), expect: adminPost(303) }],
  'GET /groups/:slug': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}`, expect: all(200) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}`, expect: privateRead },
  ],
  // A group's settings (visibility among them) and its deletion are the administrators'.
  'GET /groups/:slug/edit': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/edit`, expect: adminPage },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/edit`, expect: roles(404, 404, 403, 403, 200) },
  ],
  'POST /groups/:slug': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}`, body: (f) => ({ name: 'Veřejná skupina 2', slug: f.publicSlug, visibility: 'public', version: '1' }), expect: adminPost(303) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}`, body: (f) => ({ name: 'Tajná skupina 2', slug: f.privateSlug, visibility: 'members', version: '1' }), expect: roles(404, 404, 403, 403, 303) },
  ],
  'POST /groups/:slug/delete': [
    { label: 'with meetings', url: (f) => `/groups/${f.publicSlug}/delete`, expect: adminPost(409) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/delete`, expect: roles(404, 404, 403, 403, 409) },
  ],
  'GET /groups/:slug/members': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/members`, expect: writersPage },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/members`, expect: privatePage },
  ],
  'POST /groups/:slug/members': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/members`, body: (f) => ({ personId: String(f.person), role: 'guest' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/members`, body: (f) => ({ personId: String(f.person), role: 'guest' }), expect: privatePost(303) },
    // Bringing in a new person with an invitation: those who run the group get the one-time link (200).
    { label: 'public, a new person invited', url: (f) => `/groups/${f.publicSlug}/members`, body: () => ({ name: 'Nová Členka', email: 'nova.clenka@example.test', invite: '1', role: 'member' }), expect: writersPost(200) },
    { label: 'members-only, a new person invited', url: (f) => `/groups/${f.privateSlug}/members`, body: () => ({ name: 'Nová Členka', email: 'nova.clenka@example.test', invite: '1', role: 'member' }), expect: privatePost(200) },
  ],
  'GET /groups/:slug/members/:id/edit': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/members/${f.publicMembership}/edit`, expect: writersPage },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/members/${f.privateMembership}/edit`, expect: privatePage },
  ],
  'POST /groups/:slug/members/:id': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/members/${f.publicMembership}`, body: () => ({ role: 'guest', version: '1' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/members/${f.privateMembership}`, body: () => ({ role: 'guest', version: '1' }), expect: privatePost(303) },
  ],
  'POST /groups/:slug/members/:id/delete': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/members/${f.publicMembership}/delete`, expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/members/${f.privateMembership}/delete`, expect: privatePost(303) },
  ],

  'GET /meetings/new': [
    { label: 'no group chosen', url: () => '/meetings/new', expect: writersPage },
    { label: 'for a public group', url: (f) => `/meetings/new?group=${f.publicSlug}`, expect: writersPage },
    // Those who cannot plan anywhere are refused before the group is looked at, so nothing leaks.
    { label: 'for a members-only group', url: (f) => `/meetings/new?group=${f.privateSlug}`, expect: writersPage },
  ],
  'POST /meetings': [
    { label: 'public', url: () => '/meetings', body: (f) => meetingForm(f, 'verejna'), expect: writersPost(303) },
    { label: 'members-only', url: () => '/meetings', body: (f) => meetingForm(f, 'tajna'), expect: writersPost(303) },
  ],
  'GET /meetings/:id': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}`, expect: all(200) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}`, expect: privateRead },
  ],
  'GET /meetings/:id/edit': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/edit`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/edit`, expect: privatePage },
  ],
  'POST /meetings/:id': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}`, body: (f) => ({ ...meetingForm(f, 'verejna'), number: '1', version: '1' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}`, body: (f) => ({ ...meetingForm(f, 'tajna'), number: '1', version: '1' }), expect: privatePost(303) },
  ],
  // Both have resolutions and tasks, which keep a meeting from being deleted.
  'POST /meetings/:id/delete': [
    { label: 'public, with decisions', url: (f) => `/meetings/${f.publicMeeting}/delete`, expect: writersPost(409) },
    { label: 'members-only, with decisions', url: (f) => `/meetings/${f.privateMeeting}/delete`, expect: privatePost(409) },
  ],
  'GET /meetings/:id/agenda': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/agenda`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/agenda`, expect: privatePage },
  ],
  'POST /meetings/:id/agenda': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/agenda`, body: () => ({ title: 'Různé' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/agenda`, body: () => ({ title: 'Různé' }), expect: privatePost(303) },
  ],
  'POST /meetings/:id/agenda/order': [
    { url: (f) => `/meetings/${f.publicMeeting}/agenda/order`, body: (f) => ({ ids: [String(f.publicItem2), String(f.publicItem)] }), expect: writersPost(303) },
  ],
  'GET /meetings/:id/agenda/:itemId/edit': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/agenda/${f.publicItem}/edit`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/agenda/${f.privateItem}/edit`, expect: privatePage },
  ],
  'POST /meetings/:id/agenda/:itemId': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/agenda/${f.publicItem}`, body: () => ({ title: 'Nový název', version: '2' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/agenda/${f.privateItem}`, body: () => ({ title: 'Nový název', version: '2' }), expect: privatePost(303) },
  ],
  'POST /meetings/:id/agenda/:itemId/move': [
    { url: (f) => `/meetings/${f.publicMeeting}/agenda/${f.publicItem2}/move`, body: () => ({ direction: 'up' }), expect: writersPost(303) },
  ],
  'POST /meetings/:id/agenda/:itemId/delete': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/agenda/${f.publicItem}/delete`, expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/agenda/${f.privateItem}/delete`, expect: privatePost(303) },
  ],
  'GET /meetings/:id/minutes/edit': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/minutes/edit`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/minutes/edit`, expect: privatePage },
  ],
  'POST /meetings/:id/minutes': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/minutes`, body: () => ({ action: 'save', openingNotes: 'Úvod' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/minutes`, body: () => ({ action: 'save', openingNotes: 'Úvod' }), expect: privatePost(303) },
  ],
  'POST /meetings/:id/minutes/publish': [
    { label: 'a draft', url: (f) => `/meetings/${f.draftMeeting}/minutes/publish`, expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/minutes/publish`, expect: privatePost(303) },
  ],
  'POST /meetings/:id/minutes/unpublish': [{ url: (f) => `/meetings/${f.publicMeeting}/minutes/unpublish`, expect: writersPost(303) }],
  // Follow-up meetings
  'GET /meetings/:id/follow-up': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/follow-up`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/follow-up`, expect: privatePage },
  ],
  'POST /meetings/:id/follow-up': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/follow-up`, body: (f) => meetingForm(f, 'verejna'), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/follow-up`, body: (f) => meetingForm(f, 'tajna'), expect: privatePost(303) },
  ],
  // Resolutions
  'GET /meetings/:id/resolutions/new': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/resolutions/new?item=${f.publicItem}`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/resolutions/new`, expect: privatePage },
  ],
  'POST /meetings/:id/resolutions': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/resolutions`, body: () => ({ text: 'Skupina schvaluje plán.', outcome: 'adopted', votesFor: '14', votesAgainst: '0', votesAbstain: '1' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/resolutions`, body: () => ({ text: 'Skupina schvaluje plán.', outcome: 'adopted' }), expect: privatePost(303) },
  ],
  'GET /meetings/:id/resolutions/:resolutionId/edit': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/resolutions/${f.publicResolution}/edit`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/resolutions/${f.privateResolution}/edit`, expect: privatePage },
  ],
  'POST /meetings/:id/resolutions/:resolutionId': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/resolutions/${f.publicResolution}`, body: () => ({ text: 'Upravené usnesení', outcome: 'noted', number: '1', version: '1' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/resolutions/${f.privateResolution}`, body: () => ({ text: 'Upravené usnesení', outcome: 'noted', number: '1', version: '1' }), expect: privatePost(303) },
  ],
  'POST /meetings/:id/resolutions/:resolutionId/delete': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/resolutions/${f.publicResolution}/delete`, expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/resolutions/${f.privateResolution}/delete`, expect: privatePost(303) },
  ],
  'GET /groups/:slug/resolutions': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/resolutions`, expect: all(200) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/resolutions`, expect: privateRead },
  ],
  // Action items
  'GET /meetings/:id/action-items/new': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/action-items/new?item=${f.publicItem}`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/action-items/new`, expect: privatePage },
  ],
  'POST /meetings/:id/action-items': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/action-items`, body: (f) => ({ text: 'Zaslat podklady', ownerIds: [String(f.person)], dueDate: '2018-04-30' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/action-items`, body: (f) => ({ text: 'Zaslat podklady', organisationId: String(f.organisation) }), expect: privatePost(303) },
  ],
  'GET /action-items/:id': [
    { label: 'public', url: (f) => `/action-items/${f.publicActionItem}`, expect: all(200) },
    { label: 'members-only', url: (f) => `/action-items/${f.privateActionItem}`, expect: privateRead },
    // An item of draft minutes is part of the draft.
    { label: 'draft minutes', url: (f) => `/action-items/${f.draftActionItem}`, expect: roles(404, 404, 404, 200, 200) },
  ],
  'GET /action-items/:id/edit': [
    { label: 'public', url: (f) => `/action-items/${f.publicActionItem}/edit`, expect: writersPage },
    // A draft's task is part of the draft: it does not exist for those who may not read it.
    { label: 'draft minutes', url: (f) => `/action-items/${f.draftActionItem}/edit`, expect: roles(404, 404, 404, 200, 200) },
    { label: 'members-only', url: (f) => `/action-items/${f.privateActionItem}/edit`, expect: privatePage },
  ],
  'POST /action-items/:id': [
    { label: 'draft minutes', url: (f) => `/action-items/${f.draftActionItem}`, body: (f) => ({ text: 'Upravený úkol', ownerIds: [String(f.person)], status: 'open', version: '1' }), expect: roles(404, 404, 404, 303, 303) },
    { label: 'public', url: (f) => `/action-items/${f.publicActionItem}`, body: (f) => ({ text: 'Upravený úkol', ownerIds: [String(f.person)], status: 'done', version: '1' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/action-items/${f.privateActionItem}`, body: (f) => ({ text: 'Upravený úkol', ownerIds: [String(f.person)], status: 'open', version: '1' }), expect: privatePost(303) },
  ],
  'POST /action-items/:id/delete': [
    { label: 'public', url: (f) => `/action-items/${f.publicActionItem}/delete`, expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/action-items/${f.privateActionItem}/delete`, expect: privatePost(303) },
  ],
  'GET /meetings/:id/review': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/review`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/review`, expect: privatePage },
  ],
  'POST /meetings/:id/review': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/review`, expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/review`, expect: privatePost(303) },
  ],
  'GET /tasks': [{ url: () => '/tasks', expect: signedInRead }],
  'GET /groups/:slug/tasks': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/tasks`, expect: all(200) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/tasks`, expect: privateRead },
  ],
  // Attendance
  'GET /meetings/:id/attendance': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/attendance`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/attendance`, expect: privatePage },
  ],
  'POST /meetings/:id/attendance': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/attendance`, body: () => ({ bySheet: '1' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/attendance`, body: () => ({ bySheet: '1' }), expect: privatePost(303) },
  ],
  'POST /meetings/:id/attendance/add': [
    // A guest from outside the group: its members are listed as the members of the day already.
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/attendance/add`, body: (f) => ({ personId: String(f.guest), kind: 'guest', status: 'present' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/attendance/add`, body: (f) => ({ personId: String(f.person), kind: 'invited', status: 'expected' }), expect: privatePost(303) },
  ],
  'POST /meetings/:id/attendance/new-person': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/attendance/new-person`, body: () => ({ name: 'Nová Hostka', organisationName: 'Nová organizace', kind: 'guest', status: 'present' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/attendance/new-person`, body: (f) => ({ name: 'Nová Hostka', organisationId: String(f.organisation), kind: 'guest', status: 'present' }), expect: privatePost(303) },
  ],
  // The fixture lists nobody at its meetings: writers get as far as looking the row up (404); the rest are refused before.
  'POST /meetings/:id/attendance/:attendanceId/delete': [
    { label: 'public, no such row', url: (f) => `/meetings/${f.publicMeeting}/attendance/999999/delete`, expect: roles(403, 403, 403, 404, 404) },
    { label: 'members-only, no such row', url: (f) => `/meetings/${f.privateMeeting}/attendance/999999/delete`, expect: roles(404, 404, 403, 404, 404) },
  ],
  // The sheet names who attends, as the minutes do: whoever reads the meeting may print it.
  'GET /meetings/:id/attendance-sheet': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/attendance-sheet`, expect: all(200) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/attendance-sheet`, expect: privateRead },
  ],
  // Attachments
  // The upload routes take multipart bodies; this table posts a form without files, which a writer is asked to correct (422).
  'GET /meetings/:id/attachments': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/attachments`, expect: writersPage },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/attachments`, expect: privatePage },
  ],
  'POST /meetings/:id/attachments': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/attachments`, body: () => ({ title: 'Podklady' }), expect: writersPost(422) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/attachments`, body: () => ({ title: 'Podklady' }), expect: privatePost(422) },
  ],
  // A file follows the minutes it belongs to: a draft's attachments are part of the draft.
  'GET /attachments/:id': [
    { label: 'public', url: (f) => `/attachments/${f.publicAttachment}`, expect: all(200) },
    { label: 'members-only', url: (f) => `/attachments/${f.privateAttachment}`, expect: privateRead },
    { label: 'draft minutes', url: (f) => `/attachments/${f.draftAttachment}`, expect: roles(404, 404, 404, 200, 200) },
    { label: 'a file for members of a public group', url: (f) => `/attachments/${f.membersAttachment}`, expect: privateRead },
  ],
  'POST /attachments/:id': [
    { label: 'public', url: (f) => `/attachments/${f.publicAttachment}`, body: () => ({ title: 'Nový název', version: '1' }), expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/attachments/${f.privateAttachment}`, body: () => ({ title: 'Nový název', version: '1' }), expect: privatePost(303) },
    { label: 'draft minutes', url: (f) => `/attachments/${f.draftAttachment}`, body: () => ({ title: 'Nový název', version: '1' }), expect: roles(404, 404, 404, 303, 303) },
  ],
  'POST /attachments/:id/delete': [
    { label: 'public', url: (f) => `/attachments/${f.publicAttachment}/delete`, expect: writersPost(303) },
    { label: 'members-only', url: (f) => `/attachments/${f.privateAttachment}/delete`, expect: privatePost(303) },
  ],
  // The funding logo is read like its group and set, like the group's other settings, by administrators.
  'GET /groups/:slug/logo': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/logo`, expect: all(200) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/logo`, expect: privateRead },
  ],
  'POST /groups/:slug/logo': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/logo`, expect: adminPost(422) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/logo`, expect: roles(404, 404, 403, 403, 422) },
  ],
  'POST /groups/:slug/logo/delete': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/logo/delete`, expect: adminPost(303) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/logo/delete`, expect: roles(404, 404, 403, 403, 303) },
  ],
  // Exports: Markdown
  // The zápis as the page shows it: a hidden meeting is a 404; a draft's minutes stay out for readers (checked below).
  'GET /meetings/:id.md': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}.md`, expect: all(200) },
    { label: 'draft minutes', url: (f) => `/meetings/${f.draftMeeting}.md`, expect: all(200) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}.md`, expect: privateRead },
  ],
  // Calendar and invitation
  'GET /meetings/:id.ics': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}.ics`, expect: all(200) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}.ics`, expect: privateRead },
  ],
  'GET /groups/:slug/calendar.ics': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/calendar.ics`, expect: all(200) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/calendar.ics`, expect: privateRead },
  ],
  // The secret address is the credential (calendar apps send no cookie): an unknown one is 404 for everybody.
  'GET /calendar/:token.ics': [{ label: 'an unknown address', url: () => `/calendar/${'x'.repeat(43)}.ics`, expect: all(404) }],
  // Atom feeds of published minutes: the public one is what anonymous readers read, whoever asks;
  // a group's is as visible as its page; a person's answers to the calendar's secret address alone.
  'GET /feed.atom': [{ url: () => '/feed.atom', expect: all(200) }],
  'GET /groups/:slug/feed.atom': [
    { label: 'public', url: (f) => `/groups/${f.publicSlug}/feed.atom`, expect: all(200) },
    { label: 'members-only', url: (f) => `/groups/${f.privateSlug}/feed.atom`, expect: privateRead },
  ],
  'GET /feed/:token.atom': [{ label: 'an unknown address', url: () => `/feed/${'x'.repeat(43)}.atom`, expect: all(404) }],
  'POST /account/calendar': [{ url: () => '/account/calendar', expect: roles(303, 200, 200, 200, 200) }],
  'POST /account/calendar/revoke': [{ url: () => '/account/calendar/revoke', expect: roles(303, 303, 303, 303, 303) }],
  'GET /meetings/:id/invitation': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/invitation`, expect: all(200) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/invitation`, expect: privateRead },
  ],
  'GET /meetings/:id/invitation.txt': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/invitation.txt`, expect: all(200) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/invitation.txt`, expect: privateRead },
  ],
  // Exports: PDF and Word (the zápis as the page shows it; the attendance sheet once the minutes are readable)
  'GET /meetings/:id.pdf': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}.pdf`, expect: all(200) },
    { label: 'draft minutes', url: (f) => `/meetings/${f.draftMeeting}.pdf`, expect: all(200) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}.pdf`, expect: privateRead },
  ],
  'GET /meetings/:id.docx': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}.docx`, expect: all(200) },
    { label: 'draft minutes', url: (f) => `/meetings/${f.draftMeeting}.docx`, expect: all(200) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}.docx`, expect: privateRead },
  ],
  'GET /meetings/:id/attendance-sheet.pdf': [
    { label: 'public', url: (f) => `/meetings/${f.publicMeeting}/attendance-sheet.pdf`, expect: all(200) },
    { label: 'draft minutes', url: (f) => `/meetings/${f.draftMeeting}/attendance-sheet.pdf`, expect: roles(404, 404, 404, 200, 200) },
    { label: 'members-only', url: (f) => `/meetings/${f.privateMeeting}/attendance-sheet.pdf`, expect: privateRead },
  ],
  'POST /minutes/preview': [{ url: () => '/minutes/preview', body: () => ({ text: '**tučně**' }), expect: roles(303, 200, 200, 200, 200) }],
};

/** Every "METHOD /path" the app registers, from Express's own router. */
function registeredRoutes(app: Express): string[] {
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`) : layer.handle?.stack ? walk(layer.handle.stack) : [],
    );
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
}

/** The fixture's group ids, which the meeting form needs as values. */
function resolveBody(world: TestWorld, body: Record<string, string | string[]>): Record<string, string | string[]> {
  const id = (slug: string) => String((world.db.prepare('SELECT id FROM groups WHERE slug = ?').get(slug) as { id: number }).id);
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, value === '__public__' ? id('verejna') : value === '__private__' ? id('tajna') : value]),
  );
}

// On every response, whatever its status: the page cache and redirects included.
const securityHeaders: [string, RegExp][] = [
  ['content-security-policy', /script-src 'self'(;|$)/],
  ['x-content-type-options', /^nosniff$/],
  ['referrer-policy', /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/],
  ['x-frame-options', /^(DENY|SAMEORIGIN)$/],
];

/** The text of a PDF or Word export. */
async function exportText(url: string, bytes: Buffer): Promise<string> {
  if (url.endsWith('.pdf')) return (await pdfText(bytes)).text;
  return (unzipEntry(bytes, 'word/document.xml') ?? '').replace(/<[^>]+>/g, '');
}

const totalChanges = (world: TestWorld) => (world.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

describe('access: the route table', () => {
  it('has an entry for every route the app registers, and none for routes that do not exist', () => {
    const world = makeApp();
    const registered = registeredRoutes(world.app).sort();
    expect(registered).to.deep.equal(Object.keys(routes).sort());
  });

  for (const who of everyone) {
    describe(`as ${who}`, () => {
      it('gets the expected status and the security headers from every page (GET), and no members-only name on any page it may see', async () => {
        const world = makeApp();
        const fixture = buildFixture(world);
        const agent = await visitor(world, who);
        const problems: string[] = [];
        for (const [route, cases] of Object.entries(routes)) {
          if (!route.startsWith('GET ')) continue;
          for (const spec of cases) {
            const url = spec.url(fixture);
            // Every export is read as its reader would read it: PDF and Word files as their text.
            const binary = /\.(pdf|docx)$/.test(url);
            const res = binary ? await getBytes(agent, url) : await agent.get(url);
            const text = binary ? (res.status === 200 ? await exportText(url, res.body as Buffer) : '') : (res.text ?? '');
            if (res.status !== spec.expect[who]) problems.push(`${route}${spec.label ? ` (${spec.label})` : ''}: ${res.status}, expected ${spec.expect[who]}`);
            if (binary && res.status === 200 && !text.includes('Veřejn') && !text.includes('Tajn') && !text.includes('Prezenční listina')) problems.push(`${url}: no readable text`);
            const missingHeaders = securityHeaders.filter(([name, pattern]) => !pattern.test(String(res.headers[name] ?? '')));
            if (missingHeaders.length) problems.push(`${url}: no ${missingHeaders.map(([name]) => name).join(', ')}`);
            if (res.status === 200 && (who === 'anonymous' || who === 'outsider')) {
              for (const secret of SECRET_TEXTS) if (text.includes(secret)) problems.push(`${url} shows "${secret}"`);
            }
            if (res.status === 200 && who !== 'secretary' && who !== 'admin' && text.includes(DRAFT_TEXT)) problems.push(`${url} shows the draft minutes`);
          }
        }
        expect(problems).to.deep.equal([]);
      });

      it('gets the expected status from every write (POST), and a refused write changes nothing', async () => {
        const problems: string[] = [];
        for (const [route, cases] of Object.entries(routes)) {
          if (!route.startsWith('POST ')) continue;
          for (const spec of cases) {
            // Each write gets a world of its own, so that one cannot change what the next one meets.
            const world = makeApp();
            const fixture = buildFixture(world);
            const agent = await visitor(world, who);
            const before = totalChanges(world);
            const res = await agent.post(spec.url(fixture)).type('form').send(resolveBody(world, spec.body?.(fixture) ?? {}));
            const label = `${route}${spec.label ? ` (${spec.label})` : ''}`;
            if (res.status !== spec.expect[who]) problems.push(`${label}: ${res.status}, expected ${spec.expect[who]}`);
            if ((res.status === 403 || res.status === 404) && totalChanges(world) !== before) problems.push(`${label}: refused, but the database changed`);
          }
        }
        expect(problems).to.deep.equal([]);
      }).timeout(60_000);
    });
  }
});

describe('access: lists show nothing hidden', () => {
  it('keeps members-only meetings and draft minutes out of the overview and archives', async () => {
    const world = makeApp();
    const fixture = buildFixture(world);
    const anonymous = await visitor(world, 'anonymous');
    const member = await visitor(world, 'member');
    const overviewForAnonymous = (await anonymous.get('/')).text;
    expect(overviewForAnonymous).to.contain('Veřejné jednání').and.not.to.contain('Tajné jednání');
    expect((await member.get('/')).text).to.contain('Tajné jednání');
    const groupsForAnonymous = (await anonymous.get('/groups')).text;
    expect(groupsForAnonymous).to.contain('Veřejná skupina').and.not.to.contain('Tajná skupina');
    const draftPage = (await member.get(`/meetings/${fixture.draftMeeting}`)).text;
    expect(draftPage).not.to.contain(DRAFT_TEXT);
    expect(draftPage).to.contain('Zápis z jednání zatím nebyl zveřejněn.');
  });

  it('keeps a joint meeting led by a members-only group from the public, and shows it to members of its partner group', async () => {
    const world = makeApp();
    const fixture = buildFixture(world);
    const id = (slug: string) => (world.db.prepare('SELECT id FROM groups WHERE slug = ?').get(slug) as { id: number }).id;
    // The private group's meeting is joint with the public group: it still answers to its lead group.
    world.db.prepare('INSERT INTO meeting_groups (meeting_id, group_id) VALUES (?, ?)').run(fixture.privateMeeting, id('verejna'));
    const anonymous = await visitor(world, 'anonymous');
    await anonymous.get(`/meetings/${fixture.privateMeeting}`).expect(404);
    for (const page of ['/', '/groups/verejna']) {
      const text = (await anonymous.get(page).expect(200)).text;
      for (const secret of SECRET_TEXTS) expect(text, page).not.to.contain(secret);
    }
    const partner = await signIn(world, { roles: [{ groupId: id('verejna'), role: 'member' }] });
    const page = await partner.get(`/meetings/${fixture.privateMeeting}`).expect(200);
    expect(page.text).to.contain('Tajné jednání');
    // Its breadcrumb leads to the group the partner can open, not to the hidden lead group.
    expect(page.text).to.contain('href="/groups/verejna"').and.not.to.contain('href="/groups/tajna"');
  });

  it('keeps the joint groups an editor cannot see when the editor saves the meeting', async () => {
    const world = makeApp();
    const fixture = buildFixture(world);
    const id = (slug: string) => (world.db.prepare('SELECT id FROM groups WHERE slug = ?').get(slug) as { id: number }).id;
    world.db.prepare('INSERT INTO meeting_groups (meeting_id, group_id) VALUES (?, ?)').run(fixture.publicMeeting, id('tajna'));
    const chair = await signIn(world, { roles: [{ groupId: id('verejna'), role: 'chair' }] });
    const form = await chair.get(`/meetings/${fixture.publicMeeting}/edit`).expect(200);
    expect(form.text).not.to.contain('Tajná skupina');
    await chair
      .post(`/meetings/${fixture.publicMeeting}`)
      .type('form')
      .send({ leadGroupId: String(id('verejna')), number: '1', date: '2018-03-20', startTime: '9:30', status: 'held', version: '1' })
      .expect(303);
    const groups = world.db.prepare('SELECT group_id AS id FROM meeting_groups WHERE meeting_id = ? ORDER BY group_id').all(fixture.publicMeeting);
    expect(groups).to.deep.equal([{ id: id('verejna') }, { id: id('tajna') }].sort((a, b) => a.id - b.id));
  });

  it('does not link a hidden meeting as the previous or next one', async () => {
    const world = makeApp();
    const fixture = buildFixture(world);
    const id = (slug: string) => (world.db.prepare('SELECT id FROM groups WHERE slug = ?').get(slug) as { id: number }).id;
    // A member of the public group reads the private group's 1st meeting (joint with theirs), but
    // not its 2nd, which is the private group's alone.
    world.db.prepare('INSERT INTO meeting_groups (meeting_id, group_id) VALUES (?, ?)').run(fixture.privateMeeting, id('verejna'));
    const hidden = createMeeting(world.db, { leadGroupId: id('tajna'), number: 2, title: 'Další tajné jednání' });
    const partner = await signIn(world, { roles: [{ groupId: id('verejna'), role: 'member' }] });
    const page = await partner.get(`/meetings/${fixture.privateMeeting}`).expect(200);
    expect(page.text).not.to.contain(`/meetings/${hidden}`).and.not.to.contain('Další tajné jednání');
    await partner.get(`/meetings/${hidden}`).expect(404);
  });
});

describe('access: CSRF', () => {
  it('refuses a write without the session token (403) and changes nothing', async () => {
    const world = makeApp();
    buildFixture(world);
    const admin = await signIn(world);
    const withoutToken = request.agent(world.app);
    // Same session cookie as the signed-in administrator, but no token: as a forged cross-site form would.
    const cookie = sessionCookieOf(admin);
    const before = totalChanges(world);
    await withoutToken.post('/organisations').set('Cookie', cookie).type('form').send({ name: 'Podvržená' }).expect(403);
    await withoutToken.post('/organisations').set('Cookie', cookie).type('form').send({ name: 'Podvržená', _csrf: 'nesprávný' }).expect(403);
    expect(totalChanges(world)).to.equal(before);
    expect(world.db.prepare("SELECT 1 FROM organisations WHERE name = 'Podvržená'").get()).to.equal(undefined);
  });
});
