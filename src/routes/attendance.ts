import { Router } from 'express';
import type { Response } from 'express';
import type { AppDeps } from '../app.js';
import { canReadGroup, canReadMinutes, viewerOf } from '../access.js';
import { notFound } from '../errors.js';
import {
  addAttendee,
  hasSubstitute,
  addNewAttendee,
  attendanceBySheet,
  findAttendance,
  listAttendance,
  listExpectedMembers,
  prefillExpected,
  quorum,
  removeAttendee,
  saveStatuses,
  setAttendanceBySheet,
} from '../db/attendance.js';
import type { AddedKind, AttendanceRow, SheetRow } from '../db/attendance.js';
import { findGroup } from '../db/groups.js';
import { existingIds } from '../db/index.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import { listOrganisationOptions } from '../db/organisations.js';
import { listPersonOptions } from '../db/people.js';
import { addAttendeeSchema, newAttendeeSchema, statusesSchema, statusFields, submittedRowIds } from '../forms/attendance.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { toInputParts } from '../i18n/dates.js';
import { redirectWithFlash } from '../request-context.js';
import { meetingTitle, personLabel, placeLine } from '../zapis.js';
import { readableMeeting, writableMeeting } from './meetings.js';
import { found, idParam } from './params.js';

/** Which of the editor's three forms a rejected submission came from: only that one shows its values and errors. */
type EditorForm = 'statuses' | 'add' | 'newPerson';

interface Submitted {
  form: EditorForm;
  values: FormValues;
  errors: FieldErrors;
}

/** How many empty lines the attendance sheet leaves for guests who come unannounced. */
const BLANK_SHEET_ROWS = 6;

/** The meeting's date on its own calendar (YYYY-MM-DD): memberships are current or not on that day. */
const meetingDate = (meeting: MeetingDetail) => toInputParts(meeting.startsAt, meeting.timeZone).date;

/** The editor's first values: each row's status and version, and the by-sheet flag. */
function statusValues(rows: readonly AttendanceRow[], bySheet: boolean): FormValues {
  const values: FormValues = { bySheet: bySheet ? '1' : '' };
  for (const row of rows) {
    const fields = statusFields(row.id);
    values[fields.status] = row.status;
    values[fields.version] = String(row.version);
  }
  return values;
}

/** What the add forms start with: people are usually added on the spot, before a meeting they are expected. */
const addDefaults = (meeting: MeetingDetail): FormValues => ({ kind: 'guest', status: meeting.status === 'planned' ? 'expected' : 'present' });

/** Checks whom an add form names: an existing person not yet listed, and a listed member for a substitute. */
function attendeeProblems(rows: readonly AttendanceRow[], form: { kind: AddedKind; substituteForPersonId?: number }, personId?: number): FieldErrors {
  const errors: FieldErrors = {};
  if (personId !== undefined && rows.some((row) => row.personId === personId)) errors.personId = 'attendance.alreadyListed';
  const member = rows.find((row) => row.kind === 'member' && row.personId === form.substituteForPersonId);
  if (form.kind === 'substitute' && !member) errors.substituteForPersonId = 'validation.unknownReference';
  return errors;
}

/** The substitute's member, only when the person comes as a substitute (the field is ignored otherwise). */
const substituteFor = (form: { kind: AddedKind; substituteForPersonId?: number }) => (form.kind === 'substitute' ? (form.substituteForPersonId ?? null) : null);

