import type { Request } from 'express';
import type { Role } from './db/memberships.js';
import { forbidden } from './errors.js';

/**
 * The one place that decides who may see and who may change what. Every route and every list
 * asks here (lists that page in SQL pass `readScope` to their query, which applies the same
 * rule as `canReadGroup`; test/access.test.ts checks the two agree).
 *
 * - Administrators may do everything.
 * - Administrators alone create groups and change their settings (name, visibility, umbrella).
 * - A group's chair and secretary write in it: meetings, agenda, minutes, members.
 * - Its members also read its members-only content; guests read what the public reads.
 * - A public group is readable by anyone; a members-only group does not exist for others
 *   (404, not 403, so that its name does not leak).
 * - A meeting is as visible as its lead group, the group that numbers it and names it; members
 *   of the other groups of a joint meeting read it too. So a joint meeting led by a members-only
 *   group never shows its lead group's name to the public through a public partner group.
 * - Minutes are readable once published; drafts only by those who write in the group.
 * - The directory (people, organisations, venues) holds contact details: signed-in users read
 *   it; administrators and anyone who writes in a group change it.
 */
export type Viewer =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'account';
      readonly accountId: number;
      readonly personId: number;
      readonly name: string;
      readonly isAdmin: boolean;
      /** The viewer's current role in each group they belong to. */
      readonly roles: ReadonlyMap<number, Role>;
    };

export interface GroupLike {
  readonly id: number;
  readonly visibility: 'public' | 'members';
}

const anonymous: Viewer = { kind: 'anonymous' };
const readingRoles: readonly Role[] = ['chair', 'secretary', 'member'];
const writingRoles: readonly Role[] = ['chair', 'secretary'];

/** Who is asking (set once per request by auth.loadViewer). */
export function viewerOf(req: Request): Viewer {
  return req.viewer ?? anonymous;
}

const isAdmin = (viewer: Viewer) => viewer.kind === 'account' && viewer.isAdmin;
const roleIn = (viewer: Viewer, groupId: number, roles: readonly Role[]) => {
  const role = viewer.kind === 'account' ? viewer.roles.get(groupId) : undefined;
  return role !== undefined && roles.includes(role);
};

/** May the viewer see this group, its members and its meetings? */
export function canReadGroup(viewer: Viewer, group: GroupLike): boolean {
  return group.visibility === 'public' || isAdmin(viewer) || roleIn(viewer, group.id, readingRoles);
}

/** May the viewer plan meetings and write agendas, minutes and members in this group? */
export function canWriteGroup(viewer: Viewer, group: GroupLike): boolean {
  return isAdmin(viewer) || roleIn(viewer, group.id, writingRoles);
}

/** May the viewer see this meeting? Through its lead group, or as a member of any of its groups. */
export function canReadMeeting(viewer: Viewer, meeting: { leadGroup: GroupLike; groups: readonly GroupLike[] }): boolean {
  return canReadGroup(viewer, meeting.leadGroup) || meeting.groups.some((group) => roleIn(viewer, group.id, readingRoles));
}

/** May the viewer change this meeting, its agenda and minutes? Decided by its lead group. */
export function canWriteMeeting(viewer: Viewer, meeting: { leadGroup: GroupLike }): boolean {
  return canWriteGroup(viewer, meeting.leadGroup);
}

/** May the viewer read the minutes (proceedings and notes) of a meeting they can see? */
export function canReadMinutes(viewer: Viewer, meeting: { leadGroup: GroupLike; minutesPublished: boolean }): boolean {
  return meeting.minutesPublished || canWriteMeeting(viewer, meeting);
}

/** May the viewer read the directory of people, organisations and venues? */
export function canReadDirectory(viewer: Viewer): boolean {
  return viewer.kind === 'account';
}

const writesInSomeGroup = (viewer: Viewer) =>
  isAdmin(viewer) || (viewer.kind === 'account' && [...viewer.roles.values()].some((role) => writingRoles.includes(role)));

/** May the viewer change the directory (organisations, people, venues)? Those who run a group need to. */
export function canEditDirectory(viewer: Viewer): boolean {
  return writesInSomeGroup(viewer);
}

/** May the viewer plan meetings at all (in some group they write in)? */
export function canPlanMeetings(viewer: Viewer): boolean {
  return writesInSomeGroup(viewer);
}

/** May the viewer create groups and change their settings (name, visibility, umbrella) or delete them? */
export function canManageGroups(viewer: Viewer): boolean {
  return isAdmin(viewer);
}

/** May the viewer manage accounts (invite, reset, deactivate)? */
export function canManageAccounts(viewer: Viewer): boolean {
  return isAdmin(viewer);
}

/** What a paged SQL list needs to apply canReadMeeting itself: everything, or public lead groups plus these groups' meetings. */
export interface ReadScope {
  readonly all: boolean;
  readonly groupIds: readonly number[];
}

/** The viewer's read scope for lists filtered in SQL. */
export function readScope(viewer: Viewer): ReadScope {
  if (isAdmin(viewer)) return { all: true, groupIds: [] };
  if (viewer.kind === 'anonymous') return { all: false, groupIds: [] };
  return { all: false, groupIds: [...viewer.roles].filter(([, role]) => readingRoles.includes(role)).map(([groupId]) => groupId) };
}

/** Throws 403 unless the check passed. */
export function ensure(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
