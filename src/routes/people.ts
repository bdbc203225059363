import { Router } from 'express';
import type { Response } from 'express';
import type { AppDeps } from '../app.js';
import { canEditDirectory, canReadDirectory, canReadGroup, ensure, viewerOf } from '../access.js';
import type { Db } from '../db/index.js';
import { findOrganisation, listOrganisationOptions } from '../db/organisations.js';
import {
  deletePerson,
  findPerson,
  findPersonDetail,
  insertPerson,
  listPeople,
  personInUse,
  updatePerson,
} from '../db/people.js';
import type { Person, PersonInput } from '../db/people.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { personEditSchema, personSchema } from '../forms/people.js';
import { redirectWithFlash } from '../request-context.js';
import { found, idParam } from './params.js';

/** Errors the schema cannot see: the chosen organisation may have been deleted since the form was loaded. */
function referenceErrors(db: Db, input: PersonInput): FieldErrors {
  if (input.organisationId != null && !findOrganisation(db, input.organisationId)) {
    return { organisationId: 'validation.unknownReference' };
  }
  return {};
}

/** People: the shared directory of members, chairs and guests (list, detail, create, edit, delete). */
export function peopleRouter({ db }: AppDeps): Router {
  const router = Router();

  const renderForm = (res: Response, status: number, values: FormValues, errors: FieldErrors, person?: Person) =>
    res.status(status).render(person ? 'people/edit' : 'people/new', {
      values,
      errors,
      person,
      organisationOptions: listOrganisationOptions(db),
    });

  router.get('/people', (req, res) => {
    ensure(canReadDirectory(viewerOf(req)));
    res.render('people/index', { people: listPeople(db), canEdit: canEditDirectory(viewerOf(req)) });
  });

  router.get('/people/new', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    renderForm(res, 200, {}, {});
  });

  router.post('/people', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const form = parseForm(personSchema, req.body);
    if (!form.ok) return renderForm(res, 422, form.values, form.errors);
    const errors = referenceErrors(db, form.data);
    if (Object.keys(errors).length) return renderForm(res, 422, form.values, errors);
    const id = insertPerson(db, form.data);
    redirectWithFlash(res, `/people/${id}`, 'flash.created');
  });

  router.get('/people/:id', (req, res) => {
    ensure(canReadDirectory(viewerOf(req)));
    const viewer = viewerOf(req);
    const { person, memberships } = found(findPersonDetail(db, idParam(req.params.id)));
    // A members-only group the viewer cannot see must not show up through its members either.
    const visible = memberships.filter((m) => canReadGroup(viewer, { id: m.groupId, visibility: m.groupVisibility }));
    res.render('people/show', { person, memberships: visible, canEdit: canEditDirectory(viewer) });
  });

  router.get('/people/:id/edit', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const person = found(findPerson(db, idParam(req.params.id)));
    renderForm(res, 200, valuesOf(person), {}, person);
  });

  router.post('/people/:id', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const person = found(findPerson(db, idParam(req.params.id)));
    const form = parseForm(personEditSchema, req.body);
    if (!form.ok) return renderForm(res, 422, form.values, form.errors, person);
    const errors = referenceErrors(db, form.data);
    if (Object.keys(errors).length) return renderForm(res, 422, form.values, errors, person);
    if (!updatePerson(db, person.id, form.data.version, form.data)) {
      return renderForm(res, 409, { ...form.values, version: String(person.version) }, { _form: 'validation.conflict' }, person);
    }
    redirectWithFlash(res, `/people/${person.id}`, 'flash.saved');
  });

  router.post('/people/:id/delete', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const person = found(findPerson(db, idParam(req.params.id)));
    if (personInUse(db, person.id)) {
      return renderForm(res, 409, valuesOf(person), { _form: 'people.deleteInUse' }, person);
    }
    deletePerson(db, person.id);
    redirectWithFlash(res, '/people', 'flash.deleted');
  });

  return router;
}
