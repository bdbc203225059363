import { accountsExist, cancelPasswordLinks, findCredentials, findPasswordHash, findUsableLink, insertAccount, recordLogin, setPasswordHash, usePasswordLink } from '../db/accounts.js';
import type { LinkPurpose } from '../db/accounts.js';
import { insertPerson } from '../db/people.js';
import { notFound } from '../errors.js';
import { hashLinkSecret, hashPassword, verifyPassword } from '../passwords.js';
import { done, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';

/** Creates the first administrator of an empty instance (404 once any account exists: the setup is gone). */
export async function setUpInstance(ctx: ActionContext, form: { name: string; title: string; email: string; password: string }): Promise<Result<{ accountId: number }>> {
  if (accountsExist(ctx.db)) throw notFound();
  const passwordHash = await hashPassword(form.password, ctx.env);
  const now = ctx.clock.now();
  // Checked again after the slow hash: two first visitors must not both become administrators.
  const accountId = ctx.db.transaction(() => {
    if (accountsExist(ctx.db)) return undefined;
    const personId = insertPerson(ctx.db, { name: form.name, title: form.title, email: form.email, phone: '', organisationId: null }, now);
    return insertAccount(ctx.db, { personId, email: form.email, isAdmin: true, passwordHash }, now);
  })();
  if (accountId === undefined) throw notFound();
  return done({ accountId });
}

/** Checks an address and password; one refusal for an unknown address, a wrong password and a deactivated account. */
export async function checkSignIn(ctx: ActionContext, form: { email: string; password: string }): Promise<Result<{ accountId: number }>> {
  const credentials = findCredentials(ctx.db, form.email);
  const matches = await verifyPassword(credentials?.passwordHash ?? null, form.password);
  if (!credentials || !matches || !credentials.active) return invalid({ _form: 'auth.loginFailed' });
  recordLogin(ctx.db, credentials.id, ctx.clock.now());
  return done({ accountId: credentials.id });
}

/** Changes the viewer's own password (the current one first); every session of the account ends, and so do its links. */
export async function changeOwnPassword(ctx: ActionContext, form: { currentPassword: string; password: string }): Promise<Result<{ accountId: number }>> {
  if (ctx.viewer.kind !== 'account') throw notFound();
  const accountId = ctx.viewer.accountId;
  if (!(await verifyPassword(findPasswordHash(ctx.db, accountId), form.currentPassword))) return invalid({ currentPassword: 'auth.currentPasswordWrong' });
  const passwordHash = await hashPassword(form.password, ctx.env);
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    setPasswordHash(ctx.db, accountId, passwordHash, now);
    cancelPasswordLinks(ctx.db, accountId, now);
  })();
  return done({ accountId });
}

/** The unused, unexpired link behind a secret from a URL, if any. */
export function usableLink(ctx: Pick<ActionContext, 'db' | 'clock'>, token: string): { id: number; accountId: number; purpose: LinkPurpose } | undefined {
  return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? findUsableLink(ctx.db, hashLinkSecret(token), ctx.clock.now()) : undefined;
}

/** Sets a password through a one-time link and uses the link up; undefined when the link is (or meanwhile became) unusable. */
export async function setPasswordWithLink(ctx: ActionContext, token: string, form: { password: string }): Promise<{ accountId: number } | undefined> {
  const link = usableLink(ctx, token);
  if (!link) return undefined;
  const passwordHash = await hashPassword(form.password, ctx.env);
  const now = ctx.clock.now();
  if (!usePasswordLink(ctx.db, link.id, link.accountId, passwordHash, now)) return undefined;
  recordLogin(ctx.db, link.accountId, now);
  return { accountId: link.accountId };
}
