import type { Request, Response } from 'express';
import { canManageAccounts, canManageGroups, canReadGroup, canReadMinutes, canWriteGroup, ensure, manageableGroup, readScope, readableGroup, viewerOf, writableGroup } from '../access.js';
import type { Viewer } from '../access.js';
import { addMembership, createGroup, editGroup, editMembership, membershipOf, removeGroup, removeMembership } from '../actions/groups.js';
import type { AppDeps } from '../app.js';
import { meetingYear } from '../clock.js';
import { findAccount } from '../db/accounts.js';
import { attendanceCounts } from '../db/attendance.js';
import { findGroup, listGroupOptions, listGroups, listSubgroups } from '../db/groups.js';
import type { Group, GroupListRow } from '../db/groups.js';
import type { Db } from '../db/index.js';
import { listMeetingsOfGroup } from '../db/meetings.js';
import type { MeetingListRow } from '../db/meetings.js';
import { listMembershipsOfGroup, membershipPeriod, roles } from '../db/memberships.js';
import type { MembershipRow } from '../db/memberships.js';
import { listOrganisationOptions } from '../db/organisations.js';
import { listPeople } from '../db/people.js';
import { notFound } from '../errors.js';
import { groupEditSchema, groupSchema } from '../forms/groups.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { membershipEditSchema, membershipSchema } from '../forms/memberships.js';
import { personErrorsShown } from '../forms/onboarding.js';
import { redirectWithFlash } from '../request-context.js';
import { personOptions } from '../zapis/names.js';
import { renderOneTimeLink } from './accounts.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { groupFeedAddresses } from './feeds.js';
import { idParam, pageParam, valuesAfter } from './params.js';

/** A group in the list with the groups under it. */
export interface GroupNode {
  group: GroupListRow;
  children: GroupNode[];
}

const ARCHIVE_PAGE_SIZE = 25;

