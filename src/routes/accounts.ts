import { Router } from 'express';
import type { Request, Response } from 'express';
import type { AppDeps } from '../app.js';
import { canManageAccounts, ensure, viewerOf } from '../access.js';
import {
  cancelPasswordLinks,
  countActiveAdmins,
  emailTaken,
  findAccount,
  findAccountOfPerson,
  insertAccount,
  insertPasswordLink,
  listAccounts,
  listPeopleWithoutAccount,
  setAccountActive,
  updateAccount,
} from '../db/accounts.js';
import type { Account, LinkPurpose } from '../db/accounts.js';
import type { Db } from '../db/index.js';
import { insertPerson, personExists } from '../db/people.js';
import { accountEditSchema, inviteSchema } from '../forms/accounts.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import type { MessageKey } from '../i18n/index.js';
import { newLinkSecret } from '../passwords.js';
import { redirectWithFlash } from '../request-context.js';
import { found, idParam } from './params.js';

/** How long an invitation or reset link works. */
const LINK_DAYS = 7;

/** The form values an account's edit form starts from. */
const editValues = (account: Account): FormValues => ({ email: account.email, role: account.isAdmin ? 'admin' : 'user', version: String(account.version) });

/** The signed-in viewer's account id (0 for nobody), to recognise their own account. */
const viewerAccountId = (req: Request): number => {
  const viewer = viewerOf(req);
  return viewer.kind === 'account' ? viewer.accountId : 0;
};

/** True when the change would leave no active administrator. */
const isLastActiveAdmin = (db: Db, account: Account): boolean => account.isAdmin && account.active && countActiveAdmins(db) <= 1;

/** Stores a fresh one-time link for the account; returns the secret, which exists only in this response. */
function createLink(db: Db, accountId: number, purpose: LinkPurpose): { token: string; expiresAt: string } {
  const { token, tokenHash } = newLinkSecret();
  const expiresAt = new Date(Date.now() + LINK_DAYS * 24 * 60 * 60_000).toISOString();
  insertPasswordLink(db, accountId, tokenHash, purpose, expiresAt);
  return { token, expiresAt };
}

/** Accounts: the administrators' list, invitations, role and address changes, resets and deactivation. */
export function accountsRouter({ db, config }: AppDeps): Router {
  const router = Router();

  const allowed = (req: Request) => ensure(canManageAccounts(viewerOf(req)));
  const accountOf = (req: Request) => found(findAccount(db, idParam(req.params.id)));

  const renderInvite = (res: Response, status: number, values: FormValues, errors: FieldErrors) =>
    res.status(status).render('accounts/new', { values, errors, personOptions: listPeopleWithoutAccount(db) });

  const renderShow = (req: Request, res: Response, status: number, account: Account, form: { values?: FormValues; errors?: FieldErrors; refusal?: MessageKey } = {}) =>
    res.status(status).render('accounts/show', {
      account,
      values: form.values ?? editValues(account),
      errors: form.errors ?? {},
      refusal: form.refusal,
      isSelf: viewerAccountId(req) === account.id,
    });

  // The secret is in this page only: it must not be kept by the browser or any cache on the way.
  const renderLink = (res: Response, account: Account, purpose: LinkPurpose, link: { token: string; expiresAt: string }) => {
    res.locals.private = true;
    res.set('Cache-Control', 'no-store');
    res.status(200).render('accounts/link', { account, purpose, url: `${config.baseUrl}/password/${link.token}`, expiresAt: link.expiresAt });
  };

  router.get('/accounts', (req, res) => {
    allowed(req);
    res.render('accounts/index', { accounts: listAccounts(db), selfId: viewerAccountId(req) });
  });

  router.get('/accounts/new', (req, res) => {
    allowed(req);
    renderInvite(res, 200, { role: 'user' }, {});
  });

  router.post('/accounts', (req, res) => {
    allowed(req);
    const form = parseForm(inviteSchema, req.body);
    if (!form.ok) return renderInvite(res, 422, form.values, form.errors);
    const { email, role, personId, name, title } = form.data;
    const errors: FieldErrors = {};
    if (emailTaken(db, email)) errors.email = 'accounts.emailTaken';
    if (personId !== undefined && !personExists(db, personId)) errors.personId = 'validation.unknownReference';
    else if (personId !== undefined && findAccountOfPerson(db, personId)) errors.personId = 'accounts.personHasAccount';
    if (Object.keys(errors).length > 0) return renderInvite(res, 422, form.values, errors);

    // The person, the account and its link exist together or not at all.
    const { accountId, link } = db.transaction(() => {
      const owner = personId ?? insertPerson(db, { name, title, email, phone: '', organisationId: null });
      const id = insertAccount(db, { personId: owner, email, isAdmin: role === 'admin', passwordHash: null });
      return { accountId: id, link: createLink(db, id, 'invite') };
    })();
    renderLink(res, found(findAccount(db, accountId)), 'invite', link);
  });

  router.get('/accounts/:id', (req, res) => {
    allowed(req);
    renderShow(req, res, 200, accountOf(req));
  });

  router.post('/accounts/:id', (req, res) => {
    allowed(req);
    const account = accountOf(req);
    const form = parseForm(accountEditSchema, req.body);
    if (!form.ok) return renderShow(req, res, 422, account, { values: form.values, errors: form.errors });
    const { email, role, version } = form.data;
    if (emailTaken(db, email, account.id)) return renderShow(req, res, 422, account, { values: form.values, errors: { email: 'accounts.emailTaken' } });
    if (role === 'user' && isLastActiveAdmin(db, account)) {
      return renderShow(req, res, 422, account, { values: form.values, errors: { role: 'accounts.lastAdminDemote' } });
    }
    if (!updateAccount(db, account.id, version, { email, isAdmin: role === 'admin' })) {
      return renderShow(req, res, 409, account, { values: { ...form.values, version: String(account.version) }, errors: { _form: 'validation.conflict' } });
    }
    // An administrator who gave up the role can no longer see the list of accounts.
    redirectWithFlash(res, viewerAccountId(req) === account.id && role === 'user' ? '/account' : '/accounts', 'flash.saved');
  });

  router.post('/accounts/:id/reset', (req, res) => {
    allowed(req);
    const account = accountOf(req);
    // A deactivated account's links do not work (findUsableLink), so one would only mislead.
    if (!account.active) return renderShow(req, res, 409, account, { refusal: 'accounts.resetInactive' });
    renderLink(res, account, 'reset', createLink(db, account.id, 'reset'));
  });

  router.post('/accounts/:id/deactivate', (req, res) => {
    allowed(req);
    const account = accountOf(req);
    // The last administrator first: of the two reasons it is the one that explains what to do.
    if (isLastActiveAdmin(db, account)) return renderShow(req, res, 409, account, { refusal: 'accounts.lastAdminDeactivate' });
    if (viewerAccountId(req) === account.id) return renderShow(req, res, 409, account, { refusal: 'accounts.cannotDeactivateSelf' });
    // Its sessions end on their next request (auth.loadViewer checks `active`); its links end now.
    db.transaction(() => {
      setAccountActive(db, account.id, false);
      cancelPasswordLinks(db, account.id);
    })();
    redirectWithFlash(res, `/accounts/${account.id}`, 'accounts.deactivated');
  });

  router.post('/accounts/:id/reactivate', (req, res) => {
    allowed(req);
    const account = accountOf(req);
    setAccountActive(db, account.id, true);
    redirectWithFlash(res, `/accounts/${account.id}`, 'accounts.reactivated');
  });

  return router;
}
