import express from 'express';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * The one place a request body is read. The route table puts `readBody` before every POST handler
 * (GET routes read none), with limits on size, on the number of fields, on the charset and on the
 * depth of JSON. Whatever cannot be read is refused with a 4xx before any handler runs: 400 for a
 * body that is broken, 413 for one too large or with too many fields, 415 for a type or a charset
 * the app does not take. JSON must have the shape a form has (names with text, numbers or lists
 * of them), so that every handler meets the same values whichever way they came. A refused body is
 * never logged (see logger.ts).
 */

/** The largest body a form or a script may send (uploads have their own limits, uploads.ts). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** More fields than any form of the app has: the minutes editor of a 300-item meeting stays well below. */
export const MAX_FIELDS = 5000;

const urlencoded = express.urlencoded({ extended: false, limit: MAX_BODY_BYTES, parameterLimit: MAX_FIELDS });
const json = express.json({ limit: MAX_BODY_BYTES, strict: true });

/** A body refused for its type: the app reads forms and JSON, and multipart only where files are uploaded. */
const unsupportedType = (): HttpError => new HttpError(415, 'error.unsupportedMediaType');

const scalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** A flat object of scalars and lists of scalars: what a form could have sent. */
function formShaped(body: unknown): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  return Object.values(body).every((value) => scalar(value) || (Array.isArray(value) && value.every(scalar)));
}

const hasBody = (req: Parameters<RequestHandler>[0]) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * Reads a POST's body by its Content-Type: a form (application/x-www-form-urlencoded) or JSON.
 * `multipart` lets a multipart body through untouched, for the upload routes whose handler reads it.
 */
export function readBody(options: { multipart?: boolean } = {}): RequestHandler {
  return (req, res, next) => {
    if (!hasBody(req)) {
      req.body = {};
      return next();
    }
    if (req.is('application/x-www-form-urlencoded')) return urlencoded(req, res, next);
    if (req.is('application/json')) {
      return json(req, res, (error?: unknown) => {
        if (error) return next(error);
        next(formShaped(req.body) ? undefined : new HttpError(400, 'error.badRequest'));
      });
    }
    if (options.multipart && req.is('multipart/form-data')) return next();
    next(unsupportedType());
  };
}
