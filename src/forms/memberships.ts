import { z } from 'zod';
import { roles } from '../db/memberships.js';
import { oneOf, optionalDate, requiredId, version } from './index.js';

const period = {
  role: oneOf(roles),
  since: optionalDate(),
  until: optionalDate(),
};

// ISO dates compare correctly as text.
const endsAfterStart = (d: { since?: string; until?: string }) => !d.since || !d.until || d.until >= d.since;
const untilMessage = { path: ['until'], error: 'memberships.untilBeforeSince' };

/** Adding a member: who, in which role, from and until when. */
export const membershipSchema = z.object({ personId: requiredId(), ...period }).refine(endsAfterStart, untilMessage);

/** Editing a membership: the role and dates; the person stays. */
export const membershipEditSchema = z.object({ ...period, version: version() }).refine(endsAfterStart, untilMessage);
