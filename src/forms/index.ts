import { z } from 'zod';
import { isMessageKey } from '../i18n/index.js';
import { singleLine } from '../text.js';
import type { MessageKey } from '../i18n/index.js';

/** What the user typed, exactly, so a rejected form can be shown again unchanged. */
export type FormValues = Record<string, string | string[]>;
/** One message (a translation key) per field name; `_form` for the form as a whole. */
export type FieldErrors = Partial<Record<string, MessageKey>>;

export type FormResult<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; values: FormValues; errors: FieldErrors };

/** Validates a urlencoded body against a schema; error messages in the schema are translation keys. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const values = rawValues(body);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (!errors[field]) errors[field] = isMessageKey(issue.message) ? issue.message : 'validation.invalid';
  }
  return { ok: false, values, errors };
}

/** Keeps only string and string-list values: anything else in a body is not something a form sent. */
export function rawValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string') values[key] = value;
      else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
    }
  }
  return values;
}

/** A stored row as form values, for the first render of an edit form. */
export function valuesOf(row: object): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(row)) {
    if (Array.isArray(value)) values[key] = value.map(String);
    else if (typeof value === 'boolean') values[key] = value ? '1' : '';
    else values[key] = value === null || value === undefined ? '' : String(value);
  }
  return values;
}

const asString = (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : (value ?? ''));
const blankToUndefined = (value: unknown) => {
  const text = String(asString(value)).trim();
  return text === '' ? undefined : text;
};

/** Optional single-line text, trimmed; '' when empty. A line break or a control character in it becomes a space. */
export const optionalText = (max = 200) =>
  z.preprocess((v) => singleLine(String(asString(v))), z.string().max(max, { error: 'validation.tooLong' }));

/** Required single-line text, trimmed; a line break or a control character in it becomes a space. */
export const requiredText = (max = 200) =>
  z.preprocess(
    (v) => singleLine(String(asString(v))),
    z.string().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' }),
  );

/** Multi-line text such as Markdown: kept exactly as typed except for Windows line ends. */
export const longText = (max = 200_000) =>
  z.preprocess((v) => String(asString(v)).replace(/\r\n?/g, '\n'), z.string().max(max, { error: 'validation.tooLong' }));

/** An optional reference to a row (a select's value); undefined when not chosen. */
export const optionalId = () =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).positive({ error: 'validation.invalid' }).optional());

/** A required reference to a row. */
export const requiredId = () =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: 'validation.required' }).int({ error: 'validation.invalid' }).positive({ error: 'validation.invalid' }));

/** A list of row references (a multiple select or checkboxes), without duplicates. */
export const idList = () =>
  z.preprocess(
    (v) => [...new Set((Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map(String).filter((s) => s.trim() !== ''))],
    z.array(z.coerce.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).positive({ error: 'validation.invalid' })),
  );

/** An optional whole number in a range. */
export const optionalInt = (min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'validation.number' })
      .int({ error: 'validation.number' })
      .min(min, { error: 'validation.numberRange' })
      .max(max, { error: 'validation.numberRange' })
      .optional(),
  );

/** A required whole number in a range. */
export const requiredInt = (min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'validation.required' })
      .int({ error: 'validation.number' })
      .min(min, { error: 'validation.numberRange' })
      .max(max, { error: 'validation.numberRange' }),
  );

/** An optional e-mail address. */
export const optionalEmail = () =>
  z.preprocess((v) => String(asString(v)).trim(), z.union([z.literal(''), z.email({ error: 'validation.email' }).max(200, { error: 'validation.tooLong' })]));

/** An optional http(s) address. */
export const optionalUrl = () =>
  z.preprocess(
    (v) => String(asString(v)).trim(),
    z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'validation.url' }).max(500, { error: 'validation.tooLong' })]),
  );

/** A calendar date as a date input sends it (YYYY-MM-DD), checked to exist. */
export const requiredDate = () =>
  z.preprocess((v) => String(asString(v)).trim(), z.string().min(1, { error: 'validation.required' }).pipe(z.iso.date({ error: 'validation.date' })));

/** An optional calendar date. */
export const optionalDate = () =>
  z.preprocess(blankToUndefined, z.iso.date({ error: 'validation.date' }).optional());

const clock = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;
// "9:30" and "9.30" as people type them, "09:30" as time inputs send it: all stored as "09:30".
const toClock = (value: string) => value.replace(clock, (_whole, h: string, m: string) => `${h.padStart(2, '0')}:${m}`);

/** A time of day (HH:mm, also 9:30 or 9.30), normalised to "09:30". */
export const requiredTime = () =>
  z.preprocess(
    (v) => String(asString(v)).trim(),
    z.string().min(1, { error: 'validation.required' }).regex(clock, { error: 'validation.time' }).transform(toClock),
  );

/** An optional time of day, normalised like requiredTime. */
export const optionalTime = () =>
  z.preprocess(blankToUndefined, z.string().regex(clock, { error: 'validation.time' }).transform(toClock).optional());

/** A checkbox: present means true. */
export const checkbox = () => z.preprocess((v) => v !== undefined && v !== '' && v !== '0', z.boolean());

/** One of a fixed set of values. */
export const oneOf = <T extends string>(options: readonly [T, ...T[]]) =>
  z.preprocess((v) => String(asString(v)), z.enum(options, { error: 'validation.choice' }));

/** The optimistic-concurrency version a form was loaded with. */
export const version = () => z.preprocess(blankToUndefined, z.coerce.number({ error: 'validation.invalid' }).int().positive());
