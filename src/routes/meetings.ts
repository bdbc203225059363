import type { Request, Response } from 'express';
import { canPlanMeetings, canReadGroup, canWriteGroup, ensure, readableGroup, readableMeeting, viewerClass, viewerOf, writableMeeting } from '../access.js';
import { editMeeting, planFollowUp, planMeeting, plannedAgenda, removeMeeting } from '../actions/meetings.js';
import type { AppDeps } from '../app.js';
import { addLocalDays } from '../clock.js';
import { listAgendaItems } from '../db/agenda.js';
import { findGroup, listGroupOptions } from '../db/groups.js';
import type { Db } from '../db/index.js';
import { findMeetingLinks, nextMeetingNumber } from '../db/meetings.js';
import type { MeetingDetail } from '../db/meetings.js';
import { listPeople } from '../db/people.js';
import { listVenueOptions } from '../db/venues.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { meetingEditSchema, meetingSchema } from '../forms/meetings.js';
import { pageFragments, sendKeptPage } from '../fragment-cache.js';
import { toInputParts } from '../i18n/dates.js';
import { redirectWithFlash } from '../request-context.js';
import { zapisFor } from '../zapis/index.js';
import { defaultMeetingTitle, personOptions } from '../zapis/names.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { idParam, valuesAfter } from './params.js';

/** The form's values for a stored meeting: its own, or (for a follow-up) shifted four weeks with the same weekday and time. */
function meetingValues(db: Db, meeting: MeetingDetail, viewer: ReturnType<typeof viewerOf>, shiftDays = 0): FormValues {
  const shift = (iso: string) => (shiftDays ? addLocalDays(iso, meeting.timeZone, shiftDays) : iso);
  const start = toInputParts(shift(meeting.startsAt), meeting.timeZone);
  const links = findMeetingLinks(db, meeting.id);
  // A joint group the editor cannot see is not offered; saving keeps it (actions/meetings.ts).
  const visibleJointGroups = meeting.groups.filter((group) => group.id !== meeting.leadGroupId && canReadGroup(viewer, group)).map((group) => String(group.id));
  return {
    leadGroupId: String(meeting.leadGroupId),
    groupIds: shiftDays ? visibleJointGroups : links.groupIds.map(String),
    date: start.date,
    startTime: start.time,
    endTime: meeting.endsAt ? toInputParts(shift(meeting.endsAt), meeting.timeZone).time : '',
    venueId: meeting.venueId ? String(meeting.venueId) : '',
    room: meeting.room,
    onlineUrl: meeting.onlineUrl,
    status: shiftDays ? 'planned' : meeting.status,
    chairId: meeting.chairId ? String(meeting.chairId) : '',
    minuteTakerId: meeting.minuteTakerId ? String(meeting.minuteTakerId) : '',
    verifierIds: links.verifierIds.map(String),
    ...(shiftDays ? {} : { number: String(meeting.number), title: meeting.title, version: String(meeting.version) }),
  };
}

/** What the meeting form needs besides values and errors: the choices this viewer gets. */
function meetingFormLocals(db: Db, res: Response, values: FormValues, meeting?: MeetingDetail) {
  const viewer = res.locals.viewer;
  const allGroups = listGroupOptions(db);
  // The lead group is one the viewer writes in; a joint meeting may add any group they can see.
  const groupOptions = allGroups.filter((group) => canWriteGroup(viewer, group));
  const lead = groupOptions.find((option) => String(option.value) === values.leadGroupId);
  const leadGroup = lead ? findGroup(db, lead.value) : undefined;
  const number = Number(values.number) || (leadGroup ? nextMeetingNumber(db, leadGroup.id) : 0);
  return {
    groupOptions,
    jointGroupOptions: allGroups.filter((group) => canReadGroup(viewer, group)),
    venueOptions: listVenueOptions(db),
    personOptions: personOptions(listPeople(db)),
    titlePlaceholder: leadGroup && number ? defaultMeetingTitle(number, leadGroup) : '',
    nextNumber: leadGroup && !meeting ? nextMeetingNumber(db, leadGroup.id) : undefined,
  };
}

const FOLLOW_UP_DAYS = 28;

