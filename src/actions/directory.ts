import { canEditDirectory, editableOrganisation, editablePerson, editableVenue, ensure } from '../access.js';
import type { Db } from '../db/index.js';
import { deleteOrganisation, findOrganisation, insertOrganisation, organisationInUse, organisationNameTaken, updateOrganisation } from '../db/organisations.js';
import type { OrganisationInput } from '../db/organisations.js';
import { deletePerson, insertPerson, personInUse, updatePerson } from '../db/people.js';
import type { PersonInput } from '../db/people.js';
import { deleteVenue, insertVenue, updateVenue, venueInUse } from '../db/venues.js';
import type { VenueInput } from '../db/venues.js';
import { conflict, done, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';

/**
 * The directory of people, organisations and venues: shared by every group, changed by
 * administrators and by anyone who writes in a group.
 */

// The chosen organisation may have been deleted since the form was loaded.
const organisationMissing = (db: Db, input: PersonInput) => input.organisationId != null && !findOrganisation(db, input.organisationId);

export function createPerson(ctx: ActionContext, form: PersonInput): Result<{ id: number }> {
  ensure(canEditDirectory(ctx.viewer));
  if (organisationMissing(ctx.db, form)) return invalid({ organisationId: 'validation.unknownReference' });
  return done({ id: insertPerson(ctx.db, form, ctx.clock.now()) });
}

export function editPerson(ctx: ActionContext, id: number, form: PersonInput & { version: number }): Result<void> {
  const person = editablePerson(ctx.db, ctx.viewer, id);
  if (organisationMissing(ctx.db, form)) return invalid({ organisationId: 'validation.unknownReference' });
  if (!updatePerson(ctx.db, person.id, form.version, form, ctx.clock.now())) return conflict(undefined, person.version);
  return done(undefined);
}

/** Deletes a person nobody refers to (a membership, a meeting role, an account, a task, an attendance). */
export function removePerson(ctx: ActionContext, id: number): Result<void> {
  const person = editablePerson(ctx.db, ctx.viewer, id);
  if (personInUse(ctx.db, person.id)) return conflict({ _form: 'people.deleteInUse' });
  deletePerson(ctx.db, person.id);
  return done(undefined);
}

export function createOrganisation(ctx: ActionContext, form: OrganisationInput): Result<void> {
  ensure(canEditDirectory(ctx.viewer));
  if (organisationNameTaken(ctx.db, form.name)) return invalid({ name: 'organisations.nameTaken' });
  insertOrganisation(ctx.db, form, ctx.clock.now());
  return done(undefined);
}

export function editOrganisation(ctx: ActionContext, id: number, form: OrganisationInput & { version: number }): Result<void> {
  const organisation = editableOrganisation(ctx.db, ctx.viewer, id);
  if (organisationNameTaken(ctx.db, form.name, organisation.id)) return invalid({ name: 'organisations.nameTaken' });
  if (!updateOrganisation(ctx.db, organisation.id, form.version, form, ctx.clock.now())) return conflict(undefined, organisation.version);
  return done(undefined);
}

export function removeOrganisation(ctx: ActionContext, id: number): Result<void> {
  const organisation = editableOrganisation(ctx.db, ctx.viewer, id);
  if (organisationInUse(ctx.db, organisation.id)) return conflict({ _form: 'organisations.deleteInUse' });
  deleteOrganisation(ctx.db, organisation.id);
  return done(undefined);
}

export function createVenue(ctx: ActionContext, form: VenueInput): Result<void> {
  ensure(canEditDirectory(ctx.viewer));
  insertVenue(ctx.db, form, ctx.clock.now());
  return done(undefined);
}

export function editVenue(ctx: ActionContext, id: number, form: VenueInput & { version: number }): Result<void> {
  const venue = editableVenue(ctx.db, ctx.viewer, id);
  if (!updateVenue(ctx.db, venue.id, form.version, form, ctx.clock.now())) return conflict(undefined, venue.version);
  return done(undefined);
}

export function removeVenue(ctx: ActionContext, id: number): Result<void> {
  const venue = editableVenue(ctx.db, ctx.viewer, id);
  if (venueInUse(ctx.db, venue.id)) return conflict({ _form: 'venues.deleteInUse' });
  deleteVenue(ctx.db, venue.id);
  return done(undefined);
}
