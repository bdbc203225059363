import { canManageAccounts, ensure, manageableAccount } from '../access.js';
import { addDaysToInstant } from '../clock.js';
import {
  cancelPasswordLinks,
  countActiveAdmins,
  emailTaken,
  findAccountOfPerson,
  insertAccount,
  insertPasswordLink,
  setAccountActive,
  setCalendarTokenHash,
  updateAccount,
} from '../db/accounts.js';
import type { Account, LinkPurpose } from '../db/accounts.js';
import type { Db } from '../db/index.js';
import { insertPerson, personExists } from '../db/people.js';
import { notFound } from '../errors.js';
import type { FieldErrors } from '../forms/index.js';
import { newLinkSecret } from '../passwords.js';
import { conflict, done, hasErrors, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';

/** How long an invitation or reset link works. */
const LINK_DAYS = 7;

/** A one-time link's secret (it exists only in the answer that shows it) and when it stops working. */
export interface OneTimeLink {
  token: string;
  expiresAt: string;
}

// Stores a fresh link for the account; only its hash is kept.
function createLink(db: Db, accountId: number, purpose: LinkPurpose, now: string): OneTimeLink {
  const { token, tokenHash } = newLinkSecret();
  const expiresAt = addDaysToInstant(now, LINK_DAYS);
  insertPasswordLink(db, accountId, tokenHash, purpose, expiresAt, now);
  return { token, expiresAt };
}

/** True when the change would leave no active administrator. */
const isLastActiveAdmin = (db: Db, account: Account): boolean => account.isAdmin && account.active && countActiveAdmins(db) <= 1;

const viewerAccountId = (ctx: ActionContext) => (ctx.viewer.kind === 'account' ? ctx.viewer.accountId : 0);

/** Invites someone: an account for a person of the directory (or a new one) with a one-time link to set a password; all or nothing. */
export function inviteAccount(
  ctx: ActionContext,
  form: { email: string; role: 'user' | 'admin'; personId?: number; name: string; title: string },
): Result<{ accountId: number; link: OneTimeLink }> {
  ensure(canManageAccounts(ctx.viewer));
  const { db } = ctx;
  const errors: FieldErrors = {};
  if (emailTaken(db, form.email)) errors.email = 'accounts.emailTaken';
  if (form.personId !== undefined && !personExists(db, form.personId)) errors.personId = 'validation.unknownReference';
  else if (form.personId !== undefined && findAccountOfPerson(db, form.personId)) errors.personId = 'accounts.personHasAccount';
  if (hasErrors(errors)) return invalid(errors);
  const now = ctx.clock.now();
  return done(
    db.transaction(() => {
      const owner = form.personId ?? insertPerson(db, { name: form.name, title: form.title, email: form.email, phone: '', organisationId: null }, now);
      const accountId = insertAccount(db, { personId: owner, email: form.email, isAdmin: form.role === 'admin', passwordHash: null }, now);
      return { accountId, link: createLink(db, accountId, 'invite', now) };
    })(),
  );
}

/** Changes an account's sign-in address and role; the last active administrator stays one. */
export function editAccount(ctx: ActionContext, id: number, form: { email: string; role: 'user' | 'admin'; version: number }): Result<{ gaveUpAdmin: boolean }> {
  const account = manageableAccount(ctx.db, ctx.viewer, id);
  if (emailTaken(ctx.db, form.email, account.id)) return invalid({ email: 'accounts.emailTaken' });
  if (form.role === 'user' && isLastActiveAdmin(ctx.db, account)) return invalid({ role: 'accounts.lastAdminDemote' });
  if (!updateAccount(ctx.db, account.id, form.version, { email: form.email, isAdmin: form.role === 'admin' }, ctx.clock.now())) return conflict(undefined, account.version);
  return done({ gaveUpAdmin: viewerAccountId(ctx) === account.id && form.role === 'user' });
}

/** A new one-time link to set a password, for an active account. */
export function createResetLink(ctx: ActionContext, id: number): Result<{ link: OneTimeLink }> {
  const account = manageableAccount(ctx.db, ctx.viewer, id);
  // A deactivated account's links do not work, so one would only mislead.
  if (!account.active) return conflict({ _form: 'accounts.resetInactive' });
  return done({ link: createLink(ctx.db, account.id, 'reset', ctx.clock.now()) });
}

/** Deactivates an account: its sessions end on their next request, its links now. Never the last administrator, nor oneself. */
export function deactivateAccount(ctx: ActionContext, id: number): Result<void> {
  const account = manageableAccount(ctx.db, ctx.viewer, id);
  // The last administrator first: of the two reasons it is the one that explains what to do.
  if (isLastActiveAdmin(ctx.db, account)) return conflict({ _form: 'accounts.lastAdminDeactivate' });
  if (viewerAccountId(ctx) === account.id) return conflict({ _form: 'accounts.cannotDeactivateSelf' });
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    setAccountActive(ctx.db, account.id, false, now);
    cancelPasswordLinks(ctx.db, account.id, now);
  })();
  return done(undefined);
}

/** Makes a deactivated account usable again (its old links stay void). */
export function reactivateAccount(ctx: ActionContext, id: number): void {
  const account = manageableAccount(ctx.db, ctx.viewer, id);
  setAccountActive(ctx.db, account.id, true, ctx.clock.now());
}

/** A new secret address for the viewer's own calendar feed; any earlier address stops working. */
export function renewCalendarAddress(ctx: ActionContext): { token: string } {
  if (ctx.viewer.kind !== 'account') throw notFound();
  const { token, tokenHash } = newLinkSecret();
  setCalendarTokenHash(ctx.db, ctx.viewer.accountId, tokenHash);
  return { token };
}

/** Revokes the viewer's calendar address. */
export function revokeCalendarAddress(ctx: ActionContext): void {
  if (ctx.viewer.kind !== 'account') throw notFound();
  setCalendarTokenHash(ctx.db, ctx.viewer.accountId, null);
}
