import { Router } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { DateTime } from 'luxon';
import type { AppDeps } from '../app.js';
import { canReadGroup, canReadMeeting, canReadMinutes, canWriteGroup, ensure, readScope, viewerOf } from '../access.js';
import type { Viewer } from '../access.js';
import { requireSignIn } from '../auth.js';
import {
  actionItemStatuses,
  countOpenTasksOfPerson,
  deleteActionItem,
  findActionItem,
  insertActionItem,
  listReviewBlock,
  listTasksOfGroup,
  listTasksOfPerson,
  listTrail,
  recordReviews,
  updateActionItem,
} from '../db/action-items.js';
import type { ActionItem, ActionItemInput, ActionItemStatus, TaskRow, TaskScope } from '../db/action-items.js';
import { findAgendaItem, listAgendaItems } from '../db/agenda.js';
import { findGroupBySlug } from '../db/groups.js';
import { existingIds } from '../db/index.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import { listOrganisationOptions } from '../db/organisations.js';
import { listPersonOptions } from '../db/people.js';
import { notFound } from '../errors.js';
import { actionItemEditSchema, actionItemSchema, reviewFields, reviewSchema } from '../forms/action-items.js';
import type { ActionItemForm } from '../forms/action-items.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { agendaTree } from '../meeting-record.js';
import { redirectWithFlash } from '../request-context.js';
import { meetingTitle } from '../zapis.js';
import { writableMeeting } from './meetings.js';
import { found, idParam } from './params.js';

/** The meeting a form or page belongs to, as its breadcrumbs name it. */
interface MeetingLink {
  id: number;
  title: string;
}

/** The read scope of a task list: readScope, plus the groups whose draft minutes the viewer reads (those they write in). */
export function taskScope(viewer: Viewer): TaskScope {
  const writableGroupIds = viewer.kind === 'account' ? [...viewer.roles.keys()].filter((id) => canWriteGroup(viewer, { id, visibility: 'members' })) : [];
  return { ...readScope(viewer), writableGroupIds };
}

/** Today and the coming Sunday (the end of the ISO week) as calendar dates in the zone. */
function thisWeek(timeZone: string): { today: string; sunday: string } {
  const now = DateTime.now().setZone(timeZone);
  return { today: now.toISODate() as string, sunday: now.endOf('week').toISODate() as string };
}

/** Splits open tasks into overdue, due by Sunday, and later or without a deadline; each keeps its order. */
export function taskSections<T extends { dueDate: string | null }>(rows: readonly T[], today: string, sunday: string): { overdue: T[]; thisWeek: T[]; later: T[] } {
  return {
    overdue: rows.filter((row) => row.dueDate !== null && row.dueDate < today),
    thisWeek: rows.filter((row) => row.dueDate !== null && row.dueDate >= today && row.dueDate <= sunday),
    later: rows.filter((row) => row.dueDate === null || row.dueDate > sunday),
  };
}

/** The home page's "Moje úkoly" box: the viewer's overdue tasks and how many others are open. */
export function myTasksSummary(db: Db, viewer: Viewer, timeZone: string): { overdue: TaskRow[]; restCount: number } | undefined {
  if (viewer.kind !== 'account') return undefined;
  const rows = listTasksOfPerson(db, viewer.personId, taskScope(viewer));
  const { today } = thisWeek(timeZone);
  const overdue = rows.filter((row) => row.dueDate !== null && row.dueDate < today);
  return { overdue, restCount: rows.length - overdue.length };
}

/**
 * Gives views the signed-in viewer's number of open tasks (the "Moje úkoly (N)" link). Counted on
 * first use and kept: redirects and JSON answers, which render no header, never pay for the query.
 */
export function myTaskCount(db: Db): RequestHandler {
  return (req, res, next) => {
    const viewer = viewerOf(req);
    if (viewer.kind === 'account') {
      let count: number | undefined;
      Object.defineProperty(res.locals, 'myOpenTasks', {
        enumerable: true,
        configurable: true,
        get: () => (count ??= countOpenTasksOfPerson(db, viewer.personId, taskScope(viewer))),
      });
    }
    next();
  };
}

/** The agenda of a meeting as select options: "2. Název", "b) Podbod". */
function agendaOptions(db: Db, meetingId: number): { value: number; label: string }[] {
  const { entries } = agendaTree(listAgendaItems(db, meetingId), 0);
  return entries.flatMap((entry) => [entry, ...entry.children]).map((entry) => ({ value: entry.item.id, label: `${entry.marker} ${entry.item.title}` }));
}

