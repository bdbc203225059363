import { createHash } from 'node:crypto';
import type { FieldErrors, FormValues } from './index.js';
import { rawValues } from './index.js';

export const MAX_MINUTES_TEXT = 200_000;

/** A short fingerprint of a stored text: the editor sends back what it started from, to detect others' edits. */
export function textFingerprint(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/** The name of the textarea of an agenda item's proceedings. */
export const itemField = (itemId: number): string => `item-${itemId}`;

export interface MinutesForm {
  /** Each text the form sent, by field name; a field it did not send (an agenda item added since
   *  the editor was opened, say) is left as it is, never cleared. */
  texts: Map<string, string>;
  /** Fingerprints of the texts the editor was loaded with, by field name (absent when not sent). */
  bases: Map<string, string>;
  preview: boolean;
}

const normalise = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? value.join('\n') : (value ?? '')).replace(/\r\n?/g, '\n');

/** Reads the minutes editor: opening and closing notes and one text per agenda item of the meeting. */
export function parseMinutesForm(
  body: unknown,
  itemIds: readonly number[],
): { ok: true; data: MinutesForm; values: FormValues } | { ok: false; values: FormValues; errors: FieldErrors } {
  const values = rawValues(body);
  const errors: FieldErrors = {};
  const fields = ['openingNotes', 'closingNotes', ...itemIds.map(itemField)].filter((name) => values[name] !== undefined);
  const texts = new Map(fields.map((name) => [name, normalise(values[name])]));
  for (const [name, text] of texts) if (text.length > MAX_MINUTES_TEXT) errors[name] = 'validation.tooLong';
  const bases = new Map(fields.filter((name) => values[`base-${name}`] !== undefined).map((name) => [name, normalise(values[`base-${name}`])]));
  if (Object.keys(errors).length) return { ok: false, values, errors };
  return { ok: true, values, data: { texts, bases, preview: values.action === 'preview' } };
}
