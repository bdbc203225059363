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
import { viewerOf } from './access.js';
import { pageCache } from './page-cache.js';
import { requestContext } from './request-context.js';
import { csrfCheck, csrfTokenForViews, firstRun, loadViewer, requireSignIn, sessions } from './auth.js';
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
import { groupPages } from './routes/groups.js';
import { homePages } from './routes/home.js';
import { meetingPages } from './routes/meetings.js';
import { minutesPages } from './routes/minutes.js';
import { resolutionPages } from './routes/resolutions.js';

export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** "Now" and "today" for everything the app decides and stores: the system clock, or a test's. */
  clock: Clock;
}

/** One line of the route table: method, path, then the handlers in order. */
type Route = readonly ['GET' | 'POST', string, ...RequestHandler[]];

const root = path.resolve(import.meta.dirname, '..');

/**
 * THE route table: every path the app answers, read top to bottom. Paths do not depend on their
 * order: `:id` matches numbers only and `:slug` never a word a path uses itself (see `createApp`),
 * so /meetings/5.pdf is never taken for /meetings/:id. Each POST checks its CSRF token first;
 * the two uploads check it right after multer has read their multipart body.
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
  const csrf = csrfCheck;
  return [
    // Health, language, overview
    ['GET', '/healthz', home.health],
    ['GET', '/language', home.language],
    ['GET', '/', home.home],
    // Setup, sign-in, one's own account
    ['GET', '/setup', auth.setupForm],
    ['POST', '/setup', csrf, auth.setup],
    ['GET', '/login', auth.loginForm],
    ['POST', '/login', csrf, ...auth.loginLimits, auth.login],
    ['POST', '/logout', csrf, auth.logout],
    ['GET', '/account', requireSignIn, auth.account],
    ['POST', '/account/password', csrf, requireSignIn, auth.changePassword],
    ['POST', '/account/calendar', csrf, requireSignIn, calendar.renewAddress],
    ['POST', '/account/calendar/revoke', csrf, requireSignIn, calendar.revokeAddress],
    ['GET', '/password/:token', auth.passwordForm],
    ['POST', '/password/:token', csrf, auth.setPassword],
    // Accounts (administrators)
    ['GET', '/accounts', accounts.index],
    ['GET', '/accounts/new', accounts.inviteForm],
    ['POST', '/accounts', csrf, accounts.invite],
    ['GET', '/accounts/:id', accounts.show],
    ['POST', '/accounts/:id', csrf, accounts.update],
    ['POST', '/accounts/:id/reset', csrf, accounts.reset],
    ['POST', '/accounts/:id/deactivate', csrf, accounts.deactivate],
    ['POST', '/accounts/:id/reactivate', csrf, accounts.reactivate],
    // The directory
    ['GET', '/people', people.index],
    ['GET', '/people/new', people.newForm],
    ['POST', '/people', csrf, people.create],
    ['GET', '/people/:id', people.show],
    ['GET', '/people/:id/edit', people.editForm],
    ['POST', '/people/:id', csrf, people.update],
    ['POST', '/people/:id/delete', csrf, people.remove],
    ['GET', '/organisations', organisations.index],
    ['GET', '/organisations/new', organisations.newForm],
    ['POST', '/organisations', csrf, organisations.create],
    ['GET', '/organisations/:id/edit', organisations.editForm],
    ['POST', '/organisations/:id', csrf, organisations.update],
    ['POST', '/organisations/:id/delete', csrf, organisations.remove],
    ['GET', '/venues', venues.index],
    ['GET', '/venues/new', venues.newForm],
    ['POST', '/venues', csrf, venues.create],
    ['GET', '/venues/:id/edit', venues.editForm],
    ['POST', '/venues/:id', csrf, venues.update],
    ['POST', '/venues/:id/delete', csrf, venues.remove],
    // Groups and their members, registers, task lists, calendars and logos
    ['GET', '/groups', groups.index],
    ['GET', '/groups/new', groups.newForm],
    ['POST', '/groups', csrf, groups.create],
    ['GET', '/groups/:slug', groups.show],
    ['GET', '/groups/:slug/edit', groups.editForm],
    ['POST', '/groups/:slug', csrf, groups.update],
    ['POST', '/groups/:slug/delete', csrf, groups.remove],
    ['GET', '/groups/:slug/members', groups.members],
    ['POST', '/groups/:slug/members', csrf, groups.addMember],
    ['GET', '/groups/:slug/members/:id/edit', groups.memberForm],
    ['POST', '/groups/:slug/members/:id', csrf, groups.updateMember],
    ['POST', '/groups/:slug/members/:id/delete', csrf, groups.removeMember],
    ['GET', '/groups/:slug/resolutions', resolutions.register],
    ['GET', '/groups/:slug/tasks', tasks.groupTasks],
    ['GET', '/groups/:slug/calendar.ics', calendar.group],
    ['GET', '/groups/:slug/logo', files.logo],
    ['POST', '/groups/:slug/logo', files.groupFirst, files.receiveLogo, files.uploadLogo],
    ['POST', '/groups/:slug/logo/delete', csrf, files.removeLogo],
    // Meetings: the zápis, its exports, the invitation
    ['GET', '/meetings/new', meetings.newForm],
    ['POST', '/meetings', csrf, meetings.create],
    ['GET', '/meetings/:id', meetings.show],
    ['GET', '/meetings/:id.pdf', exports.pdf],
    ['GET', '/meetings/:id.docx', exports.docx],
    ['GET', '/meetings/:id.md', exports.markdown],
    ['GET', '/meetings/:id.ics', calendar.meeting],
    ['GET', '/meetings/:id/invitation', calendar.invitation],
    ['GET', '/meetings/:id/invitation.txt', calendar.invitationText],
    ['GET', '/meetings/:id/edit', meetings.editForm],
    ['POST', '/meetings/:id', csrf, meetings.update],
    ['POST', '/meetings/:id/delete', csrf, meetings.remove],
    ['GET', '/meetings/:id/follow-up', meetings.followUpForm],
    ['POST', '/meetings/:id/follow-up', csrf, meetings.followUp],
    // The program
    ['GET', '/meetings/:id/agenda', agenda.editor],
    ['POST', '/meetings/:id/agenda', csrf, agenda.add],
    ['POST', '/meetings/:id/agenda/order', csrf, agenda.reorder],
    ['GET', '/meetings/:id/agenda/:itemId/edit', agenda.itemForm],
    ['POST', '/meetings/:id/agenda/:itemId', csrf, agenda.update],
    ['POST', '/meetings/:id/agenda/:itemId/move', csrf, agenda.move],
    ['POST', '/meetings/:id/agenda/:itemId/delete', csrf, agenda.remove],
    // The minutes
    ['GET', '/meetings/:id/minutes/edit', minutes.editor],
    ['POST', '/meetings/:id/minutes', csrf, minutes.save],
    ['POST', '/meetings/:id/minutes/publish', csrf, minutes.publish],
    ['POST', '/meetings/:id/minutes/unpublish', csrf, minutes.unpublish],
    ['POST', '/minutes/preview', csrf, requireSignIn, minutes.preview],
    // Attendance and the attendance sheet
    ['GET', '/meetings/:id/attendance', attendance.editor],
    ['POST', '/meetings/:id/attendance', csrf, attendance.record],
    ['POST', '/meetings/:id/attendance/add', csrf, attendance.add],
    ['POST', '/meetings/:id/attendance/new-person', csrf, attendance.addNew],
    ['POST', '/meetings/:id/attendance/:attendanceId/delete', csrf, attendance.remove],
    ['GET', '/meetings/:id/attendance-sheet', attendance.sheet],
    ['GET', '/meetings/:id/attendance-sheet.pdf', exports.sheetPdf],
    // Resolutions
    ['GET', '/meetings/:id/resolutions/new', resolutions.newForm],
    ['POST', '/meetings/:id/resolutions', csrf, resolutions.create],
    ['GET', '/meetings/:id/resolutions/:resolutionId/edit', resolutions.editForm],
    ['POST', '/meetings/:id/resolutions/:resolutionId', csrf, resolutions.update],
    ['POST', '/meetings/:id/resolutions/:resolutionId/delete', csrf, resolutions.remove],
    // Action items, the Kontrola úkolů, task lists
    ['GET', '/meetings/:id/action-items/new', tasks.newForm],
    ['POST', '/meetings/:id/action-items', csrf, tasks.create],
    ['GET', '/action-items/:id', tasks.show],
    ['GET', '/action-items/:id/edit', tasks.editForm],
    ['POST', '/action-items/:id', csrf, tasks.update],
    ['POST', '/action-items/:id/delete', csrf, tasks.remove],
    ['GET', '/meetings/:id/review', tasks.reviewForm],
    ['POST', '/meetings/:id/review', csrf, tasks.review],
    ['GET', '/tasks', requireSignIn, tasks.myTasks],
    // Attachments
    ['GET', '/meetings/:id/attachments', files.manager],
    ['POST', '/meetings/:id/attachments', files.meetingFirst, files.receiveAttachments, files.upload],
    ['GET', '/attachments/:id', files.download],
    ['POST', '/attachments/:id', csrf, files.rename],
    ['POST', '/attachments/:id/delete', csrf, files.remove],
    // Calendars
    ['GET', '/calendar/:token.ics', calendar.personal],
  ];
}

/** Builds the Express app: middleware, the route table, 404 and the one error handler. */
export function createApp(deps: AppDeps): express.Express & { shutdown: () => void } {
  const { config, logger, clock } = deps;
  const app = express();
  const sessionStore = sessions(config);
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const views = path.join(root, 'views');
  const cache = config.env !== 'development';
  app.set('views', views);
  app.set('view engine', 'ejs');
  app.set('view cache', cache);
  // Includes are written from the views root ('/partials/_field'): EJS resolves those without the
  // file-system check per include that relative paths cost on every render.
  app.engine('ejs', (file, data, done) => {
    ejs.renderFile(file, data, { root: views, cache }, done);
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
  app.use(express.urlencoded({ extended: false, limit: '2mb', parameterLimit: 5000 }));
  app.use(express.json({ limit: '2mb' }));

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
  return Object.assign(app, { shutdown: sessionStore.close });
}

/** Turns any error into a page (or JSON) of the right status, in the request's language. */
const errorHandler = (logger: Logger): ErrorRequestHandler => (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  // Someone not signed in who may not see a page is asked to sign in; after that the rules decide.
  if (error instanceof HttpError && error.status === 403 && viewerOf(req).kind === 'anonymous' && req.method === 'GET' && error.messageKey === 'error.forbidden') {
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  const known = error instanceof HttpError;
  const bodyTooLarge = (error as { type?: string }).type === 'entity.too.large';
  const status = known ? error.status : bodyTooLarge ? 413 : 500;
  if (status >= 500) logger.error({ err: error, method: req.method, route: req.route ? `${req.baseUrl}${String(req.route.path)}` : '(no route)' }, 'request failed');
  const messageKey = known ? error.messageKey : bodyTooLarge ? 'error.tooLarge' : 'error.server';
  res.status(status);
  const t = res.locals.t;
  if (!t || req.accepts(['html', 'json']) === 'json') {
    res.json({ error: t ? t(messageKey as never) : messageKey, status });
    return;
  }
  res.render('error', { status, messageKey });
};
