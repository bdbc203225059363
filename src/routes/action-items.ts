import type { Request, Response } from 'express';
import { canReadGroup, canReadReview, canWriteGroup, readScope, readableActionItem, readableGroup, viewerClass, viewerOf, writableActionItem, writableMeeting } from '../access.js';
import { addActionItem, editActionItem, recordReview, removeActionItem } from '../actions/action-items.js';
import type { AppDeps } from '../app.js';
import { pageFragments, sendKeptPage } from '../fragment-cache.js';
import { actionItemStatuses, listReviewBlock, listTasksOfGroup, listTasksOfPerson, listTrail } from '../db/action-items.js';
import type { ActionItem, ActionItemStatus } from '../db/action-items.js';
import { findAgendaItem, listAgendaItems } from '../db/agenda.js';
import type { MeetingDetail } from '../db/meetings.js';
import { listOrganisationOptions } from '../db/organisations.js';
import { listPeople } from '../db/people.js';
import { notFound } from '../errors.js';
import { actionItemEditSchema, actionItemSchema, reviewFields, reviewSchema } from '../forms/action-items.js';
import { parseForm } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { redirectWithFlash } from '../request-context.js';
import { taskSections } from '../task-lists.js';
import { agendaOptions, agendaTree } from '../zapis/agenda.js';
import { meetingTitle, meetingTitleFor, personOptions } from '../zapis/names.js';
import type { Viewer } from '../access.js';
import type { Translate } from '../i18n/index.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { idParam, listPage, pageCount, valuesAfter } from './params.js';

/** The meeting a form or page belongs to, as its breadcrumbs name it. */
interface MeetingLink {
  id: number;
  title: string;
}

/** The edit form's first values, from the stored item. */
function itemValues(item: ActionItem): FormValues {
  return {
    text: item.text,
    ownerIds: item.owners.map((owner) => String(owner.id)),
    organisationId: item.organisationId === null ? '' : String(item.organisationId),
    responsibleText: item.responsibleText,
    dueDate: item.dueDate ?? '',
    agendaItemId: item.agendaItemId === null ? '' : String(item.agendaItemId),
    status: item.status,
    version: String(item.version),
  };
}

const meetingLink = (meeting: MeetingDetail): MeetingLink => ({ id: meeting.id, title: meetingTitle(meeting, meeting.leadGroup) });
const itemMeetingLink = (item: ActionItem, viewer: Viewer, t: Translate): MeetingLink => ({ id: item.meetingId, title: meetingTitleFor(item.meeting, item.meeting.leadGroup, viewer, t) });
const statusParam = (value: unknown): ActionItemStatus | undefined => actionItemStatuses.find((status) => status === value);

/** Action items (úkoly): add, edit and delete them, the Kontrola úkolů of a meeting, and task lists. */
/** Tasks on one page of a group's list (open ones first, so the first page is the one that matters). */
const GROUP_TASKS_PAGE_SIZE = 50;

