import { expect } from 'chai';
import request from 'supertest';
import { canInviteIntoGroup, groupsRunBy } from '../../src/access.js';
import type { Viewer } from '../../src/access.js';
import type { Role } from '../../src/db/memberships.js';
import { cs } from '../../src/i18n/cs.js';
import { createGroup, createMembership, createOrganisation, createPerson } from '../factories.js';
import { countRows, createAccount, fieldError, makeAdminApp, makeApp, signIn } from '../helpers.js';
import type { TestWorld } from '../helpers.js';

/** The secret of the link a page shows once. */
function tokenFrom(html: string, baseUrl: string): string {
  const token = new RegExp(`id="password-link" value="${baseUrl}/password/([A-Za-z0-9_-]+)"`).exec(html)?.[1];
  if (!token) throw new Error('the page shows no password link');
  return token;
}

/** What an onboarding step may write: a rejected or refused one must leave all of it as it was. */
const counts = (world: TestWorld) => ({
  people: countRows(world.db, 'people'),
  organisations: countRows(world.db, 'organisations'),
  memberships: countRows(world.db, 'memberships'),
  accounts: countRows(world.db, 'accounts'),
  links: countRows(world.db, 'password_links'),
});

interface AccountRow {
  personId: number;
  email: string;
  isAdmin: number;
  passwordHash: string | null;
}

const accountOf = (world: TestWorld, email: string) =>
  world.db.prepare('SELECT person_id AS personId, email, is_admin AS isAdmin, password_hash AS passwordHash FROM accounts WHERE email = ?').get(email) as AccountRow | undefined;

const membershipsOf = (world: TestWorld, personId: number) =>
  world.db.prepare('SELECT group_id AS groupId, role, since, until FROM memberships WHERE person_id = ? ORDER BY id').all(personId) as { groupId: number; role: Role; since: string | null; until: string | null }[];

