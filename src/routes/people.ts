import { Router } from 'express';
import type { AppDeps } from '../app.js';

/** people: routes to come. */
export function peopleRouter(_deps: AppDeps): Router {
  return Router();
}
