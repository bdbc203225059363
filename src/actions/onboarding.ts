import { canInviteIntoGroup } from '../access.js';
import type { GroupLike, Viewer } from '../access.js';
import { emailTaken, findAccountOfPerson } from '../db/accounts.js';
import type { Db } from '../db/index.js';
import { insertMembership, listGroupIdsOfPerson, membershipOverlaps } from '../db/memberships.js';
import type { Role } from '../db/memberships.js';
import { findOrganisation, organisationIdFor } from '../db/organisations.js';
import { findPerson, findPersonByEmail, insertPerson } from '../db/people.js';
import type { Person } from '../db/people.js';
import type { FieldErrors } from '../forms/index.js';

/**
 * Bringing someone in at once, shared by inviting a person (actions/accounts.ts) and adding a
 * member (actions/groups.ts): who the form names, what stops their invitation, and, inside the
 * action's one transaction, the person and the membership written.
 */

/** Who a form names (forms/onboarding.ts): a person chosen from the directory, or a new one typed, and an e-mail. */
export interface PersonChoice {
  personId?: number;
  title: string;
  name: string;
  organisationId?: number;
  organisationName: string;
  email: string;
}

/**
 * The person a form brings in: the chosen one, or the directory's person with the typed e-mail (so
 * that nobody is entered twice), or none yet (`person` undefined: one is created). `field` is the
 * field that named them, where what is wrong with them is said.
 */
export interface BroughtPerson {
  person: Person | undefined;
  field: 'personId' | 'email';
  errors: FieldErrors;
}

/** Looks up whom the form names and checks what it refers to; writes nothing. */
export function bringPerson(db: Db, choice: PersonChoice): BroughtPerson {
  const errors: FieldErrors = {};
  if (choice.personId !== undefined) {
    const person = findPerson(db, choice.personId);
    if (!person) errors.personId = 'validation.unknownReference';
    return { person, field: 'personId', errors };
  }
  if (choice.organisationId !== undefined && !findOrganisation(db, choice.organisationId)) errors.organisationId = 'validation.unknownReference';
  return { person: choice.email === '' ? undefined : findPersonByEmail(db, choice.email), field: 'email', errors };
}

/** Inside the action's transaction: the person's id, created (with a typed organisation) when the directory has nobody. */
export function personIdOf(db: Db, brought: BroughtPerson, choice: PersonChoice, now: string): number {
  if (brought.person) return brought.person.id;
  const organisationId = choice.organisationName ? organisationIdFor(db, choice.organisationName, now) : (choice.organisationId ?? null);
  return insertPerson(db, { name: choice.name, title: choice.title, email: choice.email, phone: '', organisationId }, now);
}

/**
 * What stops inviting the person at `email` into `group` (none: no group): an address that has an
 * account, a person who has one, or, for a chair or secretary, a person of groups they do not run.
 */
export function invitationProblems(db: Db, viewer: Viewer, brought: BroughtPerson, email: string, group: GroupLike | undefined): FieldErrors {
  const errors: FieldErrors = {};
  if (emailTaken(db, email)) errors.email = 'accounts.emailTaken';
  // An address is its person's: an account for someone else at it would sign in as them, and the
  // rule on whom a secretary may invite would be asked of the wrong person.
  const owner = email === '' ? undefined : findPersonByEmail(db, email);
  if (!errors.email && owner && owner.id !== brought.person?.id) errors.email = 'onboarding.emailOfAnother';
  const person = brought.person;
  if (!person) return errors;
  // A field says one thing: a taken address is the first thing to correct.
  if (errors[brought.field]) return errors;
  if (findAccountOfPerson(db, person.id)) errors[brought.field] = 'accounts.personHasAccount';
  else if (group && !canInviteIntoGroup(viewer, group, listGroupIdsOfPerson(db, person.id))) errors[brought.field] = 'onboarding.personElsewhere';
  return errors;
}

/**
 * Inside the invitation's transaction: the person takes the role in the group, unless they hold it
 * today or later already. After an earlier spell in the role the new one starts today, so that the
 * two never overlap; otherwise its start is left unknown, as when a member is added by hand.
 */
export function joinGroup(db: Db, groupId: number, personId: number, role: Role, today: string, now: string): void {
  if (membershipOverlaps(db, groupId, personId, role, { since: today })) return;
  const since = membershipOverlaps(db, groupId, personId, role, {}) ? today : null;
  insertMembership(db, groupId, { personId, role, since }, now);
}
