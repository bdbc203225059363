import type { Request, Response } from 'express';
import { viewerOf, writableMeeting } from '../access.js';
import { addAgendaItem, agendaItemOf, editAgendaItem, moveItem, removeAgendaItem, reorderAgenda } from '../actions/agenda.js';
import type { AppDeps } from '../app.js';
import type { AgendaItem } from '../db/agenda.js';
import type { MeetingDetail } from '../db/meetings.js';
import { badRequest } from '../errors.js';
import { agendaItemEditSchema, agendaItemSchema, moveSchema, reorderSchema } from '../forms/agenda.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { redirectWithFlash } from '../request-context.js';
import { loadOutline } from '../zapis/record.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { idParam, valuesAfter } from './params.js';

/** The agenda (program) of a meeting: add, edit, delete and reorder items. */
export function agendaPages(deps: AppDeps): Pages<'editor' | 'add' | 'reorder' | 'itemForm' | 'update' | 'move' | 'remove'> {
  const { db } = deps;
  const meetingOf = (req: Request) => writableMeeting(db, viewerOf(req), idParam(req.params.id));
  const itemOf = (req: Request, meeting: MeetingDetail) => agendaItemOf(db, meeting.id, idParam(req.params.itemId));
  const agendaUrl = (meeting: MeetingDetail, itemId?: number) => `/meetings/${meeting.id}/agenda${itemId ? `#agenda-item-${itemId}` : ''}`;

  const renderAgenda = (res: Response, status: number, meeting: MeetingDetail, values: FormValues, errors: FieldErrors) =>
    res.status(status).render('agenda/index', { record: loadOutline(db, meeting), values, errors });

  const renderItemForm = (res: Response, status: number, meeting: MeetingDetail, item: AgendaItem, values: FormValues, errors: FieldErrors) =>
    res.status(status).render('agenda/edit', { record: loadOutline(db, meeting), item, values, errors });

  return {
    editor(req, res) {
      renderAgenda(res, 200, meetingOf(req), {}, {});
    },

    add(req, res) {
      const meeting = meetingOf(req);
      const form = parseForm(agendaItemSchema, req.body);
      if (!form.ok) return renderAgenda(res, 422, meeting, form.values, form.errors);
      const result = addAgendaItem(actionContext(deps, req, res), meeting.id, form.data);
      if (!result.ok) return renderAgenda(res, result.status, meeting, form.values, result.errors);
      redirectWithFlash(res, agendaUrl(meeting, result.value.id), 'flash.created');
    },

    reorder(req, res) {
      const meeting = meetingOf(req);
      const form = parseForm(reorderSchema, req.body);
      if (!form.ok) throw badRequest();
      reorderAgenda(actionContext(deps, req, res), meeting.id, form.data.parentId ?? null, form.data.ids);
      if (req.accepts(['html', 'json']) === 'json') res.status(204).end();
      else redirectWithFlash(res, agendaUrl(meeting), 'flash.saved');
    },

    itemForm(req, res) {
      const meeting = meetingOf(req);
      const item = itemOf(req, meeting);
      renderItemForm(res, 200, meeting, item, valuesOf(item), {});
    },

    update(req, res) {
      const meeting = meetingOf(req);
      const item = itemOf(req, meeting);
      const form = parseForm(agendaItemEditSchema, req.body);
      if (!form.ok) return renderItemForm(res, 422, meeting, item, form.values, form.errors);
      const result = editAgendaItem(actionContext(deps, req, res), meeting.id, item.id, form.data);
      if (!result.ok) return renderItemForm(res, result.status, meeting, item, valuesAfter(form.values, result), result.errors);
      redirectWithFlash(res, agendaUrl(meeting, item.id), 'flash.saved');
    },

    move(req, res) {
      const meeting = meetingOf(req);
      const item = itemOf(req, meeting);
      const form = parseForm(moveSchema, req.body);
      if (!form.ok) throw badRequest();
      moveItem(actionContext(deps, req, res), meeting.id, item.id, form.data.direction);
      res.redirect(303, agendaUrl(meeting, item.id));
    },

    remove(req, res) {
      const meeting = meetingOf(req);
      removeAgendaItem(actionContext(deps, req, res), meeting.id, itemOf(req, meeting).id);
      redirectWithFlash(res, agendaUrl(meeting), 'flash.deleted');
    },
  };
}
