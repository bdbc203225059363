import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { readCookie } from './cookies.js';
import { SESSION_COOKIE } from './auth.js';
import { dataStamp } from './db/index.js';
import type { Db } from './db/index.js';
import type { Clock } from './clock.js';
import { negotiateLocale } from './i18n/index.js';

export interface PageCacheOptions {
  /** Total size of the kept pages. */
  maxBytes: number;
  /** A safety net for pages that change with the clock alone (what is "upcoming"). */
  maxAgeMs: number;
}

interface Entry {
  // Encoded once with its ETag, so a hit neither re-encodes nor re-hashes ~20 kB of HTML.
  body: Buffer;
  etag: string;
  storedAt: number;
}

/**
 * Keeps the HTML of pages read by anonymous readers until anything in the database changes.
 * Minutes are read far more often than written: rendering a zápis costs ~0.7 ms, sending a kept
 * one ~10 µs.
 *
 * It runs before sessions: a request without a session cookie is certainly anonymous, and
 * anonymous readers all see the same pages (access.ts); anyone with a session (signed in, or on
 * the way to it) is never served from it nor stored. A page that renders a CSRF token marks itself
 * private and is not kept either.
 *
 * "Anything changed" is exact and cheap (db/index.ts dataStamp).
 */
export function pageCache(db: Db, clock: Clock, options: PageCacheOptions) {
  // By the app's clock, which decides what is upcoming and overdue: the pages change with it.
  const instant = () => Date.parse(clock.now());
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let stamp = '';
  const databaseStamp = () => dataStamp(db);
  const forget = () => {
    entries.clear();
    bytes = 0;
  };
  const keep = (key: string, html: string) => {
    const body = Buffer.from(html);
    if (body.length > options.maxBytes / 4) return;
    while (bytes + body.length > options.maxBytes && entries.size) {
      const [oldestKey, oldest] = entries.entries().next().value as [string, Entry];
      entries.delete(oldestKey);
      bytes -= oldest.body.length;
    }
    const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    entries.set(key, { body, etag, storedAt: instant() });
    bytes += body.length;
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || readCookie(req, SESSION_COOKIE) !== undefined || readCookie(req, 'flash') !== undefined) {
      return next();
    }
    const now = databaseStamp();
    if (now !== stamp) {
      forget();
      stamp = now;
    }
    // The same language negotiation as the page itself (request-context.ts), so the key cannot drift.
    const key = `${negotiateLocale(readCookie(req, 'lang'), req.headers['accept-language'])}|${req.originalUrl}`;
    const hit = entries.get(key);
    if (hit && instant() - hit.storedAt < options.maxAgeMs) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('ETag', hit.etag);
      res.vary('Accept-Language').vary('Cookie');
      res.send(hit.body);
      return;
    }
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      // Kept only if nothing was written while it was rendered, so it cannot hold a half-old page.
      const page = res.statusCode === 200 && typeof body === 'string' && /^text\/html/.test(String(res.get('Content-Type') ?? 'text/html'));
      const mayKeep = page && !res.locals.private && !/no-store/.test(String(res.get('Cache-Control') ?? ''));
      if (mayKeep && databaseStamp() === stamp) keep(key, body);
      return send(body);
    };
    next();
  };
}