/** One page of the group's meetings the viewer may see, newest first, grouped by the year they belong to. */
function archivePage(db: Db, groupId: number, page: number, viewer: Viewer) {
  const { rows, total } = listMeetingsOfGroup(db, groupId, ARCHIVE_PAGE_SIZE, (page - 1) * ARCHIVE_PAGE_SIZE, readScope(viewer));
  const meetingsByYear: { year: number; meetings: MeetingListRow[] }[] = [];
  for (const row of rows) {
    const year = meetingYear(row);
    const last = meetingsByYear[meetingsByYear.length - 1];
    if (last?.year === year) last.meetings.push(row);
    else meetingsByYear.push({ year, meetings: [row] });
  }
  // Attendance is part of the minutes: counted only where the viewer may read them.
  const counted = rows.filter((row) => canReadMinutes(viewer, { leadGroup: { id: row.leadGroupId, visibility: row.leadGroupVisibility }, minutesPublished: row.minutesPublished })).map((row) => row.id);
  return { meetingsByYear, presentCounts: attendanceCounts(db, counted), page, pages: Math.max(1, Math.ceil(total / ARCHIVE_PAGE_SIZE)) };
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

/** The members on `today` by role (in role order, empty roles left out), those whose membership starts later, and those whose ended. */
function membersByRole(memberships: MembershipRow[], today: string) {
  const inPeriod = (period: ReturnType<typeof membershipPeriod>) => memberships.filter((m) => membershipPeriod(m, today) === period);
  const current = inPeriod('current');
  return {
    roleGroups: roles.map((role) => ({ role, members: current.filter((m) => m.role === role) })).filter((entry) => entry.members.length > 0),
    future: inPeriod('future'),
    former: inPeriod('former'),
  };
}

/** Groups: the list under umbrellas, the group page, create, edit, delete; their members. */
export function groupPages(
  deps: AppDeps,
): Pages<'index' | 'newForm' | 'create' | 'show' | 'editForm' | 'update' | 'remove' | 'members' | 'addMember' | 'memberForm' | 'updateMember' | 'removeMember'> {
  const { db, config } = deps;
  const slugOf = (req: Request) => String(req.params.slug);
  const membersPath = (group: Group) => `/groups/${group.slug}/members`;

  const renderForm = (res: Response, status: number, values: FormValues, errors: FieldErrors, group?: Group) =>
    res.status(status).render(group ? 'groups/edit' : 'groups/new', {
      values,
      errors,
      group,
      // The edit form never offers the group itself or anything under it as its umbrella.
      umbrellaOptions: listGroupOptions(db, group?.id ?? 0).filter((option) => canReadGroup(res.locals.viewer, option)),
    });

  const renderMembers = (res: Response, status: number, group: Group, values: FormValues, errors: FieldErrors) => {
    const people = personOptions(listPeople(db));
    res.status(status).render('groups/members', {
      group,
      memberships: listMembershipsOfGroup(db, group.id),
      personOptions: people,
      organisationOptions: listOrganisationOptions(db),
      roles,
      values,
      errors: personErrorsShown(errors, people.length > 0),
    });
  };

  const renderMember = (res: Response, status: number, group: Group, membership: MembershipRow, values: FormValues, errors: FieldErrors) =>
    res.status(status).render('memberships/edit', { group, membership, roles, values, errors });

  return {
    index(req, res) {
      const viewer = viewerOf(req);
      const readable = listGroups(db, res.locals.today).filter((group) => canReadGroup(viewer, group));
      res.render('groups/index', { tree: groupTree(readable), canCreate: canManageGroups(viewer) });
    },

    newForm(req, res) {
      ensure(canManageGroups(viewerOf(req)));
      renderForm(res, 200, { visibility: 'public' }, {});
    },

    create(req, res) {
      ensure(canManageGroups(viewerOf(req)));
      const form = parseForm(groupSchema, req.body);
      if (!form.ok) return renderForm(res, 422, form.values, form.errors);
      const result = createGroup(actionContext(deps, req, res), form.data);
      if (!result.ok) return renderForm(res, result.status, form.values, result.errors);
      redirectWithFlash(res, `/groups/${result.value.slug}`, 'flash.created');
    },

    show(req, res) {
      const viewer = viewerOf(req);
      const group = readableGroup(db, viewer, slugOf(req));
      const umbrella = group.umbrellaId === null ? undefined : findGroup(db, group.umbrellaId);
      const subscribe = groupFeedAddresses(config.baseUrl, group.slug);
      res.render('groups/show', {
        group,
        subscribe,
        feeds: [{ title: res.locals.t('feeds.groupTitle', { group: group.name }), href: subscribe.atom }],
        umbrella: umbrella && canReadGroup(viewer, umbrella) ? umbrella : undefined,
        subgroups: listSubgroups(db, group.id).filter((subgroup) => canReadGroup(viewer, subgroup)),
        ...membersByRole(listMembershipsOfGroup(db, group.id), res.locals.today),
        canWrite: canWriteGroup(viewer, group),
        canManage: canManageGroups(viewer),
        ...archivePage(db, group.id, pageParam(req.query.page), viewer),
      });
    },

    editForm(req, res) {
      const group = manageableGroup(db, viewerOf(req), slugOf(req));
      renderForm(res, 200, valuesOf(group), {}, group);
    },

    update(req, res) {
      const group = manageableGroup(db, viewerOf(req), slugOf(req));
      const form = parseForm(groupEditSchema, req.body);
      if (!form.ok) return renderForm(res, 422, form.values, form.errors, group);
      const result = editGroup(actionContext(deps, req, res), group.slug, form.data);
      if (!result.ok) return renderForm(res, result.status, valuesAfter(form.values, result), result.errors, group);
      redirectWithFlash(res, `/groups/${result.value.slug}`, 'flash.saved');
    },

    remove(req, res) {
      const group = manageableGroup(db, viewerOf(req), slugOf(req));
      const result = removeGroup(actionContext(deps, req, res), group.slug);
      if (!result.ok) return renderForm(res, result.status, valuesOf(group), result.errors, group);
      redirectWithFlash(res, '/groups', 'flash.deleted');
    },

    members(req, res) {
      renderMembers(res, 200, writableGroup(db, viewerOf(req), slugOf(req)), { role: 'member' }, {});
    },

    addMember(req, res) {
      const group = writableGroup(db, viewerOf(req), slugOf(req));
      const form = parseForm(membershipSchema, req.body);
      if (!form.ok) return renderMembers(res, 422, group, form.values, form.errors);
      const result = addMembership(actionContext(deps, req, res), group.slug, form.data);
      if (!result.ok) return renderMembers(res, result.status, group, form.values, result.errors);
      const invitation = result.value.invitation;
      if (!invitation) return redirectWithFlash(res, membersPath(group), 'flash.created');
      const account = findAccount(db, invitation.accountId);
      if (!account) throw notFound();
      renderOneTimeLink(res, config.baseUrl, {
        account,
        purpose: 'invite',
        link: invitation.link,
        foundByEmail: invitation.foundByEmail,
        membership: { group, role: form.data.role },
        back: [{ href: membersPath(group), label: 'onboarding.backToMembers' }],
        linkOnce: canManageAccounts(viewerOf(req)) ? undefined : 'onboarding.linkOnceAskAdmin',
      });
    },

    memberForm(req, res) {
      const group = writableGroup(db, viewerOf(req), slugOf(req));
      const membership = membershipOf(db, group.id, idParam(req.params.id));
      renderMember(res, 200, group, membership, valuesOf(membership), {});
    },

    updateMember(req, res) {
      const group = writableGroup(db, viewerOf(req), slugOf(req));
      const membership = membershipOf(db, group.id, idParam(req.params.id));
      const form = parseForm(membershipEditSchema, req.body);
      if (!form.ok) return renderMember(res, 422, group, membership, form.values, form.errors);
      const result = editMembership(actionContext(deps, req, res), group.slug, membership.id, form.data);
      if (!result.ok) return renderMember(res, result.status, group, membership, valuesAfter(form.values, result), result.errors);
      redirectWithFlash(res, membersPath(group), 'flash.saved');
    },

    removeMember(req, res) {
      const group = writableGroup(db, viewerOf(req), slugOf(req));
      removeMembership(actionContext(deps, req, res), group.slug, idParam(req.params.id));
      redirectWithFlash(res, membersPath(group), 'flash.deleted');
    },
  };
}
