import path from 'node:path';
import ejs from 'ejs';
import express from 'express';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import { reservedSlugs } from './db/groups.js';
import { HttpError, notFound } from './errors.js';
import { ErrorSummary } from './error-summary.js';
import { viewerOf } from './access.js';
import { pageCache } from './page-cache.js';
import { requestContext } from './request-context.js';
import { csrfCheck, csrfTokenForViews, firstRun, loadViewer, requireSignIn, sessions } from './auth.js';
import { readBody } from './body.js';
import { clearIncoming } from './uploads.js';
import type { SlowdownOptions } from './sign-in-slowdown.js';
import { renderPool } from './export/render-pool.js';
import type { Renderer } from './export/render-pool.js';
import { requestLog } from './request-log.js';
import { accountPages } from './routes/accounts.js';
import { actionItemPages } from './routes/action-items.js';
import { myTaskCount } from './task-lists.js';
import { agendaPages } from './routes/agenda.js';
import { attachmentPages } from './routes/attachments.js';
import { attendancePages } from './routes/attendance.js';
import { authPages } from './routes/auth.js';
import { calendarPages } from './routes/calendar.js';
import { organisationPages, peoplePages, venuePages } from './routes/directory.js';
import { exportPages } from './routes/exports.js';
import { feedPages } from './routes/feeds.js';
import { groupPages } from './routes/groups.js';
import { homePages } from './routes/home.js';
import { meetingPages } from './routes/meetings.js';
import { minutesPages } from './routes/minutes.js';
import { resolutionPages } from './routes/resolutions.js';
import { searchPages } from './routes/search.js';

export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** "Now" and "today" for everything the app decides and stores: the system clock, or a test's. */
  clock: Clock;
  /** How failed sign-ins slow further attempts at an account (sign-in-slowdown.ts); tests shorten the waits. */
  signInSlowdown?: SlowdownOptions;
  /** Where PDF and Word files are rendered: createApp starts a pool of worker threads unless given one (tests share one). */
  renderer: Renderer;
}

/** One line of the route table: method, path, then the handlers in order. */
type Route = readonly ['GET' | 'POST', string, ...RequestHandler[]];

/** A page or a download: reads no body. */
const get = (path: string, ...handlers: RequestHandler[]): Route => ['GET', path, ...handlers];
/** A form or a script's write: its body read with limits (body.ts), then its CSRF token checked. */
const post = (path: string, ...handlers: RequestHandler[]): Route => ['POST', path, readBody(), csrfCheck, ...handlers];
/** An upload: multipart is left to the route's own parser (uploads.ts), which checks the token after reading it. */
const upload = (path: string, ...handlers: RequestHandler[]): Route => ['POST', path, readBody({ multipart: true }), ...handlers];

const root = path.resolve(import.meta.dirname, '..');

/**
 * THE route table: every path the app answers, read top to bottom. Paths do not depend on their
 * order: `:id` matches numbers only and `:slug` never a word a path uses itself (see `createApp`),
 * so /meetings/5.pdf is never taken for /meetings/:id. Each POST reads its body with limits and
 * checks its CSRF token before anything else; the two uploads check it right after multer has
 * read their multipart body.
 */
