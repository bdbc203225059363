import { canPlanMeetings, canReadGroup, canWriteGroup, ensure, writableMeeting } from '../access.js';
import type { Viewer } from '../access.js';
import { meetingYear } from '../clock.js';
import { insertAgendaItem, listAgendaItems } from '../db/agenda.js';
import type { AgendaItem } from '../db/agenda.js';
import { storedNamesOfMeeting } from '../db/attachments.js';
import { findGroup } from '../db/groups.js';
import { existingIds } from '../db/index.js';
import type { Db } from '../db/index.js';
import { deleteMeeting, insertMeeting, latestMeetingStart, linkFollowUp, meetingDecisions, meetingNumberTaken, nextMeetingNumber, updateMeeting } from '../db/meetings.js';
import type { MeetingDetail, MeetingInput } from '../db/meetings.js';
import type { FieldErrors } from '../forms/index.js';
import type { MeetingForm } from '../forms/meetings.js';
import { fromInputParts } from '../i18n/dates.js';
import type { Translate } from '../i18n/index.js';
import { removeStoredFiles } from '../uploads.js';
import { conflict, done, hasErrors, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';

/** Checks what the form refers to and turns it into a meeting to store; `existing` when it edits one. */
function resolveMeetingForm(db: Db, viewer: Viewer, form: MeetingForm, timeZone: string, existing?: MeetingDetail): { input: MeetingInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const leadGroup = findGroup(db, form.leadGroupId);
  if (!leadGroup || !canReadGroup(viewer, leadGroup)) errors.leadGroupId = 'validation.unknownReference';
  else ensure(canWriteGroup(viewer, leadGroup));
  const groupIds = form.groupIds.filter((id) => id !== form.leadGroupId);
  const jointGroups = groupIds.map((id) => findGroup(db, id));
  if (jointGroups.some((group) => !group || !canReadGroup(viewer, group))) errors.groupIds = 'validation.unknownReference';
  if (form.venueId && existingIds(db, 'venues', [form.venueId]).size === 0) errors.venueId = 'validation.unknownReference';
  const people = existingIds(db, 'people', [form.chairId ?? 0, form.minuteTakerId ?? 0, ...form.verifierIds].filter(Boolean));
  if (form.chairId && !people.has(form.chairId)) errors.chairId = 'validation.unknownReference';
  if (form.minuteTakerId && !people.has(form.minuteTakerId)) errors.minuteTakerId = 'validation.unknownReference';
  if (form.verifierIds.some((id) => !people.has(id))) errors.verifierIds = 'validation.unknownReference';
  const startsAt = fromInputParts(form.date, form.startTime, timeZone);
  const endsAt = form.endTime ? fromInputParts(form.date, form.endTime, timeZone) : undefined;
  if (!startsAt) errors.startTime = 'meetings.timeSkipped';
  if (form.endTime && !endsAt) errors.endTime = 'meetings.timeSkipped';
  if (leadGroup && form.number && meetingNumberTaken(db, leadGroup.id, form.number, existing?.id ?? 0)) errors.number = 'meetings.numberTaken';
  // "Next" is only known for a meeting after the others: an older one entered later (a record of the
  // past) gets the number its minutes state, typed, never one made up after the newest meeting's.
  if (leadGroup && startsAt && !form.number && !existing && latestMeetingStart(db, leadGroup.id) > startsAt) errors.number = 'meetings.numberForEarlier';
  if (existing && leadGroup && startsAt) {
    // Resolutions are numbered, and tasks tracked, in the lead group (resolutions also by year):
    // moving the meeting would leave them behind in the old group's register and task list.
    const decided = meetingDecisions(db, existing.id);
    if ((decided.resolutions || decided.actionItems) && leadGroup.id !== existing.leadGroupId) errors.leadGroupId = 'meetings.leadGroupLocked';
    if (decided.resolutions && meetingYear({ startsAt, timeZone }) !== meetingYear(existing)) errors.date = 'meetings.yearLocked';
  }
  if (!leadGroup || !startsAt || hasErrors(errors)) return { errors };
  return {
    input: {
      leadGroupId: leadGroup.id,
      groupIds,
      number: form.number ?? nextMeetingNumber(db, leadGroup.id),
      title: form.title,
      startsAt,
      endsAt: endsAt ?? null,
      timeZone,
      venueId: form.venueId ?? null,
      room: form.room,
      onlineUrl: form.onlineUrl,
      status: form.status,
      chairId: form.chairId ?? null,
      minuteTakerId: form.minuteTakerId ?? null,
      verifierIds: form.verifierIds,
    },
  };
}

/** Plans a meeting in a group the viewer writes in (the instance's zone), numbered next unless a number is typed. */
export function planMeeting(ctx: ActionContext, form: MeetingForm): Result<{ id: number }> {
  ensure(canPlanMeetings(ctx.viewer));
  const resolved = resolveMeetingForm(ctx.db, ctx.viewer, form, ctx.clock.zone);
  if ('errors' in resolved) return invalid(resolved.errors);
  return done({ id: insertMeeting(ctx.db, resolved.input, ctx.clock.now()) });
}

/** Changes a meeting if nobody else did since the form was loaded (`version`); it keeps its own zone. */
export function editMeeting(ctx: ActionContext, meetingId: number, form: MeetingForm & { version: number }): Result<void> {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  const resolved = resolveMeetingForm(ctx.db, ctx.viewer, form, meeting.timeZone, meeting);
  if ('errors' in resolved) return invalid(resolved.errors);
  // Joint groups the editor cannot see are not in the form; they stay as they were.
  const hidden = meeting.groups.filter((group) => group.id !== meeting.leadGroupId && !canReadGroup(ctx.viewer, group)).map((group) => group.id);
  const input = { ...resolved.input, groupIds: [...new Set([...resolved.input.groupIds, ...hidden])] };
  if (!updateMeeting(ctx.db, meeting.id, form.version, input, ctx.clock.now())) return conflict(undefined, meeting.version);
  return done(undefined);
}

/** Deletes a meeting with its agenda, minutes and files; one with decisions stays, or their history at later meetings would go too. */
export function removeMeeting(ctx: ActionContext, meetingId: number): Result<{ leadGroupSlug: string }> {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  const decided = meetingDecisions(ctx.db, meeting.id);
  if (decided.resolutions || decided.actionItems || decided.reviews) return conflict({ _form: 'meetings.deleteHasDecisions' });
  // The rows go with the meeting (ON DELETE CASCADE); their files are deleted once that succeeded.
  const files = ctx.db.transaction(() => {
    const names = storedNamesOfMeeting(ctx.db, meeting.id);
    deleteMeeting(ctx.db, meeting.id);
    return names;
  })();
  removeStoredFiles(ctx.uploadsDir, files);
  return done({ leadGroupSlug: meeting.leadGroup.slug });
}

/** A planned agenda item of the follow-up: one carried over, or one of the two it always has. */
export interface PlannedItem {
  title: string;
  from?: AgendaItem;
  children: AgendaItem[];
}

/**
 * The follow-up's agenda: the review of the last minutes and tasks, then every item marked
 * deferred here (with its sub-items; a deferred sub-item alone becomes an item), then "Různé".
 */
export function plannedAgenda(items: readonly AgendaItem[], t: Translate): PlannedItem[] {
  const deferredParents = new Set(items.filter((item) => item.parentId === null && item.deferred).map((item) => item.id));
  const carried: PlannedItem[] = [];
  for (const item of items) {
    if (item.parentId === null && item.deferred) {
      carried.push({ title: item.title, from: item, children: items.filter((child) => child.parentId === item.id) });
    } else if (item.parentId !== null && item.deferred && !deferredParents.has(item.parentId)) {
      carried.push({ title: item.title, from: item, children: [] });
    }
  }
  return [{ title: t('followUp.reviewItem'), children: [] }, ...carried, { title: t('followUp.otherItem'), children: [] }];
}

/** "Naplánovat další jednání": a new meeting with the planned agenda, linked back to this one, in one transaction. */
export function planFollowUp(ctx: ActionContext, meetingId: number, form: MeetingForm): Result<{ id: number }> {
  const { db } = ctx;
  const meeting = writableMeeting(db, ctx.viewer, meetingId);
  // In the zone the form was filled in: the original meeting's.
  const resolved = resolveMeetingForm(db, ctx.viewer, form, meeting.timeZone);
  if ('errors' in resolved) return invalid(resolved.errors);
  const now = ctx.clock.now();
  const id = db.transaction(() => {
    const created = insertMeeting(db, resolved.input, now);
    linkFollowUp(db, created, meeting.id);
    const copy = (item: Pick<AgendaItem, 'title' | 'description' | 'presenter' | 'durationMinutes' | 'fixedStart'>, parentId: number | null) =>
      insertAgendaItem(db, created, { ...item, parentId, deferred: false }, now);
    for (const planned of plannedAgenda(listAgendaItems(db, meeting.id), ctx.lang.t)) {
      const parentId = copy(planned.from ?? { title: planned.title, description: '', presenter: '', durationMinutes: null, fixedStart: null }, null);
      for (const child of planned.children) copy(child, parentId);
    }
    return created;
  })();
  return done({ id });
}
