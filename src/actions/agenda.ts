import { writableMeeting } from '../access.js';
import { agendaItemHasChildren, deleteAgendaItem, findAgendaItem, insertAgendaItem, moveAgendaItem, reorderAgendaItems, updateAgendaItem } from '../db/agenda.js';
import type { AgendaItem, AgendaItemInput } from '../db/agenda.js';
import type { Db } from '../db/index.js';
import { badRequest, notFound } from '../errors.js';
import type { FieldErrors } from '../forms/index.js';
import { conflict, done, hasErrors, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';

/** What the agenda item form sends (parsed). */
export type AgendaItemForm = Omit<AgendaItemInput, 'parentId' | 'durationMinutes' | 'fixedStart'> & {
  parentId?: number;
  durationMinutes?: number;
  fixedStart?: string;
};

/** The item of this meeting with this id, or 404 (an item of another meeting is one that does not exist here). */
export function agendaItemOf(db: Db, meetingId: number, itemId: number): AgendaItem {
  const item = findAgendaItem(db, meetingId, itemId);
  if (!item) throw notFound();
  return item;
}

/** Checks the chosen parent (a top-level item of the same meeting, not the item itself, one level only) and builds the input. */
function resolveItem(db: Db, meetingId: number, form: AgendaItemForm, item?: AgendaItem): { input: AgendaItemInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (form.parentId) {
    const parent = findAgendaItem(db, meetingId, form.parentId);
    if (!parent || parent.parentId !== null || parent.id === item?.id) errors.parentId = 'agenda.parentInvalid';
    else if (item && agendaItemHasChildren(db, item.id)) errors.parentId = 'agenda.parentHasChildren';
  }
  if (hasErrors(errors)) return { errors };
  return {
    input: {
      parentId: form.parentId ?? null,
      title: form.title,
      description: form.description,
      presenter: form.presenter,
      durationMinutes: form.durationMinutes ?? null,
      fixedStart: form.fixedStart ?? null,
      deferred: form.deferred,
    },
  };
}

/** Adds an item at the end of its level of the meeting's program. */
export function addAgendaItem(ctx: ActionContext, meetingId: number, form: AgendaItemForm): Result<{ id: number }> {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  const resolved = resolveItem(ctx.db, meeting.id, form);
  if ('errors' in resolved) return invalid(resolved.errors);
  return done({ id: insertAgendaItem(ctx.db, meeting.id, resolved.input, ctx.clock.now()) });
}

/** Changes an item if still at `version`; moving it under another parent puts it last there. */
export function editAgendaItem(ctx: ActionContext, meetingId: number, itemId: number, form: AgendaItemForm & { version: number }): Result<void> {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  const item = agendaItemOf(ctx.db, meeting.id, itemId);
  const resolved = resolveItem(ctx.db, meeting.id, form, item);
  if ('errors' in resolved) return invalid(resolved.errors);
  if (!updateAgendaItem(ctx.db, item, form.version, resolved.input, ctx.clock.now())) return conflict(undefined, item.version);
  return done(undefined);
}

/** Moves an item one place up or down among its siblings (nothing at either end). */
export function moveItem(ctx: ActionContext, meetingId: number, itemId: number, direction: 'up' | 'down'): void {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  moveAgendaItem(ctx.db, agendaItemOf(ctx.db, meeting.id, itemId), direction);
}

/** Puts one level of the program in a new order (drag and drop); the ids must be exactly that level's (400 otherwise). */
export function reorderAgenda(ctx: ActionContext, meetingId: number, parentId: number | null, orderedIds: number[]): void {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  if (!reorderAgendaItems(ctx.db, meeting.id, parentId, orderedIds)) throw badRequest();
}

/** Deletes an item with its sub-items and closes the gap. */
export function removeAgendaItem(ctx: ActionContext, meetingId: number, itemId: number): void {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  deleteAgendaItem(ctx.db, agendaItemOf(ctx.db, meeting.id, itemId));
}