export function actionItemPages(deps: AppDeps): Pages<'newForm' | 'create' | 'show' | 'editForm' | 'update' | 'remove' | 'reviewForm' | 'review' | 'myTasks' | 'groupTasks'> {
  const { db } = deps;
  const taskPages = pageFragments(db, deps.config.pageCache);
  const meetingOf = (req: Request) => writableMeeting(db, viewerOf(req), idParam(req.params.id));

  const renderForm = (res: Response, status: number, meeting: MeetingLink, values: FormValues, errors: FieldErrors, item?: ActionItem) =>
    res.status(status).render(item ? 'action-items/edit' : 'action-items/new', {
      meeting,
      item,
      values,
      errors,
      personOptions: personOptions(listPeople(db)),
      organisationOptions: listOrganisationOptions(db),
      agendaOptions: agendaOptions(agendaTree(listAgendaItems(db, meeting.id)).entries),
    });

  const renderReview = (res: Response, status: number, meeting: MeetingDetail, values: FormValues, errors: FieldErrors) =>
    res.status(status).render('action-items/review', { meeting: meetingLink(meeting), block: listReviewBlock(db, meeting), values, errors });

  return {
    newForm(req, res) {
      const meeting = meetingOf(req);
      // ?item= comes from a link next to an agenda item: one of another meeting is a page that does not exist.
      const chosen = req.query.item === undefined ? undefined : findAgendaItem(db, meeting.id, idParam(String(req.query.item)));
      if (req.query.item !== undefined && !chosen) throw notFound();
      renderForm(res, 200, meetingLink(meeting), { agendaItemId: chosen ? String(chosen.id) : '' }, {});
    },

    create(req, res) {
      const meeting = meetingOf(req);
      const form = parseForm(actionItemSchema, req.body);
      if (!form.ok) return renderForm(res, 422, meetingLink(meeting), form.values, form.errors);
      const result = addActionItem(actionContext(deps, req, res), meeting.id, form.data);
      if (!result.ok) return renderForm(res, result.status, meetingLink(meeting), form.values, result.errors);
      redirectWithFlash(res, `/meetings/${meeting.id}#action-item-${result.value.id}`, 'flash.created');
    },

    show(req, res) {
      const viewer = viewerOf(req);
      const item = readableActionItem(db, viewer, idParam(req.params.id));
      const trail = listTrail(db, item.id);
      if (!trail) throw notFound();
      // A partner group's member reading a joint meeting sees where the item arose, not the rest.
      const steps = trail.steps.filter((step) => !step.meeting || canReadReview(viewer, item.group, step.meeting));
      res.render('action-items/show', {
        item,
        trail: { ...trail, steps },
        meeting: itemMeetingLink(item, viewerOf(req), res.locals.t),
        // A partner group's member may read a joint meeting led by a group hidden from them: no link (or slug) of that group.
        groupReadable: canReadGroup(viewer, item.group),
        canWrite: canWriteGroup(viewer, item.group),
      });
    },

    editForm(req, res) {
      const item = writableActionItem(db, viewerOf(req), idParam(req.params.id));
      renderForm(res, 200, itemMeetingLink(item, viewerOf(req), res.locals.t), itemValues(item), {}, item);
    },

    update(req, res) {
      const item = writableActionItem(db, viewerOf(req), idParam(req.params.id));
      const form = parseForm(actionItemEditSchema, req.body);
      if (!form.ok) return renderForm(res, 422, itemMeetingLink(item, viewerOf(req), res.locals.t), form.values, form.errors, item);
      const result = editActionItem(actionContext(deps, req, res), item.id, form.data);
      if (!result.ok) return renderForm(res, result.status, itemMeetingLink(item, viewerOf(req), res.locals.t), valuesAfter(form.values, result), result.errors, item);
      redirectWithFlash(res, `/action-items/${item.id}`, 'flash.saved');
    },

    remove(req, res) {
      const { meetingId } = removeActionItem(actionContext(deps, req, res), idParam(req.params.id));
      redirectWithFlash(res, `/meetings/${meetingId}`, 'flash.deleted');
    },

    reviewForm(req, res) {
      const meeting = meetingOf(req);
      const values: FormValues = {};
      for (const row of listReviewBlock(db, meeting)) {
        const fields = reviewFields(row.id);
        values[fields.outcome] = row.review?.outcome ?? '';
        values[fields.dueDate] = row.review?.dueDate ?? '';
        values[fields.note] = row.review?.note ?? '';
      }
      renderReview(res, 200, meeting, values, {});
    },

    review(req, res) {
      const meeting = meetingOf(req);
      const form = parseForm(reviewSchema(listReviewBlock(db, meeting).map((row) => row.id)), req.body);
      if (!form.ok) return renderReview(res, 422, meeting, form.values, form.errors);
      recordReview(actionContext(deps, req, res), meeting.id, form.data);
      redirectWithFlash(res, `/meetings/${meeting.id}#kontrola-ukolu`, 'actionItems.reviewSaved');
    },

    // The person's own: kept per person (and class and day) until the data changes.
    async myTasks(req, res) {
      const viewer = viewerOf(req);
      const { locale, today, t } = res.locals;
      const person = viewer.kind === 'account' ? viewer.personId : 0;
      await sendKeptPage(res, taskPages, 'action-items/_tasks', `mine|${person}|${locale}|${today}|${viewerClass(viewer)}`, () => {
        const rows = viewer.kind === 'account' ? listTasksOfPerson(db, viewer.personId, readScope(viewer)) : [];
        return { title: t('nav.myTasks'), locals: { sections: taskSections(rows, today), total: rows.length } };
      });
    },

    // Readers see the items of published minutes only, as they read the minutes themselves.
    async groupTasks(req, res) {
      const viewer = viewerOf(req);
      const group = readableGroup(db, viewer, String(req.params.slug));
      const status = statusParam(req.query.status);
      const page = listPage(req.query, GROUP_TASKS_PAGE_SIZE);
      const { locale, today, t } = res.locals;
      await sendKeptPage(res, taskPages, 'action-items/_group-tasks', `group|${group.id}|${status ?? ''}|${page.page}|${locale}|${today}|${viewerClass(viewer)}`, () => {
        const { rows, total } = listTasksOfGroup(db, group.id, readScope(viewer), status, page);
        return {
          title: `${t('actionItems.groupTasks')} · ${group.name}`,
                    locals: { group, rows, status, total, page: page.page, pages: pageCount(total, GROUP_TASKS_PAGE_SIZE) },
        };
      });
    },
  };
}
