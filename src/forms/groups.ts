import { z } from 'zod';
import { visibilities } from '../db/groups.js';
import { DEFAULT_RESOLUTION_PATTERN } from '../db/resolutions.js';
import { DEFAULT_QUORUM_PERCENT } from '../db/attendance.js';
import { checkbox, longText, oneOf, optionalId, optionalInt, optionalText, requiredText, version } from './index.js';

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const trimmed = (v: unknown) => String(Array.isArray(v) ? v[v.length - 1] : (v ?? '')).trim();
// Blank means the usual "3/2018"; a pattern without {n} would give every resolution the same label.
const resolutionPattern = () =>
  z.preprocess(
    (v) => trimmed(v) || DEFAULT_RESOLUTION_PATTERN,
    z.string().max(40, { error: 'validation.tooLong' }).refine((pattern) => pattern.includes('{n}') || pattern.includes('{i}'), { error: 'groups.resolutionPatternInvalid' }),
  );
const slugRule = z.string().max(100, { error: 'validation.tooLong' }).regex(slugPattern, { error: 'validation.slug' });

/** The group form; an empty slug is allowed here and derived from the name on create. */
export const groupSchema = z.object({
  name: requiredText(200),
  nameGenitive: optionalText(200),
  shortName: optionalText(60),
  slug: z.preprocess((v) => trimmed(v) || undefined, slugRule.optional()),
  description: longText(50_000),
  umbrellaId: optionalId(),
  visibility: oneOf(visibilities),
  numberingPerYear: checkbox(),
  resolutionPattern: resolutionPattern(),
  // The funding footer of a group in a funded project (both blank: no footer).
  fundingProject: optionalText(300),
  fundingRegistration: optionalText(100),
  // Blank means the usual "more than half".
  quorumPercent: optionalInt(1, 99).transform((percent) => percent ?? DEFAULT_QUORUM_PERCENT),
});

/** Editing a group: the slug is shown and must stay filled (clearing it would silently change the URL). */
export const groupEditSchema = groupSchema.extend({
  slug: z.preprocess(trimmed, z.string().min(1, { error: 'validation.required' }).pipe(slugRule)),
  version: version(),
});
