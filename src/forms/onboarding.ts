import { z } from 'zod';
import { roles } from '../db/memberships.js';
import { optionalId, optionalText } from './index.js';
import type { FieldErrors } from './index.js';

/**
 * The fields two forms share that bring someone in at once (inviting a person, adding a member):
 * a person chosen from the directory, or a new one typed with the organisation chosen or typed.
 * Whether a chosen row exists, and whom a typed e-mail already belongs to, the action checks.
 */
export const personChoiceFields = {
  personId: optionalId(),
  title: optionalText(40),
  name: optionalText(200),
  organisationId: optionalId(),
  organisationName: optionalText(200),
};

/** A role in a group, or none when the select was left empty. */
export const optionalGroupRole = () =>
  z.preprocess((v) => (v === undefined || v === '' ? undefined : String(Array.isArray(v) ? v[v.length - 1] : v)), z.enum(roles, { error: 'validation.choice' }).optional());

interface PersonChoice {
  personId?: number;
  name: string;
  organisationId?: number;
  organisationName: string;
}

/**
 * A person chosen or a new one's name, not both (a typed name beside a chosen person would be
 * dropped without a word); the organisation chosen or typed, not both. `missingAt` is the field
 * the form asks for first, where "nobody named" is said.
 */
export function checkPersonChoice(missingAt: 'personId' | 'name') {
  return (form: PersonChoice, ctx: z.RefinementCtx): void => {
    const typed = form.name !== '' || form.organisationId !== undefined || form.organisationName !== '';
    if (form.personId === undefined && form.name === '') ctx.addIssue({ code: 'custom', path: [missingAt], message: 'accounts.nameRequired' });
    else if (form.personId !== undefined && typed) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'onboarding.personEither' });
    if (form.organisationId !== undefined && form.organisationName !== '') ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'attendance.organisationEither' });
  };
}

/**
 * The errors as the form shows them: with nobody in the directory to choose (views/onboarding/_person.ejs
 * then offers no choice), "choose someone or name a new one" is simply a name required, said at the name.
 */
export function personErrorsShown(errors: FieldErrors, canChoose: boolean): FieldErrors {
  if (canChoose) return errors;
  const { personId, ...others } = errors;
  return personId === 'accounts.nameRequired' || others.name === 'accounts.nameRequired' ? { ...others, name: 'validation.required' } : errors;
}
