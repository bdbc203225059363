import type { Request, Response } from 'express';
import { canEditDirectory, canReadDirectory, canReadGroup, editableOrganisation, editablePerson, editableVenue, ensure, viewerOf } from '../access.js';
import { createOrganisation, createPerson, createVenue, editOrganisation, editPerson, editVenue, removeOrganisation, removePerson, removeVenue } from '../actions/directory.js';
import type { AppDeps } from '../app.js';
import type { Organisation } from '../db/organisations.js';
import { listOrganisationOptions, listOrganisations } from '../db/organisations.js';
import type { Person } from '../db/people.js';
import { findPersonDetail, listPeople } from '../db/people.js';
import type { Venue } from '../db/venues.js';
import { listVenues } from '../db/venues.js';
import { notFound } from '../errors.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { organisationEditSchema, organisationSchema } from '../forms/organisations.js';
import { personEditSchema, personSchema, personValues } from '../forms/people.js';
import { venueEditSchema, venueSchema } from '../forms/venues.js';
import { redirectWithFlash } from '../request-context.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { idParam, valuesAfter } from './params.js';

type DirectoryPages = Pages<'index' | 'newForm' | 'create' | 'editForm' | 'update' | 'remove'>;

const id = (req: Request) => idParam(req.params.id);

/** People: the shared directory of members, chairs and guests (list, detail, create, edit, delete). */
export function peoplePages(deps: AppDeps): DirectoryPages & Pages<'show'> {
  const { db } = deps;
  const renderForm = (res: Response, status: number, values: FormValues, errors: FieldErrors, person?: Person) =>
    res.status(status).render(person ? 'people/edit' : 'people/new', { values, errors, person, organisationOptions: listOrganisationOptions(db) });
  return {
    index(req, res) {
      ensure(canReadDirectory(viewerOf(req)));
      res.render('people/index', { people: listPeople(db), canEdit: canEditDirectory(viewerOf(req)) });
    },
    newForm(req, res) {
      ensure(canEditDirectory(viewerOf(req)));
      renderForm(res, 200, {}, {});
    },
    create(req, res) {
      ensure(canEditDirectory(viewerOf(req)));
      const form = parseForm(personSchema, req.body);
      if (!form.ok) return renderForm(res, 422, form.values, form.errors);
      const result = createPerson(actionContext(deps, req, res), form.data);
      if (!result.ok) return renderForm(res, result.status, form.values, result.errors);
      redirectWithFlash(res, `/people/${result.value.id}`, 'flash.created');
    },
    show(req, res) {
      const viewer = viewerOf(req);
      ensure(canReadDirectory(viewer));
      const detail = findPersonDetail(db, id(req), res.locals.today);
      if (!detail) throw notFound();
      // A members-only group the viewer cannot see must not show up through its members either.
      const memberships = detail.memberships.filter((m) => canReadGroup(viewer, { id: m.groupId, visibility: m.groupVisibility }));
      res.render('people/show', { person: detail.person, memberships, canEdit: canEditDirectory(viewer) });
    },
    editForm(req, res) {
      const person = editablePerson(db, viewerOf(req), id(req));
      renderForm(res, 200, personValues(person), {}, person);
    },
    update(req, res) {
      const person = editablePerson(db, viewerOf(req), id(req));
      const form = parseForm(personEditSchema, req.body);
      if (!form.ok) return renderForm(res, 422, form.values, form.errors, person);
      const result = editPerson(actionContext(deps, req, res), person.id, form.data);
      if (!result.ok) return renderForm(res, result.status, valuesAfter(form.values, result), result.errors, person);
      redirectWithFlash(res, `/people/${person.id}`, 'flash.saved');
    },
    remove(req, res) {
      const person = editablePerson(db, viewerOf(req), id(req));
      const result = removePerson(actionContext(deps, req, res), person.id);
      if (!result.ok) return renderForm(res, result.status, personValues(person), result.errors, person);
      redirectWithFlash(res, '/people', 'flash.deleted');
    },
  };
}

