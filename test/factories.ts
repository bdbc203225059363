import type { Db } from '../src/db/index.js';
import { insertOrganisation } from '../src/db/organisations.js';
import type { OrganisationInput } from '../src/db/organisations.js';

let counter = 0;
const unique = () => ++counter;

/** An organisation row; returns its id. */
export function createOrganisation(db: Db, overrides: Partial<OrganisationInput> = {}): number {
  return insertOrganisation(db, { name: `Organizace ${unique()}`, shortName: '', ...overrides });
}

// --- people and venues --- (imports sit here so that features can append without touching the top)
import { insertPerson } from '../src/db/people.js';
import type { PersonInput } from '../src/db/people.js';
import { insertVenue } from '../src/db/venues.js';
import type { VenueInput } from '../src/db/venues.js';

/** A person row (no organisation unless given); returns its id. */
export function createPerson(db: Db, overrides: Partial<PersonInput> = {}): number {
  return insertPerson(db, { name: `Osoba ${unique()}`, title: '', email: '', phone: '', organisationId: null, ...overrides });
}

/** A venue row with a Liberec address; returns its id. */
export function createVenue(db: Db, overrides: Partial<VenueInput> = {}): number {
  return insertVenue(db, {
    name: `Místo ${unique()}`,
    street: 'U Nisy 362/6',
    postalCode: '460 01',
    town: 'Liberec',
    defaultRoom: '',
    notes: '',
    ...overrides,
  });
}

// --- groups and memberships ---
import { insertGroup } from '../src/db/groups.js';
import type { GroupInput } from '../src/db/groups.js';
import { insertMembership } from '../src/db/memberships.js';
import type { MembershipInput } from '../src/db/memberships.js';

/** A public group with a unique name and slug; returns its id. */
export function createGroup(db: Db, overrides: Partial<GroupInput> = {}): number {
  const n = unique();
  return insertGroup(db, {
    name: `Skupina ${n}`,
    nameGenitive: '',
    shortName: '',
    slug: `skupina-${n}`,
    description: '',
    umbrellaId: null,
    visibility: 'public',
    numberingPerYear: false,
    ...overrides,
  });
}

/** A current membership as a member; makes a new group and person unless given. Returns its id. */
export function createMembership(
  db: Db,
  overrides: Partial<MembershipInput> & { groupId?: number } = {},
): number {
  const { groupId = createGroup(db), personId = createPerson(db), ...rest } = overrides;
  return insertMembership(db, groupId, { personId, role: 'member', since: null, until: null, ...rest });
}
