import { canManageGroups, ensure, manageableGroup, writableGroup } from '../access.js';
import { removeGroupLogo } from '../db/attachments.js';
import { deleteGroup, findGroup, groupDependents, insertGroup, slugTaken, umbrellaCreatesCycle, uniqueSlugFor, updateGroup } from '../db/groups.js';
import type { GroupInput } from '../db/groups.js';
import type { Db } from '../db/index.js';
import { deleteMembership, findMembership, insertMembership, membershipOverlaps, updateMembership } from '../db/memberships.js';
import type { MembershipChange, MembershipInput, MembershipRow } from '../db/memberships.js';
import { personExists } from '../db/people.js';
import { notFound } from '../errors.js';
import type { FieldErrors } from '../forms/index.js';
import { removeStoredFiles } from '../uploads.js';
import { conflict, done, hasErrors, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';

/** Checks the form cannot make on its own: a free slug and an umbrella that exists and makes no loop. */
function groupProblems(db: Db, data: { slug: string; umbrellaId?: number | null }, groupId = 0): FieldErrors {
  const errors: FieldErrors = {};
  if (slugTaken(db, data.slug, groupId)) errors.slug = 'groups.slugTaken';
  const umbrellaId = data.umbrellaId;
  if (umbrellaId === undefined || umbrellaId === null) return errors;
  if (umbrellaId === groupId) errors.umbrellaId = 'groups.umbrellaSelf';
  else if (!findGroup(db, umbrellaId)) errors.umbrellaId = 'validation.unknownReference';
  else if (groupId && umbrellaCreatesCycle(db, groupId, umbrellaId)) errors.umbrellaId = 'groups.umbrellaCycle';
  return errors;
}

/** Creates a group (administrators only); without a slug, one is made from the name. */
export function createGroup(ctx: ActionContext, form: Omit<GroupInput, 'slug'> & { slug?: string }): Result<{ slug: string }> {
  ensure(canManageGroups(ctx.viewer));
  const slug = form.slug ?? uniqueSlugFor(ctx.db, form.name);
  const errors = groupProblems(ctx.db, { slug, umbrellaId: form.umbrellaId });
  if (hasErrors(errors)) return invalid(errors);
  insertGroup(ctx.db, { ...form, slug }, ctx.clock.now());
  return done({ slug });
}

/** Changes a group's settings if still at `version`. */
export function editGroup(ctx: ActionContext, slug: string, form: GroupInput & { version: number }): Result<{ slug: string }> {
  const group = manageableGroup(ctx.db, ctx.viewer, slug);
  const errors = groupProblems(ctx.db, { slug: form.slug, umbrellaId: form.umbrellaId }, group.id);
  if (hasErrors(errors)) return invalid(errors);
  if (!updateGroup(ctx.db, group.id, form.version, form, ctx.clock.now())) return conflict(undefined, group.version);
  return done({ slug: form.slug });
}

/** Deletes a group without meetings or groups under it, with its memberships and its logo. */
export function removeGroup(ctx: ActionContext, slug: string): Result<void> {
  const group = manageableGroup(ctx.db, ctx.viewer, slug);
  const dependents = groupDependents(ctx.db, group.id);
  if (dependents.meetings > 0) return conflict({ _form: 'groups.deleteHasMeetings' });
  if (dependents.subgroups > 0) return conflict({ _form: 'groups.deleteHasSubgroups' });
  // The logo's row goes with the group; its file must go too.
  const logo = ctx.db.transaction(() => {
    const storedName = removeGroupLogo(ctx.db, group.id);
    deleteGroup(ctx.db, group.id);
    return storedName;
  })();
  if (logo) removeStoredFiles(ctx.uploadsDir, [logo]);
  return done(undefined);
}

/** A membership of this group (one of another group is as unknown here as one that does not exist). */
export function membershipOf(db: Db, groupId: number, id: number): MembershipRow {
  const membership = findMembership(db, id);
  if (!membership || membership.groupId !== groupId) throw notFound();
  return membership;
}

/** Adds a member in a role for a period; the same role for overlapping days is a duplicate. */
export function addMembership(ctx: ActionContext, slug: string, form: MembershipInput): Result<void> {
  const group = writableGroup(ctx.db, ctx.viewer, slug);
  if (!personExists(ctx.db, form.personId)) return invalid({ personId: 'validation.unknownReference' });
  if (membershipOverlaps(ctx.db, group.id, form.personId, form.role, form)) return invalid({ personId: 'memberships.duplicate' });
  insertMembership(ctx.db, group.id, form, ctx.clock.now());
  return done(undefined);
}

/** Changes a membership's role and period if still at `version`. */
export function editMembership(ctx: ActionContext, slug: string, id: number, form: MembershipChange & { version: number }): Result<void> {
  const group = writableGroup(ctx.db, ctx.viewer, slug);
  const membership = membershipOf(ctx.db, group.id, id);
  if (membershipOverlaps(ctx.db, group.id, membership.personId, form.role, form, membership.id)) return invalid({ role: 'memberships.duplicate' });
  if (!updateMembership(ctx.db, membership.id, form.version, form, ctx.clock.now())) return conflict(undefined, membership.version);
  return done(undefined);
}

/** Removes a membership. */
export function removeMembership(ctx: ActionContext, slug: string, id: number): void {
  const group = writableGroup(ctx.db, ctx.viewer, slug);
  deleteMembership(ctx.db, membershipOf(ctx.db, group.id, id).id);
}
