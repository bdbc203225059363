import { Router } from 'express';
import { listMeetingsOfGroup } from '../db/meetings.js';
import { attendanceCounts } from '../db/attendance.js';
import { removeGroupLogo } from '../db/attachments.js';
import { removeStoredFiles } from '../uploads.js';
import type { MeetingListRow } from '../db/meetings.js';
import { pageParam } from './params.js';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import type { AppDeps } from '../app.js';
import { canManageGroups, canReadGroup, canWriteGroup, ensure, readScope, viewerOf } from '../access.js';
import type { ReadScope } from '../access.js';
import type { Db } from '../db/index.js';
import {
  deleteGroup,
  findGroup,
  findGroupBySlug,
  groupDependents,
  insertGroup,
  listGroupOptions,
  listGroups,
  listSubgroups,
  slugTaken,
  uniqueSlugFor,
  umbrellaCreatesCycle,
  updateGroup,
} from '../db/groups.js';
import type { Group, GroupListRow } from '../db/groups.js';
import { listMembershipsOfGroup, roles } from '../db/memberships.js';
import type { MembershipRow } from '../db/memberships.js';
import { notFound } from '../errors.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { groupEditSchema, groupSchema } from '../forms/groups.js';
import { redirectWithFlash } from '../request-context.js';
import { membershipRoutes } from './memberships.js';

/** A group in the list with the groups under it. */
export interface GroupNode {
  group: GroupListRow;
  children: GroupNode[];
}

const ARCHIVE_PAGE_SIZE = 25;

/** One page of the group's meetings, newest first, grouped by the year they took place in. */
function archivePage(db: Db, groupId: number, page: number, scope: ReadScope, seesDrafts: boolean) {
  const { rows, total } = listMeetingsOfGroup(db, groupId, ARCHIVE_PAGE_SIZE, (page - 1) * ARCHIVE_PAGE_SIZE, scope);
  const meetingsByYear: { year: number; meetings: MeetingListRow[] }[] = [];
  for (const row of rows) {
    const year = DateTime.fromISO(row.startsAt, { zone: row.timeZone }).year;
    const last = meetingsByYear[meetingsByYear.length - 1];
    if (last?.year === year) last.meetings.push(row);
    else meetingsByYear.push({ year, meetings: [row] });
  }
  // Attendance is part of the minutes: counted only where the viewer may read them.
  const counted = rows.filter((row) => row.minutesPublished || (seesDrafts && row.leadGroupId === groupId)).map((row) => row.id);
  return { meetingsByYear, presentCounts: attendanceCounts(db, counted), page, pages: Math.max(1, Math.ceil(total / ARCHIVE_PAGE_SIZE)) };
}

/** Groups: the list under umbrellas, the group page, create, edit, delete; memberships are mounted here too. */
export function groupsRouter({ db, config }: AppDeps): Router {
  const router = Router();
  const today = () => DateTime.now().setZone(config.timeZone).toISODate() ?? '';
  const groups = groupAccess(db);

  const renderForm = (res: Response, status: number, values: FormValues, errors: FieldErrors, group?: Group) =>
    res.status(status).render(group ? 'groups/edit' : 'groups/new', {
      values,
      errors,
      group,
      // The edit form never offers the group itself or anything under it as its umbrella.
      umbrellaOptions: listGroupOptions(db, group?.id ?? 0).filter((option) => canReadGroup(res.locals.viewer, option)),
    });

  router.get('/groups', (req, res) => {
    const viewer = viewerOf(req);
    const readable = listGroups(db, today()).filter((group) => canReadGroup(viewer, group));
    res.render('groups/index', { tree: groupTree(readable), canCreate: canManageGroups(viewer) });
  });

  router.get('/groups/new', (req, res) => {
    ensure(canManageGroups(viewerOf(req)));
    renderForm(res, 200, { visibility: 'public' }, {});
  });

  router.post('/groups', (req, res) => {
    ensure(canManageGroups(viewerOf(req)));
    const form = parseForm(groupSchema, req.body);
    if (!form.ok) return renderForm(res, 422, form.values, form.errors);
    const slug = form.data.slug ?? uniqueSlugFor(db, form.data.name);
    const errors = groupProblems(db, { slug, umbrellaId: form.data.umbrellaId });
    if (Object.keys(errors).length) return renderForm(res, 422, form.values, errors);
    insertGroup(db, { ...form.data, slug });
    redirectWithFlash(res, `/groups/${slug}`, 'flash.created');
  });

  router.get('/groups/:slug', (req, res) => {
    const viewer = viewerOf(req);
    const group = groups.readable(req);
    const umbrella = group.umbrellaId === null ? undefined : findGroup(db, group.umbrellaId);
    res.render('groups/show', {
      group,
      umbrella: umbrella && canReadGroup(viewer, umbrella) ? umbrella : undefined,
      subgroups: listSubgroups(db, group.id).filter((subgroup) => canReadGroup(viewer, subgroup)),
      ...membersByRole(listMembershipsOfGroup(db, group.id), today()),
      canWrite: canWriteGroup(viewer, group),
      canManage: canManageGroups(viewer),
      ...archivePage(db, group.id, pageParam(req.query.page), readScope(viewer), canWriteGroup(viewer, group)),
    });
  });

  router.get('/groups/:slug/edit', (req, res) => {
    const group = groups.manageable(req);
    renderForm(res, 200, valuesOf(group), {}, group);
  });

  router.post('/groups/:slug', (req, res) => {
    const group = groups.manageable(req);
    const form = parseForm(groupEditSchema, req.body);
    if (!form.ok) return renderForm(res, 422, form.values, form.errors, group);
    const slug = form.data.slug;
    const errors = groupProblems(db, { slug, umbrellaId: form.data.umbrellaId }, group.id);
    if (Object.keys(errors).length) return renderForm(res, 422, form.values, errors, group);
    if (!updateGroup(db, group.id, form.data.version, form.data)) {
      return renderForm(res, 409, { ...form.values, version: String(group.version) }, { _form: 'validation.conflict' }, group);
    }
    redirectWithFlash(res, `/groups/${slug}`, 'flash.saved');
  });

  router.post('/groups/:slug/delete', (req, res) => {
    const group = groups.manageable(req);
    const dependents = groupDependents(db, group.id);
    if (dependents.meetings > 0 || dependents.subgroups > 0) {
      const reason = dependents.meetings > 0 ? 'groups.deleteHasMeetings' : 'groups.deleteHasSubgroups';
      return renderForm(res, 409, valuesOf(group), { _form: reason }, group);
    }
    // The logo's row goes with the group; its file must go too.
    const logo = db.transaction(() => {
      const storedName = removeGroupLogo(db, group.id);
      deleteGroup(db, group.id);
      return storedName;
    })();
    if (logo) removeStoredFiles(config.uploadsDir, [logo]);
    redirectWithFlash(res, '/groups', 'flash.deleted');
  });

  router.use(membershipRoutes({ db, groups, today }));
  return router;
}

