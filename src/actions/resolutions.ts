import { writableMeeting } from '../access.js';
import { meetingYear } from '../clock.js';
import { findAgendaItem } from '../db/agenda.js';
import { attendanceBySheet, quorum } from '../db/attendance.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import { deleteResolution, findResolution, findResolutionOfGroup, insertResolution, patternLabel, resolutionLabelTaken, resolutionNumberTaken, updateResolution } from '../db/resolutions.js';
import type { Resolution, ResolutionInput } from '../db/resolutions.js';
import { notFound } from '../errors.js';
import type { FieldErrors } from '../forms/index.js';
import type { ResolutionForm } from '../forms/resolutions.js';
import { conflict, done, hasErrors, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';

/** Where a meeting's resolutions are numbered: its lead group, in the year the meeting takes place. */
export function numberingOf(meeting: MeetingDetail): { groupId: number; year: number } {
  return { groupId: meeting.leadGroupId, year: meetingYear(meeting) };
}

/** The resolution of this meeting with this id, or 404. */
export function resolutionOf(db: Db, meetingId: number, id: number): Resolution & { label: string } {
  const resolution = findResolution(db, meetingId, id);
  if (!resolution) throw notFound();
  return resolution;
}

/**
 * The vote as the minutes state it: "jednomyslně" is everyone present with a vote for it, none
 * against, none abstaining; a vote with more voices than voting members present is refused until
 * the secretary confirms it (a substitute or a guest may vote), and checked only where the
 * attendance was recorded name by name (not "dle prezenční listiny", whose count we do not know).
 */
function checkVote(db: Db, meetingId: number, form: ResolutionForm, errors: FieldErrors): Pick<ResolutionInput, 'votesFor' | 'votesAgainst' | 'votesAbstain'> {
  const presence = attendanceBySheet(db, meetingId) ? undefined : quorum(db, meetingId);
  const present = presence && presence.total > 0 ? presence.present : undefined;
  let votes = { votesFor: form.votesFor ?? null, votesAgainst: form.votesAgainst ?? null, votesAbstain: form.votesAbstain ?? null };
  if (form.unanimous) {
    if (votes.votesAgainst || votes.votesAbstain) errors.votesAgainst = 'resolutions.unanimousAgainst';
    else if (votes.votesFor === null && present === undefined) errors.votesFor = 'resolutions.unanimousCount';
    votes = { votesFor: votes.votesFor ?? present ?? null, votesAgainst: 0, votesAbstain: 0 };
  }
  const cast = (votes.votesFor ?? 0) + (votes.votesAgainst ?? 0) + (votes.votesAbstain ?? 0);
  if (present !== undefined && cast > present && !form.confirmVotes && !errors.votesFor) errors.votesFor = 'resolutions.votesExceedPresent';
  return votes;
}

/** Checks what the form refers to (an item of this meeting, a resolution of this group, a free number) and builds the input. */
function resolveResolution(db: Db, meetingId: number, numbering: { groupId: number; year: number }, form: ResolutionForm, resolution?: Resolution): { input: ResolutionInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const votes = checkVote(db, meetingId, form, errors);
  const agendaItemId = typeof form.agendaItemId === 'number' ? form.agendaItemId : null;
  if (agendaItemId && !findAgendaItem(db, meetingId, agendaItemId)) errors.agendaItemId = 'validation.unknownReference';
  if (form.supersedesId && form.supersedesId === resolution?.id) errors.supersedesId = 'resolutions.supersedesSelf';
  else if (form.supersedesId && !findResolutionOfGroup(db, numbering.groupId, form.supersedesId)) errors.supersedesId = 'validation.unknownReference';
  if (form.number && resolutionNumberTaken(db, numbering.groupId, numbering.year, form.number, resolution?.id)) errors.number = 'resolutions.numberTaken';
  if (hasErrors(errors)) return { errors };
  return {
    input: {
      agendaItemId,
      placement: form.agendaItemId === 'start' ? 'start' : 'end',
      text: form.text,
      ...votes,
      outcome: form.outcome,
      supersedesId: form.supersedesId ?? null,
    },
  };
}

/** Adds a resolution, numbered next in the lead group and the meeting's year unless a number is typed. */
export function addResolution(ctx: ActionContext, meetingId: number, form: ResolutionForm): Result<{ id: number }> {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  const numbering = numberingOf(meeting);
  const resolved = resolveResolution(ctx.db, meeting.id, numbering, form);
  if ('errors' in resolved) return invalid(resolved.errors);
  const label = form.unnumbered ? '' : form.label || undefined;
  if (label && resolutionLabelTaken(ctx.db, meeting.id, label)) return invalid({ label: 'resolutions.labelTaken' });
  return done({ id: insertResolution(ctx.db, { ...resolved.input, ...numbering, meetingId: meeting.id, number: form.number, label }, ctx.clock.now()) });
}

/**
 * The label after an edit: none when unnumbered; as typed when it was changed; else the stored one,
 * unless the number was corrected, which carries a label made from the pattern along.
 */
function editedLabel(db: Db, resolution: Resolution, form: ResolutionForm & { number: number }): string {
  if (form.unnumbered) return '';
  if (form.label && form.label !== resolution.label) return form.label;
  if (form.number === resolution.number && form.label) return resolution.label;
  return patternLabel(db, resolution.groupId, resolution.meetingId, form.number, resolution.year);
}

/** Changes a resolution (its number may be corrected) if still at `version`. */
export function editResolution(ctx: ActionContext, meetingId: number, id: number, form: ResolutionForm & { number: number; version: number }): Result<void> {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  const resolution = resolutionOf(ctx.db, meeting.id, id);
  const resolved = resolveResolution(ctx.db, meeting.id, resolution, form, resolution);
  if ('errors' in resolved) return invalid(resolved.errors);
  const label = editedLabel(ctx.db, resolution, form);
  if (resolutionLabelTaken(ctx.db, meeting.id, label, resolution.id)) return invalid({ label: 'resolutions.labelTaken' });
  if (!updateResolution(ctx.db, resolution.id, form.version, { ...resolved.input, number: form.number, label }, ctx.clock.now())) return conflict(undefined, resolution.version);
  return done(undefined);
}

/** Deletes a resolution; its number stays used. */
export function removeResolution(ctx: ActionContext, meetingId: number, id: number): void {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  deleteResolution(ctx.db, resolutionOf(ctx.db, meeting.id, id).id);
}
