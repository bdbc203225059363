import type { Express } from 'express';
import { expect } from 'chai';
import request from 'supertest';
import { findAccount } from '../../src/db/accounts.js';
import { hashLinkSecret } from '../../src/passwords.js';
import { createOrganisation, createPerson } from '../factories.js';
import { TEST_PASSWORD, countRows, createAccount, csrfFrom, fieldError, makeAdminApp, makeApp, signIn } from '../helpers.js';
import type { TestAgent, TestWorld } from '../helpers.js';

const NEW_PASSWORD = 'nové heslo pro pozvanou';

interface LinkRow {
  accountId: number;
  tokenHash: string;
  purpose: string;
  expiresAt: string;
  usedAt: string | null;
}

/** Every password link of the world, oldest first. */
const links = (world: TestWorld): LinkRow[] =>
  world.db
    .prepare('SELECT account_id AS accountId, token_hash AS tokenHash, purpose, expires_at AS expiresAt, used_at AS usedAt FROM password_links ORDER BY id')
    .all() as LinkRow[];

/** The secret of the link a page shows once, taken from its readonly field. */
function tokenFrom(html: string, baseUrl: string): string {
  const token = new RegExp(`id="password-link" value="${baseUrl}/password/([A-Za-z0-9_-]+)"`).exec(html)?.[1];
  if (!token) throw new Error('the page shows no password link');
  return token;
}

/** Invites someone (a new person) through the form; returns the shown token and the new account id. */
async function invite(world: TestWorld, admin: TestAgent, email = 'jana.nova@example.test'): Promise<{ token: string; accountId: number }> {
  const res = await admin.post('/accounts').type('form').send({ email, role: 'user', name: 'Jana Nová', title: 'Mgr.' }).expect(200);
  const accountId = (world.db.prepare('SELECT id FROM accounts WHERE email = ?').get(email) as { id: number }).id;
  return { token: tokenFrom(res.text, world.config.baseUrl), accountId };
}

/** Sets a password through a one-time link as the invited person would, in a fresh browser. */
async function usePasswordLink(app: Express, token: string, password = NEW_PASSWORD): Promise<TestAgent> {
  const browser = request.agent(app);
  const page = await browser.get(`/password/${token}`).expect(200);
  const res = await browser.post(`/password/${token}`).type('form').send({ password, passwordConfirm: password, _csrf: csrfFrom(page.text) }).expect(303);
  expect(res.headers.location).to.equal('/');
  return browser;
}

/** Signs in through the login form; returns the response to the POST. */
async function logIn(app: Express, email: string, password: string): Promise<{ agent: TestAgent; status: number; text: string }> {
  const agent = request.agent(app);
  const form = await agent.get('/login').expect(200);
  const res = await agent.post('/login').type('form').send({ email, password, _csrf: csrfFrom(form.text) });
  return { agent, status: res.status, text: res.text };
}

const counts = (world: TestWorld) => ({ accounts: countRows(world.db, 'accounts'), people: countRows(world.db, 'people'), links: countRows(world.db, 'password_links') });

