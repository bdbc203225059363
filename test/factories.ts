import type { Db } from '../src/db/index.js';
import { insertOrganisation } from '../src/db/organisations.js';
import type { OrganisationInput } from '../src/db/organisations.js';

let counter = 0;
const unique = () => ++counter;

/** An organisation row; returns its id. */
export function createOrganisation(db: Db, overrides: Partial<OrganisationInput> = {}): number {
  return insertOrganisation(db, { name: `Organizace ${unique()}`, shortName: '', ...overrides });
}
