import { Router } from 'express';
import type { AppDeps } from '../app.js';

/** agenda: routes to come. */
export function agendaRouter(_deps: AppDeps): Router {
  return Router();
}
