import { z } from 'zod';
import type { Gender } from '../zapis/czech-names.js';
import type { FormValues } from './index.js';
import { optionalEmail, optionalId, optionalText, requiredText, valuesOf, version } from './index.js';

/** The choices of the gender field: '' (nothing chosen) takes the default the name suggests. */
export const genderChoices = ['f', 'm', 'unknown'] as const;

/** The gender field: 'f' or 'm', 'unknown' (stored as null), or nothing chosen (undefined: from the name). */
const gender = () =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v[v.length - 1] : (v ?? '')),
    z
      .enum(['', ...genderChoices], { error: 'validation.choice' })
      .transform((choice): Gender | null | undefined => (choice === '' ? undefined : choice === 'unknown' ? null : choice)),
  );

/** The person form; whether the organisation still exists is checked by the route against the database. */
export const personSchema = z.object({
  name: requiredText(200),
  title: optionalText(40),
  email: optionalEmail(),
  // Free text on purpose: "485 104 123, linka 12" is a real phone number in these offices.
  phone: optionalText(40),
  organisationId: optionalId(),
  gender: gender(),
});

export const personEditSchema = personSchema.extend({ version: version() });

/** A stored person as the form's values: a gender not stated is the choice 'unknown', not "from the name". */
export function personValues(person: { gender: Gender | null } & object): FormValues {
  return { ...valuesOf(person), gender: person.gender ?? 'unknown' };
}