function routeTable(deps: AppDeps): Route[] {
  const auth = authPages(deps);
  const accounts = accountPages(deps);
  const home = homePages(deps);
  const people = peoplePages(deps);
  const organisations = organisationPages(deps);
  const venues = venuePages(deps);
  const groups = groupPages(deps);
  const meetings = meetingPages(deps);
  const agenda = agendaPages(deps);
  const minutes = minutesPages(deps);
  const attendance = attendancePages(deps);
  const resolutions = resolutionPages(deps);
  const tasks = actionItemPages(deps);
  const files = attachmentPages(deps);
  const exports = exportPages(deps);
  const calendar = calendarPages(deps);
  const feeds = feedPages(deps);
  const search = searchPages(deps);
  return [
    // Health, language, overview
    get('/healthz', home.health),
    get('/language', home.language),
    get('/', home.home),
    get('/search', search.search),
    // Setup, sign-in, one's own account
    get('/setup', auth.setupForm),
    post('/setup', auth.setup),
    get('/login', auth.loginForm),
    post('/login', ...auth.loginLimits, auth.login),
    post('/logout', auth.logout),
    get('/account', requireSignIn, auth.account),
    post('/account/password', requireSignIn, auth.changePassword),
    post('/account/calendar', requireSignIn, calendar.renewAddress),
    post('/account/calendar/revoke', requireSignIn, calendar.revokeAddress),
    get('/password/:token', auth.passwordForm),
    post('/password/:token', auth.setPassword),
    // Accounts (administrators)
    get('/accounts', accounts.index),
    get('/accounts/new', accounts.inviteForm),
    post('/accounts', accounts.invite),
    get('/accounts/:id', accounts.show),
    post('/accounts/:id', accounts.update),
    post('/accounts/:id/reset', accounts.reset),
    post('/accounts/:id/deactivate', accounts.deactivate),
    post('/accounts/:id/reactivate', accounts.reactivate),
    // The directory
    get('/people', people.index),
    get('/people/new', people.newForm),
    post('/people', people.create),
    get('/people/:id', people.show),
    get('/people/:id/edit', people.editForm),
    post('/people/:id', people.update),
    post('/people/:id/delete', people.remove),
    get('/organisations', organisations.index),
    get('/organisations/new', organisations.newForm),
    post('/organisations', organisations.create),
    get('/organisations/:id/edit', organisations.editForm),
    post('/organisations/:id', organisations.update),
    post('/organisations/:id/delete', organisations.remove),
    get('/venues', venues.index),
    get('/venues/new', venues.newForm),
    post('/venues', venues.create),
    get('/venues/:id/edit', venues.editForm),
    post('/venues/:id', venues.update),
    post('/venues/:id/delete', venues.remove),
    // Groups and their members, registers, task lists, calendars, feeds and logos
    get('/groups', groups.index),
    get('/groups/new', groups.newForm),
    post('/groups', groups.create),
    get('/groups/:slug', groups.show),
    get('/groups/:slug/edit', groups.editForm),
    post('/groups/:slug', groups.update),
    post('/groups/:slug/delete', groups.remove),
    get('/groups/:slug/members', groups.members),
    post('/groups/:slug/members', groups.addMember),
    get('/groups/:slug/members/:id/edit', groups.memberForm),
    post('/groups/:slug/members/:id', groups.updateMember),
    post('/groups/:slug/members/:id/delete', groups.removeMember),
    get('/groups/:slug/resolutions', resolutions.register),
    get('/groups/:slug/tasks', tasks.groupTasks),
    get('/groups/:slug/calendar.ics', calendar.group),
    get('/groups/:slug/feed.atom', feeds.group),
    get('/groups/:slug/logo', files.logo),
    upload('/groups/:slug/logo', files.groupFirst, files.receiveLogo, files.uploadLogo),
    post('/groups/:slug/logo/delete', files.removeLogo),
    // Meetings: the zápis, its exports, the invitation
    get('/meetings/new', meetings.newForm),
    post('/meetings', meetings.create),
    get('/meetings/:id', meetings.show),
    get('/meetings/:id.pdf', exports.pdf),
    get('/meetings/:id.docx', exports.docx),
    get('/meetings/:id.md', exports.markdown),
    get('/meetings/:id.ics', calendar.meeting),
    get('/meetings/:id/invitation', calendar.invitation),
    get('/meetings/:id/invitation.txt', calendar.invitationText),
    get('/meetings/:id/edit', meetings.editForm),
    post('/meetings/:id', meetings.update),
    post('/meetings/:id/delete', meetings.remove),
    get('/meetings/:id/follow-up', meetings.followUpForm),
    post('/meetings/:id/follow-up', meetings.followUp),
    // The program
    get('/meetings/:id/agenda', agenda.editor),
    post('/meetings/:id/agenda', agenda.add),
    post('/meetings/:id/agenda/order', agenda.reorder),
    get('/meetings/:id/agenda/:itemId/edit', agenda.itemForm),
    post('/meetings/:id/agenda/:itemId', agenda.update),
    post('/meetings/:id/agenda/:itemId/move', agenda.move),
    post('/meetings/:id/agenda/:itemId/delete', agenda.remove),
    // The minutes
    get('/meetings/:id/minutes/edit', minutes.editor),
    post('/meetings/:id/minutes', minutes.save),
    post('/meetings/:id/minutes/publish', minutes.publish),
    post('/meetings/:id/minutes/unpublish', minutes.unpublish),
    post('/minutes/preview', requireSignIn, minutes.preview),
    // Attendance and the attendance sheet
    get('/meetings/:id/attendance', attendance.editor),
    post('/meetings/:id/attendance', attendance.record),
    post('/meetings/:id/attendance/add', attendance.add),
    post('/meetings/:id/attendance/new-person', attendance.addNew),
    post('/meetings/:id/attendance/:attendanceId/delete', attendance.remove),
    get('/meetings/:id/attendance-sheet', attendance.sheet),
    get('/meetings/:id/attendance-sheet.pdf', exports.sheetPdf),
    // Resolutions
    get('/meetings/:id/resolutions/new', resolutions.newForm),
    post('/meetings/:id/resolutions', resolutions.create),
    get('/meetings/:id/resolutions/:resolutionId/edit', resolutions.editForm),
    post('/meetings/:id/resolutions/:resolutionId', resolutions.update),
    post('/meetings/:id/resolutions/:resolutionId/delete', resolutions.remove),
    // Action items, the Kontrola úkolů, task lists
    get('/meetings/:id/action-items/new', tasks.newForm),
    post('/meetings/:id/action-items', tasks.create),
    get('/action-items/:id', tasks.show),
    get('/action-items/:id/edit', tasks.editForm),
    post('/action-items/:id', tasks.update),
    post('/action-items/:id/delete', tasks.remove),
    get('/meetings/:id/review', tasks.reviewForm),
    post('/meetings/:id/review', tasks.review),
    get('/tasks', requireSignIn, tasks.myTasks),
    // Attachments
    get('/meetings/:id/attachments', files.manager),
    upload('/meetings/:id/attachments', files.meetingFirst, files.receiveAttachments, files.upload),
    get('/attachments/:id', files.download),
    post('/attachments/:id', files.rename),
    post('/attachments/:id/delete', files.remove),
    // Calendars and feeds of new minutes (a person's share one secret address)
    get('/calendar/:token.ics', calendar.personal),
    get('/feed.atom', feeds.site),
    get('/feed/:token.atom', feeds.personal),
  ];
}

