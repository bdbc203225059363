import type { Request, Response } from 'express';
import { meetingWithReadableMinutes, viewerOf, writableMeeting } from '../access.js';
import { addAttendee, addNewAttendee, attendanceList, recordAttendance, removeAttendee } from '../actions/attendance.js';
import type { AppDeps } from '../app.js';
import { attendanceTaking, listAttendance, quorum } from '../db/attendance.js';
import type { AttendanceList, AttendanceRow, SheetRow } from '../db/attendance.js';
import type { MeetingDetail } from '../db/meetings.js';
import { listOrganisationOptions } from '../db/organisations.js';
import { listPeople } from '../db/people.js';
import { addAttendeeSchema, expectedField, newAttendeeSchema, statusesSchema, statusFields, submittedRowIds } from '../forms/attendance.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { redirectWithFlash } from '../request-context.js';
import { personLabel, personOptions } from '../zapis/names.js';
import { loadOutline } from '../zapis/record.js';
import { loadSheetRows, presentSheet } from '../zapis/sheet.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { idParam } from './params.js';

/** Which of the editor's three forms a rejected submission came from: only that one shows its values and errors. */
type EditorForm = 'statuses' | 'add' | 'newPerson';

interface Submitted {
  form: EditorForm;
  values: FormValues;
  errors: FieldErrors;
}

/** A row of the editor: a stored one (with its id and version), or a member of the day not stored yet. */
type EditorRow = SheetRow & { id?: number; version?: number };

const editorRows = (list: AttendanceList): EditorRow[] => list.rows;

/** The field of a row's status: by row id once stored, by person before. */
const statusField = (row: EditorRow) => (row.id === undefined ? expectedField(row.personId) : statusFields(row.id).status);

/** The editor's first values: each row's status (and version), the by-sheet flag and the quorum the minutes state. */
function statusValues(rows: readonly EditorRow[], { bySheet, stated }: ReturnType<typeof attendanceTaking>): FormValues {
  const values: FormValues = {
    bySheet: bySheet ? '1' : '',
    quorumPresent: stated.present === null ? '' : String(stated.present),
    quorumTotal: stated.total === null ? '' : String(stated.total),
    quorate: stated.quorate === null ? '' : stated.quorate ? 'yes' : 'no',
  };
  for (const row of rows) {
    values[statusField(row)] = row.status;
    if (row.id !== undefined) values[statusFields(row.id).version] = String(row.version);
  }
  return values;
}

/**
 * A form sent for the members of the day, shown again after the list was stored meanwhile: each
 * typed status moves to its stored row's field, with the version the members of the day start at.
 */
function valuesForStoredRows(values: FormValues, rows: readonly AttendanceRow[]): FormValues {
  const moved = { ...values };
  for (const row of rows) {
    const typed = values[expectedField(row.personId)];
    if (typed === undefined || values[statusFields(row.id).status] !== undefined) continue;
    moved[statusFields(row.id).status] = typed;
    moved[statusFields(row.id).version] = '1';
  }
  return moved;
}

/** What the add forms start with: people are usually added on the spot, before a meeting they are expected. */
const addDefaults = (meeting: MeetingDetail): FormValues => ({ kind: 'guest', status: meeting.status === 'planned' ? 'expected' : 'present' });

