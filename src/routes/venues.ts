import { Router } from 'express';
import type { AppDeps } from '../app.js';

/** venues: routes to come. */
export function venuesRouter(_deps: AppDeps): Router {
  return Router();
}