/** Checks what the form refers to (people, organisation, an agenda item of this meeting) and builds the input. */
function resolveItemForm(db: Db, meetingId: number, form: ActionItemForm): { input?: ActionItemInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const people = existingIds(db, 'people', form.ownerIds);
  if (form.ownerIds.some((id) => !people.has(id))) errors.ownerIds = 'validation.unknownReference';
  if (form.organisationId && existingIds(db, 'organisations', [form.organisationId]).size === 0) errors.organisationId = 'validation.unknownReference';
  if (form.agendaItemId && !findAgendaItem(db, meetingId, form.agendaItemId)) errors.agendaItemId = 'validation.unknownReference';
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      text: form.text,
      ownerIds: form.ownerIds,
      organisationId: form.organisationId ?? null,
      dueDate: form.dueDate ?? null,
      agendaItemId: form.agendaItemId ?? null,
    },
  };
}

/** The edit form's first values, from the stored item. */
function itemValues(item: ActionItem): FormValues {
  return {
    text: item.text,
    ownerIds: item.owners.map((owner) => String(owner.id)),
    organisationId: item.organisationId === null ? '' : String(item.organisationId),
    dueDate: item.dueDate ?? '',
    agendaItemId: item.agendaItemId === null ? '' : String(item.agendaItemId),
    status: item.status,
    version: String(item.version),
  };
}

const meetingLink = (meeting: MeetingDetail): MeetingLink => ({ id: meeting.id, title: meetingTitle(meeting, meeting.leadGroup) });
const itemMeetingLink = (item: ActionItem): MeetingLink => ({ id: item.meetingId, title: meetingTitle(item.meeting, item.meeting.leadGroup) });
const statusParam = (value: unknown): ActionItemStatus | undefined => actionItemStatuses.find((status) => status === value);

