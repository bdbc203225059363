import { z } from 'zod';
import { emailField } from './auth.js';
import { oneOf, optionalId, version } from './index.js';
import { checkPersonChoice, optionalGroupRole, personChoiceFields } from './onboarding.js';

const role = () => oneOf(['user', 'admin'] as const);

/**
 * Inviting someone: the address, the role, either a person already in the directory or a new one
 * (name, title, organisation chosen or typed), and optionally a group with the role in it.
 */
export const inviteSchema = z
  .object({ email: emailField(), role: role(), ...personChoiceFields, groupId: optionalId(), groupRole: optionalGroupRole() })
  .superRefine(checkPersonChoice('name'))
  .superRefine((form, ctx) => {
    if (form.groupId !== undefined && form.groupRole === undefined) ctx.addIssue({ code: 'custom', path: ['groupRole'], message: 'validation.required' });
  });

export type InviteForm = z.output<typeof inviteSchema>;

/** Changing an account: its sign-in address and role, at the version the form was loaded with. */
export const accountEditSchema = z.object({ email: emailField(), role: role(), version: version() });
