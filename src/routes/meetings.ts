import { Router } from 'express';
import { DateTime } from 'luxon';
import type { Request, Response } from 'express';
import type { AppDeps } from '../app.js';
import { canPlanMeetings, canReadGroup, canReadMeeting, canWriteGroup, canWriteMeeting, ensure, viewerOf } from '../access.js';
import type { Viewer } from '../access.js';
import { existingIds } from '../db/index.js';
import { notFound } from '../errors.js';
import type { Db } from '../db/index.js';
import { findGroup, findGroupBySlug, listGroupOptions } from '../db/groups.js';
import {
  deleteMeeting,
  findMeeting,
  findMeetingDetail,
  meetingDecisions,
  findMeetingLinks,
  insertMeeting,
  meetingNumberTaken,
  nextMeetingNumber,
  updateMeeting,
} from '../db/meetings.js';
import type { MeetingDetail, MeetingInput } from '../db/meetings.js';
import { storedNamesOfMeeting } from '../db/attachments.js';
import { listPersonOptions } from '../db/people.js';
import { listVenueOptions } from '../db/venues.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { meetingEditSchema, meetingSchema } from '../forms/meetings.js';
import type { MeetingForm } from '../forms/meetings.js';
import { fromInputParts, toInputParts } from '../i18n/dates.js';
import { zapisView } from '../meeting-record.js';
import { redirectWithFlash } from '../request-context.js';
import { removeStoredFiles } from '../uploads.js';
import { defaultMeetingTitle } from '../zapis.js';
import { found, idParam } from './params.js';

type Resolved = { ok: true; input: MeetingInput } | { ok: false; errors: FieldErrors };

