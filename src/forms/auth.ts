import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../passwords.js';
import { optionalText, requiredText } from './index.js';

const email = () =>
  z.preprocess((v) => String(v ?? '').trim(), z.string().min(1, { error: 'validation.required' }).pipe(z.email({ error: 'validation.email' }).max(200, { error: 'validation.tooLong' })));

// Passwords are taken exactly as typed: no trimming, any characters, a sane upper bound.
const newPassword = () =>
  z.preprocess(
    (v) => String(v ?? ''),
    z.string().min(MIN_PASSWORD_LENGTH, { error: 'auth.passwordTooShort' }).max(200, { error: 'validation.tooLong' }),
  );

const confirmed = <T extends { password: string; passwordConfirm: string }>(form: T, ctx: z.RefinementCtx) => {
  if (form.password !== form.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'auth.passwordMismatch' });
};

/** Sign-in: e-mail and password (checked against the store, never validated for shape beyond presence). */
export const loginSchema = z.object({
  email: z.preprocess((v) => String(v ?? '').trim(), z.string().min(1, { error: 'validation.required' }).max(200)),
  password: z.preprocess((v) => String(v ?? ''), z.string().min(1, { error: 'validation.required' }).max(200)),
});

/** The first administrator, created on an empty instance. */
export const setupSchema = z
  .object({ name: requiredText(200), title: optionalText(40), email: email(), password: newPassword(), passwordConfirm: z.preprocess((v) => String(v ?? ''), z.string()) })
  .superRefine(confirmed);

/** A new password set through a one-time link. */
export const setPasswordSchema = z.object({ password: newPassword(), passwordConfirm: z.preprocess((v) => String(v ?? ''), z.string()) }).superRefine(confirmed);

/** Changing one's own password: the current one first. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.preprocess((v) => String(v ?? ''), z.string().min(1, { error: 'validation.required' })),
    password: newPassword(),
    passwordConfirm: z.preprocess((v) => String(v ?? ''), z.string()),
  })
  .superRefine(confirmed);

export { email as emailField };
