import { z } from 'zod';
import { emailField } from './auth.js';
import { oneOf, optionalId, optionalText, version } from './index.js';

const role = () => oneOf(['user', 'admin'] as const);

/**
 * Inviting someone: the address, the role, and either a person already in the directory or the
 * name of a new one (the name is needed only when no person is chosen).
 */
export const inviteSchema = z
  .object({ email: emailField(), role: role(), personId: optionalId(), title: optionalText(40), name: optionalText(200) })
  .superRefine((form, ctx) => {
    if (form.personId === undefined && form.name === '') ctx.addIssue({ code: 'custom', path: ['name'], message: 'accounts.nameRequired' });
  });

/** Changing an account: its sign-in address and role, at the version the form was loaded with. */
export const accountEditSchema = z.object({ email: emailField(), role: role(), version: version() });