/** Checks what the form refers to and turns it into a meeting to store. */
export function resolveMeetingForm(db: Db, viewer: Viewer, form: MeetingForm, timeZone: string, meetingId = 0): Resolved {
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
  if (leadGroup && form.number && meetingNumberTaken(db, leadGroup.id, form.number, meetingId)) errors.number = 'meetings.numberTaken';
  const existing = meetingId ? findMeeting(db, meetingId) : undefined;
  if (existing && leadGroup && startsAt) {
    // Resolutions are numbered, and tasks tracked, in the lead group (resolutions also by year):
    // moving the meeting would leave them behind in the old group's register and task list.
    const decided = meetingDecisions(db, existing.id);
    if ((decided.resolutions || decided.actionItems) && leadGroup.id !== existing.leadGroupId) errors.leadGroupId = 'meetings.leadGroupLocked';
    const year = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).year;
    if (decided.resolutions && year(startsAt) !== year(existing.startsAt)) errors.date = 'meetings.yearLocked';
  }
  if (!leadGroup || !startsAt || Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
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

/** The edit form's first values, from the stored meeting. */
function meetingValues(db: Db, meeting: MeetingDetail): FormValues {
  const start = toInputParts(meeting.startsAt, meeting.timeZone);
  const links = findMeetingLinks(db, meeting.id);
  return {
    leadGroupId: String(meeting.leadGroupId),
    groupIds: links.groupIds.map(String),
    number: String(meeting.number),
    title: meeting.title,
    date: start.date,
    startTime: start.time,
    endTime: meeting.endsAt ? toInputParts(meeting.endsAt, meeting.timeZone).time : '',
    venueId: meeting.venueId ? String(meeting.venueId) : '',
    room: meeting.room,
    onlineUrl: meeting.onlineUrl,
    status: meeting.status,
    chairId: meeting.chairId ? String(meeting.chairId) : '',
    minuteTakerId: meeting.minuteTakerId ? String(meeting.minuteTakerId) : '',
    verifierIds: links.verifierIds.map(String),
    version: String(meeting.version),
  };
}

/** A meeting the viewer may see, or 404 (a hidden meeting does not exist for them). */
export function readableMeeting(db: Db, req: Request): MeetingDetail {
  const meeting = found(findMeetingDetail(db, idParam(req.params.id)));
  if (!canReadMeeting(viewerOf(req), meeting)) throw notFound();
  return meeting;
}

/** A meeting the viewer may change: 404 when hidden, 403 when only readable. */
export function writableMeeting(db: Db, req: Request): MeetingDetail {
  const meeting = readableMeeting(db, req);
  ensure(canWriteMeeting(viewerOf(req), meeting));
  return meeting;
}

/** What the meeting form needs besides values and errors: the choices this viewer gets. */
export function meetingFormLocals(db: Db, res: Response, values: FormValues, meeting?: MeetingDetail) {
  const viewer = res.locals.viewer;
  const allGroups = listGroupOptions(db);
  // The lead group is one the viewer writes in; a joint meeting may add any group they can see.
  const groupOptions = allGroups.filter((group) => canWriteGroup(viewer, group));
  const jointGroupOptions = allGroups.filter((group) => canReadGroup(viewer, group));
  const lead = groupOptions.find((option) => String(option.value) === values.leadGroupId);
  const leadGroup = lead ? findGroup(db, lead.value) : undefined;
  const number = Number(values.number) || (leadGroup ? nextMeetingNumber(db, leadGroup.id) : 0);
  return {
    groupOptions,
    jointGroupOptions,
    venueOptions: listVenueOptions(db),
    personOptions: listPersonOptions(db),
    titlePlaceholder: leadGroup && number ? defaultMeetingTitle(number, leadGroup) : '',
    nextNumber: leadGroup && !meeting ? nextMeetingNumber(db, leadGroup.id) : undefined,
  };
}

/** Meetings: plan, edit, delete, and read one as a Czech zápis. */
export function meetingsRouter({ db, config }: AppDeps): Router {
  const router = Router();

  const renderForm = (res: Response, status: number, values: FormValues, errors: FieldErrors, meeting?: MeetingDetail) => {
    res.status(status).render(meeting ? 'meetings/edit' : 'meetings/new', { ...meetingFormLocals(db, res, values, meeting), values, errors, meeting });
  };

  router.get('/meetings/new', (req, res) => {
    const viewer = viewerOf(req);
    ensure(canPlanMeetings(viewer));
    const group = typeof req.query.group === 'string' ? findGroupBySlug(db, req.query.group) : undefined;
    if (group && !canReadGroup(viewer, group)) throw notFound();
    if (group) ensure(canWriteGroup(viewer, group));
    const values: FormValues = { status: 'planned', leadGroupId: group ? String(group.id) : '' };
    renderForm(res, 200, values, {});
  });

  router.post('/meetings', (req, res) => {
    const viewer = viewerOf(req);
    ensure(canPlanMeetings(viewer));
    const form = parseForm(meetingSchema, req.body);
    if (!form.ok) return renderForm(res, 422, form.values, form.errors);
    const resolved = resolveMeetingForm(db, viewer, form.data, config.timeZone);
    if (!resolved.ok) return renderForm(res, 422, form.values, resolved.errors);
    const id = insertMeeting(db, resolved.input);
    redirectWithFlash(res, `/meetings/${id}`, 'flash.created');
  });

  router.get('/meetings/:id', (req, res) => {
    res.render('meetings/show', zapisView(db, readableMeeting(db, req), viewerOf(req)));
  });

  router.get('/meetings/:id/edit', (req, res) => {
    const meeting = writableMeeting(db, req);
    renderForm(res, 200, meetingValues(db, meeting), {}, meeting);
  });

  router.post('/meetings/:id', (req, res) => {
    const meeting = writableMeeting(db, req);
    const form = parseForm(meetingEditSchema, req.body);
    if (!form.ok) return renderForm(res, 422, form.values, form.errors, meeting);
    const viewer = viewerOf(req);
    // Joint groups the editor cannot see are not in the form; they stay as they were.
    const hidden = meeting.groups.filter((group) => group.id !== meeting.leadGroupId && !canReadGroup(viewer, group)).map((group) => group.id);
    const resolved = resolveMeetingForm(db, viewer, form.data, meeting.timeZone, meeting.id);
    if (!resolved.ok) return renderForm(res, 422, form.values, resolved.errors, meeting);
    resolved.input.groupIds = [...new Set([...resolved.input.groupIds, ...hidden])];
    if (!updateMeeting(db, meeting.id, form.data.version, resolved.input)) {
      return renderForm(res, 409, { ...form.values, version: String(meeting.version) }, { _form: 'validation.conflict' }, meeting);
    }
    redirectWithFlash(res, `/meetings/${meeting.id}`, 'flash.saved');
  });

  router.post('/meetings/:id/delete', (req, res) => {
    const meeting = writableMeeting(db, req);
    const decided = meetingDecisions(db, meeting.id);
    // Deleting them with the meeting would also erase their history at later meetings.
    if (decided.resolutions || decided.actionItems || decided.reviews) {
      return renderForm(res, 409, meetingValues(db, meeting), { _form: 'meetings.deleteHasDecisions' }, meeting);
    }
    // The rows go with the meeting (ON DELETE CASCADE); their files are deleted once that succeeded.
    const files = storedNamesOfMeeting(db, meeting.id);
    deleteMeeting(db, meeting.id);
    removeStoredFiles(config.uploadsDir, files);
    redirectWithFlash(res, `/groups/${meeting.leadGroup.slug}`, 'flash.deleted');
  });

  return router;
}
