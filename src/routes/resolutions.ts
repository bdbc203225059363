import { Router } from 'express';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import type { AppDeps } from '../app.js';
import { canWriteGroup, readScope, viewerOf } from '../access.js';
import { findAgendaItem } from '../db/agenda.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import { findGroup } from '../db/groups.js';
import {
  DEFAULT_RESOLUTION_PATTERN,
  deleteResolution,
  findResolution,
  findResolutionOfGroup,
  insertResolution,
  listResolutionsOfGroup,
  listResolutionYears,
  listSupersedableResolutions,
  nextResolutionNumber,
  resolutionLabel,
  resolutionNumberTaken,
  resolutionOutcomes,
  updateResolution,
} from '../db/resolutions.js';
import type { Resolution, ResolutionFilters, ResolutionInput } from '../db/resolutions.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { resolutionEditSchema, resolutionSchema } from '../forms/resolutions.js';
import type { ResolutionForm } from '../forms/resolutions.js';
import { meetingRecord } from '../meeting-record.js';
import type { MeetingRecord } from '../meeting-record.js';
import { redirectWithFlash } from '../request-context.js';
import { groupAccess } from './groups.js';
import { writableMeeting } from './meetings.js';
import { found, idParam } from './params.js';

/** Where a resolution is numbered: the meeting's lead group and the year the meeting starts in, in its own zone. */
function numberingOf(meeting: MeetingDetail): { groupId: number; year: number } {
  return { groupId: meeting.leadGroupId, year: DateTime.fromISO(meeting.startsAt, { zone: 'utc' }).setZone(meeting.timeZone).year };
}

