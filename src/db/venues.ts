import { sql } from './index.js';
import type { Db } from './index.js';

export interface Venue {
  id: number;
  name: string;
  street: string;
  /** Czech style "460 01", or '' when not known. */
  postalCode: string;
  town: string;
  /** The room new meetings at this venue start with, e.g. "zasedací místnost, 2. patro". */
  defaultRoom: string;
  notes: string;
  version: number;
}

export interface VenueListRow extends Venue {
  /** "U Nisy 362/6, 460 01 Liberec". */
  address: string;
}

export type VenueInput = Omit<Venue, 'id' | 'version'>;

const columns = `v.id, v.name, v.street, v.postal_code AS postalCode, v.town, v.default_room AS defaultRoom,
  v.notes, v.version`;

// SQLite's NOCASE folds only ASCII, which would put "Česká Lípa" after "Zittau"; ICU knows Czech order.
const czech = new Intl.Collator('cs');

/** The one-line postal address as Czech minutes write it: "U Nisy 362/6, 460 01 Liberec"; '' when none. */
export function venueAddress(venue: Pick<Venue, 'street' | 'postalCode' | 'town'>): string {
  const place = [venue.postalCode, venue.town].filter(Boolean).join(' ');
  return [venue.street, place].filter(Boolean).join(', ');
}

/** All venues in Czech alphabetical order, each with its address on one line. */
export function listVenues(db: Db): VenueListRow[] {
  return (sql(db, `SELECT ${columns} FROM venues v`).all() as Venue[])
    .map((venue) => ({ ...venue, address: venueAddress(venue) }))
    .sort((a, b) => czech.compare(a.name, b.name));
}

/** Options for a select: "ANNOLK, U Nisy 362/6, 460 01 Liberec". */
export function listVenueOptions(db: Db): { value: number; label: string }[] {
  return listVenues(db).map((v) => ({ value: v.id, label: v.address ? `${v.name}, ${v.address}` : v.name }));
}

/** The venue as stored, or undefined. */
export function findVenue(db: Db, id: number): Venue | undefined {
  return sql(db, `SELECT ${columns} FROM venues v WHERE v.id = ?`).get(id) as Venue | undefined;
}

/** Inserts a venue; returns the new id. */
export function insertVenue(db: Db, input: VenueInput, now: string): number {
  return Number(
    sql(
      db,
      `INSERT INTO venues (name, street, postal_code, town, default_room, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.name, input.street, input.postalCode, input.town, input.defaultRoom, input.notes, now, now)
      .lastInsertRowid,
  );
}

/** Updates if the row is still at `version`; false when someone else changed it first. */
export function updateVenue(db: Db, id: number, version: number, input: VenueInput, now: string): boolean {
  return (
    sql(
      db,
      `UPDATE venues SET name = ?, street = ?, postal_code = ?, town = ?, default_room = ?, notes = ?,
              version = version + 1, updated_at = ?
        WHERE id = ? AND version = ?`,
    ).run(
      input.name,
      input.street,
      input.postalCode,
      input.town,
      input.defaultRoom,
      input.notes,
      now,
      id,
      version,
    ).changes === 1
  );
}

/** True when a meeting takes (or took) place at the venue, so it must not be deleted. */
export function venueInUse(db: Db, id: number): boolean {
  return sql(db, 'SELECT 1 FROM meetings WHERE venue_id = ? LIMIT 1').get(id) !== undefined;
}

/** Deletes the venue; callers check venueInUse first (the foreign key would refuse anyway). */
export function deleteVenue(db: Db, id: number): void {
  sql(db, 'DELETE FROM venues WHERE id = ?').run(id);
}
