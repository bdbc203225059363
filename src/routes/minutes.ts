import { Router } from 'express';
import type { AppDeps } from '../app.js';

/** minutes: routes to come. */
export function minutesRouter(_deps: AppDeps): Router {
  return Router();
}
