import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { csrfSync } from 'csrf-sync';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import { accountsExist, findAccount, findAccountByCalendarToken, listGroupRoles } from './db/accounts.js';
import type { Account } from './db/accounts.js';
import { personName } from './zapis/names.js';
import { SqliteSessionStore, openSessionDb } from './db/sessions.js';
import { HttpError } from './errors.js';
import { dataMemo } from './data-memo.js';
import type { Viewer } from './access.js';
import type { Clock } from './clock.js';
import { hashLinkSecret } from './passwords.js';

declare module 'express-session' {
  interface SessionData {
    accountId?: number;
    /** When this session signed in (ms): sessions older than the account's sessionsValidAfter are void. */
    signedInAt?: number;
  }
}

/** The session secret: from config, else generated once and kept in DATA_DIR (readable by the owner only). */
export function sessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(48).toString('base64url');
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

/** The session cookie's name (the page cache looks for it to tell anonymous readers). */
export const SESSION_COOKIE = 'zapisnik.sid';

/** Cookie sessions stored in DATA_DIR/sessions.sqlite; returns the middleware and a way to close the store. */
export function sessions(config: Config): { middleware: RequestHandler; close: () => void } {
  const db = openSessionDb(path.join(config.dataDir, 'sessions.sqlite'));
  const idleMs = config.sessionIdleMinutes * 60_000;
  const store = new SqliteSessionStore(db, idleMs);
  const middleware = session({
    name: SESSION_COOKIE,
    secret: sessionSecret(config),
    store,
    resave: false,
    // Readers who never sign in get no session, so their pages stay the same for all of them.
    saveUninitialized: false,
    // The server ends a session idle for SESSION_IDLE_MINUTES (every request pushes its stored
    // expiry on, db/sessions.ts touch); the cookie itself lasts until the browser closes, so that
    // no response has to sign and send it again.
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.baseUrl.startsWith('https:'), path: '/' },
  });
  return {
    middleware,
    close: () => {
      store.close();
      db.close();
    },
  };
}

/** Works out who is asking (and their roles in groups, as of the clock's today) once per request. */
export function loadViewer(db: Db, clock: Clock): RequestHandler {
  // The account and its roles change only with the data (and roles with the day): kept till then.
  const accounts = dataMemo<{ account: Account | undefined; viewer: (Viewer & { kind: 'account' }) | undefined }>(db);
  return (req, _res, next) => {
    req.viewer = { kind: 'anonymous' };
    const accountId = req.session?.accountId;
    if (accountId !== undefined) {
      const today = clock.today();
      const { account, viewer } = accounts.get(`${accountId}|${today}`, () => {
        const found = findAccount(db, accountId);
        return { account: found, viewer: found ? viewerOfAccount(db, found, today) : undefined };
      });
      const revoked = account?.sessionsValidAfter ? (req.session.signedInAt ?? 0) < Date.parse(account.sessionsValidAfter) : false;
      if (account?.active && !revoked && viewer) {
        req.viewer = viewer;
      } else {
        // Deactivated, deleted or its password changed meanwhile: the session stands for no one.
        delete req.session.accountId;
        delete req.session.signedInAt;
      }
    }
    next();
  };
}

/** The viewer an account stands for on `today`: its roles in groups are those of its memberships that day. */
export function viewerOfAccount(db: Db, account: Account, today: string): Viewer & { kind: 'account' } {
  return {
    kind: 'account',
    accountId: account.id,
    personId: account.personId,
    name: personName(account),
    isAdmin: account.isAdmin,
    roles: new Map(listGroupRoles(db, account.personId, today).map(({ groupId, role }) => [groupId, role])),
  };
}

/**
 * Who a secret feed address stands for: the personal calendar (/calendar/<secret>.ics) and the
 * Atom feed (/feed/<secret>.atom) share one secret, as their readers send no cookies; renewing or
 * revoking it on Můj účet ends both. Undefined for an unknown secret or an inactive account.
 */
export function viewerOfFeedSecret(db: Db, token: string, today: string): (Viewer & { kind: 'account' }) | undefined {
  const account = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? findAccountByCalendarToken(db, hashLinkSecret(token)) : undefined;
  return account && viewerOfAccount(db, account, today);
}

declare module 'express-serve-static-core' {
  interface Request {
    viewer?: Viewer;
  }
}

/** Starts a fresh session for the account (a new id, so a session fixed before sign-in is worthless). */
export function signIn(req: Request, accountId: number, clock: Clock): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error);
      req.session.accountId = accountId;
      // By the app's clock, as the password changes that end sessions are (sessionsValidAfter).
      req.session.signedInAt = Date.parse(clock.now());
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
    });
  });
}

/** Ends the session entirely. */
export function signOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
}

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  // Forms send the token as a field; scripts (live preview, drag and drop) in a header.
  getTokenFromRequest: (req) => (typeof req.body?._csrf === 'string' ? req.body._csrf : req.get('x-csrf-token')),
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});

/** Refuses a POST without the session's token (403). The route table runs it before every POST; upload routes right after multer, which reads their body. */
export const csrfCheck: RequestHandler = (req, res, next) => {
  csrfSynchronisedProtection(req, res, (error?: unknown) => next(error ? new HttpError(403, 'error.csrf') : undefined));
};

/**
 * Gives views `csrfToken()`. A page that calls it holds a secret of its session, so it is marked
 * as never to be cached or shared.
 */
export function csrfTokenForViews(req: Request, res: Response, next: NextFunction): void {
  res.locals.csrfToken = () => {
    res.locals.private = true;
    res.set('Cache-Control', 'no-store');
    return generateToken(req);
  };
  next();
}

/** Until the first account exists, every page leads to /setup. */
export function firstRun(db: Db): RequestHandler {
  let done = false;
  return (req, res, next) => {
    done ||= accountsExist(db);
    if (done || req.path === '/setup' || req.path === '/healthz' || req.path === '/language') return next();
    res.redirect(303, '/setup');
  };
}

/** Sends a visitor who is not signed in to the login page, and back here afterwards. */
export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (req.viewer?.kind === 'account') return next();
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
}