describe('accounts', () => {
  describe('who may manage accounts', () => {
    it('requires login: anonymous readers of every page are sent to sign in', async () => {
      const world = makeApp();
      const { accountId } = createAccount(world.db);
      for (const path of ['/accounts', '/accounts/new', `/accounts/${accountId}`]) {
        const res = await request(world.app).get(path).expect(303);
        expect(res.headers.location).to.equal(`/login?next=${encodeURIComponent(path)}`);
      }
    });

    it('refuses anonymous writes and changes nothing', async () => {
      const world = makeApp();
      const { accountId } = createAccount(world.db);
      const before = counts(world);
      await request(world.app).post('/accounts').type('form').send({ email: 'x@example.test', role: 'admin', name: 'X' }).expect(403);
      for (const action of ['', '/reset', '/deactivate', '/reactivate']) await request(world.app).post(`/accounts/${accountId}${action}`).type('form').send({}).expect(403);
      expect(counts(world)).to.deep.equal(before);
      expect(findAccount(world.db, accountId)).to.include({ active: true, version: 1 });
    });

    it('forbids every page and action to a signed-in user who is not an administrator', async () => {
      const world = makeApp();
      const user = await signIn(world, {});
      const { accountId } = createAccount(world.db);
      for (const path of ['/accounts', '/accounts/new', `/accounts/${accountId}`]) await user.get(path).expect(403);
      const before = counts(world);
      await user.post('/accounts').type('form').send({ email: 'x@example.test', role: 'admin', name: 'X' }).expect(403);
      await user.post(`/accounts/${accountId}`).type('form').send({ email: 'x@example.test', role: 'admin', version: '1' }).expect(403);
      for (const action of ['/reset', '/deactivate', '/reactivate']) await user.post(`/accounts/${accountId}${action}`).expect(403);
      expect(counts(world)).to.deep.equal(before);
      expect(findAccount(world.db, accountId)).to.include({ active: true, isAdmin: false, version: 1 });
    });

    it('lets an administrator open every page', async () => {
      const world = await makeAdminApp();
      const { accountId } = createAccount(world.db);
      for (const path of ['/accounts', '/accounts/new', `/accounts/${accountId}`]) await world.admin.get(path).expect(200);
    });

    it('answers 404 for an unknown or malformed account id', async () => {
      const { admin } = await makeAdminApp();
      await admin.get('/accounts/999').expect(404);
      await admin.get('/accounts/abc').expect(404);
      await admin.post('/accounts/999').type('form').send({ email: 'x@example.test', role: 'user', version: '1' }).expect(404);
      for (const action of ['/reset', '/deactivate', '/reactivate']) await admin.post(`/accounts/999${action}`).expect(404);
    });
  });

  describe('the list', () => {
    it('shows each account with its name, e-mail, role, state, password and last sign-in', async () => {
      const world = await makeAdminApp();
      const personId = createPerson(world.db, { name: 'Eva Marešová', title: 'Mgr.' });
      createAccount(world.db, { email: 'eva@example.test', personId, active: false });
      world.db.prepare("UPDATE accounts SET password_hash = NULL WHERE email = 'eva@example.test'").run();
      const res = await world.admin.get('/accounts').expect(200);
      expect(res.text).to.contain('Mgr. Eva Marešová');
      expect(res.text).to.contain('eva@example.test');
      expect(res.text).to.contain('deaktivovaný');
      expect(res.text).to.contain('čeká na nastavení hesla');
      expect(res.text).to.contain('zatím nikdy');
      // The administrator has just signed in: today's date in Czech style.
      const today = new Intl.DateTimeFormat('cs', { timeZone: 'Europe/Prague', day: 'numeric', month: 'numeric', year: 'numeric' }).format(new Date()).replace(/\s/g, ' ');
      expect(res.text).to.contain(today);
      expect(res.text).to.contain('Správce');
      expect(res.text).to.contain('href="/accounts/new"');
      expect(res.text).to.contain('Pozvat uživatele');
    });
  });

  describe('inviting', () => {
    it('offers only people who have no account yet', async () => {
      const world = await makeAdminApp();
      const organisationId = createOrganisation(world.db, { name: 'Asociace', shortName: 'ANNOLK' });
      createPerson(world.db, { name: 'Lucie Nováková', title: 'Bc.', organisationId });
      const res = await world.admin.get('/accounts/new').expect(200);
      expect(res.text).to.contain('Bc. Lucie Nováková (ANNOLK)');
      expect(res.text).not.to.match(/<option[^>]*>Správce Zápisníku</);
      expect(res.text).to.contain('<label for="f-email"');
      expect(res.text).to.contain('<label for="f-personId"');
      expect(res.text).to.contain('<label for="f-name"');
    });

    it('creates a new person and an account without a password, and shows the one-time link once', async () => {
      const world = await makeAdminApp();
      const res = await world.admin.post('/accounts').type('form').send({ email: ' Jana.Nova@example.test ', role: 'user', name: 'Jana Nová', title: 'Mgr.' }).expect(200);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.text).to.contain('Pozvánka je připravena');
      expect(res.text).to.contain('jen jednou a platí 7 dní');
      const token = tokenFrom(res.text, world.config.baseUrl);
      expect(res.text).to.match(/<input type="text" id="password-link" value="[^"]+" readonly/);

      const account = world.db
        .prepare('SELECT a.id, a.email, a.is_admin AS isAdmin, a.password_hash AS passwordHash, p.name, p.title, p.email AS personEmail FROM accounts a JOIN people p ON p.id = a.person_id WHERE a.email = ?')
        .get('Jana.Nova@example.test');
      expect(account).to.deep.include({ isAdmin: 0, passwordHash: null, name: 'Jana Nová', title: 'Mgr.', personEmail: 'Jana.Nova@example.test' });
      const [link] = links(world);
      expect(link).to.include({ accountId: (account as { id: number }).id, purpose: 'invite', usedAt: null, tokenHash: hashLinkSecret(token) });
      // The database keeps only the hash: the page is the one place the secret appears.
      expect(JSON.stringify(world.db.prepare('SELECT * FROM password_links').all())).not.to.contain(token);
      const days = (Date.parse(link.expiresAt) - Date.now()) / 86_400_000;
      expect(days).to.be.within(6.99, 7.01);
      expect(res.text).to.contain(`datetime="${link.expiresAt}"`);
    });

    it('gives an existing person an account, as an administrator if asked', async () => {
      const world = await makeAdminApp();
      const personId = createPerson(world.db, { name: 'Tomáš Beneš' });
      const peopleBefore = countRows(world.db, 'people');
      await world.admin.post('/accounts').type('form').send({ email: 'benes@example.test', role: 'admin', personId: String(personId), name: '' }).expect(200);
      expect(countRows(world.db, 'people')).to.equal(peopleBefore);
      const row = world.db.prepare('SELECT person_id AS personId, is_admin AS isAdmin FROM accounts WHERE email = ?').get('benes@example.test');
      expect(row).to.deep.equal({ personId, isAdmin: 1 });
    });

    it('lets the invited person set a password once, sign in with it, and not use the link again', async () => {
      const world = await makeAdminApp();
      const { token, accountId } = await invite(world, world.admin);

      const browser = await usePasswordLink(world.app, token);
      const own = await browser.get('/account').expect(200);
      expect(own.text).to.contain('jana.nova@example.test');
      expect(findAccount(world.db, accountId)?.hasPassword).to.equal(true);

      const login = await logIn(world.app, 'jana.nova@example.test', NEW_PASSWORD);
      expect(login.status).to.equal(303);
      await login.agent.get('/account').expect(200);

      await request(world.app).get(`/password/${token}`).expect(410);
      const again = request.agent(world.app);
      const page = await again.get('/login').expect(200);
      await again.post(`/password/${token}`).type('form').send({ password: 'jiné dlouhé heslo', passwordConfirm: 'jiné dlouhé heslo', _csrf: csrfFrom(page.text) }).expect(410);
      expect((await logIn(world.app, 'jana.nova@example.test', NEW_PASSWORD)).status).to.equal(303);
    });

    it('does not accept an expired link', async () => {
      const world = await makeAdminApp();
      const { token, accountId } = await invite(world, world.admin);
      world.db.prepare("UPDATE password_links SET expires_at = '2020-01-01T00:00:00.000Z'").run();
      const res = await request(world.app).get(`/password/${token}`).expect(410);
      expect(res.text).to.contain('Odkaz už neplatí');
      expect(findAccount(world.db, accountId)?.hasPassword).to.equal(false);
    });

    it('refuses an address that already has an account, whatever its case, and writes nothing', async () => {
      const world = await makeAdminApp();
      const before = counts(world);
      const res = await world.admin.post('/accounts').type('form').send({ email: 'SPRAVCE@example.test', role: 'user', name: 'Jana Typed' }).expect(422);
      expect(fieldError(res.text, 'email')).to.equal('Účet s touto e-mailovou adresou už existuje.');
      expect(res.text).to.contain('value="Jana Typed"');
      expect(res.text).not.to.contain('id="password-link"');
      expect(counts(world)).to.deep.equal(before);
    });

    it('asks for a name when no person is chosen, and writes nothing', async () => {
      const world = await makeAdminApp();
      const before = counts(world);
      const res = await world.admin.post('/accounts').type('form').send({ email: 'nikdo@example.test', role: 'user', personId: '', name: '  ' }).expect(422);
      // Nobody in the directory to choose from: the form offers no choice, and the name is simply required.
      expect(fieldError(res.text, 'name')).to.equal('Toto pole je povinné.');
      expect(res.text).to.contain('aria-describedby="f-name-error"');
      expect(res.text).to.contain('value="nikdo@example.test"');
      expect(counts(world)).to.deep.equal(before);
      createPerson(world.db, { name: 'Někdo v adresáři' });
      const withChoice = await world.admin.post('/accounts').type('form').send({ email: 'nikdo@example.test', role: 'user', personId: '', name: '  ' }).expect(422);
      expect(fieldError(withChoice.text, 'name')).to.equal('Vyberte osobu z adresáře, nebo napište jméno nové osoby.');
      expect(counts(world)).to.deep.equal({ ...before, people: before.people + 1 });
    });

    it('refuses an invalid address and an unknown role, and writes nothing', async () => {
      const world = await makeAdminApp();
      const before = counts(world);
      const res = await world.admin.post('/accounts').type('form').send({ email: 'jana(at)example', role: 'boss', name: 'Jana' }).expect(422);
      expect(fieldError(res.text, 'email')).to.equal('Zadejte platnou e-mailovou adresu, např. jana@example.cz.');
      expect(fieldError(res.text, 'role')).to.equal('Vyberte jednu z nabízených možností.');
      expect(counts(world)).to.deep.equal(before);
    });

    it('refuses a person who already has an account, and writes nothing', async () => {
      const world = await makeAdminApp();
      const { personId } = createAccount(world.db);
      const before = counts(world);
      const res = await world.admin.post('/accounts').type('form').send({ email: 'druhy@example.test', role: 'user', personId: String(personId) }).expect(422);
      expect(fieldError(res.text, 'personId')).to.equal('Tato osoba už účet má.');
      expect(counts(world)).to.deep.equal(before);
    });
  });

  describe('changing an account', () => {
    it('changes the e-mail and role and raises the version', async () => {
      const world = await makeAdminApp();
      const { accountId } = createAccount(world.db, { email: 'stary@example.test' });
      const form = await world.admin.get(`/accounts/${accountId}`).expect(200);
      expect(form.text).to.contain('name="version" value="1"');
      const res = await world.admin.post(`/accounts/${accountId}`).type('form').send({ email: 'novy@example.test', role: 'admin', version: '1' }).expect(303);
      expect(res.headers.location).to.equal('/accounts');
      expect(findAccount(world.db, accountId)).to.include({ email: 'novy@example.test', isAdmin: true, version: 2 });
      expect((await logIn(world.app, 'novy@example.test', TEST_PASSWORD)).status).to.equal(303);
    });

    it('refuses an address another account has', async () => {
      const world = await makeAdminApp();
      const { accountId } = createAccount(world.db, { email: 'moje@example.test' });
      const res = await world.admin.post(`/accounts/${accountId}`).type('form').send({ email: 'Spravce@Example.test', role: 'user', version: '1' }).expect(422);
      expect(fieldError(res.text, 'email')).to.equal('Účet s touto e-mailovou adresou už existuje.');
      expect(findAccount(world.db, accountId)).to.include({ email: 'moje@example.test', version: 1 });
    });

    it('detects a concurrent edit and does not overwrite it', async () => {
      const world = await makeAdminApp();
      const { accountId } = createAccount(world.db, { email: 'puvodni@example.test' });
      await world.admin.post(`/accounts/${accountId}`).type('form').send({ email: 'prvni@example.test', role: 'user', version: '1' }).expect(303);
      const res = await world.admin.post(`/accounts/${accountId}`).type('form').send({ email: 'druha@example.test', role: 'user', version: '1' }).expect(409);
      expect(res.text).to.contain('value="druha@example.test"');
      expect(res.text).to.contain('Mezitím záznam upravil někdo jiný');
      expect(findAccount(world.db, accountId)?.email).to.equal('prvni@example.test');
    });

    it('will not take the role from the last active administrator', async () => {
      const world = await makeAdminApp();
      const adminId = (world.db.prepare('SELECT id FROM accounts WHERE email = ?').get(world.adminEmail) as { id: number }).id;
      // Another administrator who is deactivated does not count.
      createAccount(world.db, { isAdmin: true, active: false });
      const res = await world.admin.post(`/accounts/${adminId}`).type('form').send({ email: world.adminEmail, role: 'user', version: '1' }).expect(422);
      expect(fieldError(res.text, 'role')).to.contain('poslední aktivní účet správce');
      expect(findAccount(world.db, adminId)).to.include({ isAdmin: true, version: 1 });
    });

    it('lets an administrator step down while another one remains', async () => {
      const world = await makeAdminApp();
      createAccount(world.db, { isAdmin: true });
      const adminId = (world.db.prepare('SELECT id FROM accounts WHERE email = ?').get(world.adminEmail) as { id: number }).id;
      const res = await world.admin.post(`/accounts/${adminId}`).type('form').send({ email: world.adminEmail, role: 'user', version: '1' }).expect(303);
      expect(res.headers.location).to.equal('/account');
      expect(findAccount(world.db, adminId)?.isAdmin).to.equal(false);
      await world.admin.get('/accounts').expect(403);
    });
  });

  describe('a new password link', () => {
    it('replaces the earlier link, which stops working', async () => {
      const world = await makeAdminApp();
      const { token: first, accountId } = await invite(world, world.admin);
      const res = await world.admin.post(`/accounts/${accountId}/reset`).expect(200);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.text).to.contain('Nový odkaz je připraven');
      const second = tokenFrom(res.text, world.config.baseUrl);
      expect(second).not.to.equal(first);
      const [invitation, reset] = links(world);
      expect(invitation.usedAt).not.to.equal(null);
      expect(reset).to.include({ purpose: 'reset', usedAt: null, tokenHash: hashLinkSecret(second) });
      await request(world.app).get(`/password/${first}`).expect(410);
      await usePasswordLink(world.app, second);
      expect((await logIn(world.app, 'jana.nova@example.test', NEW_PASSWORD)).status).to.equal(303);
    });

    it('lets someone who forgot their password set a new one while the old one works until then', async () => {
      const world = await makeAdminApp();
      const { accountId, email } = createAccount(world.db);
      const res = await world.admin.post(`/accounts/${accountId}/reset`).expect(200);
      expect((await logIn(world.app, email, TEST_PASSWORD)).status).to.equal(303);
      await usePasswordLink(world.app, tokenFrom(res.text, world.config.baseUrl));
      expect((await logIn(world.app, email, TEST_PASSWORD)).status).to.equal(422);
      expect((await logIn(world.app, email, NEW_PASSWORD)).status).to.equal(303);
    });

    it('is not made for a deactivated account', async () => {
      const world = await makeAdminApp();
      const { accountId } = createAccount(world.db, { active: false });
      const res = await world.admin.post(`/accounts/${accountId}/reset`).expect(409);
      expect(res.text).to.contain('Nejdřív ho znovu aktivujte');
      expect(countRows(world.db, 'password_links')).to.equal(0);
    });
  });

  describe('deactivating', () => {
    it('stops the user signing in and ends the session they already have', async () => {
      const world = await makeAdminApp();
      const user = await signIn(world, {});
      const { id: accountId, email } = world.db.prepare('SELECT id, email FROM accounts ORDER BY id DESC LIMIT 1').get() as { id: number; email: string };
      await user.get('/account').expect(200);

      const res = await world.admin.post(`/accounts/${accountId}/deactivate`).expect(303);
      expect(res.headers.location).to.equal(`/accounts/${accountId}`);
      expect(findAccount(world.db, accountId)?.active).to.equal(false);

      const next = await user.get('/account').expect(303);
      expect(next.headers.location).to.equal('/login?next=%2Faccount');
      const login = await logIn(world.app, email, TEST_PASSWORD);
      expect(login.status).to.equal(422);
      expect(login.text).to.contain('Nesprávný e-mail nebo heslo.');
    });

    it('lets the user back in once reactivated', async () => {
      const world = await makeAdminApp();
      const { accountId, email } = createAccount(world.db, { active: false });
      const page = await world.admin.get(`/accounts/${accountId}`).expect(200);
      expect(page.text).to.contain('Znovu aktivovat');
      await world.admin.post(`/accounts/${accountId}/reactivate`).expect(303);
      expect(findAccount(world.db, accountId)?.active).to.equal(true);
      expect((await logIn(world.app, email, TEST_PASSWORD)).status).to.equal(303);
    });

    it('cancels the links the account had, so that reactivating does not revive them', async () => {
      const world = await makeAdminApp();
      const { token, accountId } = await invite(world, world.admin);
      await world.admin.post(`/accounts/${accountId}/deactivate`).expect(303);
      await request(world.app).get(`/password/${token}`).expect(410);
      await world.admin.post(`/accounts/${accountId}/reactivate`).expect(303);
      await request(world.app).get(`/password/${token}`).expect(410);
    });

    it('will not deactivate the last active administrator', async () => {
      const world = await makeAdminApp();
      const adminId = (world.db.prepare('SELECT id FROM accounts WHERE email = ?').get(world.adminEmail) as { id: number }).id;
      const res = await world.admin.post(`/accounts/${adminId}/deactivate`).expect(409);
      expect(res.text).to.contain('poslední aktivní účet správce');
      expect(findAccount(world.db, adminId)?.active).to.equal(true);
      await world.admin.get('/accounts').expect(200);
    });

    it('will not let administrators deactivate themselves', async () => {
      const world = await makeAdminApp();
      createAccount(world.db, { isAdmin: true });
      const adminId = (world.db.prepare('SELECT id FROM accounts WHERE email = ?').get(world.adminEmail) as { id: number }).id;
      const res = await world.admin.post(`/accounts/${adminId}/deactivate`).expect(409);
      expect(res.text).to.contain('Svůj vlastní účet deaktivovat nemůžete');
      expect(findAccount(world.db, adminId)?.active).to.equal(true);
    });

    it('may deactivate another administrator while one remains', async () => {
      const world = await makeAdminApp();
      const { accountId } = createAccount(world.db, { isAdmin: true });
      await world.admin.post(`/accounts/${accountId}/deactivate`).expect(303);
      expect(findAccount(world.db, accountId)?.active).to.equal(false);
    });
  });
});
