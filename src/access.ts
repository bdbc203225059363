import type { Db } from './db/index.js';
import { findAccount } from './db/accounts.js';
import type { Account } from './db/accounts.js';
import { findOrganisation } from './db/organisations.js';
import type { Organisation } from './db/organisations.js';
import { findPerson } from './db/people.js';
import type { Person } from './db/people.js';
import { findVenue } from './db/venues.js';
import type { Venue } from './db/venues.js';
import { findActionItem } from './db/action-items.js';
import type { ActionItem } from './db/action-items.js';
import { findAttachment } from './db/attachments.js';
import type { Attachment } from './db/attachments.js';
import { findGroupBySlug } from './db/groups.js';
import type { Group } from './db/groups.js';
import { findMeetingDetail } from './db/meetings.js';
import type { MeetingDetail } from './db/meetings.js';
import type { Role } from './db/memberships.js';
import { forbidden, notFound } from './errors.js';

/**
 * The one place that decides who may see and who may change what. Every route, action, list and
 * export asks here; queries that filter in SQL take the viewer's `readScope`, whose conditions in
 * db/scope.ts say the same as the predicates below (test/db/scope.test.ts checks that they agree).
 *
 * - Administrators may do everything.
 * - Administrators alone create groups and change their settings (name, visibility, umbrella).
 * - A group's chair and secretary write in it: meetings, agenda, minutes, members. They may also
 *   invite people into it (an account with a one-time link), but only people who belong to no
 *   group they do not run, and never as administrators.
 * - Its members also read its members-only content; guests read what the public reads.
 * - A public group is readable by anyone; a members-only group does not exist for others
 *   (404, not 403, so that its name does not leak).
 * - A meeting is as visible as its lead group, the group that numbers it and names it; members
 *   of the other groups of a joint meeting read it too. So a joint meeting led by a members-only
 *   group never shows its lead group's name to the public through a public partner group.
 * - Minutes (with their attendance, resolutions, tasks and attachments) are readable once
 *   published; drafts only by those who write in the lead group.
 * - The directory (people, organisations, venues) holds contact details: signed-in users read
 *   it; administrators and anyone who writes in a group change it.
 * - Roles count from the day a membership starts to the day it ends (db/memberships.ts).
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
/** Nobody signed in. */
export const anonymousViewer = anonymous;
const readingRoles: readonly Role[] = ['chair', 'secretary', 'member'];
const writingRoles: readonly Role[] = ['chair', 'secretary'];

/** Who is asking (set once per request by auth.loadViewer). */
export function viewerOf(req: { viewer?: Viewer }): Viewer {
  return req.viewer ?? anonymous;
}

const isAdmin = (viewer: Viewer) => viewer.kind === 'account' && viewer.isAdmin;
const roleIn = (viewer: Viewer, groupId: number, roles: readonly Role[]) => {
  const role = viewer.kind === 'account' ? viewer.roles.get(groupId) : undefined;
  return role !== undefined && roles.includes(role);
};

/**
 * The viewer's visibility class: viewers of one class are told the same by every rule here
 * (administrator, nobody signed in, or the groups one reads and writes in), so a page worded for one
 * of them is right for all of them. Names, task counts and tokens are the person's own and are
 * never part of what is shared by class.
 */
export function viewerClass(viewer: Viewer): string {
  if (viewer.kind === 'anonymous') return 'anonymous';
  if (viewer.isAdmin) return 'administrator';
  const groups = [...viewer.roles]
    .map(([groupId, role]) => (writingRoles.includes(role) ? `${groupId}w` : readingRoles.includes(role) ? `${groupId}r` : ''))
    .filter(Boolean)
    .sort();
  return `groups:${groups.join(',')}`;
}

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

/**
 * May the viewer read what a meeting keeps for members only (attachments so marked, such as a
 * board's applicants' CVs)? Administrators and the members of any of the meeting's groups.
 */
export function canReadMembersFiles(viewer: Viewer, meeting: { groups: readonly GroupLike[] }): boolean {
  return isAdmin(viewer) || meeting.groups.some((group) => roleIn(viewer, group.id, readingRoles));
}

