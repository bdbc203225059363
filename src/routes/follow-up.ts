import { Router } from 'express';
import type { Response } from 'express';
import { DateTime } from 'luxon';
import type { AppDeps } from '../app.js';
import { canReadGroup, viewerOf } from '../access.js';
import { insertAgendaItem, listAgendaItems } from '../db/agenda.js';
import type { AgendaItem } from '../db/agenda.js';
import { findMeetingLinks, insertMeeting, linkFollowUp } from '../db/meetings.js';
import type { MeetingDetail } from '../db/meetings.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { meetingSchema } from '../forms/meetings.js';
import { toInputParts } from '../i18n/dates.js';
import type { Translate } from '../i18n/index.js';
import { redirectWithFlash } from '../request-context.js';
import { meetingFormLocals, resolveMeetingForm, writableMeeting } from './meetings.js';

/** A planned agenda item of the follow-up: one carried over, or one of the two it always has. */
interface PlannedItem {
  title: string;
  from?: AgendaItem;
  children: AgendaItem[];
}

/**
 * The follow-up's agenda: the review of the last minutes and tasks, then every item marked
 * deferred here (with its sub-items; a deferred sub-item alone becomes an item), then "Různé".
 */
function plannedAgenda(items: AgendaItem[], t: Translate): PlannedItem[] {
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

/** The form's first values: the same groups, place and roles, four weeks later at the same time. */
function followUpValues(db: AppDeps['db'], meeting: MeetingDetail, viewer: ReturnType<typeof viewerOf>): FormValues {
  const shift = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(meeting.timeZone).plus({ weeks: 4 });
  const start = toInputParts(shift(meeting.startsAt).toUTC().toISO() as string, meeting.timeZone);
  const end = meeting.endsAt ? toInputParts(shift(meeting.endsAt).toUTC().toISO() as string, meeting.timeZone) : undefined;
  const visibleJointGroups = meeting.groups.filter((group) => group.id !== meeting.leadGroupId && canReadGroup(viewer, group)).map((group) => String(group.id));
  return {
    leadGroupId: String(meeting.leadGroupId),
    groupIds: visibleJointGroups,
    date: start.date,
    startTime: start.time,
    endTime: end?.time ?? '',
    venueId: meeting.venueId ? String(meeting.venueId) : '',
    room: meeting.room,
    onlineUrl: meeting.onlineUrl,
    status: 'planned',
    chairId: meeting.chairId ? String(meeting.chairId) : '',
    minuteTakerId: meeting.minuteTakerId ? String(meeting.minuteTakerId) : '',
    verifierIds: findMeetingLinks(db, meeting.id).verifierIds.map(String),
  };
}

/** "Naplánovat další jednání": a new meeting of the group, pre-filled from this one, linked back to it. */
export function followUpRouter({ db }: AppDeps): Router {
  const router = Router();

  const render = (res: Response, meeting: MeetingDetail, status: number, values: FormValues, errors: FieldErrors) => {
    res.status(status).render('meetings/follow-up', {
      ...meetingFormLocals(db, res, values),
      values,
      errors,
      original: meeting,
      agenda: plannedAgenda(listAgendaItems(db, meeting.id), res.locals.t),
      action: `/meetings/${meeting.id}/follow-up`,
    });
  };

  router.get('/meetings/:id/follow-up', (req, res) => {
    const meeting = writableMeeting(db, req);
    render(res, meeting, 200, followUpValues(db, meeting, viewerOf(req)), {});
  });

  router.post('/meetings/:id/follow-up', (req, res) => {
    const meeting = writableMeeting(db, req);
    const form = parseForm(meetingSchema, req.body);
    if (!form.ok) return render(res, meeting, 422, form.values, form.errors);
    // In the zone the form was filled in: the original meeting's.
    const resolved = resolveMeetingForm(db, viewerOf(req), form.data, meeting.timeZone);
    if (!resolved.ok) return render(res, meeting, 422, form.values, resolved.errors);
    const agenda = plannedAgenda(listAgendaItems(db, meeting.id), res.locals.t);
    const id = db.transaction(() => {
      const created = insertMeeting(db, resolved.input);
      linkFollowUp(db, created, meeting.id);
      const copy = (item: Pick<AgendaItem, 'title' | 'description' | 'presenter' | 'durationMinutes' | 'fixedStart'>, parentId: number | null) =>
        insertAgendaItem(db, created, { ...item, parentId, deferred: false });
      for (const planned of agenda) {
        const parentId = copy(planned.from ?? { title: planned.title, description: '', presenter: '', durationMinutes: null, fixedStart: null }, null);
        for (const child of planned.children) copy(child, parentId);
      }
      return created;
    })();
    redirectWithFlash(res, `/meetings/${id}`, 'followUp.created');
  });

  return router;
}