/** Meetings: plan, edit, delete, plan the follow-up, and read one as a Czech zápis. */
export function meetingPages(deps: AppDeps): Pages<'newForm' | 'create' | 'show' | 'editForm' | 'update' | 'remove' | 'followUpForm' | 'followUp'> {
  const { db } = deps;
  const zapisPages = pageFragments(db, deps.config.pageCache);
  const id = (req: Request) => idParam(req.params.id);

  const renderForm = (res: Response, status: number, values: FormValues, errors: FieldErrors, meeting?: MeetingDetail) => {
    res.status(status).render(meeting ? 'meetings/edit' : 'meetings/new', { ...meetingFormLocals(db, res, values, meeting), values, errors, meeting });
  };

  const renderFollowUp = (res: Response, meeting: MeetingDetail, status: number, values: FormValues, errors: FieldErrors) => {
    res.status(status).render('meetings/follow-up', {
      ...meetingFormLocals(db, res, values),
      values,
      errors,
      original: meeting,
      agenda: plannedAgenda(listAgendaItems(db, meeting.id), res.locals.t),
      action: `/meetings/${meeting.id}/follow-up`,
    });
  };

  return {
    newForm(req, res) {
      const viewer = viewerOf(req);
      ensure(canPlanMeetings(viewer));
      // Those who cannot plan anywhere are refused before the group is looked at, so nothing leaks.
      const group = typeof req.query.group === 'string' ? readableGroup(db, viewer, req.query.group) : undefined;
      if (group) ensure(canWriteGroup(viewer, group));
      renderForm(res, 200, { status: 'planned', leadGroupId: group ? String(group.id) : '' }, {});
    },

    create(req, res) {
      ensure(canPlanMeetings(viewerOf(req)));
      const form = parseForm(meetingSchema, req.body);
      if (!form.ok) return renderForm(res, 422, form.values, form.errors);
      const result = planMeeting(actionContext(deps, req, res), form.data);
      if (!result.ok) return renderForm(res, result.status, form.values, result.errors);
      redirectWithFlash(res, `/meetings/${result.value.id}`, 'flash.created');
    },

    // Worded once per visibility class and kept until the data changes: a hit needs no access
    // check of its own, since the class it was made for could read it, with these very data.
    async show(req, res) {
      const viewer = viewerOf(req);
      const meetingId = id(req);
      const { lang, today, locale } = res.locals;
      await sendKeptPage(res, zapisPages, 'meetings/_zapis', `${meetingId}|${locale}|${today}|${viewerClass(viewer)}`, () => {
        const z = zapisFor(db, readableMeeting(db, viewer, meetingId), viewer, lang, today);
        return { title: z.heading, locals: { z } };
      });
    },

    editForm(req, res) {
      const meeting = writableMeeting(db, viewerOf(req), id(req));
      renderForm(res, 200, meetingValues(db, meeting, viewerOf(req)), {}, meeting);
    },

    update(req, res) {
      const meeting = writableMeeting(db, viewerOf(req), id(req));
      const form = parseForm(meetingEditSchema, req.body);
      if (!form.ok) return renderForm(res, 422, form.values, form.errors, meeting);
      const result = editMeeting(actionContext(deps, req, res), meeting.id, form.data);
      if (!result.ok) return renderForm(res, result.status, valuesAfter(form.values, result), result.errors, meeting);
      redirectWithFlash(res, `/meetings/${meeting.id}`, 'flash.saved');
    },

    remove(req, res) {
      const meeting = writableMeeting(db, viewerOf(req), id(req));
      const result = removeMeeting(actionContext(deps, req, res), meeting.id);
      if (!result.ok) return renderForm(res, result.status, meetingValues(db, meeting, viewerOf(req)), result.errors, meeting);
      redirectWithFlash(res, `/groups/${result.value.leadGroupSlug}`, 'flash.deleted');
    },

    followUpForm(req, res) {
      const meeting = writableMeeting(db, viewerOf(req), id(req));
      renderFollowUp(res, meeting, 200, meetingValues(db, meeting, viewerOf(req), FOLLOW_UP_DAYS), {});
    },

    followUp(req, res) {
      const meeting = writableMeeting(db, viewerOf(req), id(req));
      const form = parseForm(meetingSchema, req.body);
      if (!form.ok) return renderFollowUp(res, meeting, 422, form.values, form.errors);
      const result = planFollowUp(actionContext(deps, req, res), meeting.id, form.data);
      if (!result.ok) return renderFollowUp(res, meeting, result.status, form.values, result.errors);
      redirectWithFlash(res, `/meetings/${result.value.id}`, 'followUp.created');
    },
  };
}