/** Finds the group named in the URL for a reader (404 when hidden), a writer or a manager (403 when not one). */
export interface GroupAccess {
  readable(req: Request): Group;
  writable(req: Request): Group;
  manageable(req: Request): Group;
}

/** The group lookups shared by the group and membership routes. */
export function groupAccess(db: Db): GroupAccess {
  const readable = (req: Request): Group => {
    const group = findGroupBySlug(db, String(req.params.slug));
    // Not 403: a members-only group must not reveal that it exists.
    if (!group || !canReadGroup(viewerOf(req), group)) throw notFound();
    return group;
  };
  const writable = (req: Request): Group => {
    const group = readable(req);
    ensure(canWriteGroup(viewerOf(req), group));
    return group;
  };
  const manageable = (req: Request): Group => {
    const group = readable(req);
    ensure(canManageGroups(viewerOf(req)));
    return group;
  };
  return { readable, writable, manageable };
}

/** Checks the form cannot make on its own: a free slug and an umbrella that exists and makes no loop. */
function groupProblems(db: Db, data: { slug: string; umbrellaId?: number }, groupId = 0): FieldErrors {
  const errors: FieldErrors = {};
  if (slugTaken(db, data.slug, groupId)) errors.slug = 'groups.slugTaken';
  const umbrellaId = data.umbrellaId;
  if (umbrellaId === undefined) return errors;
  if (umbrellaId === groupId) errors.umbrellaId = 'groups.umbrellaSelf';
  else if (!findGroup(db, umbrellaId)) errors.umbrellaId = 'validation.unknownReference';
  else if (groupId && umbrellaCreatesCycle(db, groupId, umbrellaId)) errors.umbrellaId = 'groups.umbrellaCycle';
  return errors;
}

/** Nests groups under their umbrellas; a group whose umbrella is not in the list stands at the top. */
export function groupTree(rows: GroupListRow[]): GroupNode[] {
  const nodes = new Map(rows.map((group): [number, GroupNode] => [group.id, { group, children: [] }]));
  const roots: GroupNode[] = [];
  for (const node of nodes.values()) {
    const umbrella = node.group.umbrellaId === null ? undefined : nodes.get(node.group.umbrellaId);
    (umbrella ? umbrella.children : roots).push(node);
  }
  return roots;
}

/** Current memberships grouped by role (in role order, empty roles left out) and the ones that ended. */
function membersByRole(memberships: MembershipRow[], today: string) {
  const current = memberships.filter((m) => m.until === null || m.until >= today);
  return {
    roleGroups: roles
      .map((role) => ({ role, members: current.filter((m) => m.role === role) }))
      .filter((entry) => entry.members.length > 0),
    former: memberships.filter((m) => m.until !== null && m.until < today),
  };
}