describe('onboarding', () => {
  describe('inviting a person in one step (/accounts/new)', () => {
    it('creates the person with a new organisation, the membership and the account with its one-time link', async () => {
      const world = await makeAdminApp();
      const group = createGroup(world.db, { name: 'Sociální služby', slug: 'ss' });
      const before = counts(world);
      const res = await world.admin
        .post('/accounts')
        .type('form')
        .send({ name: 'Lucie Nováková', title: 'Bc.', email: 'lucie@example.test', organisationId: '', organisationName: 'Asociace NNO', groupId: String(group), groupRole: 'secretary', role: 'user' })
        .expect(200);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.text).to.contain('Pozvánka je připravena');
      expect(res.text).to.contain('<a href="/groups/ss">Sociální služby</a>');
      expect(res.text).to.contain(cs['memberships.role.secretary']);
      tokenFrom(res.text, world.config.baseUrl);
      expect(counts(world)).to.deep.equal({ ...before, people: before.people + 1, organisations: before.organisations + 1, memberships: before.memberships + 1, accounts: before.accounts + 1, links: before.links + 1 });
      const account = accountOf(world, 'lucie@example.test');
      expect(account).to.include({ isAdmin: 0, passwordHash: null });
      const person = world.db.prepare('SELECT p.name, p.title, p.email, o.name AS organisation FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?').get(account!.personId);
      expect(person).to.deep.equal({ name: 'Lucie Nováková', title: 'Bc.', email: 'lucie@example.test', organisation: 'Asociace NNO' });
      expect(membershipsOf(world, account!.personId)).to.deep.equal([{ groupId: group, role: 'secretary', since: null, until: null }]);
    });

    it('takes an organisation from the list, and a typed one that exists already (any case) is not made twice', async () => {
      const world = await makeAdminApp();
      const organisation = createOrganisation(world.db, { name: 'Úřad práce ČR' });
      await world.admin.post('/accounts').type('form').send({ name: 'Eva Marešová', email: 'eva@example.test', organisationId: String(organisation), role: 'user' }).expect(200);
      await world.admin.post('/accounts').type('form').send({ name: 'Karel Černý', email: 'karel@example.test', organisationName: 'úřad práce čr', role: 'user' }).expect(200);
      expect(countRows(world.db, 'organisations')).to.equal(1);
      const organisations = world.db.prepare("SELECT p.organisation_id AS id FROM people p JOIN accounts a ON a.person_id = p.id WHERE a.email IN ('eva@example.test', 'karel@example.test')").all();
      expect(organisations).to.deep.equal([{ id: organisation }, { id: organisation }]);
      expect(countRows(world.db, 'memberships')).to.equal(0);
    });

    it('invites the directory person with the typed e-mail instead of entering them twice', async () => {
      const world = await makeAdminApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const person = createPerson(world.db, { name: 'Mgr. Jana Nováková', email: 'Jana.Novakova@example.test' });
      const before = counts(world);
      const res = await world.admin.post('/accounts').type('form').send({ name: 'Jana Nováková', email: 'jana.novakova@example.test', groupId: String(group), groupRole: 'member', role: 'user' }).expect(200);
      expect(res.text).to.contain(cs['onboarding.foundByEmail']);
      expect(counts(world).people).to.equal(before.people);
      expect(accountOf(world, 'jana.novakova@example.test')).to.include({ personId: person });
      expect(membershipsOf(world, person)).to.deep.equal([{ groupId: group, role: 'member', since: null, until: null }]);
    });

    it('does not give the role twice: held already, it stays one membership; held before, it starts again today', async () => {
      const world = await makeAdminApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const current = createPerson(world.db, { name: 'Stálá Tajemnice' });
      createMembership(world.db, { groupId: group, personId: current, role: 'secretary', since: '2018-01-01' });
      const former = createPerson(world.db, { name: 'Bývalá Tajemnice' });
      createMembership(world.db, { groupId: group, personId: former, role: 'secretary', until: '2015-06-30' });
      for (const [personId, email] of [[current, 'stala@example.test'], [former, 'byvala@example.test']] as const) {
        await world.admin.post('/accounts').type('form').send({ personId: String(personId), email, groupId: String(group), groupRole: 'secretary', role: 'user' }).expect(200);
      }
      expect(membershipsOf(world, current)).to.deep.equal([{ groupId: group, role: 'secretary', since: '2018-01-01', until: null }]);
      expect(membershipsOf(world, former)).to.deep.equal([
        { groupId: group, role: 'secretary', since: null, until: '2015-06-30' },
        { groupId: group, role: 'secretary', since: world.clock.today(), until: null },
      ]);
    });

    it('opens with the group and the role the checklist chose', async () => {
      const world = await makeAdminApp();
      const group = createGroup(world.db, { name: 'Sociální služby', slug: 'ss' });
      const res = await world.admin.get('/accounts/new?group=ss&groupRole=secretary').expect(200);
      expect(res.text).to.contain(`<option value="${group}" selected>Sociální služby</option>`);
      expect(res.text).to.contain('<option value="secretary" selected>');
      // Without a choice: no group, and "member" ready for when one is chosen.
      const plain = await world.admin.get('/accounts/new?group=nic&groupRole=boss').expect(200);
      expect(plain.text).not.to.match(/<option value="\d+" selected>/);
      expect(plain.text).to.contain('<option value="member" selected>');
    });

    it('rejects an organisation both chosen and typed and an unknown group with 422, keeps every typed value and writes nothing', async () => {
      const world = await makeAdminApp();
      const organisation = createOrganisation(world.db, { name: 'Asociace' });
      const before = counts(world);
      const typed = { name: 'Lucie Nováková', title: 'Bc.', email: 'lucie@example.test', organisationId: String(organisation), organisationName: 'Nová organizace', groupId: '999', groupRole: 'chair', role: 'admin' };
      const res = await world.admin.post('/accounts').type('form').send(typed).expect(422);
      expect(fieldError(res.text, 'organisationName')).to.equal(cs['attendance.organisationEither']);
      for (const value of ['Lucie Nováková', 'Bc.', 'lucie@example.test', 'Nová organizace']) expect(res.text).to.contain(`value="${value}"`);
      expect(res.text).to.contain(`<option value="${organisation}" selected>`);
      expect(res.text).to.contain('<option value="chair" selected>');
      expect(res.text).to.contain('<option value="admin" selected>');
      expect(counts(world)).to.deep.equal(before);
      // The form's own checks passed: the action finds the group unknown.
      const unknownGroup = await world.admin.post('/accounts').type('form').send({ ...typed, organisationId: '' }).expect(422);
      expect(fieldError(unknownGroup.text, 'groupId')).to.equal(cs['validation.unknownReference']);
      expect(unknownGroup.text).to.contain('value="Nová organizace"');
      expect(counts(world)).to.deep.equal(before);
    });

    it('refuses a person chosen and a new one typed together, and a group without a role', async () => {
      const world = await makeAdminApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const person = createPerson(world.db);
      const before = counts(world);
      const both = await world.admin.post('/accounts').type('form').send({ personId: String(person), name: 'Někdo Jiný', email: 'x@example.test', role: 'user' }).expect(422);
      expect(fieldError(both.text, 'personId')).to.equal(cs['onboarding.personEither']);
      const noRole = await world.admin.post('/accounts').type('form').send({ name: 'Někdo', email: 'y@example.test', groupId: String(group), groupRole: '', role: 'user' }).expect(422);
      expect(fieldError(noRole.text, 'groupRole')).to.equal(cs['validation.required']);
      expect(counts(world)).to.deep.equal(before);
    });

    it('writes all or nothing: when the link cannot be stored, neither the person, the organisation, the membership nor the account stays', async () => {
      const world = await makeAdminApp();
      const group = createGroup(world.db, { slug: 'ss' });
      world.db.exec("CREATE TEMP TRIGGER no_links BEFORE INSERT ON password_links BEGIN SELECT RAISE(ABORT, 'no links today'); END");
      const before = counts(world);
      await world.admin.post('/accounts').type('form').send({ name: 'Lucie Nováková', email: 'lucie@example.test', organisationName: 'Asociace NNO', groupId: String(group), groupRole: 'secretary', role: 'user' }).expect(500);
      expect(counts(world)).to.deep.equal(before);
    });

    it('is the administrators’: a group’s secretary is refused (403) and nothing is written', async () => {
      const world = makeApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
      const before = counts(world);
      await secretary.get('/accounts/new').expect(403);
      await secretary.post('/accounts').type('form').send({ name: 'Nový Člen', email: 'novy@example.test', groupId: String(group), groupRole: 'member', role: 'user' }).expect(403);
      expect(counts(world)).to.deep.equal(before);
    });
  });

  describe('adding a member with an invitation (/groups/:slug/members)', () => {
    const secretaryOf = async (world: TestWorld, groupId: number) => signIn(world, { roles: [{ groupId, role: 'secretary' }] });

    it('lets the secretary bring in a new person and invite them in one step, never as an administrator, and shows the link once', async () => {
      const world = makeApp();
      const group = createGroup(world.db, { name: 'Sociální služby', slug: 'ss' });
      const secretary = await secretaryOf(world, group);
      const before = counts(world);
      const res = await secretary
        .post('/groups/ss/members')
        .type('form')
        .send({ name: 'Eva Marešová', title: 'Mgr.', organisationName: 'Krajský úřad', email: 'eva@example.test', invite: '1', role: 'member', since: '2024-01-01', isAdmin: '1' })
        .expect(200);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.text).to.contain('Pozvánka je připravena');
      expect(res.text).to.contain(cs['onboarding.linkOnceAskAdmin'].slice(0, 40));
      expect(res.text).to.contain('href="/groups/ss/members"');
      expect(res.text).not.to.contain('href="/accounts');
      const token = tokenFrom(res.text, world.config.baseUrl);
      expect(token).to.have.length.above(20);
      expect(counts(world)).to.deep.equal({ ...before, people: before.people + 1, organisations: before.organisations + 1, memberships: before.memberships + 1, accounts: before.accounts + 1, links: before.links + 1 });
      const account = accountOf(world, 'eva@example.test');
      expect(account).to.include({ isAdmin: 0, passwordHash: null });
      expect(membershipsOf(world, account!.personId)).to.deep.equal([{ groupId: group, role: 'member', since: '2024-01-01', until: null }]);
    });

    it('adds a new person without an invitation and goes back to the members (303)', async () => {
      const { db, admin } = await makeAdminApp();
      const group = createGroup(db, { slug: 'ss' });
      const organisation = createOrganisation(db, { name: 'Asociace', shortName: 'ANNOLK' });
      const res = await admin.post('/groups/ss/members').type('form').send({ name: 'Karel Nový', organisationId: String(organisation), email: 'karel@example.test', role: 'guest' }).expect(303);
      expect(res.headers.location).to.equal('/groups/ss/members');
      const person = db.prepare("SELECT id, organisation_id AS organisationId, email FROM people WHERE name = 'Karel Nový'").get() as { id: number; organisationId: number; email: string };
      expect(person).to.include({ organisationId: organisation, email: 'karel@example.test' });
      expect(db.prepare('SELECT group_id AS groupId, role FROM memberships WHERE person_id = ?').all(person.id)).to.deep.equal([{ groupId: group, role: 'guest' }]);
      expect(countRows(db, 'accounts')).to.equal(1);
    });

    it('invites a person of the directory at their own address, or at another one typed', async () => {
      const world = makeApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const secretary = await secretaryOf(world, group);
      const withAddress = createPerson(world.db, { name: 'Alena Dvořáková', email: 'alena@example.test' });
      const withoutAddress = createPerson(world.db, { name: 'Tomáš Beneš' });
      await secretary.post('/groups/ss/members').type('form').send({ personId: String(withAddress), invite: '1', role: 'member' }).expect(200);
      expect(accountOf(world, 'alena@example.test')).to.include({ personId: withAddress, isAdmin: 0 });
      await secretary.post('/groups/ss/members').type('form').send({ personId: String(withoutAddress), email: 'benes@example.test', invite: '1', role: 'chair' }).expect(200);
      expect(accountOf(world, 'benes@example.test')).to.include({ personId: withoutAddress });
      expect(membershipsOf(world, withoutAddress)).to.deep.equal([{ groupId: group, role: 'chair', since: null, until: null }]);
    });

    it('writes all or nothing: when the link cannot be stored, the new person and their membership do not stay either', async () => {
      const world = makeApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const secretary = await secretaryOf(world, group);
      world.db.exec("CREATE TEMP TRIGGER no_links BEFORE INSERT ON password_links BEGIN SELECT RAISE(ABORT, 'no links today'); END");
      const before = counts(world);
      await secretary.post('/groups/ss/members').type('form').send({ name: 'Eva Marešová', organisationName: 'Krajský úřad', email: 'eva@example.test', invite: '1', role: 'member' }).expect(500);
      expect(counts(world)).to.deep.equal(before);
    });

    it('asks for an address to invite at, keeps the typed values and writes nothing', async () => {
      const world = makeApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const secretary = await secretaryOf(world, group);
      const withoutAddress = createPerson(world.db, { name: 'Tomáš Beneš' });
      const before = counts(world);
      const typed = await secretary.post('/groups/ss/members').type('form').send({ name: 'Eva Marešová', organisationName: 'Krajský úřad', invite: '1', role: 'member' }).expect(422);
      expect(fieldError(typed.text, 'email')).to.equal(cs['onboarding.inviteNeedsEmail']);
      expect(typed.text).to.contain('value="Eva Marešová"').and.to.contain('value="Krajský úřad"');
      expect(typed.text).to.match(/id="f-invite" name="invite"[^>]*checked/);
      const chosen = await secretary.post('/groups/ss/members').type('form').send({ personId: String(withoutAddress), invite: '1', role: 'member' }).expect(422);
      expect(fieldError(chosen.text, 'email')).to.equal(cs['onboarding.inviteNeedsEmail']);
      expect(counts(world)).to.deep.equal(before);
    });

    it('refuses a person who has an account and an address an account has, and writes nothing', async () => {
      const world = makeApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const secretary = await secretaryOf(world, group);
      const { personId } = createAccount(world.db, { email: 'ma-ucet@example.test' });
      const before = counts(world);
      const hasAccount = await secretary.post('/groups/ss/members').type('form').send({ personId: String(personId), email: 'jiny@example.test', invite: '1', role: 'member' }).expect(422);
      expect(fieldError(hasAccount.text, 'personId')).to.equal(cs['accounts.personHasAccount']);
      const taken = await secretary.post('/groups/ss/members').type('form').send({ name: 'Nová Osoba', email: 'MA-UCET@example.test', invite: '1', role: 'member' }).expect(422);
      expect(fieldError(taken.text, 'email')).to.equal(cs['accounts.emailTaken']);
      expect(counts(world)).to.deep.equal(before);
    });

    it('lets a secretary invite only people who belong to no group she does not run; an administrator may', async () => {
      const world = makeApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const other = createGroup(world.db, { slug: 'tajna', visibility: 'members' });
      const secretary = await secretaryOf(world, group);
      const elsewhere = createPerson(world.db, { name: 'Člen Jinde', email: 'jinde@example.test' });
      createMembership(world.db, { groupId: other, personId: elsewhere, role: 'member' });
      const before = counts(world);
      const chosen = await secretary.post('/groups/ss/members').type('form').send({ personId: String(elsewhere), invite: '1', role: 'member' }).expect(422);
      expect(fieldError(chosen.text, 'personId')).to.equal(cs['onboarding.personElsewhere']);
      // Found by the typed address, the same person is refused at the address.
      const byEmail = await secretary.post('/groups/ss/members').type('form').send({ name: 'Člen Jinde', email: 'jinde@example.test', invite: '1', role: 'member' }).expect(422);
      expect(fieldError(byEmail.text, 'email')).to.equal(cs['onboarding.personElsewhere']);
      expect(counts(world)).to.deep.equal(before);
      // Without the invitation the secretary adds them as any member.
      await secretary.post('/groups/ss/members').type('form').send({ personId: String(elsewhere), role: 'guest' }).expect(303);
      const admin = await signIn(world);
      await admin.post('/groups/ss/members').type('form').send({ personId: String(elsewhere), invite: '1', role: 'member' }).expect(200);
      expect(accountOf(world, 'jinde@example.test')).to.include({ personId: elsewhere, isAdmin: 0 });
    });

    it('refuses an address that belongs to another person of the directory, so no one signs in with someone else’s e-mail', async () => {
      const world = makeApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const board = createGroup(world.db, { slug: 'rada', visibility: 'members' });
      const chair = createPerson(world.db, { name: 'Předsedkyně Rady', email: 'x@example.test' });
      createMembership(world.db, { groupId: board, personId: chair, role: 'chair' });
      const someone = createPerson(world.db, { name: 'Někdo Jiný' });
      const secretary = await secretaryOf(world, group);
      const before = counts(world);
      const res = await secretary.post('/groups/ss/members').type('form').send({ personId: String(someone), email: 'x@example.test', invite: '1', role: 'member' }).expect(422);
      expect(fieldError(res.text, 'email')).to.equal(cs['onboarding.emailOfAnother']);
      expect(counts(world)).to.deep.equal(before);
      expect(accountOf(world, 'x@example.test')).to.equal(undefined);
    });

    it('never touches another group: 403 for a public one, 404 for a members-only one, and nothing is written', async () => {
      const world = makeApp();
      const own = createGroup(world.db, { slug: 'ss' });
      createGroup(world.db, { slug: 'verejna' });
      createGroup(world.db, { slug: 'tajna', visibility: 'members' });
      const secretary = await secretaryOf(world, own);
      const before = counts(world);
      const body = { name: 'Vetřelec', email: 'vetrelec@example.test', invite: '1', role: 'chair' };
      await secretary.post('/groups/verejna/members').type('form').send(body).expect(403);
      await secretary.post('/groups/tajna/members').type('form').send(body).expect(404);
      expect(counts(world)).to.deep.equal(before);
    });

    it('is refused to a plain member of the group and to the anonymous, and nothing is written', async () => {
      const world = makeApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const member = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
      const before = counts(world);
      const body = { name: 'Vetřelec', email: 'vetrelec@example.test', invite: '1', role: 'chair' };
      await member.post('/groups/ss/members').type('form').send(body).expect(403);
      await request(world.app).post('/groups/ss/members').type('form').send(body).expect(403);
      expect(counts(world)).to.deep.equal(before);
    });

    it('shows the form to choose or type a person, with the invitation', async () => {
      const { db, admin } = await makeAdminApp();
      createGroup(db, { slug: 'ss' });
      const res = await admin.get('/groups/ss/members').expect(200);
      for (const field of ['personId', 'name', 'title', 'organisationId', 'organisationName', 'role', 'invite', 'email']) expect(res.text).to.contain(`<label for="f-${field}"`);
      expect(res.text).to.contain(cs['onboarding.invite']);
    });
  });

  describe('the rule: who may invite into a group (access.ts)', () => {
    const viewer = (roles: [number, Role][], isAdmin = false): Viewer => ({ kind: 'account', accountId: 1, personId: 1, name: 'X', isAdmin, roles: new Map(roles) });
    const group = { id: 1, visibility: 'public' as const };

    it('lets an administrator invite anyone into any group', () => {
      expect(canInviteIntoGroup(viewer([], true), group, [2, 3])).to.equal(true);
    });

    it('lets the chair and the secretary invite people of the groups they run, and nobody else', () => {
      for (const role of ['chair', 'secretary'] as const) {
        expect(canInviteIntoGroup(viewer([[1, role]]), group, []), role).to.equal(true);
        expect(canInviteIntoGroup(viewer([[1, role]]), group, [1]), role).to.equal(true);
        expect(canInviteIntoGroup(viewer([[1, role], [2, 'chair']]), group, [1, 2]), role).to.equal(true);
        expect(canInviteIntoGroup(viewer([[1, role], [2, 'member']]), group, [2]), role).to.equal(false);
        expect(canInviteIntoGroup(viewer([[1, role]]), group, [3]), role).to.equal(false);
      }
      for (const role of ['member', 'guest'] as const) expect(canInviteIntoGroup(viewer([[1, role]]), group, []), role).to.equal(false);
      expect(canInviteIntoGroup(viewer([[2, 'secretary']]), group, []), 'another group').to.equal(false);
      expect(canInviteIntoGroup({ kind: 'anonymous' }, group, [])).to.equal(false);
    });

    it('names the groups one runs by one’s own role, an administrator’s too', () => {
      expect(groupsRunBy(viewer([[1, 'secretary'], [2, 'member'], [3, 'chair']]))).to.deep.equal([1, 3]);
      expect(groupsRunBy(viewer([], true))).to.deep.equal([]);
      expect(groupsRunBy({ kind: 'anonymous' })).to.deep.equal([]);
    });
  });

  describe('the home page', () => {
    it('shows the administrator the first steps, each linked where it is done, until a group has a secretary with an account', async () => {
      const world = await makeAdminApp();
      const home = async () => (await world.admin.get('/').expect(200)).text;
      let page = await home();
      expect(page).to.contain(cs['onboarding.firstSteps']);
      expect(page).to.contain(`<a href="/groups/new">${cs['onboarding.stepGroup']}</a>`);
      expect(page).not.to.contain('first-steps__step--done');
      const group = createGroup(world.db, { name: 'Sociální služby', slug: 'socialni-sluzby' });
      page = await home();
      expect(page).to.match(/first-steps__step--done">\s*Vytvořte skupinu/);
      expect(page).to.contain(`<a href="/accounts/new?group=socialni-sluzby&amp;groupRole=secretary">${cs['onboarding.stepSecretary']}</a>`);
      expect(page).to.contain(`<a href="/groups/socialni-sluzby/edit#funding">${cs['onboarding.stepFunding']}</a>`);
      world.db.prepare("UPDATE groups SET funding_project = 'OP Zaměstnanost' WHERE id = ?").run(group);
      page = await home();
      expect(page).to.match(/first-steps__step--done">\s*Nastavte projekt a logo/);
      // A secretary without an account does not count; once invited, the steps are done and gone.
      const secretary = createPerson(world.db, { name: 'Lucie Nováková' });
      createMembership(world.db, { groupId: group, personId: secretary, role: 'secretary' });
      expect(await home()).to.contain(cs['onboarding.firstSteps']);
      createAccount(world.db, { personId: secretary, email: 'lucie@example.test' });
      page = await home();
      expect(page).not.to.contain(cs['onboarding.firstSteps']);
      expect(page).not.to.contain('first-steps');
    });

    it('shows the first steps to administrators only', async () => {
      const world = makeApp();
      const group = createGroup(world.db, { slug: 'ss' });
      const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
      expect((await secretary.get('/').expect(200)).text).not.to.contain('first-steps');
      expect((await request(world.app).get('/').expect(200)).text).not.to.contain('first-steps');
    });

    it('lists the groups one runs, each with planning a meeting in it, and not those one only reads', async () => {
      const world = makeApp();
      const chaired = createGroup(world.db, { name: 'Zaměstnanost', slug: 'zamestnanost' });
      const run = createGroup(world.db, { name: 'Sociální služby', slug: 'socialni-sluzby', visibility: 'members' });
      const read = createGroup(world.db, { name: 'Vzdělávání', slug: 'vzdelavani' });
      const secretary = await signIn(world, { roles: [{ groupId: run, role: 'secretary' }, { groupId: chaired, role: 'chair' }, { groupId: read, role: 'member' }] });
      const page = (await secretary.get('/').expect(200)).text;
      expect(page).to.contain(`<h2 id="my-groups-heading">${cs['onboarding.myGroups']}</h2>`);
      expect(page).to.contain('href="/meetings/new?group=socialni-sluzby"').and.to.contain('href="/meetings/new?group=zamestnanost"');
      expect(page).not.to.contain('href="/meetings/new?group=vzdelavani"');
      // By name: Sociální služby before Zaměstnanost.
      expect(page.indexOf('group=socialni-sluzby')).to.be.below(page.indexOf('group=zamestnanost'));
      const member = await signIn(world, { roles: [{ groupId: read, role: 'member' }] });
      expect((await member.get('/').expect(200)).text).not.to.contain('my-groups');
      // The link opens the meeting form with the group chosen.
      const form = await secretary.get('/meetings/new?group=socialni-sluzby').expect(200);
      expect(form.text).to.contain(`<option value="${run}" selected>`);
    });
  });
});
