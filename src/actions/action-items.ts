import { writableActionItem, writableMeeting } from '../access.js';
import { deleteActionItem, insertActionItem, listReviewBlock, recordReviews, updateActionItem } from '../db/action-items.js';
import type { ActionItemInput, ActionItemStatus, ReviewInput } from '../db/action-items.js';
import { findAgendaItem } from '../db/agenda.js';
import { existingIds } from '../db/index.js';
import type { Db } from '../db/index.js';
import type { ActionItemForm } from '../forms/action-items.js';
import type { FieldErrors } from '../forms/index.js';
import { conflict, done, hasErrors, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';

/** Checks what the form refers to (people, organisation, an agenda item of this meeting) and builds the input. */
function resolveItemForm(db: Db, meetingId: number, form: ActionItemForm): { input: ActionItemInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const people = existingIds(db, 'people', form.ownerIds);
  if (form.ownerIds.some((id) => !people.has(id))) errors.ownerIds = 'validation.unknownReference';
  if (form.organisationId && existingIds(db, 'organisations', [form.organisationId]).size === 0) errors.organisationId = 'validation.unknownReference';
  if (form.agendaItemId && !findAgendaItem(db, meetingId, form.agendaItemId)) errors.agendaItemId = 'validation.unknownReference';
  if (hasErrors(errors)) return { errors };
  return {
    input: { text: form.text, ownerIds: form.ownerIds, organisationId: form.organisationId ?? null, responsibleText: form.responsibleText, dueDate: form.dueDate ?? null, agendaItemId: form.agendaItemId ?? null },
  };
}

/** Gives a task at a meeting: it belongs to the meeting's lead group and comes back at its next meetings until closed. */
export function addActionItem(ctx: ActionContext, meetingId: number, form: ActionItemForm): Result<{ id: number }> {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  const resolved = resolveItemForm(ctx.db, meeting.id, form);
  if ('errors' in resolved) return invalid(resolved.errors);
  return done({ id: insertActionItem(ctx.db, meeting.id, resolved.input, ctx.clock.now()) });
}

/** Changes a task if still at `version`; a new status or deadline also goes into its trail as a change outside a meeting. */
export function editActionItem(ctx: ActionContext, id: number, form: ActionItemForm & { status: ActionItemStatus; version: number }): Result<void> {
  const item = writableActionItem(ctx.db, ctx.viewer, id);
  const resolved = resolveItemForm(ctx.db, item.meetingId, form);
  if ('errors' in resolved) return invalid(resolved.errors);
  if (!updateActionItem(ctx.db, item, form.version, { ...resolved.input, status: form.status }, ctx.clock.now())) return conflict(undefined, item.version);
  return done(undefined);
}

/** Deletes a task with its trail; returns the meeting it arose at. */
export function removeActionItem(ctx: ActionContext, id: number): { meetingId: number } {
  const item = writableActionItem(ctx.db, ctx.viewer, id);
  deleteActionItem(ctx.db, item.id);
  return { meetingId: item.meetingId };
}

/**
 * Records the Kontrola úkolů of a meeting: what it found about each of its items (trvá, splněno,
 * zrušeno, a new deadline), one review per item and meeting, in one transaction. Only the items
 * of this meeting's Kontrola can be reviewed here; other ids are ignored.
 */
export function recordReview(ctx: ActionContext, meetingId: number, reviews: readonly ReviewInput[]): void {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  const reviewable = new Set(listReviewBlock(ctx.db, meeting).map((row) => row.id));
  recordReviews(ctx.db, meeting.id, reviews.filter((review) => reviewable.has(review.actionItemId)), ctx.clock.now());
}
