import type { NextFunction, Request, Response } from 'express';
import { readCookie } from './cookies.js';
import { isMessageKey, langOf, locales, negotiateLocale } from './i18n/index.js';
import type { Lang, Locale, MessageKey, Translate } from './i18n/index.js';
import * as dates from './i18n/dates.js';
import { renderMarkdown } from './markdown.js';
import { runsHtml } from './html.js';
import { wordsFor } from './zapis/words.js';
import type { Words } from './zapis/words.js';
import { viewerOf } from './access.js';
import type { Viewer } from './access.js';
import type { Clock } from './clock.js';

const FLASH_COOKIE = 'flash';

/** What every view can use, set once per request. */
export interface ViewLocals {
  locale: Locale;
  locales: readonly Locale[];
  t: Translate;
  /** The translator and locale together, as the presenter and the actions take them. */
  lang: Lang;
  fmt: ReturnType<typeof formatters>;
  markdown: typeof renderMarkdown;
  /** The presenter's runs (text with marks and links) as HTML. */
  runs: typeof runsHtml;
  /** How a zápis words people, meetings, tasks and files, in the request's language. */
  zapis: Words;
  /** Today's date (YYYY-MM-DD) by the app's clock: what is overdue. */
  today: string;
  currentPath: string;
  flash: string | undefined;
  timeZone: string;
  viewer: Viewer;
  /** The session's CSRF token for a form; calling it marks the page private (see auth.ts). */
  csrfToken: () => string;
  /** Set when the page holds something of its viewer's session: never cached or shared. */
  private?: boolean;
  /** The signed-in viewer's open tasks, for the "Moje úkoly (N)" link (set by routes/action-items.myTaskCount). */
  myOpenTasks?: number;
}

declare module 'express-serve-static-core' {
  interface Locals extends ViewLocals {}
}

/** Date formatters bound to the request's language. */
function formatters(locale: Locale, defaultZone: string) {
  return {
    date: (iso: string, zone = defaultZone) => dates.formatDate(iso, zone, locale),
    dateLong: (iso: string, zone = defaultZone) => dates.formatDateLong(iso, zone, locale),
    time: (iso: string, zone = defaultZone) => dates.formatTime(iso, zone, locale),
    calendarDate: (isoDate: string) => dates.formatCalendarDate(isoDate, locale),
    clock: (minutesOfDay: number) => dates.formatClock(minutesOfDay, locale),
    isoDate: (iso: string, zone = defaultZone) => dates.inZone(iso, zone, locale).toISODate() ?? '',
  };
}

/** Sets the language, translator, formatters, today and flash message on res.locals. */
export function requestContext(clock: Clock) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const locale = negotiateLocale(readCookie(req, 'lang'), req.headers['accept-language']);
    const defaultZone = clock.zone;
    res.locals.locale = locale;
    res.locals.locales = locales;
    res.locals.lang = langOf(locale);
    res.locals.t = res.locals.lang.t;
    res.locals.fmt = formatters(locale, defaultZone);
    res.locals.markdown = renderMarkdown;
    res.locals.runs = runsHtml;
    res.locals.zapis = wordsFor(locale);
    res.locals.today = clock.today();
    res.locals.currentPath = req.originalUrl;
    res.locals.timeZone = defaultZone;
    res.locals.viewer = viewerOf(req);
    const flash = readCookie(req, FLASH_COOKIE);
    res.locals.flash = flash && isMessageKey(flash) ? flash : undefined;
    if (flash !== undefined) res.clearCookie(FLASH_COOKIE, { path: '/' });
    res.vary('Accept-Language');
    res.vary('Cookie');
    next();
  };
}

/** Redirects after a successful write (303, so the browser GETs), showing `message` on the next page. */
export function redirectWithFlash(res: Response, location: string, message: MessageKey): void {
  res.cookie(FLASH_COOKIE, message, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60_000 });
  res.redirect(303, location);
}

/** A local path that is safe to redirect back to (never another host). */
export function safeLocalPath(candidate: unknown, fallback = '/'): string {
  return typeof candidate === 'string' && /^\/(?![/\\])/.test(candidate) ? candidate : fallback;
}
