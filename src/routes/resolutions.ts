import type { Request, Response } from 'express';
import { readScope, readableGroup, viewerClass, viewerOf, writableMeeting } from '../access.js';
import { addResolution, editResolution, numberingOf, removeResolution, resolutionOf } from '../actions/resolutions.js';
import type { AppDeps } from '../app.js';
import { pageFragments, sendKeptPage } from '../fragment-cache.js';
import { findAgendaItem } from '../db/agenda.js';
import type { MeetingDetail } from '../db/meetings.js';
import { listResolutionsOfGroup, listResolutionYears, listSupersedableResolutions, nextResolutionNumber, resolutionOutcomes } from '../db/resolutions.js';
import type { Resolution, ResolutionFilters } from '../db/resolutions.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { resolutionEditSchema, resolutionSchema } from '../forms/resolutions.js';
import { redirectWithFlash } from '../request-context.js';
import { agendaOptions } from '../zapis/agenda.js';
import { loadOutline } from '../zapis/record.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { idParam, listPage, pageCount, valuesAfter } from './params.js';

/** Resolutions on one page of the register: a long one is read a page at a time, filters kept. */
const REGISTER_PAGE_SIZE = 50;

/** The register's filters from the query string; anything that is not a year or an outcome is ignored. */
function registerFilters(query: Request['query']): ResolutionFilters {
  const year = typeof query.year === 'string' && /^\d{4}$/.test(query.year) ? Number(query.year) : undefined;
  const outcome = resolutionOutcomes.find((value) => value === query.outcome);
  return { year, outcome };
}

/** Resolutions (usnesení): numbered per lead group and year, written on a meeting, listed in the group's register. */
export function resolutionPages(deps: AppDeps): Pages<'newForm' | 'create' | 'editForm' | 'update' | 'remove' | 'register'> {
  const { db } = deps;
  const registerPages = pageFragments(db, deps.config.pageCache);
  const meetingOf = (req: Request) => writableMeeting(db, viewerOf(req), idParam(req.params.id));
  const resolutionUrl = (meeting: MeetingDetail, id: number) => `/meetings/${meeting.id}#resolution-${id}`;

  const renderForm = (res: Response, status: number, meeting: MeetingDetail, values: FormValues, errors: FieldErrors, resolution?: Resolution & { label: string }) => {
    const record = loadOutline(db, meeting);
    const numbering = resolution ?? numberingOf(meeting);
    res.status(status).render(resolution ? 'resolutions/edit' : 'resolutions/new', {
      record,
      resolution,
      label: resolution?.label,
      values,
      errors,
      // Before the items: a resolution adopted at the start, of no item (approving the program).
      agendaOptions: [{ value: 'start', label: res.locals.t('resolutions.placementStart') }, ...agendaOptions(record.agenda)],
      supersedeOptions: listSupersedableResolutions(db, numbering.groupId).filter((option) => option.value !== resolution?.id),
      nextNumber: resolution ? undefined : nextResolutionNumber(db, numbering.groupId, numbering.year),
    });
  };

  return {
    newForm(req, res) {
      const meeting = meetingOf(req);
      // "Add a resolution" next to an agenda item preselects it; an item of another meeting is not offered.
      const item = typeof req.query.item === 'string' && /^\d{1,15}$/.test(req.query.item) ? findAgendaItem(db, meeting.id, Number(req.query.item)) : undefined;
      // No outcome is chosen for the secretary: the minutes say whether it was adopted, not the form.
      renderForm(res, 200, meeting, { outcome: '', agendaItemId: item ? String(item.id) : '' }, {});
    },

    create(req, res) {
      const meeting = meetingOf(req);
      const form = parseForm(resolutionSchema, req.body);
      if (!form.ok) return renderForm(res, 422, meeting, form.values, form.errors);
      const result = addResolution(actionContext(deps, req, res), meeting.id, form.data);
      if (!result.ok) return renderForm(res, result.status, meeting, form.values, result.errors);
      redirectWithFlash(res, resolutionUrl(meeting, result.value.id), 'flash.created');
    },

    editForm(req, res) {
      const meeting = meetingOf(req);
      const resolution = resolutionOf(db, meeting.id, idParam(req.params.resolutionId));
      const values = { ...valuesOf(resolution), unnumbered: resolution.label === '' ? '1' : '' };
      renderForm(res, 200, meeting, resolution.placement === 'start' && resolution.agendaItemId === null ? { ...values, agendaItemId: 'start' } : values, {}, resolution);
    },

    update(req, res) {
      const meeting = meetingOf(req);
      const resolution = resolutionOf(db, meeting.id, idParam(req.params.resolutionId));
      const form = parseForm(resolutionEditSchema, req.body);
      if (!form.ok) return renderForm(res, 422, meeting, form.values, form.errors, resolution);
      const result = editResolution(actionContext(deps, req, res), meeting.id, resolution.id, form.data);
      if (!result.ok) return renderForm(res, result.status, meeting, valuesAfter(form.values, result), result.errors, resolution);
      redirectWithFlash(res, resolutionUrl(meeting, resolution.id), 'flash.saved');
    },

    remove(req, res) {
      const meeting = meetingOf(req);
      removeResolution(actionContext(deps, req, res), meeting.id, idParam(req.params.resolutionId));
      redirectWithFlash(res, `/meetings/${meeting.id}`, 'flash.deleted');
    },

    // Resolutions of draft minutes are part of the draft: only those who write in the group see them.
    async register(req, res) {
      const viewer = viewerOf(req);
      const group = readableGroup(db, viewer, String(req.params.slug));
      const filters = registerFilters(req.query);
      const page = listPage(req.query, REGISTER_PAGE_SIZE);
      const { locale, today, t } = res.locals;
      const key = `${group.id}|${filters.year ?? ''}|${filters.outcome ?? ''}|${page.page}|${locale}|${today}|${viewerClass(viewer)}`;
      await sendKeptPage(res, registerPages, 'resolutions/_register', key, () => {
        const scope = readScope(viewer);
        const { rows, total } = listResolutionsOfGroup(db, group.id, filters, scope, page);
        return {
          title: t('resolutions.registerTitle', { name: group.name }),
                    locals: { group, filters, years: listResolutionYears(db, group.id, scope), outcomes: resolutionOutcomes, resolutions: rows, total, page: page.page, pages: pageCount(total, REGISTER_PAGE_SIZE) },
        };
      });
    },
  };
}