/** Builds the Express app: middleware, the route table, 404 and the one error handler. */
export function createApp(given: Omit<AppDeps, 'renderer'> & { renderer?: Renderer }): express.Express & { shutdown: () => void } {
  const deps: AppDeps = { ...given, renderer: given.renderer ?? renderPool() };
  const { config, logger, clock } = deps;
  clearIncoming(config.uploadsDir);
  const app = express();
  const sessionStore = sessions(config);
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // Express would hash every page it sends for an ETag: the pages of those signed in are never
  // stored (no-store), and those of anonymous readers get theirs from the page cache, once.
  app.set('etag', false);
  const views = path.join(root, 'views');
  const cache = config.env !== 'development';
  app.set('views', views);
  app.set('view engine', 'ejs');
  app.set('view cache', cache);
  // Includes are written from the views root ('/partials/_field'): EJS resolves those without the
  // file-system check per include that relative paths cost on every render.
  // Each render collects its forms' error summaries (the fields come after their summary) and fills them in at the end.
  app.engine('ejs', (file, data, done) => {
    const errorSummary = new ErrorSummary();
    ejs.renderFile(file, { ...data, errorSummary }, { root: views, cache }, (error, html) => (error ? done(error) : done(null, errorSummary.fill(html))));
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          // Intranet installs are often plain HTTP: only ask browsers to upgrade when we are served over HTTPS.
          upgradeInsecureRequests: config.baseUrl.startsWith('https:') ? [] : null,
        },
      },
      strictTransportSecurity: config.baseUrl.startsWith('https:'),
    }),
  );
  app.use(requestLog(logger));
  app.use('/static', express.static(path.join(root, 'public'), { maxAge: config.env === 'production' ? '1d' : 0 }));
  app.use(firstRun(deps.db));
  // Before sessions: a kept page for an anonymous reader needs none of what follows.
  if (config.pageCache) app.use(pageCache(deps.db, clock, { maxBytes: 32 * 1024 * 1024, maxAgeMs: 60_000 }));
  app.use(sessionStore.middleware);
  app.use(loadViewer(deps.db, clock));
  app.use(requestContext(clock));
  app.use(csrfTokenForViews);
  app.use(myTaskCount(deps.db));

  const router = express.Router();
  // What keeps the table's paths apart: an id is a number ("5.pdf" is not), a slug is no word of a path ("new").
  router.param('id', (_req, _res, next, value: string) => next(/^\d+$/.test(value) ? undefined : 'route'));
  router.param('slug', (_req, _res, next, value: string) => next(reservedSlugs.has(value) ? 'route' : undefined));
  for (const [method, routePath, ...handlers] of routeTable(deps)) {
    if (method === 'GET') router.get(routePath, ...handlers);
    else router.post(routePath, ...handlers);
  }
  app.use(router);

  app.use(() => {
    throw notFound();
  });
  app.use(errorHandler(logger));
  const shutdown = () => {
    sessionStore.close();
    if (!given.renderer) void deps.renderer.close();
  };
  return Object.assign(app, { shutdown });
}

