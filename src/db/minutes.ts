import { sql } from './index.js';
import type { Db } from './index.js';

export interface MinutesNotes {
  openingNotes: string;
  closingNotes: string;
}

/** The notes of the minutes that belong to the whole meeting. */
export function findMinutesNotes(db: Db, meetingId: number): MinutesNotes {
  return (
    (sql(db, 'SELECT opening_notes AS openingNotes, closing_notes AS closingNotes FROM minutes WHERE meeting_id = ?').get(meetingId) as
      | MinutesNotes
      | undefined) ?? { openingNotes: '', closingNotes: '' }
  );
}

/** Writes the opening and closing notes (creating the row for meetings made before it existed). */
export function saveMinutesNotes(db: Db, meetingId: number, notes: MinutesNotes, now: string): void {
  sql(
    db,
    `INSERT INTO minutes (meeting_id, opening_notes, closing_notes, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (meeting_id) DO UPDATE SET opening_notes = excluded.opening_notes,
       closing_notes = excluded.closing_notes, updated_at = excluded.updated_at`,
  ).run(meetingId, notes.openingNotes, notes.closingNotes, now);
}

/** Publishes the minutes (readable by all who see the meeting; the first date is kept) or takes them back to draft. */
export function setMinutesPublished(db: Db, meetingId: number, published: boolean, now: string): void {
  if (published) sql(db, 'UPDATE minutes SET published_at = COALESCE(published_at, ?) WHERE meeting_id = ?').run(now, meetingId);
  else sql(db, 'UPDATE minutes SET published_at = NULL WHERE meeting_id = ?').run(meetingId);
}
