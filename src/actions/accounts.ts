import { canManageAccounts, ensure, manageableAccount } from '../access.js';
import { addDaysToInstant } from '../clock.js';
import {
  cancelPasswordLinks,
  countActiveAdmins,
  emailTaken,
  insertAccount,
  insertPasswordLink,
  setAccountActive,
  setCalendarTokenHash,
  updateAccount,
} from '../db/accounts.js';
import type { Account, LinkPurpose } from '../db/accounts.js';
import type { Db } from '../db/index.js';
import { findGroup } from '../db/groups.js';
import { notFound } from '../errors.js';
import type { InviteForm } from '../forms/accounts.js';
import type { FieldErrors } from '../forms/index.js';
import { newLinkSecret } from '../passwords.js';
import { conflict, done, hasErrors, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';
import { bringPerson, invitationProblems, joinGroup, personIdOf } from './onboarding.js';

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

/** Inside an action's transaction: an account for the person, without a password, and its one-time invitation link. */
export function insertInvitation(db: Db, personId: number, email: string, isAdmin: boolean, now: string): { accountId: number; link: OneTimeLink } {
  const accountId = insertAccount(db, { personId, email, isAdmin, passwordHash: null }, now);
  return { accountId, link: createLink(db, accountId, 'invite', now) };
}

/** What an invitation made: the account, its link, and whether the person was the directory's with the typed e-mail. */
export interface Invitation {
  accountId: number;
  link: OneTimeLink;
  foundByEmail: boolean;
}

/**
 * Invites someone in one step: the person (chosen, found by the e-mail, or new with their
 * organisation), their role in a group if one is chosen, and an account with a one-time link to set
 * a password; all or nothing.
 */
export function inviteAccount(ctx: ActionContext, form: InviteForm): Result<Invitation> {
  ensure(canManageAccounts(ctx.viewer));
  const { db } = ctx;
  const brought = bringPerson(db, form);
  const group = form.groupId === undefined ? undefined : findGroup(db, form.groupId);
  const errors: FieldErrors = { ...brought.errors, ...invitationProblems(db, ctx.viewer, brought, form.email, group) };
  if (form.groupId !== undefined && !group) errors.groupId = 'validation.unknownReference';
  if (hasErrors(errors)) return invalid(errors);
  const now = ctx.clock.now();
  return done(
    db.transaction(() => {
      const personId = personIdOf(db, brought, form, now);
      if (group && form.groupRole) joinGroup(db, group.id, personId, form.groupRole, ctx.clock.today(), now);
      return { ...insertInvitation(db, personId, form.email, form.role === 'admin', now), foundByEmail: brought.person !== undefined && brought.field === 'email' };
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
