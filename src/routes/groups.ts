import { Router } from 'express';
import type { AppDeps } from '../app.js';

/** groups: routes to come. */
export function groupsRouter(_deps: AppDeps): Router {
  return Router();
}