/** May the viewer read this attachment of a meeting whose minutes they read? Members-only files need membership. */
export function canReadAttachment(viewer: Viewer, meeting: { groups: readonly GroupLike[] }, attachment: { visibility: 'public' | 'members' }): boolean {
  return attachment.visibility === 'public' || canReadMembersFiles(viewer, meeting);
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

/**
 * May the viewer give a person an account, invited into this group? Administrators invite anyone
 * anywhere (and alone make administrators: canManageAccounts). A group's chair and secretary, who
 * manage its members alone, invite into it a person whose memberships (`personGroupIds`, of any
 * period) are all in groups they run: an account reads what its person's memberships open, and
 * nobody may hand out more than they have.
 */
export function canInviteIntoGroup(viewer: Viewer, group: GroupLike, personGroupIds: readonly number[]): boolean {
  return isAdmin(viewer) || (roleIn(viewer, group.id, writingRoles) && personGroupIds.every((groupId) => roleIn(viewer, groupId, writingRoles)));
}

/** The groups the viewer runs by a role of their own (an administrator writes everywhere, but these are theirs). */
export function groupsRunBy(viewer: Viewer): number[] {
  return viewer.kind === 'account' ? [...viewer.roles].filter(([, role]) => writingRoles.includes(role)).map(([groupId]) => groupId) : [];
}

/**
 * What a query needs to apply canReadMeeting and canReadMinutes itself (db/scope.ts): everything,
 * or public lead groups plus the groups the viewer reads in, and the drafts of the groups they write in.
 */
export interface ReadScope {
  readonly all: boolean;
  readonly readGroupIds: readonly number[];
  readonly writeGroupIds: readonly number[];
}

/** The viewer's scope for lists filtered in SQL. */
export function readScope(viewer: Viewer): ReadScope {
  if (viewer.kind === 'anonymous' || viewer.isAdmin) return { all: isAdmin(viewer), readGroupIds: [], writeGroupIds: [] };
  const having = (roles: readonly Role[]) => [...viewer.roles].filter(([, role]) => roles.includes(role)).map(([groupId]) => groupId);
  return { all: false, readGroupIds: having(readingRoles), writeGroupIds: having(writingRoles) };
}

/** Throws 403 unless the check passed. */
export function ensure(allowed: boolean): void {
  if (!allowed) throw forbidden();
}

// ------------------------------------------------------------------ load or refuse
// Each returns the row when the viewer may see (or change) it; a hidden row is a 404, as if it did
// not exist, and a row the viewer sees but may not change is a 403.

const found = <T>(row: T | undefined): T => {
  if (row === undefined) throw notFound();
  return row;
};

/** A meeting the viewer may see. */
export function readableMeeting(db: Db, viewer: Viewer, id: number): MeetingDetail {
  const meeting = found(findMeetingDetail(db, id));
  if (!canReadMeeting(viewer, meeting)) throw notFound();
  return meeting;
}

/** A meeting the viewer may change (its agenda, minutes, attendance, decisions). */
export function writableMeeting(db: Db, viewer: Viewer, id: number): MeetingDetail {
  const meeting = readableMeeting(db, viewer, id);
  ensure(canWriteMeeting(viewer, meeting));
  return meeting;
}

/** A meeting whose minutes the viewer may read (what is part of them: the attendance sheet, say). */
export function meetingWithReadableMinutes(db: Db, viewer: Viewer, id: number): MeetingDetail {
  const meeting = readableMeeting(db, viewer, id);
  if (!canReadMinutes(viewer, meeting)) throw notFound();
  return meeting;
}

/** A group the viewer may see, by its URL slug. */
export function readableGroup(db: Db, viewer: Viewer, slug: string): Group {
  const group = found(findGroupBySlug(db, slug));
  if (!canReadGroup(viewer, group)) throw notFound();
  return group;
}

/** A group the viewer writes in (plans meetings, manages members). */
export function writableGroup(db: Db, viewer: Viewer, slug: string): Group {
  const group = readableGroup(db, viewer, slug);
  ensure(canWriteGroup(viewer, group));
  return group;
}

/** A group whose settings the viewer may change. */
export function manageableGroup(db: Db, viewer: Viewer, slug: string): Group {
  const group = readableGroup(db, viewer, slug);
  ensure(canManageGroups(viewer));
  return group;
}

/** An action item: part of the minutes it arose in, so hidden unless the viewer reads the meeting and its minutes. */
export function readableActionItem(db: Db, viewer: Viewer, id: number): ActionItem {
  const item = found(findActionItem(db, id));
  if (!canReadMeeting(viewer, item.meeting) || !canReadMinutes(viewer, item.meeting)) throw notFound();
  return item;
}

/** An action item the viewer may change: those who write in its group (hidden, as on its page, when its minutes are). */
export function writableActionItem(db: Db, viewer: Viewer, id: number): ActionItem {
  const item = readableActionItem(db, viewer, id);
  ensure(canWriteGroup(viewer, item.group));
  return item;
}

/**
 * May the viewer read what a meeting of the item's group recorded about it (a step of its trail)?
 * Reviews happen at the group's own meetings: those who read the group, once those minutes are published.
 */
export function canReadReview(viewer: Viewer, group: GroupLike, meeting: { minutesPublished: boolean }): boolean {
  return canReadGroup(viewer, group) && canReadMinutes(viewer, { leadGroup: group, minutesPublished: meeting.minutesPublished });
}

/** A meeting's attachment: it follows the minutes, hidden unless the viewer reads the meeting and its minutes. */
export function readableAttachment(db: Db, viewer: Viewer, id: number): { attachment: Attachment; meeting: MeetingDetail } {
  const attachment = found(findAttachment(db, id));
  // A group's logo is not a meeting's attachment: it is served at /groups/:slug/logo.
  if (attachment.meetingId === null) throw notFound();
  const meeting = meetingWithReadableMinutes(db, viewer, attachment.meetingId);
  // A file for members only does not exist for anyone else, as a hidden group does not.
  if (!canReadAttachment(viewer, meeting, attachment)) throw notFound();
  return { attachment, meeting };
}

/** A person of the directory, for those who may change it. */
export function editablePerson(db: Db, viewer: Viewer, id: number): Person {
  ensure(canEditDirectory(viewer));
  return found(findPerson(db, id));
}

/** An organisation of the directory, for those who may change it. */
export function editableOrganisation(db: Db, viewer: Viewer, id: number): Organisation {
  ensure(canEditDirectory(viewer));
  return found(findOrganisation(db, id));
}

/** A venue of the directory, for those who may change it. */
export function editableVenue(db: Db, viewer: Viewer, id: number): Venue {
  ensure(canEditDirectory(viewer));
  return found(findVenue(db, id));
}

/** An account, for administrators. */
export function manageableAccount(db: Db, viewer: Viewer, id: number): Account {
  ensure(canManageAccounts(viewer));
  return found(findAccount(db, id));
}

/** A meeting's attachment the viewer may rename or delete: those who write in the lead group. */
export function writableAttachment(db: Db, viewer: Viewer, id: number): { attachment: Attachment; meeting: MeetingDetail } {
  const readable = readableAttachment(db, viewer, id);
  ensure(canWriteMeeting(viewer, readable.meeting));
  return readable;
}
