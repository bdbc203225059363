import { writableMeeting } from '../access.js';
import { meetingDate } from '../clock.js';
import { addAttendee as insertAttendee, addNewAttendee as insertNewAttendee, findAttendance, hasSubstitute, listAttendance, listAttendanceOrMembers, prefillExpected, removeAttendee as deleteAttendee, saveStatuses, setAttendanceBySheet, setStatedQuorum } from '../db/attendance.js';
import type { AddedKind, AttendanceList, SheetRow } from '../db/attendance.js';
import { existingIds } from '../db/index.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import { notFound } from '../errors.js';
import type { AddAttendeeForm, NewAttendeeForm, StatusesForm } from '../forms/attendance.js';
import type { FieldErrors } from '../forms/index.js';
import { conflict, done, hasErrors, invalid } from './index.js';
import type { ActionContext, Refusal, Result } from './index.js';

/**
 * Who the attendance editor lists: the stored list, or before anything was recorded, the lead
 * group's members of the meeting day (shown, not stored: reading never writes). The first action
 * that records anything stores them (`listMembersOfTheDay`), so none of them is lost.
 */
export function attendanceList(db: Db, meeting: MeetingDetail): AttendanceList {
  return listAttendanceOrMembers(db, meeting.id, meetingDate(meeting));
}

// Inside an action's transaction: stores the members of the day when nothing is listed yet.
const listMembersOfTheDay = (db: Db, meeting: MeetingDetail, now: string) => {
  if (listAttendance(db, meeting.id).length === 0) prefillExpected(db, meeting.id, meetingDate(meeting), now);
};

/** A save of the editor that met changes made meanwhile: the rows whose status someone else changed, with their versions now. */
export type AttendanceConflict = Refusal & { changedRows: { id: number; version: number }[] };

/**
 * Records the statuses of the editor (and "dle prezenční listiny") in one transaction, all or
 * nothing: a row someone else changed or removed since the form was loaded is a conflict.
 */
export function recordAttendance(ctx: ActionContext, meetingId: number, form: StatusesForm): Result<void> | AttendanceConflict {
  const { db } = ctx;
  const meeting = writableMeeting(db, ctx.viewer, meetingId);
  const now = ctx.clock.now();
  return db.transaction((): Result<void> | AttendanceConflict => {
    const listed = new Set(listAttendance(db, meeting.id).map((row) => row.id));
    // A row someone removed meanwhile: its status was typed for nothing, which the writer must hear about.
    if (form.shownRowIds.some((id) => !listed.has(id))) return { ...conflict(), changedRows: [] };
    if (form.expected.length) listMembersOfTheDay(db, meeting, now);
    const rows = listAttendance(db, meeting.id);
    // The form showed the members of the day; stored now (here, or by someone else meanwhile),
    // each is found by person. One no longer on that list was removed meanwhile.
    const expected = form.expected.map((entry) => ({ entry, row: rows.find((row) => row.personId === entry.personId) }));
    if (expected.some(({ row }) => !row)) return { ...conflict(), changedRows: [] };
    // A member of the day is stored at version 1: a row someone else changed since is a conflict.
    const updates = [...form.updates, ...expected.map(({ entry, row }) => ({ id: row?.id ?? 0, status: entry.status, version: 1 }))];
    const result = saveStatuses(db, meeting.id, updates, now);
    if (!result.saved) return { ...conflict(), changedRows: rows.filter((row) => result.conflicts.includes(row.id)).map((row) => ({ id: row.id, version: row.version })) };
    setAttendanceBySheet(db, meeting.id, form.bySheet);
    setStatedQuorum(db, meeting.id, form.stated);
    return done(undefined);
  })();
}

/** Checks whom an add form names: someone not yet listed, and a listed member for a substitute. */
function attendeeProblems(rows: readonly SheetRow[], form: { kind: AddedKind; substituteForPersonId?: number }, personId?: number): FieldErrors {
  const errors: FieldErrors = {};
  if (personId !== undefined && rows.some((row) => row.personId === personId)) errors.personId = 'attendance.alreadyListed';
  const member = rows.find((row) => row.kind === 'member' && row.personId === form.substituteForPersonId);
  if (form.kind === 'substitute' && !member) errors.substituteForPersonId = 'validation.unknownReference';
  return errors;
}

/** The substitute's member, only when the person comes as a substitute (the field is ignored otherwise). */
const substituteFor = (form: { kind: AddedKind; substituteForPersonId?: number }) => (form.kind === 'substitute' ? (form.substituteForPersonId ?? null) : null);

/** Lists someone from the directory at the meeting: a guest, an invited person, a substitute, a member who joined later. */
export function addAttendee(ctx: ActionContext, meetingId: number, form: AddAttendeeForm): Result<{ id: number }> {
  const { db } = ctx;
  const meeting = writableMeeting(db, ctx.viewer, meetingId);
  const errors = attendeeProblems(attendanceList(db, meeting).rows, form, form.personId);
  if (existingIds(db, 'people', [form.personId]).size === 0) errors.personId = 'validation.unknownReference';
  if (hasErrors(errors)) return invalid(errors);
  const now = ctx.clock.now();
  return done({
    id: db.transaction(() => {
      listMembersOfTheDay(db, meeting, now);
      return insertAttendee(db, meeting.id, { ...form, substituteForPersonId: substituteFor(form) }, now);
    })(),
  });
}

/** Lists someone not in the directory yet: creates the person (and their organisation, when typed) and lists them, in one transaction. */
export function addNewAttendee(ctx: ActionContext, meetingId: number, form: NewAttendeeForm): Result<{ id: number }> {
  const { db } = ctx;
  const meeting = writableMeeting(db, ctx.viewer, meetingId);
  const errors = attendeeProblems(attendanceList(db, meeting).rows, form);
  if (form.organisationId && existingIds(db, 'organisations', [form.organisationId]).size === 0) errors.organisationId = 'validation.unknownReference';
  if (hasErrors(errors)) return invalid(errors);
  const now = ctx.clock.now();
  return done({
    id: db.transaction(() => {
      listMembersOfTheDay(db, meeting, now);
      return insertNewAttendee(db, meeting.id, { ...form, substituteForPersonId: substituteFor(form) }, now);
    })(),
  });
}

/** Takes someone off the meeting's list; a member stays while someone on the list stands in for them ("X za Y" needs Y). */
export function removeAttendee(ctx: ActionContext, meetingId: number, rowId: number): Result<void> {
  const { db } = ctx;
  const meeting = writableMeeting(db, ctx.viewer, meetingId);
  const row = findAttendance(db, meeting.id, rowId);
  if (!row) throw notFound();
  if (hasSubstitute(db, meeting.id, row.personId)) return conflict({ _form: 'attendance.removeHasSubstitute' });
  deleteAttendee(db, meeting.id, row.id);
  return done(undefined);
}
