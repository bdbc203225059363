import { writableMeeting } from '../access.js';
import { meetingYear } from '../clock.js';
import { findAgendaItem } from '../db/agenda.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import { deleteResolution, findResolution, findResolutionOfGroup, insertResolution, resolutionNumberTaken, updateResolution } from '../db/resolutions.js';
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

/** Checks what the form refers to (an item of this meeting, a resolution of this group, a free number) and builds the input. */
function resolveResolution(db: Db, meetingId: number, numbering: { groupId: number; year: number }, form: ResolutionForm, resolution?: Resolution): { input: ResolutionInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (form.agendaItemId && !findAgendaItem(db, meetingId, form.agendaItemId)) errors.agendaItemId = 'validation.unknownReference';
  if (form.supersedesId && form.supersedesId === resolution?.id) errors.supersedesId = 'resolutions.supersedesSelf';
  else if (form.supersedesId && !findResolutionOfGroup(db, numbering.groupId, form.supersedesId)) errors.supersedesId = 'validation.unknownReference';
  if (form.number && resolutionNumberTaken(db, numbering.groupId, numbering.year, form.number, resolution?.id)) errors.number = 'resolutions.numberTaken';
  if (hasErrors(errors)) return { errors };
  return {
    input: {
      agendaItemId: form.agendaItemId ?? null,
      text: form.text,
      votesFor: form.votesFor ?? null,
      votesAgainst: form.votesAgainst ?? null,
      votesAbstain: form.votesAbstain ?? null,
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
  return done({ id: insertResolution(ctx.db, { ...resolved.input, ...numbering, meetingId: meeting.id, number: form.number }, ctx.clock.now()) });
}

/** Changes a resolution (its number may be corrected) if still at `version`. */
export function editResolution(ctx: ActionContext, meetingId: number, id: number, form: ResolutionForm & { number: number; version: number }): Result<void> {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  const resolution = resolutionOf(ctx.db, meeting.id, id);
  const resolved = resolveResolution(ctx.db, meeting.id, resolution, form, resolution);
  if ('errors' in resolved) return invalid(resolved.errors);
  if (!updateResolution(ctx.db, resolution.id, form.version, { ...resolved.input, number: form.number }, ctx.clock.now())) return conflict(undefined, resolution.version);
  return done(undefined);
}

/** Deletes a resolution; its number stays used. */
export function removeResolution(ctx: ActionContext, meetingId: number, id: number): void {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  deleteResolution(ctx.db, resolutionOf(ctx.db, meeting.id, id).id);
}
