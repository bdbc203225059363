import { z } from 'zod';
import { roles } from '../db/memberships.js';
import { checkbox, oneOf, optionalDate, optionalEmail, version } from './index.js';
import { checkPersonChoice, personChoiceFields } from './onboarding.js';

const period = {
  role: oneOf(roles),
  since: optionalDate(),
  until: optionalDate(),
};

// ISO dates compare correctly as text.
const endsAfterStart = (d: { since?: string; until?: string }) => !d.since || !d.until || d.until >= d.since;
const untilMessage = { path: ['until'], error: 'memberships.untilBeforeSince' };

/**
 * Adding a member: who (a person of the directory, or a new one typed), in which role, from and
 * until when; and, with `invite`, an account with a one-time link for them, sent to `email` (the
 * chosen person's own address when left empty).
 */
export const membershipSchema = z
  .object({ ...personChoiceFields, email: optionalEmail(), invite: checkbox(), ...period })
  .refine(endsAfterStart, untilMessage)
  .superRefine(checkPersonChoice('personId'))
  .superRefine((form, ctx) => {
    if (form.invite && form.personId === undefined && form.email === '') ctx.addIssue({ code: 'custom', path: ['email'], message: 'onboarding.inviteNeedsEmail' });
  });

export type MembershipForm = z.output<typeof membershipSchema>;

/** Editing a membership: the role and dates; the person stays. */
export const membershipEditSchema = z.object({ ...period, version: version() }).refine(endsAfterStart, untilMessage);
