import type { Viewer } from '../access.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/index.js';
import type { FieldErrors } from '../forms/index.js';
import type { Lang } from '../i18n/index.js';

/**
 * Actions: one function per thing a user does. Each checks who may do it (throwing 404/403 as the
 * access helpers do), checks what the input refers to and the state it meets, writes in one
 * transaction, and returns what it made or why it refused, field by field. The web routes, the
 * command line and, later, a JSON API, the importer and the mail outbox all call these.
 */
export interface ActionContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly viewer: Viewer;
  /** Where uploaded files are kept (DATA_DIR/uploads). */
  readonly uploadsDir: string;
  /** The language of whoever acts: for texts an action writes itself (a follow-up's agenda). */
  readonly lang: Lang;
  /** How costly password hashes are (cheap only in tests). */
  readonly env: Config['env'];
}

/** Why an action did nothing: 422 for input to correct, 409 for a conflict with what others did meanwhile. */
export interface Refusal {
  readonly ok: false;
  readonly status: 409 | 422;
  readonly errors: FieldErrors;
  /** After a conflict: the version the row has now, for the form to carry when it is sent again. */
  readonly version?: number;
}

export type Result<T> = { readonly ok: true; readonly value: T } | Refusal;

/** What an action that succeeded returns. */
export function done<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Input to correct: a 422 with a message per field. */
export function invalid(errors: FieldErrors): Refusal {
  return { ok: false, status: 422, errors };
}

/** Someone else changed it first: a 409, with the row's current version when there is one. */
export function conflict(errors: FieldErrors = { _form: 'validation.conflict' }, version?: number): Refusal {
  return { ok: false, status: 409, errors, version };
}

/** True when a check found something to report. */
export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