/** Attendance (prezence): the editor, its three forms, removing a person, and the printable attendance sheet. */
export function attendanceRouter({ db }: AppDeps): Router {
  const router = Router();

  const renderEditor = (res: Response, status: number, meeting: MeetingDetail, submitted?: Submitted) => {
    const rows = listAttendance(db, meeting.id);
    const listed = new Set(rows.map((row) => row.personId));
    const own = (form: EditorForm) => (submitted?.form === form ? submitted : undefined);
    res.status(status).render('attendance/edit', {
      meeting: { id: meeting.id, title: meetingTitle(meeting, meeting.leadGroup), startsAt: meeting.startsAt, timeZone: meeting.timeZone, leadGroup: meeting.leadGroup },
      rows,
      quorum: quorum(db, meeting.id),
      statuses: own('statuses') ?? { values: statusValues(rows, attendanceBySheet(db, meeting.id)), errors: {} },
      add: own('add') ?? { values: addDefaults(meeting), errors: {} },
      newPerson: own('newPerson') ?? { values: addDefaults(meeting), errors: {} },
      personOptions: listPersonOptions(db).filter((option) => !listed.has(option.value)),
      memberOptions: rows.filter((row) => row.kind === 'member').map((row) => ({ value: row.personId, label: personLabel(row, false) })),
      organisationOptions: listOrganisationOptions(db),
    });
  };

  const editorUrl = (meeting: MeetingDetail, anchor = '') => `/meetings/${meeting.id}/attendance${anchor}`;

  router.get('/meetings/:id/attendance', (req, res) => {
    const meeting = writableMeeting(db, req);
    // The first visit lists the group's members as expected, so that the editor starts with them.
    if (listAttendance(db, meeting.id).length === 0) prefillExpected(db, meeting.id, meetingDate(meeting));
    renderEditor(res, 200, meeting);
  });

  router.post('/meetings/:id/attendance', (req, res) => {
    const meeting = writableMeeting(db, req);
    const rows = listAttendance(db, meeting.id);
    const form = parseForm(statusesSchema(rows.map((row) => row.id)), req.body);
    if (!form.ok) return renderEditor(res, 422, meeting, { form: 'statuses', ...form });
    const listed = new Set(rows.map((row) => row.id));
    // A row someone removed meanwhile: its status was typed for nothing, which the writer must hear about.
    const removed = submittedRowIds(form.values).some((id) => !listed.has(id));
    const result = removed ? { saved: false, conflicts: [] } : saveStatuses(db, meeting.id, form.data.updates);
    if (!result.saved) {
      // Typed statuses stay; the conflicting rows take their current version, so saving again is a deliberate overwrite.
      const values = { ...form.values };
      for (const row of rows) if (result.conflicts.includes(row.id)) values[statusFields(row.id).version] = String(row.version);
      const errors: FieldErrors = { _form: 'validation.conflict' };
      for (const id of result.conflicts) errors[statusFields(id).status] = 'attendance.rowChanged';
      return renderEditor(res, 409, meeting, { form: 'statuses', values, errors });
    }
    setAttendanceBySheet(db, meeting.id, form.data.bySheet);
    redirectWithFlash(res, editorUrl(meeting), 'attendance.saved');
  });

  router.post('/meetings/:id/attendance/add', (req, res) => {
    const meeting = writableMeeting(db, req);
    const form = parseForm(addAttendeeSchema, req.body);
    if (!form.ok) return renderEditor(res, 422, meeting, { form: 'add', ...form });
    const errors = attendeeProblems(listAttendance(db, meeting.id), form.data, form.data.personId);
    if (existingIds(db, 'people', [form.data.personId]).size === 0) errors.personId = 'validation.unknownReference';
    if (Object.keys(errors).length) return renderEditor(res, 422, meeting, { form: 'add', values: form.values, errors });
    const id = addAttendee(db, meeting.id, { ...form.data, substituteForPersonId: substituteFor(form.data) });
    redirectWithFlash(res, editorUrl(meeting, `#attendance-${id}`), 'attendance.added');
  });

  router.post('/meetings/:id/attendance/new-person', (req, res) => {
    const meeting = writableMeeting(db, req);
    const form = parseForm(newAttendeeSchema, req.body);
    if (!form.ok) return renderEditor(res, 422, meeting, { form: 'newPerson', ...form });
    const errors = attendeeProblems(listAttendance(db, meeting.id), form.data);
    if (form.data.organisationId && existingIds(db, 'organisations', [form.data.organisationId]).size === 0) errors.organisationId = 'validation.unknownReference';
    if (Object.keys(errors).length) return renderEditor(res, 422, meeting, { form: 'newPerson', values: form.values, errors });
    const id = addNewAttendee(db, meeting.id, { ...form.data, substituteForPersonId: substituteFor(form.data) });
    redirectWithFlash(res, editorUrl(meeting, `#attendance-${id}`), 'attendance.added');
  });

  router.post('/meetings/:id/attendance/:attendanceId/delete', (req, res) => {
    const meeting = writableMeeting(db, req);
    const row = found(findAttendance(db, meeting.id, idParam(req.params.attendanceId)));
    // "X za Y" needs Y on the list: take the substitute off first.
    if (hasSubstitute(db, meeting.id, row.personId)) return renderEditor(res, 409, meeting, { form: 'statuses', values: statusValues(listAttendance(db, meeting.id), attendanceBySheet(db, meeting.id)), errors: { _form: 'attendance.removeHasSubstitute' } });
    removeAttendee(db, meeting.id, row.id);
    redirectWithFlash(res, editorUrl(meeting), 'attendance.removed');
  });

  router.get('/meetings/:id/attendance-sheet', (req, res) => {
    const meeting = readableMeeting(db, req);
    const viewer = viewerOf(req);
    // Who came (or is expected) is part of the minutes: readers see it once they are published.
    if (!canReadMinutes(viewer, meeting)) throw notFound();
    res.render('attendance/sheet', sheetLocals(db, meeting, canReadGroup(viewer, meeting.leadGroup)));
  });

  return router;
}

/**
 * The printable sheet: the meeting's heading, who is expected to sign, blank lines for guests, the
 * funding footer. `seesLeadGroup` is false for a partner group's member of a joint meeting led by a
 * group hidden from them: they get neither its member list nor its project footer.
 */
function sheetLocals(db: Db, meeting: MeetingDetail, seesLeadGroup: boolean) {
  const listed: SheetRow[] = listAttendance(db, meeting.id);
  // Before anyone opened the editor nothing is listed: the sheet then names the members of the day, without storing them (a reader only reads).
  const rows = listed.length || !seesLeadGroup ? listed : listExpectedMembers(db, meeting.id, meetingDate(meeting));
  return {
    meeting: { id: meeting.id, title: meetingTitle(meeting, meeting.leadGroup), startsAt: meeting.startsAt, endsAt: meeting.endsAt, timeZone: meeting.timeZone },
    place: placeLine({ venue: meeting.venue, room: meeting.room }),
    // Guests sign on the blank lines; those who excused themselves do not come to sign.
    rows: rows.filter((row) => row.kind !== 'guest' && row.status !== 'excused'),
    blankRows: BLANK_SHEET_ROWS,
    group: seesLeadGroup ? findGroup(db, meeting.leadGroupId) : undefined,
  };
}