/** Organisations: the directory of member organisations (list, create, edit, delete). */
export function organisationPages(deps: AppDeps): DirectoryPages {
  const { db } = deps;
  const renderForm = (res: Response, status: number, values: FormValues, errors: FieldErrors, organisation?: Organisation) =>
    res.status(status).render(organisation ? 'organisations/edit' : 'organisations/new', { values, errors, organisation });
  return {
    index(req, res) {
      ensure(canReadDirectory(viewerOf(req)));
      res.render('organisations/index', { organisations: listOrganisations(db), canEdit: canEditDirectory(viewerOf(req)) });
    },
    newForm(req, res) {
      ensure(canEditDirectory(viewerOf(req)));
      renderForm(res, 200, {}, {});
    },
    create(req, res) {
      ensure(canEditDirectory(viewerOf(req)));
      const form = parseForm(organisationSchema, req.body);
      if (!form.ok) return renderForm(res, 422, form.values, form.errors);
      const result = createOrganisation(actionContext(deps, req, res), form.data);
      if (!result.ok) return renderForm(res, result.status, form.values, result.errors);
      redirectWithFlash(res, '/organisations', 'flash.created');
    },
    editForm(req, res) {
      const organisation = editableOrganisation(db, viewerOf(req), id(req));
      renderForm(res, 200, valuesOf(organisation), {}, organisation);
    },
    update(req, res) {
      const organisation = editableOrganisation(db, viewerOf(req), id(req));
      const form = parseForm(organisationEditSchema, req.body);
      if (!form.ok) return renderForm(res, 422, form.values, form.errors, organisation);
      const result = editOrganisation(actionContext(deps, req, res), organisation.id, form.data);
      if (!result.ok) return renderForm(res, result.status, valuesAfter(form.values, result), result.errors, organisation);
      redirectWithFlash(res, '/organisations', 'flash.saved');
    },
    remove(req, res) {
      const organisation = editableOrganisation(db, viewerOf(req), id(req));
      const result = removeOrganisation(actionContext(deps, req, res), organisation.id);
      if (!result.ok) return renderForm(res, result.status, valuesOf(organisation), result.errors, organisation);
      redirectWithFlash(res, '/organisations', 'flash.deleted');
    },
  };
}

/** Venues: reusable meeting places with address and usual room (list, create, edit, delete). */
export function venuePages(deps: AppDeps): DirectoryPages {
  const { db } = deps;
  const renderForm = (res: Response, status: number, values: FormValues, errors: FieldErrors, venue?: Venue) =>
    res.status(status).render(venue ? 'venues/edit' : 'venues/new', { values, errors, venue });
  return {
    index(req, res) {
      ensure(canReadDirectory(viewerOf(req)));
      res.render('venues/index', { venues: listVenues(db), canEdit: canEditDirectory(viewerOf(req)) });
    },
    newForm(req, res) {
      ensure(canEditDirectory(viewerOf(req)));
      renderForm(res, 200, {}, {});
    },
    create(req, res) {
      ensure(canEditDirectory(viewerOf(req)));
      const form = parseForm(venueSchema, req.body);
      if (!form.ok) return renderForm(res, 422, form.values, form.errors);
      const result = createVenue(actionContext(deps, req, res), form.data);
      if (!result.ok) return renderForm(res, result.status, form.values, result.errors);
      redirectWithFlash(res, '/venues', 'flash.created');
    },
    editForm(req, res) {
      const venue = editableVenue(db, viewerOf(req), id(req));
      renderForm(res, 200, valuesOf(venue), {}, venue);
    },
    update(req, res) {
      const venue = editableVenue(db, viewerOf(req), id(req));
      const form = parseForm(venueEditSchema, req.body);
      if (!form.ok) return renderForm(res, 422, form.values, form.errors, venue);
      const result = editVenue(actionContext(deps, req, res), venue.id, form.data);
      if (!result.ok) return renderForm(res, result.status, valuesAfter(form.values, result), result.errors, venue);
      redirectWithFlash(res, '/venues', 'flash.saved');
    },
    remove(req, res) {
      const venue = editableVenue(db, viewerOf(req), id(req));
      const result = removeVenue(actionContext(deps, req, res), venue.id);
      if (!result.ok) return renderForm(res, result.status, valuesOf(venue), result.errors, venue);
      redirectWithFlash(res, '/venues', 'flash.deleted');
    },
  };
}
