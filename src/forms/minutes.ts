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
  openingNotes: string;
  closingNotes: string;
  proceedings: Map<number, string>;
  /** Fingerprints of the texts the editor was loaded with, by field name. */
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
  const read = (name: string) => {
    const text = normalise(values[name]);
    if (text.length > MAX_MINUTES_TEXT) errors[name] = 'validation.tooLong';
    return text;
  };
  const openingNotes = read('openingNotes');
  const closingNotes = read('closingNotes');
  const proceedings = new Map(itemIds.map((id) => [id, read(itemField(id))]));
  const bases = new Map(
    ['openingNotes', 'closingNotes', ...itemIds.map(itemField)].map((name) => [name, normalise(values[`base-${name}`])]),
  );
  if (Object.keys(errors).length) return { ok: false, values, errors };
  return { ok: true, values, data: { openingNotes, closingNotes, proceedings, bases, preview: values.action === 'preview' } };
}
