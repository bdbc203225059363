import { z } from 'zod';
import { resolutionOutcomes } from '../db/resolutions.js';
import { checkbox, oneOf, optionalId, optionalInt, optionalText, requiredInt, version } from './index.js';

const MAX_VOTES = 100_000;
const MAX_NUMBER = 1_000_000;

// Markdown like longText, but a resolution without words is no resolution.
const resolutionText = () =>
  z.preprocess(
    (v) => String(Array.isArray(v) ? v[v.length - 1] : (v ?? '')).replace(/\r\n?/g, '\n').trim(),
    z.string().min(1, { error: 'validation.required' }).max(20_000, { error: 'validation.tooLong' }),
  );

/**
 * Where it was adopted: an agenda item's id, "start" (before item 1, e.g. approving the program), or
 * nothing (of no item, at the end: "mimo program"). The one select offers all three.
 */
const agendaPlace = () =>
  z.preprocess((v) => (String(Array.isArray(v) ? v[v.length - 1] : (v ?? '')).trim() === 'start' ? 'start' : v), z.union([z.literal('start'), optionalId()]));

/** A new resolution: its text, the agenda item, the vote, the outcome; the number is assigned unless typed. */
export const resolutionSchema = z.object({
  text: resolutionText(),
  agendaItemId: agendaPlace(),
  votesFor: optionalInt(0, MAX_VOTES),
  votesAgainst: optionalInt(0, MAX_VOTES),
  votesAbstain: optionalInt(0, MAX_VOTES),
  /** "Jednomyslně": everyone who voted was for it; the count is the voting members present, unless typed. */
  unanimous: checkbox(),
  /** The secretary confirms a vote with more voices than voting members present (substitutes, guests with a vote). */
  confirmVotes: checkbox(),
  outcome: oneOf(resolutionOutcomes),
  number: optionalInt(1, MAX_NUMBER),
  /** The label as the minutes write it ("94/1", "SR1/č. 1"); from the group's pattern when empty. */
  label: optionalText(60),
  /** The body does not number its resolutions: none is printed. */
  unnumbered: checkbox(),
  supersedesId: optionalId(),
});

/** Editing a resolution: the number is shown and must stay filled (a correction, not a renumbering). */
export const resolutionEditSchema = resolutionSchema.extend({
  number: requiredInt(1, MAX_NUMBER),
  version: version(),
});

export type ResolutionForm = z.output<typeof resolutionSchema>;
