import path from 'node:path';
import ejs from 'ejs';
import express from 'express';
import type { ErrorRequestHandler, Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import { HttpError, notFound } from './errors.js';
import { viewerOf } from './access.js';
import { pageCache } from './page-cache.js';
import { requestContext } from './request-context.js';
import { csrfProtection, csrfTokenForViews, firstRun, loadViewer, sessions } from './auth.js';
import { authRouter } from './routes/auth.js';
import { accountsRouter } from './routes/accounts.js';
import { requestLog } from './request-log.js';
import { homeRouter } from './routes/home.js';
import { organisationsRouter } from './routes/organisations.js';
import { peopleRouter } from './routes/people.js';
import { venuesRouter } from './routes/venues.js';
import { groupsRouter } from './routes/groups.js';
import { meetingsRouter } from './routes/meetings.js';
import { exportsRouter } from './routes/exports.js';
import { calendarRouter } from './routes/calendar.js';
import { markdownExportRouter } from './routes/markdown-export.js';
import { followUpRouter } from './routes/follow-up.js';
import { agendaRouter } from './routes/agenda.js';
import { attachmentsRouter } from './routes/attachments.js';
import { attendanceRouter } from './routes/attendance.js';
import { resolutionsRouter } from './routes/resolutions.js';
import { minutesRouter } from './routes/minutes.js';
import { actionItemsRouter, myTaskCount } from './routes/action-items.js';

export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
}

const root = path.resolve(import.meta.dirname, '..');

/** Builds the Express app: middleware, the routers in one list, 404 and the one error handler. */
export function createApp(deps: AppDeps): express.Express & { shutdown: () => void } {
  const { config, logger } = deps;
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
  if (config.pageCache) app.use(pageCache(deps.db, { maxBytes: 32 * 1024 * 1024, maxAgeMs: 60_000 }));
  app.use(sessionStore.middleware);
  app.use(loadViewer(deps.db, config.timeZone));
  app.use(requestContext(config.timeZone));
  app.use(csrfTokenForViews);
  app.use(myTaskCount(deps.db));
  app.use(express.urlencoded({ extended: false, limit: '2mb', parameterLimit: 5000 }));
  app.use(express.json({ limit: '2mb' }));
  app.use(csrfProtection);

  const routers: Router[] = [
    authRouter(deps),
    accountsRouter(deps),
    homeRouter(deps),
    organisationsRouter(deps),
    peopleRouter(deps),
    venuesRouter(deps),
    groupsRouter(deps),
    markdownExportRouter(deps),
    // Before meetingsRouter: its /meetings/:id would take /meetings/5.ics.
    calendarRouter(deps),
    exportsRouter(deps),
    meetingsRouter(deps),
    followUpRouter(deps),
    agendaRouter(deps),
    attachmentsRouter(deps),
    attendanceRouter(deps),
    actionItemsRouter(deps),
    resolutionsRouter(deps),
    minutesRouter(deps),
  ];
  for (const router of routers) app.use(router);

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
