import { z } from 'zod';
import { resolutionOutcomes } from '../db/resolutions.js';
import { oneOf, optionalId, optionalInt, requiredInt, version } from './index.js';

const MAX_VOTES = 100_000;
const MAX_NUMBER = 1_000_000;

// Markdown like longText, but a resolution without words is no resolution.
const resolutionText = () =>
  z.preprocess(
    (v) => String(Array.isArray(v) ? v[v.length - 1] : (v ?? '')).replace(/\r\n?/g, '\n').trim(),
    z.string().min(1, { error: 'validation.required' }).max(20_000, { error: 'validation.tooLong' }),
  );

/** A new resolution: its text, the agenda item, the vote, the outcome; the number is assigned unless typed. */
export const resolutionSchema = z.object({
  text: resolutionText(),
  agendaItemId: optionalId(),
  votesFor: optionalInt(0, MAX_VOTES),
  votesAgainst: optionalInt(0, MAX_VOTES),
  votesAbstain: optionalInt(0, MAX_VOTES),
  outcome: oneOf(resolutionOutcomes),
  number: optionalInt(1, MAX_NUMBER),
  supersedesId: optionalId(),
});

/** Editing a resolution: the number is shown and must stay filled (a correction, not a renumbering). */
export const resolutionEditSchema = resolutionSchema.extend({
  number: requiredInt(1, MAX_NUMBER),
  version: version(),
});

export type ResolutionForm = z.output<typeof resolutionSchema>;
