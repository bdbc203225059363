import { canManageGroups, ensure, manageableGroup, writableGroup } from '../access.js';
import { removeGroupLogo } from '../db/attachments.js';
import { deleteGroup, findGroup, groupDependents, insertGroup, slugTaken, umbrellaCreatesCycle, uniqueSlugFor, updateGroup } from '../db/groups.js';
import type { GroupInput } from '../db/groups.js';
import type { Db } from '../db/index.js';
import { deleteMembership, findMembership, insertMembership, membershipOverlaps, updateMembership } from '../db/memberships.js';
import type { MembershipChange, MembershipRow } from '../db/memberships.js';
import { notFound } from '../errors.js';
import type { FieldErrors } from '../forms/index.js';
import type { MembershipForm } from '../forms/memberships.js';
import { removeStoredFiles } from '../uploads.js';
import { insertInvitation } from './accounts.js';
import type { Invitation } from './accounts.js';
import { conflict, done, hasErrors, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';
import { bringPerson, invitationProblems, personIdOf } from './onboarding.js';

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

/**
 * Adds a member in a role for a period: a person of the directory, or a new one (unless the
 * directory has someone with the typed e-mail); the same role for overlapping days is a duplicate.
 * With `invite`, also an account with a one-time link (never an administrator's), as those who run
 * the group may give (access.ts canInviteIntoGroup); all or nothing.
 */
export function addMembership(ctx: ActionContext, slug: string, form: MembershipForm): Result<{ invitation?: Invitation }> {
  const { db } = ctx;
  const group = writableGroup(db, ctx.viewer, slug);
  const brought = bringPerson(db, form);
  const errors: FieldErrors = { ...brought.errors };
  const person = brought.person;
  if (person && membershipOverlaps(db, group.id, person.id, form.role, form)) errors[brought.field] = 'memberships.duplicate';
  // The chosen person's own address, unless another one was typed for the account.
  const email = form.email || person?.email || '';
  if (form.invite && email === '') errors.email = 'onboarding.inviteNeedsEmail';
  // What is wrong with the person already is said first, where it is.
  else if (form.invite) Object.assign(errors, { ...invitationProblems(db, ctx.viewer, brought, email, group), ...errors });
  if (hasErrors(errors)) return invalid(errors);
  const now = ctx.clock.now();
  return done(
    db.transaction(() => {
      const personId = personIdOf(db, brought, form, now);
      insertMembership(db, group.id, { personId, role: form.role, since: form.since, until: form.until }, now);
      if (!form.invite) return {};
      return { invitation: { ...insertInvitation(db, personId, email, false, now), foundByEmail: person !== undefined && brought.field === 'email' } };
    })(),
  );
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
