import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { viewerOf } from '../access.js';
import { changeOwnPassword, checkSignIn, setPasswordWithLink, setUpInstance, usableLink } from '../actions/auth.js';
import type { AppDeps } from '../app.js';
import { SESSION_COOKIE, sessionSecret, signIn, signOut } from '../auth.js';
import { accountsExist, findAccount, hasCalendarToken } from '../db/accounts.js';
import { notFound } from '../errors.js';
import { changePasswordSchema, loginSchema, setPasswordSchema, setupSchema } from '../forms/auth.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { redirectWithFlash, safeLocalPath } from '../request-context.js';
import { knownDevices } from '../known-devices.js';
import { signInSlowdown } from '../sign-in-slowdown.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';

// Passwords never go back into a page, not even a rejected one.
const withoutPasswords = (values: FormValues): FormValues => Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)));

/** Setup, sign-in and sign-out, one's own password, and one-time links to set a password. */
export function authPages(deps: AppDeps): Pages<'setupForm' | 'setup' | 'loginForm' | 'login' | 'logout' | 'account' | 'changePassword' | 'passwordForm' | 'setPassword'> & { loginLimits: RequestHandler[] } {
  const { db, clock } = deps;

  const renderLogin = (res: Response, status: number, values: FormValues, errors: FieldErrors) => res.status(status).render('auth/login', { values: withoutPasswords(values), errors });

  const throttled = (req: Request, res: Response) => renderLogin(res, 429, { email: String(req.body?.email ?? ''), next: String(req.body?.next ?? '') }, { _form: 'auth.throttled' });

  // Guessing is stopped for each address (the 31st failure in 15 minutes waits) and for each
  // account from each address (the 6th). Across addresses an account's failures slow and then
  // stop further attempts at it (sign-in-slowdown.ts, and 100 an hour), except from browsers
  // that signed in to it before (known-devices.ts): nobody can lock a colleague out from elsewhere.
  // Keys are hashes: a megabyte typed as an e-mail must not become a megabyte of memory.
  const hashed = (text: string) => createHash('sha256').update(text).digest('base64url');
  const account = (req: Request) => String(req.body?.email ?? '').trim().toLowerCase();
  const address = (req: Request) => ipKeyGenerator(req.ip ?? '');
  const slowdown = signInSlowdown(deps.signInSlowdown);
  const devices = knownDevices(sessionSecret(deps.config), deps.config.baseUrl.startsWith('https:'));
  const knownDevice = (req: Request) => devices.deviceFor(req, account(req));
  const limit = (windowMinutes: number, attempts: number, key: (req: Request) => string, skip?: (req: Request) => boolean) =>
    rateLimit({ windowMs: windowMinutes * 60_000, limit: attempts, skipSuccessfulRequests: true, keyGenerator: (req) => hashed(key(req)), skip, handler: throttled });

  const renderAccount = (res: Response, status: number, accountId: number, errors: FieldErrors) =>
    res.status(status).render('auth/account', { account: findAccount(db, accountId), values: {}, errors, hasCalendar: hasCalendarToken(db, accountId) });

  const linkGone = (res: Response) => res.status(410).render('auth/link-invalid');

  return {
    loginLimits: [
      limit(15, 30, address),
      limit(15, 5, (req) => `${account(req)}|${address(req)}`),
      limit(60, 100, account, (req) => knownDevice(req) !== undefined),
      limit(15, 10, (req) => `device|${knownDevice(req)}`, (req) => knownDevice(req) === undefined),
    ],

    setupForm(_req, res) {
      if (accountsExist(db)) throw notFound();
      res.render('auth/setup', { values: {}, errors: {} });
    },

    async setup(req, res) {
      if (accountsExist(db)) throw notFound();
      const form = parseForm(setupSchema, req.body);
      if (!form.ok) return res.status(422).render('auth/setup', { values: withoutPasswords(form.values), errors: form.errors });
      const result = await setUpInstance(actionContext(deps, req, res), form.data);
      if (!result.ok) return res.status(result.status).render('auth/setup', { values: withoutPasswords(form.values), errors: result.errors });
      await signIn(req, result.value.accountId, clock);
      redirectWithFlash(res, '/', 'auth.setupDone');
    },

    loginForm(req, res) {
      if (viewerOf(req).kind === 'account') return res.redirect(303, safeLocalPath(req.query.next));
      renderLogin(res, 200, { next: typeof req.query.next === 'string' ? req.query.next : '' }, {});
    },

    async login(req, res) {
      const form = parseForm(loginSchema, req.body);
      if (!form.ok) return renderLogin(res, 422, form.values, form.errors);
      const known = knownDevice(req) !== undefined;
      if (!known) await slowdown.wait(account(req));
      const result = await checkSignIn(actionContext(deps, req, res), form.data);
      if (!result.ok) {
        if (!known) slowdown.failed(account(req));
        return renderLogin(res, result.status, form.values, result.errors);
      }
      devices.remember(res, account(req));
      await signIn(req, result.value.accountId, clock);
      res.redirect(303, safeLocalPath(req.body?.next));
    },

    async logout(req, res) {
      await signOut(req);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      redirectWithFlash(res, '/', 'auth.loggedOut');
    },

    account(req, res) {
      const viewer = viewerOf(req);
      if (viewer.kind !== 'account') throw notFound();
      renderAccount(res, 200, viewer.accountId, {});
    },

    async changePassword(req, res) {
      const viewer = viewerOf(req);
      if (viewer.kind !== 'account') throw notFound();
      const form = parseForm(changePasswordSchema, req.body);
      if (!form.ok) return renderAccount(res, 422, viewer.accountId, form.errors);
      const result = await changeOwnPassword(actionContext(deps, req, res), form.data);
      if (!result.ok) return renderAccount(res, result.status, viewer.accountId, result.errors);
      // Every other session of the account has just ended; this one signs in afresh.
      await signIn(req, viewer.accountId, clock);
      redirectWithFlash(res, '/account', 'auth.passwordChanged');
    },

    passwordForm(req, res) {
      const link = usableLink({ db, clock }, String(req.params.token ?? ''));
      if (!link) return linkGone(res);
      res.render('auth/set-password', { account: findAccount(db, link.accountId), purpose: link.purpose, values: {}, errors: {} });
    },

    async setPassword(req, res) {
      const token = String(req.params.token ?? '');
      const link = usableLink({ db, clock }, token);
      if (!link) return linkGone(res);
      const form = parseForm(setPasswordSchema, req.body);
      if (!form.ok) return res.status(422).render('auth/set-password', { account: findAccount(db, link.accountId), purpose: link.purpose, values: {}, errors: form.errors });
      const used = await setPasswordWithLink(actionContext(deps, req, res), token, form.data);
      if (!used) return linkGone(res);
      await signIn(req, used.accountId, clock);
      redirectWithFlash(res, '/', 'auth.passwordSet');
    },
  };
}