/** The message of each status a request can be refused with. */
const statusMessages: Partial<Record<number, string>> = { 400: 'error.badRequest', 403: 'error.forbidden', 404: 'error.notFound', 413: 'error.tooLarge', 415: 'error.unsupportedMediaType' };

/**
 * The status an error stands for: an HttpError's own, or a client error that Express and its body
 * parsers raise (a body that cannot be read, a path that cannot be decoded): anything else is ours, a 500.
 */
function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/** Turns any error into a page (or JSON) of the right status, in the request's language. */
const errorHandler = (logger: Logger): ErrorRequestHandler => (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  // Someone not signed in who may not see a page is asked to sign in; after that the rules decide.
  if (error instanceof HttpError && error.status === 403 && viewerOf(req).kind === 'anonymous' && req.method === 'GET' && error.messageKey === 'error.forbidden') {
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  const status = statusOf(error);
  // Only our own failures are logged, and never with the request: a refused body may hold a password.
  const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : '(no route)';
  // Refusing work when the render queue is full is the design, not a fault: a warning, no stack.
  if (status >= 500 && error instanceof HttpError) logger.warn({ method: req.method, route, status }, error.messageKey);
  else if (status >= 500) logger.error({ err: error, method: req.method, route }, 'request failed');
  const messageKey = error instanceof HttpError ? error.messageKey : (statusMessages[status] ?? (status >= 500 ? 'error.server' : 'error.badRequest'));
  res.status(status);
  if (status === 503) res.set('Retry-After', '10');
  const t = res.locals.t;
  if (!t || req.accepts(['html', 'json']) === 'json') {
    res.json({ error: t ? t(messageKey as never) : messageKey, status });
    return;
  }
  res.render('error', { status, messageKey });
};