/** Action items (úkoly): add, edit and delete them, the Kontrola úkolů of a meeting, and task lists. */
export function actionItemsRouter({ db, config }: AppDeps): Router {
  const router = Router();

  const renderForm = (res: Response, status: number, meeting: MeetingLink, values: FormValues, errors: FieldErrors, item?: ActionItem) =>
    res.status(status).render(item ? 'action-items/edit' : 'action-items/new', {
      meeting,
      item,
      values,
      errors,
      personOptions: listPersonOptions(db),
      organisationOptions: listOrganisationOptions(db),
      agendaOptions: agendaOptions(db, meeting.id),
    });

  // The item page follows the minutes it belongs to: hidden (404) unless the viewer reads both the
  // meeting and its minutes.
  const readableItem = (req: Request): ActionItem => {
    const item = found(findActionItem(db, idParam(req.params.id)));
    const viewer = viewerOf(req);
    if (!canReadMeeting(viewer, item.meeting) || !canReadMinutes(viewer, item.meeting)) throw notFound();
    return item;
  };

  // Those who write in the item's group change it: 404 when its meeting is hidden, 403 when only readable.
  const writableItem = (req: Request): ActionItem => {
    const item = found(findActionItem(db, idParam(req.params.id)));
    const viewer = viewerOf(req);
    if (!canReadMeeting(viewer, item.meeting)) throw notFound();
    ensure(canWriteGroup(viewer, item.group));
    return item;
  };

  router.get('/meetings/:id/action-items/new', (req, res) => {
    const meeting = writableMeeting(db, req);
    // ?item= comes from a link next to an agenda item: one of another meeting is a page that does not exist.
    const chosen = req.query.item === undefined ? undefined : found(findAgendaItem(db, meeting.id, idParam(String(req.query.item))));
    renderForm(res, 200, meetingLink(meeting), { agendaItemId: chosen ? String(chosen.id) : '' }, {});
  });

  router.post('/meetings/:id/action-items', (req, res) => {
    const meeting = writableMeeting(db, req);
    const form = parseForm(actionItemSchema, req.body);
    if (!form.ok) return renderForm(res, 422, meetingLink(meeting), form.values, form.errors);
    const { input, errors } = resolveItemForm(db, meeting.id, form.data);
    if (!input) return renderForm(res, 422, meetingLink(meeting), form.values, errors);
    const id = insertActionItem(db, meeting.id, input);
    redirectWithFlash(res, `/meetings/${meeting.id}#action-item-${id}`, 'flash.created');
  });

  router.get('/action-items/:id', (req, res) => {
    const viewer = viewerOf(req);
    const item = readableItem(req);
    const trail = found(listTrail(db, item.id));
    // Reviews happen at the group's own meetings: shown to those who read the group, once published.
    // (A partner group's member reading a joint meeting sees where the item arose, not the rest.)
    const steps = trail.steps.filter(
      (step) => !step.meeting || (canReadGroup(viewer, item.group) && canReadMinutes(viewer, { leadGroup: item.group, minutesPublished: step.meeting.minutesPublished })),
    );
    res.render('action-items/show', {
      item,
      trail: { ...trail, steps },
      meeting: itemMeetingLink(item),
      // A partner group's member may read a joint meeting led by a group hidden from them: no link (or slug) of that group.
      groupReadable: canReadGroup(viewer, item.group),
      canWrite: canWriteGroup(viewer, item.group),
    });
  });

  router.get('/action-items/:id/edit', (req, res) => {
    const item = writableItem(req);
    renderForm(res, 200, itemMeetingLink(item), itemValues(item), {}, item);
  });

  router.post('/action-items/:id', (req, res) => {
    const item = writableItem(req);
    const form = parseForm(actionItemEditSchema, req.body);
    if (!form.ok) return renderForm(res, 422, itemMeetingLink(item), form.values, form.errors, item);
    const { input, errors } = resolveItemForm(db, item.meetingId, form.data);
    if (!input) return renderForm(res, 422, itemMeetingLink(item), form.values, errors, item);
    if (!updateActionItem(db, item, form.data.version, { ...input, status: form.data.status })) {
      return renderForm(res, 409, itemMeetingLink(item), { ...form.values, version: String(item.version) }, { _form: 'validation.conflict' }, item);
    }
    redirectWithFlash(res, `/action-items/${item.id}`, 'flash.saved');
  });

  router.post('/action-items/:id/delete', (req, res) => {
    const item = writableItem(req);
    deleteActionItem(db, item.id);
    redirectWithFlash(res, `/meetings/${item.meetingId}`, 'flash.deleted');
  });

  const renderReview = (res: Response, status: number, meeting: MeetingDetail, values: FormValues, errors: FieldErrors) =>
    res.status(status).render('action-items/review', { meeting: meetingLink(meeting), block: listReviewBlock(db, meeting), values, errors });

  router.get('/meetings/:id/review', (req, res) => {
    const meeting = writableMeeting(db, req);
    const values: FormValues = {};
    for (const row of listReviewBlock(db, meeting)) {
      const fields = reviewFields(row.id);
      values[fields.outcome] = row.review?.outcome ?? '';
      values[fields.dueDate] = row.review?.dueDate ?? '';
      values[fields.note] = row.review?.note ?? '';
    }
    renderReview(res, 200, meeting, values, {});
  });

  router.post('/meetings/:id/review', (req, res) => {
    const meeting = writableMeeting(db, req);
    // Only the items of this meeting's Kontrola úkolů can be reviewed here; other ids are ignored.
    const ids = listReviewBlock(db, meeting).map((row) => row.id);
    const form = parseForm(reviewSchema(ids), req.body);
    if (!form.ok) return renderReview(res, 422, meeting, form.values, form.errors);
    recordReviews(db, meeting.id, form.data);
    redirectWithFlash(res, `/meetings/${meeting.id}#kontrola-ukolu`, 'actionItems.reviewSaved');
  });

  router.get('/tasks', requireSignIn, (req, res) => {
    const viewer = viewerOf(req);
    const rows = viewer.kind === 'account' ? listTasksOfPerson(db, viewer.personId, taskScope(viewer)) : [];
    const { today, sunday } = thisWeek(config.timeZone);
    res.render('action-items/tasks', { sections: taskSections(rows, today, sunday), total: rows.length, today });
  });

  router.get('/groups/:slug/tasks', (req, res) => {
    const viewer = viewerOf(req);
    const group = findGroupBySlug(db, String(req.params.slug));
    if (!group || !canReadGroup(viewer, group)) throw notFound();
    const canWrite = canWriteGroup(viewer, group);
    const status = statusParam(req.query.status);
    // Readers see the items of published minutes only, as they read the minutes themselves.
    const rows = listTasksOfGroup(db, group.id, { status, publishedOnly: !canWrite });
    res.render('action-items/group-tasks', { group, rows, status, today: thisWeek(config.timeZone).today });
  });

  return router;
}
