import type { Request, RequestHandler, Response } from 'express';
import { viewerOf } from '../access.js';
import type { ActionContext } from '../actions/index.js';
import type { AppDeps } from '../app.js';

/** The action context of a request: who is asking, in which language, with the app's database and clock. */
export function actionContext(deps: AppDeps, req: Request, res: Response): ActionContext {
  return { db: deps.db, clock: deps.clock, viewer: viewerOf(req), uploadsDir: deps.config.uploadsDir, lang: res.locals.lang, env: deps.config.env };
}

/** The handlers of one feature's pages, by name: the route table (app.ts) says which path each answers. */
export type Pages<K extends string> = Record<K, RequestHandler>;
