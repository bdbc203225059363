import type { FormValues } from '../forms/index.js';
import { notFound } from '../errors.js';

/** A numeric id from the URL; anything else is a page that cannot exist (404). */
export function idParam(value: string | string[] | undefined): number {
  const id = typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) throw notFound();
  return id;
}

/** A 1-based page number from the query string (?page=2); out-of-range values become 1. */
export function pageParam(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return page >= 1 ? page : 1;
}

/** One page of a list: the ?page= asked for, and the rows it covers. */
export interface ListPage {
  page: number;
  limit: number;
  offset: number;
}

/** The page of a list of `size` rows a page that the query string asks for. */
export function listPage(query: { page?: unknown }, size: number): ListPage {
  const page = pageParam(query.page);
  return { page, limit: size, offset: (page - 1) * size };
}

/** How many pages `total` rows fill (at least one, for the empty list). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The form values to show again after a refusal: as typed, with the row's current version after a conflict (saving again is then a deliberate overwrite). */
export function valuesAfter(values: FormValues, refusal: { version?: number }): FormValues {
  return refusal.version === undefined ? values : { ...values, version: String(refusal.version) };
}
