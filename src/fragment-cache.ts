import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { dataStamp } from './db/index.js';
import type { Db } from './db/index.js';

/**
 * Rendered parts of pages kept for everyone of one visibility class (access.ts viewerClass) until
 * anything in the database changes: the zápis of a meeting is worded the same for every member of
 * its group, so the second member to open it pays for the header only. The page cache serves only
 * anonymous readers whole pages; this serves the people who sign in.
 *
 * What is the person's own stays out of a fragment: forms in it carry a slot that is filled with
 * the reader's own CSRF token when it is sent (fillSlots).
 */
export interface Fragment {
  /** The page's title (for the layout's <title>). */
  title: string;
  html: string;
}

export interface FragmentCache {
  /** The fragment kept under `key` for the current data, or the one `make` renders (kept if nothing was written meanwhile). */
  get(key: string, make: (csrfSlot: () => string) => Promise<Fragment>): Promise<Fragment>;
}

/** A cache of at most `maxBytes` of fragments, the oldest forgotten first. */
export function fragmentCache(db: Db, options: { maxBytes: number }): FragmentCache {
  const entries = new Map<string, Fragment>();
  let bytes = 0;
  let stamp = '';
  const sizeOf = (fragment: Fragment) => (fragment.html.length + fragment.title.length) * 2;
  const keep = (key: string, fragment: Fragment) => {
    const size = sizeOf(fragment);
    if (size > options.maxBytes / 4) return;
    while (bytes + size > options.maxBytes && entries.size) {
      const [oldestKey, oldest] = entries.entries().next().value as [string, Fragment];
      entries.delete(oldestKey);
      bytes -= sizeOf(oldest);
    }
    entries.set(key, fragment);
    bytes += size;
  };
  return {
    async get(key, make) {
      const now = dataStamp(db);
      if (now !== stamp) {
        entries.clear();
        bytes = 0;
        stamp = now;
      }
      const hit = entries.get(key);
      if (hit) return hit;
      const made = await make(() => CSRF_SLOT);
      if (dataStamp(db) === stamp) keep(key, made);
      return made;
    },
  };
}

/** Stands for the reader's CSRF token in a kept fragment; random per process, so no typed text can be one. */
const CSRF_SLOT = `csrf-slot-${randomUUID()}`;

/** The fragment's HTML for this request: its token slots filled with the reader's own token. */
export function fillSlots(html: string, res: Response): string {
  if (!html.includes(CSRF_SLOT)) return html;
  const token = String((res.locals.csrfToken as () => string)()).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return html.replaceAll(CSRF_SLOT, token);
}

/** Renders a view to a string with the request's locals, but `csrfToken()` giving the slot. */
export function renderFragment(res: Response, view: string, locals: Record<string, unknown>, csrfSlot: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    res.app.render(view, { ...res.locals, ...locals, csrfToken: csrfSlot }, (error, html) => (error ? reject(error) : resolve(html)));
  });
}

const shared = new WeakMap<Db, FragmentCache>();

/** The app's fragments: 32 MB of them for all pages together, or none when PAGE_CACHE=off (the benchmark's render cost). */
export function pageFragments(db: Db, enabled: boolean): FragmentCache {
  if (!enabled) return fragmentCache(db, { maxBytes: 0 });
  let cache = shared.get(db);
  if (!cache) shared.set(db, (cache = fragmentCache(db, { maxBytes: 32 * 1024 * 1024 })));
  return cache;
}

/**
 * Sends a page whose content is `view` as kept under `key`, or rendered now with the title and
 * locals `make` gives, inside layout/page. `key` must hold everything the content depends on: the
 * visibility class, the language, the day, the person where it is theirs, the query.
 */
export async function sendKeptPage(
  res: Response,
  cache: FragmentCache,
  view: string,
  key: string,
  make: () => { title: string; locals: Record<string, unknown> },
): Promise<void> {
  const page = await cache.get(`${view}|${key}`, async (csrfSlot) => {
    const { title, locals } = make();
    return { title, html: await renderFragment(res, view, locals, csrfSlot) };
  });
  res.render('layout/page', { title: page.title, bodyHtml: fillSlots(page.html, res) });
}
