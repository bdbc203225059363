import type { Request, Response } from 'express';
import { canManageAccounts, ensure, manageableAccount, viewerOf } from '../access.js';
import { createResetLink, deactivateAccount, editAccount, inviteAccount, reactivateAccount } from '../actions/accounts.js';
import type { OneTimeLink } from '../actions/accounts.js';
import type { AppDeps } from '../app.js';
import { findAccount, listAccounts, listPeopleWithoutAccount } from '../db/accounts.js';
import { findGroup, findGroupBySlug, listGroupOptions } from '../db/groups.js';
import { roles } from '../db/memberships.js';
import type { Role } from '../db/memberships.js';
import { listOrganisationOptions } from '../db/organisations.js';
import type { Account, LinkPurpose } from '../db/accounts.js';
import { notFound } from '../errors.js';
import { accountEditSchema, inviteSchema } from '../forms/accounts.js';
import { personErrorsShown } from '../forms/onboarding.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import type { MessageKey } from '../i18n/index.js';
import { redirectWithFlash } from '../request-context.js';
import { personOptions } from '../zapis/names.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { idParam, valuesAfter } from './params.js';

/** The form values an account's edit form starts from. */
const editValues = (account: Account): FormValues => ({ email: account.email, role: account.isAdmin ? 'admin' : 'user', version: String(account.version) });

/** The signed-in viewer's account id (0 for nobody), to recognise their own account. */
const viewerAccountId = (req: Request): number => {
  const viewer = viewerOf(req);
  return viewer.kind === 'account' ? viewer.accountId : 0;
};

/** What the page of a new one-time link shows: the link, where the invited person now belongs, and where to go on. */
export interface LinkPage {
  account: Account;
  purpose: LinkPurpose;
  link: OneTimeLink;
  /** The directory had the person with the typed e-mail: the invitation is theirs. */
  foundByEmail?: boolean;
  membership?: { group: { name: string; slug: string }; role: Role };
  back: { href: string; label: MessageKey }[];
  /** What to do when the link is lost, for those who cannot make a new one themselves. */
  linkOnce?: MessageKey;
}

/** Shows a one-time link, once: the secret is in this page only, so neither the browser nor any cache on the way may keep it. */
export function renderOneTimeLink(res: Response, baseUrl: string, page: LinkPage): void {
  res.locals.private = true;
  res.set('Cache-Control', 'no-store');
  res.status(200).render('accounts/link', { ...page, url: `${baseUrl}/password/${page.link.token}`, expiresAt: page.link.expiresAt });
}

/** Accounts: the administrators' list, invitations, role and address changes, resets and deactivation. */
export function accountPages(deps: AppDeps): Pages<'index' | 'inviteForm' | 'invite' | 'show' | 'update' | 'reset' | 'deactivate' | 'reactivate'> {
  const { db, config } = deps;
  const allowed = (req: Request) => ensure(canManageAccounts(viewerOf(req)));
  const accountOf = (req: Request) => manageableAccount(db, viewerOf(req), idParam(req.params.id));

  const renderInvite = (res: Response, status: number, values: FormValues, errors: FieldErrors) => {
    const people = personOptions(listPeopleWithoutAccount(db));
    res.status(status).render('accounts/new', {
      values,
      errors: personErrorsShown(errors, people.length > 0),
      personOptions: people,
      organisationOptions: listOrganisationOptions(db),
      groupOptions: listGroupOptions(db),
      roles,
    });
  };

  // "Pozvěte tajemníka" on the home page's checklist: the group and the role chosen already.
  const inviteDefaults = (req: Request): FormValues => {
    const group = typeof req.query.group === 'string' ? findGroupBySlug(db, req.query.group) : undefined;
    const groupRole = roles.find((role) => role === req.query.groupRole) ?? 'member';
    return { role: 'user', groupId: group ? String(group.id) : '', groupRole };
  };

  const renderShow = (req: Request, res: Response, status: number, account: Account, form: { values?: FormValues; errors?: FieldErrors; refusal?: MessageKey } = {}) =>
    res.status(status).render('accounts/show', {
      account,
      values: form.values ?? editValues(account),
      errors: form.errors ?? {},
      refusal: form.refusal,
      isSelf: viewerAccountId(req) === account.id,
    });

  const renderLink = (res: Response, account: Account, purpose: LinkPurpose, link: OneTimeLink, more: Partial<LinkPage> = {}) =>
    renderOneTimeLink(res, config.baseUrl, { account, purpose, link, back: [{ href: `/accounts/${account.id}`, label: 'accounts.backToAccount' }, { href: '/accounts', label: 'accounts.backToList' }], ...more });

  return {
    index(req, res) {
      allowed(req);
      res.render('accounts/index', { accounts: listAccounts(db), selfId: viewerAccountId(req) });
    },

    inviteForm(req, res) {
      allowed(req);
      renderInvite(res, 200, inviteDefaults(req), {});
    },

    invite(req, res) {
      allowed(req);
      const form = parseForm(inviteSchema, req.body);
      if (!form.ok) return renderInvite(res, 422, form.values, form.errors);
      const result = inviteAccount(actionContext(deps, req, res), form.data);
      if (!result.ok) return renderInvite(res, result.status, form.values, result.errors);
      const account = findAccount(db, result.value.accountId);
      if (!account) throw notFound();
      const group = form.data.groupId === undefined ? undefined : findGroup(db, form.data.groupId);
      renderLink(res, account, 'invite', result.value.link, {
        foundByEmail: result.value.foundByEmail,
        membership: group && form.data.groupRole ? { group, role: form.data.groupRole } : undefined,
      });
    },

    show(req, res) {
      renderShow(req, res, 200, accountOf(req));
    },

    update(req, res) {
      const account = accountOf(req);
      const form = parseForm(accountEditSchema, req.body);
      if (!form.ok) return renderShow(req, res, 422, account, { values: form.values, errors: form.errors });
      const result = editAccount(actionContext(deps, req, res), account.id, form.data);
      if (!result.ok) return renderShow(req, res, result.status, account, { values: valuesAfter(form.values, result), errors: result.errors });
      // An administrator who gave up the role can no longer see the list of accounts.
      redirectWithFlash(res, result.value.gaveUpAdmin ? '/account' : '/accounts', 'flash.saved');
    },

    reset(req, res) {
      const account = accountOf(req);
      const result = createResetLink(actionContext(deps, req, res), account.id);
      if (!result.ok) return renderShow(req, res, result.status, account, { refusal: result.errors._form });
      renderLink(res, account, 'reset', result.value.link);
    },

    deactivate(req, res) {
      const account = accountOf(req);
      const result = deactivateAccount(actionContext(deps, req, res), account.id);
      if (!result.ok) return renderShow(req, res, result.status, account, { refusal: result.errors._form });
      redirectWithFlash(res, `/accounts/${account.id}`, 'accounts.deactivated');
    },

    reactivate(req, res) {
      const account = accountOf(req);
      reactivateAccount(actionContext(deps, req, res), account.id);
      redirectWithFlash(res, `/accounts/${account.id}`, 'accounts.reactivated');
    },
  };
}
