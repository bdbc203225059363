import { Router } from 'express';
import type { Request, Response } from 'express';
import type { Db } from '../db/index.js';
import type { Group } from '../db/groups.js';
import { listPersonOptions, personExists } from '../db/people.js';
import {
  deleteMembership,
  findMembership,
  insertMembership,
  listMembershipsOfGroup,
  membershipExists,
  roles,
  updateMembership,
} from '../db/memberships.js';
import type { MembershipRow } from '../db/memberships.js';
import { notFound } from '../errors.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { membershipEditSchema, membershipSchema } from '../forms/memberships.js';
import { redirectWithFlash } from '../request-context.js';
import type { GroupAccess } from './groups.js';
import { idParam } from './params.js';

export interface MembershipDeps {
  db: Db;
  groups: GroupAccess;
  /** Today's date (YYYY-MM-DD) in the instance's zone: memberships ending before it are over. */
  today: () => string;
}

/** A group's members: the manage page, add, edit, remove. Mounted by groupsRouter, which owns /groups/:slug. */
export function membershipRoutes({ db, groups, today }: MembershipDeps): Router {
  const router = Router();
  const membersPath = (group: Group) => `/groups/${group.slug}/members`;

  const renderMembers = (res: Response, status: number, group: Group, values: FormValues, errors: FieldErrors) =>
    res.status(status).render('groups/members', {
      group,
      memberships: listMembershipsOfGroup(db, group.id),
      personOptions: listPersonOptions(db),
      roles,
      values,
      errors,
    });

  const renderEdit = (res: Response, status: number, group: Group, membership: MembershipRow, values: FormValues, errors: FieldErrors) =>
    res.status(status).render('memberships/edit', { group, membership, roles, values, errors });

  // A membership id that belongs to another group is as unknown here as one that does not exist.
  const membershipOf = (group: Group, req: Request): MembershipRow => {
    const membership = findMembership(db, idParam(req.params.id));
    if (!membership || membership.groupId !== group.id) throw notFound();
    return membership;
  };

  // A membership that already ended is history, not a duplicate of the current one.
  const isCurrent = (until: string | undefined) => until === undefined || until >= today();

  router.get('/groups/:slug/members', (req, res) => {
    renderMembers(res, 200, groups.writable(req), { role: 'member' }, {});
  });

  router.post('/groups/:slug/members', (req, res) => {
    const group = groups.writable(req);
    const form = parseForm(membershipSchema, req.body);
    if (!form.ok) return renderMembers(res, 422, group, form.values, form.errors);
    const { personId, role, until } = form.data;
    if (!personExists(db, personId)) {
      return renderMembers(res, 422, group, form.values, { personId: 'validation.unknownReference' });
    }
    if (isCurrent(until) && membershipExists(db, group.id, personId, role, today())) {
      return renderMembers(res, 422, group, form.values, { personId: 'memberships.duplicate' });
    }
    insertMembership(db, group.id, form.data);
    redirectWithFlash(res, membersPath(group), 'flash.created');
  });

  router.get('/groups/:slug/members/:id/edit', (req, res) => {
    const group = groups.writable(req);
    const membership = membershipOf(group, req);
    renderEdit(res, 200, group, membership, valuesOf(membership), {});
  });

  router.post('/groups/:slug/members/:id', (req, res) => {
    const group = groups.writable(req);
    const membership = membershipOf(group, req);
    const form = parseForm(membershipEditSchema, req.body);
    if (!form.ok) return renderEdit(res, 422, group, membership, form.values, form.errors);
    const { role, until } = form.data;
    if (isCurrent(until) && membershipExists(db, group.id, membership.personId, role, today(), membership.id)) {
      return renderEdit(res, 422, group, membership, form.values, { role: 'memberships.duplicate' });
    }
    if (!updateMembership(db, membership.id, form.data.version, form.data)) {
      const values = { ...form.values, version: String(membership.version) };
      return renderEdit(res, 409, group, membership, values, { _form: 'validation.conflict' });
    }
    redirectWithFlash(res, membersPath(group), 'flash.saved');
  });

  router.post('/groups/:slug/members/:id/delete', (req, res) => {
    const group = groups.writable(req);
    deleteMembership(db, membershipOf(group, req).id);
    redirectWithFlash(res, membersPath(group), 'flash.deleted');
  });

  return router;
}
