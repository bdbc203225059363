import { Router } from 'express';
import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AppDeps } from '../app.js';
import { viewerOf } from '../access.js';
import { SESSION_COOKIE, signIn, signOut, requireSignIn } from '../auth.js';
import {
  accountsExist,
  cancelPasswordLinks,
  findAccount,
  findCredentials,
  findPasswordHash,
  findUsableLink,
  hasCalendarToken,
  insertAccount,
  recordLogin,
  setPasswordHash,
  usePasswordLink,
} from '../db/accounts.js';
import { insertPerson } from '../db/people.js';
import { notFound } from '../errors.js';
import { changePasswordSchema, loginSchema, setPasswordSchema, setupSchema } from '../forms/auth.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { hashLinkSecret, hashPassword, verifyPassword } from '../passwords.js';
import { redirectWithFlash, safeLocalPath } from '../request-context.js';

// Passwords never go back into a page, not even a rejected one.
const withoutPasswords = (values: FormValues): FormValues =>
  Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)));

/** Setup, sign-in and sign-out, one's own password, and one-time links to set a password. */
export function authRouter({ db, config }: AppDeps): Router {
  const router = Router();

  const renderLogin = (res: Response, status: number, values: FormValues, errors: FieldErrors) =>
    res.status(status).render('auth/login', { values: withoutPasswords(values), errors });

  const throttled = (req: Request, res: Response) =>
    renderLogin(res, 429, { email: String(req.body?.email ?? ''), next: String(req.body?.next ?? '') }, { _form: 'auth.throttled' });

  // Guessing is slowed for each account from each address (the 6th failure in 15 minutes waits),
  // so that nobody can lock a colleague out from elsewhere by typing wrong passwords for them;
  // each address as a whole, and each account from everywhere, have wider ceilings.
  const account = (req: Request) => String(req.body?.email ?? '').trim().toLowerCase();
  const address = (req: Request) => ipKeyGenerator(req.ip ?? '');
  const limit = (windowMinutes: number, attempts: number, key: (req: Request) => string) =>
    rateLimit({ windowMs: windowMinutes * 60_000, limit: attempts, skipSuccessfulRequests: true, keyGenerator: key, handler: throttled });
  const loginLimits = [
    limit(15, 5, (req) => `${account(req)}|${address(req)}`),
    limit(15, 30, address),
    limit(60, 100, account),
  ];

  router.get('/setup', (_req, res) => {
    if (accountsExist(db)) throw notFound();
    res.render('auth/setup', { values: {}, errors: {} });
  });

  router.post('/setup', async (req, res) => {
    if (accountsExist(db)) throw notFound();
    const form = parseForm(setupSchema, req.body);
    if (!form.ok) return res.status(422).render('auth/setup', { values: withoutPasswords(form.values), errors: form.errors });
    const passwordHash = await hashPassword(form.data.password, config.env);
    // Checked again after the slow hash: two first visitors must not both become administrators.
    const accountId = db.transaction(() => {
      if (accountsExist(db)) return undefined;
      const personId = insertPerson(db, { name: form.data.name, title: form.data.title, email: form.data.email, phone: '', organisationId: null });
      return insertAccount(db, { personId, email: form.data.email, isAdmin: true, passwordHash });
    })();
    if (accountId === undefined) throw notFound();
    await signIn(req, accountId);
    redirectWithFlash(res, '/', 'auth.setupDone');
  });

  router.get('/login', (req, res) => {
    if (viewerOf(req).kind === 'account') return res.redirect(303, safeLocalPath(req.query.next));
    renderLogin(res, 200, { next: typeof req.query.next === 'string' ? req.query.next : '' }, {});
  });

  router.post('/login', ...loginLimits, async (req, res) => {
    const form = parseForm(loginSchema, req.body);
    if (!form.ok) return renderLogin(res, 422, form.values, form.errors);
    const credentials = findCredentials(db, form.data.email);
    const matches = await verifyPassword(credentials?.passwordHash ?? null, form.data.password);
    // One message for an unknown address, a wrong password and a deactivated account.
    if (!credentials || !matches || !credentials.active) return renderLogin(res, 422, form.values, { _form: 'auth.loginFailed' });
    await signIn(req, credentials.id);
    recordLogin(db, credentials.id);
    res.redirect(303, safeLocalPath(req.body?.next));
  });

  router.post('/logout', async (req, res) => {
    await signOut(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    redirectWithFlash(res, '/', 'auth.loggedOut');
  });

  router.get('/account', requireSignIn, (req, res) => {
    const viewer = viewerOf(req);
    if (viewer.kind !== 'account') throw notFound();
    res.render('auth/account', { account: findAccount(db, viewer.accountId), values: {}, errors: {}, hasCalendar: hasCalendarToken(db, viewer.accountId) });
  });

  router.post('/account/password', requireSignIn, async (req, res) => {
    const viewer = viewerOf(req);
    if (viewer.kind !== 'account') throw notFound();
    const account = findAccount(db, viewer.accountId);
    const form = parseForm(changePasswordSchema, req.body);
    if (!form.ok) return res.status(422).render('auth/account', { account, values: {}, errors: form.errors });
    if (!(await verifyPassword(findPasswordHash(db, viewer.accountId), form.data.currentPassword))) {
      return res.status(422).render('auth/account', { account, values: {}, errors: { currentPassword: 'auth.currentPasswordWrong' } });
    }
    setPasswordHash(db, viewer.accountId, await hashPassword(form.data.password, config.env));
    // Every other session of the account has just ended; this one signs in afresh, and links sent
    // for a forgotten password are no longer needed.
    cancelPasswordLinks(db, viewer.accountId);
    await signIn(req, viewer.accountId);
    redirectWithFlash(res, '/account', 'auth.passwordChanged');
  });

  const usableLink = (req: Request) => {
    const token = String(req.params.token ?? '');
    return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? findUsableLink(db, hashLinkSecret(token), new Date().toISOString()) : undefined;
  };

  router.get('/password/:token', (req, res) => {
    const link = usableLink(req);
    if (!link) return res.status(410).render('auth/link-invalid');
    res.render('auth/set-password', { account: findAccount(db, link.accountId), purpose: link.purpose, values: {}, errors: {} });
  });

  router.post('/password/:token', async (req, res) => {
    const link = usableLink(req);
    if (!link) return res.status(410).render('auth/link-invalid');
    const form = parseForm(setPasswordSchema, req.body);
    if (!form.ok) {
      return res.status(422).render('auth/set-password', { account: findAccount(db, link.accountId), purpose: link.purpose, values: {}, errors: form.errors });
    }
    if (!usePasswordLink(db, link.id, link.accountId, await hashPassword(form.data.password, config.env))) {
      return res.status(410).render('auth/link-invalid');
    }
    await signIn(req, link.accountId);
    recordLogin(db, link.accountId);
    redirectWithFlash(res, '/', 'auth.passwordSet');
  });

  return router;
}