/** Attendance (prezence): the editor, its three forms, removing a person, and the printable attendance sheet. */
export function attendancePages(deps: AppDeps): Pages<'editor' | 'record' | 'add' | 'addNew' | 'remove' | 'sheet'> {
  const { db } = deps;
  const meetingOf = (req: Request) => writableMeeting(db, viewerOf(req), idParam(req.params.id));
  const editorUrl = (meeting: MeetingDetail, anchor = '') => `/meetings/${meeting.id}/attendance${anchor}`;

  const renderEditor = (res: Response, status: number, meeting: MeetingDetail, submitted?: Submitted) => {
    const list = attendanceList(db, meeting);
    const rows = editorRows(list);
    const listed = new Set(rows.map((row) => row.personId));
    const own = (form: EditorForm) => (submitted?.form === form ? submitted : undefined);
    const listQuorum = quorum(db, meeting.id);
    // Before the list is stored, its voting members are the members of the day, none of them marked yet.
    const expectedVoting = rows.filter((row) => row.kind === 'member').length;
    res.status(status).render('attendance/edit', {
      record: loadOutline(db, meeting),
      rows: rows.map((row: EditorRow) => ({ ...row, field: statusField(row) })),
      quorum: list.stored ? listQuorum : { ...listQuorum, present: 0, total: expectedVoting, met: false },
      statuses: own('statuses') ?? { values: statusValues(rows, attendanceTaking(db, meeting.id)), errors: {} },
      add: own('add') ?? { values: addDefaults(meeting), errors: {} },
      newPerson: own('newPerson') ?? { values: addDefaults(meeting), errors: {} },
      personOptions: personOptions(listPeople(db)).filter((option) => !listed.has(option.value)),
      memberOptions: rows.filter((row) => row.kind === 'member').map((row) => ({ value: row.personId, label: personLabel(row, false) })),
      organisationOptions: listOrganisationOptions(db),
    });
  };

  return {
    // Shows the stored list, or the group's members of the day: the first save stores them (reading never writes).
    editor(req, res) {
      renderEditor(res, 200, meetingOf(req));
    },

    record(req, res) {
      const meeting = meetingOf(req);
      const list = attendanceList(db, meeting);
      // Fields by person too: the form may have been loaded before someone else stored the list.
      const form = parseForm(statusesSchema(list.stored ? list.rows.map((row) => row.id) : [], list.rows.map((row) => row.personId)), req.body);
      if (!form.ok) return renderEditor(res, 422, meeting, { form: 'statuses', ...form });
      const result = recordAttendance(actionContext(deps, req, res), meeting.id, { ...form.data, shownRowIds: submittedRowIds(form.values) });
      if (!result.ok) {
        // Typed statuses stay; the conflicting rows take their current version, so saving again is a deliberate overwrite.
        const values = valuesForStoredRows(form.values, listAttendance(db, meeting.id));
        const errors: FieldErrors = { ...result.errors };
        for (const row of 'changedRows' in result ? result.changedRows : []) {
          values[statusFields(row.id).version] = String(row.version);
          errors[statusFields(row.id).status] = 'attendance.rowChanged';
        }
        return renderEditor(res, result.status, meeting, { form: 'statuses', values, errors });
      }
      redirectWithFlash(res, editorUrl(meeting), 'attendance.saved');
    },

    add(req, res) {
      const meeting = meetingOf(req);
      const form = parseForm(addAttendeeSchema, req.body);
      if (!form.ok) return renderEditor(res, 422, meeting, { form: 'add', ...form });
      const result = addAttendee(actionContext(deps, req, res), meeting.id, form.data);
      if (!result.ok) return renderEditor(res, result.status, meeting, { form: 'add', values: form.values, errors: result.errors });
      redirectWithFlash(res, editorUrl(meeting, `#attendance-${result.value.id}`), 'attendance.added');
    },

    addNew(req, res) {
      const meeting = meetingOf(req);
      const form = parseForm(newAttendeeSchema, req.body);
      if (!form.ok) return renderEditor(res, 422, meeting, { form: 'newPerson', ...form });
      const result = addNewAttendee(actionContext(deps, req, res), meeting.id, form.data);
      if (!result.ok) return renderEditor(res, result.status, meeting, { form: 'newPerson', values: form.values, errors: result.errors });
      redirectWithFlash(res, editorUrl(meeting, `#attendance-${result.value.id}`), 'attendance.added');
    },

    remove(req, res) {
      const meeting = meetingOf(req);
      const result = removeAttendee(actionContext(deps, req, res), meeting.id, idParam(req.params.attendanceId));
      if (!result.ok) return renderEditor(res, result.status, meeting, { form: 'statuses', values: statusValues(editorRows(attendanceList(db, meeting)), attendanceTaking(db, meeting.id)), errors: result.errors });
      redirectWithFlash(res, editorUrl(meeting), 'attendance.removed');
    },

    // Who came (or is expected) is part of the minutes: readers see the sheet once they are published.
    sheet(req, res) {
      const viewer = viewerOf(req);
      const meeting = meetingWithReadableMinutes(db, viewer, idParam(req.params.id));
      res.render('attendance/sheet', { sheet: presentSheet(meeting, loadSheetRows(db, meeting, viewer), viewer, res.locals.lang) });
    },
  };
}
