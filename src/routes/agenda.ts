import { Router } from 'express';
import type { Request, Response } from 'express';
import type { AppDeps } from '../app.js';
import { readScope } from '../access.js';
import type { Db } from '../db/index.js';
import {
  agendaItemHasChildren,
  deleteAgendaItem,
  findAgendaItem,
  insertAgendaItem,
  moveAgendaItem,
  reorderAgendaItems,
  updateAgendaItem,
} from '../db/agenda.js';
import type { AgendaItem, AgendaItemInput } from '../db/agenda.js';
import type { MeetingDetail } from '../db/meetings.js';
import { agendaItemEditSchema, agendaItemSchema, moveSchema, reorderSchema } from '../forms/agenda.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { meetingRecord } from '../meeting-record.js';
import { redirectWithFlash } from '../request-context.js';
import { writableMeeting } from './meetings.js';
import { found, idParam } from './params.js';
import { badRequest } from '../errors.js';

type AgendaForm = Omit<AgendaItemInput, 'parentId' | 'durationMinutes' | 'fixedStart'> & {
  parentId?: number;
  durationMinutes?: number;
  fixedStart?: string;
};

/** Checks the chosen parent (a top-level item of the same meeting, not the item itself) and builds the input. */
function resolveItem(db: Db, meetingId: number, form: AgendaForm, item?: AgendaItem): { input?: AgendaItemInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (form.parentId) {
    const parent = findAgendaItem(db, meetingId, form.parentId);
    if (!parent || parent.parentId !== null || parent.id === item?.id) errors.parentId = 'agenda.parentInvalid';
    else if (item && agendaItemHasChildren(db, item.id)) errors.parentId = 'agenda.parentHasChildren';
  }
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      parentId: form.parentId ?? null,
      title: form.title,
      description: form.description,
      presenter: form.presenter,
      durationMinutes: form.durationMinutes ?? null,
      fixedStart: form.fixedStart ?? null,
      deferred: form.deferred,
    },
  };
}

/** The agenda (program) of a meeting: add, edit, delete and reorder items. */
export function agendaRouter({ db }: AppDeps): Router {
  const router = Router();

  const renderAgenda = (res: Response, status: number, meeting: MeetingDetail, values: FormValues, errors: FieldErrors) => {
    const record = meetingRecord(db, meeting, readScope(res.locals.viewer));
    res.status(status).render('agenda/index', { record, values, errors });
  };

  const renderItemForm = (res: Response, status: number, meeting: MeetingDetail, item: AgendaItem, values: FormValues, errors: FieldErrors) => {
    const record = meetingRecord(db, meeting, readScope(res.locals.viewer));
    res.status(status).render('agenda/edit', { record, item, values, errors });
  };

  const itemOf = (req: Request, meeting: MeetingDetail) => found(findAgendaItem(db, meeting.id, idParam(req.params.itemId)));
  const agendaUrl = (meeting: MeetingDetail, itemId?: number) => `/meetings/${meeting.id}/agenda${itemId ? `#agenda-item-${itemId}` : ''}`;

  router.get('/meetings/:id/agenda', (req, res) => {
    const meeting = writableMeeting(db, req);
    renderAgenda(res, 200, meeting, {}, {});
  });

  router.post('/meetings/:id/agenda', (req, res) => {
    const meeting = writableMeeting(db, req);
    const form = parseForm(agendaItemSchema, req.body);
    if (!form.ok) return renderAgenda(res, 422, meeting, form.values, form.errors);
    const { input, errors } = resolveItem(db, meeting.id, form.data);
    if (!input) return renderAgenda(res, 422, meeting, form.values, errors);
    const id = insertAgendaItem(db, meeting.id, input);
    redirectWithFlash(res, agendaUrl(meeting, id), 'flash.created');
  });

  router.post('/meetings/:id/agenda/order', (req, res) => {
    const meeting = writableMeeting(db, req);
    const form = parseForm(reorderSchema, req.body);
    if (!form.ok || !reorderAgendaItems(db, meeting.id, form.data.parentId ?? null, form.data.ids)) throw badRequest();
    if (req.accepts(['html', 'json']) === 'json') res.status(204).end();
    else redirectWithFlash(res, agendaUrl(meeting), 'flash.saved');
  });

  router.get('/meetings/:id/agenda/:itemId/edit', (req, res) => {
    const meeting = writableMeeting(db, req);
    const item = itemOf(req, meeting);
    renderItemForm(res, 200, meeting, item, valuesOf(item), {});
  });

  router.post('/meetings/:id/agenda/:itemId', (req, res) => {
    const meeting = writableMeeting(db, req);
    const item = itemOf(req, meeting);
    const form = parseForm(agendaItemEditSchema, req.body);
    if (!form.ok) return renderItemForm(res, 422, meeting, item, form.values, form.errors);
    const { input, errors } = resolveItem(db, meeting.id, form.data, item);
    if (!input) return renderItemForm(res, 422, meeting, item, form.values, errors);
    if (!updateAgendaItem(db, item, form.data.version, input)) {
      return renderItemForm(res, 409, meeting, item, { ...form.values, version: String(item.version) }, { _form: 'validation.conflict' });
    }
    redirectWithFlash(res, agendaUrl(meeting, item.id), 'flash.saved');
  });

  router.post('/meetings/:id/agenda/:itemId/move', (req, res) => {
    const meeting = writableMeeting(db, req);
    const item = itemOf(req, meeting);
    const form = parseForm(moveSchema, req.body);
    if (!form.ok) throw badRequest();
    moveAgendaItem(db, item, form.data.direction);
    res.redirect(303, agendaUrl(meeting, item.id));
  });

  router.post('/meetings/:id/agenda/:itemId/delete', (req, res) => {
    const meeting = writableMeeting(db, req);
    deleteAgendaItem(db, itemOf(req, meeting));
    redirectWithFlash(res, agendaUrl(meeting), 'flash.deleted');
  });

  return router;
}