/** Checks what the form refers to (an item of this meeting, a resolution of this group, a free number) and builds the input. */
function resolveResolution(
  db: Db,
  meetingId: number,
  numbering: { groupId: number; year: number },
  form: ResolutionForm,
  resolution?: Resolution,
): { input?: ResolutionInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (form.agendaItemId && !findAgendaItem(db, meetingId, form.agendaItemId)) errors.agendaItemId = 'validation.unknownReference';
  if (form.supersedesId && form.supersedesId === resolution?.id) errors.supersedesId = 'resolutions.supersedesSelf';
  else if (form.supersedesId && !findResolutionOfGroup(db, numbering.groupId, form.supersedesId)) errors.supersedesId = 'validation.unknownReference';
  if (form.number && resolutionNumberTaken(db, numbering.groupId, numbering.year, form.number, resolution?.id)) errors.number = 'resolutions.numberTaken';
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
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

/** The agenda as select options: "2. Title", sub-items "2b) Title". */
function agendaOptions(record: MeetingRecord): { value: number; label: string }[] {
  return record.agenda.flatMap((entry) => [
    { value: entry.item.id, label: `${entry.marker} ${entry.item.title}` },
    ...entry.children.map((child) => ({ value: child.item.id, label: `${entry.label}${child.marker} ${child.item.title}` })),
  ]);
}

/** The register's filters from the query string; anything that is not a year or an outcome is ignored. */
function registerFilters(query: Request['query']): ResolutionFilters {
  const year = typeof query.year === 'string' && /^\d{4}$/.test(query.year) ? Number(query.year) : undefined;
  const outcome = resolutionOutcomes.find((value) => value === query.outcome);
  return { year, outcome };
}

/** Resolutions (usnesení): numbered per lead group and year, written on a meeting, listed in the group's register. */
export function resolutionsRouter({ db }: AppDeps): Router {
  const router = Router();
  const groups = groupAccess(db);

  const renderForm = (res: Response, status: number, meeting: MeetingDetail, values: FormValues, errors: FieldErrors, resolution?: Resolution) => {
    const record = meetingRecord(db, meeting, readScope(res.locals.viewer));
    const numbering = resolution ?? numberingOf(meeting);
    res.status(status).render(resolution ? 'resolutions/edit' : 'resolutions/new', {
      record,
      resolution,
      label: resolution ? labelOf(resolution) : undefined,
      values,
      errors,
      agendaOptions: agendaOptions(record),
      supersedeOptions: listSupersedableResolutions(db, numbering.groupId).filter((option) => option.value !== resolution?.id),
      nextNumber: resolution ? undefined : nextResolutionNumber(db, numbering.groupId, numbering.year),
    });
  };

  // The pattern is the numbering group's (the lead group when the resolution was passed).
  const labelOf = (resolution: Resolution) =>
    resolutionLabel(findGroup(db, resolution.groupId)?.resolutionPattern ?? DEFAULT_RESOLUTION_PATTERN, resolution.number, resolution.year);
  const resolutionOf = (req: Request, meeting: MeetingDetail) => found(findResolution(db, meeting.id, idParam(req.params.resolutionId)));
  const resolutionUrl = (meeting: MeetingDetail, id: number) => `/meetings/${meeting.id}#resolution-${id}`;

  router.get('/meetings/:id/resolutions/new', (req, res) => {
    const meeting = writableMeeting(db, req);
    // "Add a resolution" next to an agenda item preselects it; an item of another meeting is not offered.
    const item = typeof req.query.item === 'string' && /^\d{1,15}$/.test(req.query.item) ? findAgendaItem(db, meeting.id, Number(req.query.item)) : undefined;
    renderForm(res, 200, meeting, { outcome: 'adopted', agendaItemId: item ? String(item.id) : '' }, {});
  });

  router.post('/meetings/:id/resolutions', (req, res) => {
    const meeting = writableMeeting(db, req);
    const form = parseForm(resolutionSchema, req.body);
    if (!form.ok) return renderForm(res, 422, meeting, form.values, form.errors);
    const numbering = numberingOf(meeting);
    const { input, errors } = resolveResolution(db, meeting.id, numbering, form.data);
    if (!input) return renderForm(res, 422, meeting, form.values, errors);
    const id = insertResolution(db, { ...input, ...numbering, meetingId: meeting.id, number: form.data.number });
    redirectWithFlash(res, resolutionUrl(meeting, id), 'flash.created');
  });

  router.get('/meetings/:id/resolutions/:resolutionId/edit', (req, res) => {
    const meeting = writableMeeting(db, req);
    const resolution = resolutionOf(req, meeting);
    renderForm(res, 200, meeting, valuesOf(resolution), {}, resolution);
  });

  router.post('/meetings/:id/resolutions/:resolutionId', (req, res) => {
    const meeting = writableMeeting(db, req);
    const resolution = resolutionOf(req, meeting);
    const form = parseForm(resolutionEditSchema, req.body);
    if (!form.ok) return renderForm(res, 422, meeting, form.values, form.errors, resolution);
    const { input, errors } = resolveResolution(db, meeting.id, resolution, form.data, resolution);
    if (!input) return renderForm(res, 422, meeting, form.values, errors, resolution);
    if (!updateResolution(db, resolution.id, form.data.version, { ...input, number: form.data.number })) {
      return renderForm(res, 409, meeting, { ...form.values, version: String(resolution.version) }, { _form: 'validation.conflict' }, resolution);
    }
    redirectWithFlash(res, resolutionUrl(meeting, resolution.id), 'flash.saved');
  });

  router.post('/meetings/:id/resolutions/:resolutionId/delete', (req, res) => {
    const meeting = writableMeeting(db, req);
    deleteResolution(db, resolutionOf(req, meeting).id);
    redirectWithFlash(res, `/meetings/${meeting.id}`, 'flash.deleted');
  });

  router.get('/groups/:slug/resolutions', (req, res) => {
    const group = groups.readable(req);
    // Resolutions of draft minutes are part of the draft: only those who write in the group see them.
    const includeDrafts = canWriteGroup(viewerOf(req), group);
    const filters = registerFilters(req.query);
    res.render('resolutions/register', {
      group,
      filters,
      years: listResolutionYears(db, group.id, includeDrafts),
      outcomes: resolutionOutcomes,
      resolutions: listResolutionsOfGroup(db, group.id, filters, includeDrafts),
    });
  });

  return router;
}
