import { Router } from 'express';
import type { Response } from 'express';
import type { AppDeps } from '../app.js';
import { canEditDirectory, canReadDirectory, ensure, viewerOf } from '../access.js';
import { deleteVenue, findVenue, insertVenue, listVenues, updateVenue, venueInUse } from '../db/venues.js';
import type { Venue } from '../db/venues.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { venueEditSchema, venueSchema } from '../forms/venues.js';
import { redirectWithFlash } from '../request-context.js';
import { found, idParam } from './params.js';

/** Venues: reusable meeting places with address and usual room (list, create, edit, delete). */
export function venuesRouter({ db }: AppDeps): Router {
  const router = Router();

  const renderForm = (res: Response, status: number, values: FormValues, errors: FieldErrors, venue?: Venue) =>
    res.status(status).render(venue ? 'venues/edit' : 'venues/new', { values, errors, venue });

  router.get('/venues', (req, res) => {
    ensure(canReadDirectory(viewerOf(req)));
    res.render('venues/index', { venues: listVenues(db), canEdit: canEditDirectory(viewerOf(req)) });
  });

  router.get('/venues/new', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    renderForm(res, 200, {}, {});
  });

  router.post('/venues', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const form = parseForm(venueSchema, req.body);
    if (!form.ok) return renderForm(res, 422, form.values, form.errors);
    insertVenue(db, form.data);
    redirectWithFlash(res, '/venues', 'flash.created');
  });

  router.get('/venues/:id/edit', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const venue = found(findVenue(db, idParam(req.params.id)));
    renderForm(res, 200, valuesOf(venue), {}, venue);
  });

  router.post('/venues/:id', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const venue = found(findVenue(db, idParam(req.params.id)));
    const form = parseForm(venueEditSchema, req.body);
    if (!form.ok) return renderForm(res, 422, form.values, form.errors, venue);
    if (!updateVenue(db, venue.id, form.data.version, form.data)) {
      return renderForm(res, 409, { ...form.values, version: String(venue.version) }, { _form: 'validation.conflict' }, venue);
    }
    redirectWithFlash(res, '/venues', 'flash.saved');
  });

  router.post('/venues/:id/delete', (req, res) => {
    ensure(canEditDirectory(viewerOf(req)));
    const venue = found(findVenue(db, idParam(req.params.id)));
    if (venueInUse(db, venue.id)) {
      return renderForm(res, 409, valuesOf(venue), { _form: 'venues.deleteInUse' }, venue);
    }
    deleteVenue(db, venue.id);
    redirectWithFlash(res, '/venues', 'flash.deleted');
  });

  return router;
}
