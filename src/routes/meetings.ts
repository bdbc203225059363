import { Router } from 'express';
import type { AppDeps } from '../app.js';

/** meetings: routes to come. */
export function meetingsRouter(_deps: AppDeps): Router {
  return Router();
}
