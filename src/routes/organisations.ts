import { Router } from 'express';
import type { Response } from 'express';
import type { AppDeps } from '../app.js';
import { canEditDirectory, canReadDirectory, ensure, viewerOf } from '../access.js';
import {
  deleteOrganisation,
  findOrganisation,
  insertOrganisation,
  listOrganisations,
  organisationInUse,
  organisationNameTaken,
  updateOrganisation,
} from '../db/organisations.js';
import type { Organisation } from '../db/organisations.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { organisationEditSchema, organisationSchema } from '../forms/organisations.js';
import { redirectWithFlash } from '../request-context.js';
import { found, idParam } from './params.js';

/** Organisations: the directory of member organisations (list, create, edit, delete). */
export function organisationsRouter({ db }: AppDeps): Router {
  const router = Router();

  const renderForm = (res: Response, status: number, values: FormValues, errors: FieldErrors, organisation?: Organisation) =>
    res.status(status).render(organisation ? 'organisations/edit' : 'organisations/new', { values, errors, organisation });

  router.get('/organisations', (req, res) => {
    ensure(canReadDirectory(viewerOf(req)));
    res.render('organisations/index', { organisations: listOrganisations(db), canEdit: canEditDirectory(viewerOf(req)) });
  });

  router.get('/organisations/new', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    renderForm(res, 200, {}, {});
  });

  router.post('/organisations', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const form = parseForm(organisationSchema, req.body);
    if (!form.ok) return renderForm(res, 422, form.values, form.errors);
    if (organisationNameTaken(db, form.data.name)) {
      return renderForm(res, 422, form.values, { name: 'organisations.nameTaken' });
    }
    insertOrganisation(db, form.data);
    redirectWithFlash(res, '/organisations', 'flash.created');
  });

  router.get('/organisations/:id/edit', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const organisation = found(findOrganisation(db, idParam(req.params.id)));
    renderForm(res, 200, valuesOf(organisation), {}, organisation);
  });

  router.post('/organisations/:id', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const organisation = found(findOrganisation(db, idParam(req.params.id)));
    const form = parseForm(organisationEditSchema, req.body);
    if (!form.ok) return renderForm(res, 422, form.values, form.errors, organisation);
    if (organisationNameTaken(db, form.data.name, organisation.id)) {
      return renderForm(res, 422, form.values, { name: 'organisations.nameTaken' }, organisation);
    }
    if (!updateOrganisation(db, organisation.id, form.data.version, form.data)) {
      return renderForm(res, 409, { ...form.values, version: String(organisation.version) }, { _form: 'validation.conflict' }, organisation);
    }
    redirectWithFlash(res, '/organisations', 'flash.saved');
  });

  router.post('/organisations/:id/delete', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const organisation = found(findOrganisation(db, idParam(req.params.id)));
    if (organisationInUse(db, organisation.id)) {
      return renderForm(res, 409, valuesOf(organisation), { _form: 'organisations.deleteInUse' }, organisation);
    }
    deleteOrganisation(db, organisation.id);
    redirectWithFlash(res, '/organisations', 'flash.deleted');
  });

  return router;
}
