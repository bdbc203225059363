import { sql } from './index.js';
import type { Db } from './index.js';

export interface AgendaItem {
  id: number;
  meetingId: number;
  parentId: number | null;
  position: number;
  title: string;
  description: string;
  presenter: string;
  durationMinutes: number | null;
  fixedStart: string | null;
  /** Marked to be carried over to the next meeting's agenda. */
  deferred: boolean;
  proceedings: string;
  version: number;
}

/** What the agenda form writes. */
export type AgendaItemInput = Pick<AgendaItem, 'parentId' | 'title' | 'description' | 'presenter' | 'durationMinutes' | 'fixedStart' | 'deferred'>;

const columns = `id, meeting_id AS meetingId, parent_id AS parentId, position, title, description, presenter,
  duration_minutes AS durationMinutes, fixed_start AS fixedStart, deferred, proceedings, version`;

type Stored = Omit<AgendaItem, 'deferred'> & { deferred: number };
const toItem = (row: Stored): AgendaItem => ({ ...row, deferred: row.deferred === 1 });

/** The meeting's agenda in display order: each top-level item followed by its sub-items. One query. */
export function listAgendaItems(db: Db, meetingId: number): AgendaItem[] {
  return inDisplayOrder((sql(db, `SELECT ${columns} FROM agenda_items WHERE meeting_id = ? ORDER BY position, id`).all(meetingId) as Stored[]).map(toItem));
}

// Each top-level item followed by its sub-items (rows come ordered by position).
function inDisplayOrder(rows: AgendaItem[]): AgendaItem[] {
  const children = new Map<number, AgendaItem[]>();
  for (const row of rows) {
    if (row.parentId !== null) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  }
  return rows.filter((row) => row.parentId === null).flatMap((parent) => [parent, ...(children.get(parent.id) ?? [])]);
}

/** The agendas of several meetings at once (calendar feeds), each in display order: one query. */
export function listAgendaItemsOfMeetings(db: Db, meetingIds: readonly number[]): Map<number, AgendaItem[]> {
  const rows = (
    sql(db, `SELECT ${columns} FROM agenda_items WHERE meeting_id IN (SELECT value FROM json_each(?)) ORDER BY meeting_id, position, id`).all(
      JSON.stringify(meetingIds),
    ) as Stored[]
  ).map(toItem);
  const byMeeting = new Map<number, AgendaItem[]>(meetingIds.map((id) => [id, []]));
  for (const row of rows) byMeeting.get(row.meetingId)?.push(row);
  return new Map([...byMeeting].map(([id, items]) => [id, inDisplayOrder(items)]));
}

/** One item, only if it belongs to the meeting (ids from a URL are checked against their parent). */
export function findAgendaItem(db: Db, meetingId: number, id: number): AgendaItem | undefined {
  const row = sql(db, `SELECT ${columns} FROM agenda_items WHERE id = ? AND meeting_id = ?`).get(id, meetingId) as Stored | undefined;
  return row && toItem(row);
}

/** True when the item has sub-items (so it cannot become a sub-item itself: one level only). */
export function agendaItemHasChildren(db: Db, id: number): boolean {
  return sql(db, 'SELECT 1 FROM agenda_items WHERE parent_id = ? LIMIT 1').get(id) !== undefined;
}

const nextPosition = (db: Db, meetingId: number, parentId: number | null): number =>
  (
    sql(db, 'SELECT COALESCE(MAX(position), 0) + 1 AS p FROM agenda_items WHERE meeting_id = ? AND parent_id IS ?').get(meetingId, parentId) as {
      p: number;
    }
  ).p;

// Renumbers a sibling list 1..n so positions stay dense after a move or delete.
function compact(db: Db, meetingId: number, parentId: number | null): void {
  const ids = sql(db, 'SELECT id FROM agenda_items WHERE meeting_id = ? AND parent_id IS ? ORDER BY position, id').all(meetingId, parentId) as {
    id: number;
  }[];
  ids.forEach(({ id }, index) => sql(db, 'UPDATE agenda_items SET position = ? WHERE id = ?').run(index + 1, id));
}

/** Adds an item at the end of its level; returns its id. */
export function insertAgendaItem(db: Db, meetingId: number, input: AgendaItemInput, now: string): number {
  return db.transaction(() => {
    return Number(
      sql(
        db,
        `INSERT INTO agenda_items (meeting_id, parent_id, position, title, description, presenter, duration_minutes,
                                   fixed_start, deferred, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        meetingId,
        input.parentId,
        nextPosition(db, meetingId, input.parentId),
        input.title,
        input.description,
        input.presenter,
        input.durationMinutes,
        input.fixedStart,
        input.deferred ? 1 : 0,
        now,
        now,
      ).lastInsertRowid,
    );
  })();
}

/** Updates an item if still at `version`; moving it under another parent puts it last there. */
export function updateAgendaItem(db: Db, item: AgendaItem, version: number, input: AgendaItemInput, now: string): boolean {
  return db.transaction(() => {
    const moved = item.parentId !== input.parentId;
    const position = moved ? nextPosition(db, item.meetingId, input.parentId) : item.position;
    const changed =
      sql(
        db,
        `UPDATE agenda_items SET parent_id = ?, position = ?, title = ?, description = ?, presenter = ?,
                duration_minutes = ?, fixed_start = ?, deferred = ?, version = version + 1, updated_at = ?
          WHERE id = ? AND version = ?`,
      ).run(input.parentId, position, input.title, input.description, input.presenter, input.durationMinutes, input.fixedStart, input.deferred ? 1 : 0, now, item.id, version)
        .changes === 1;
    if (changed && moved) compact(db, item.meetingId, item.parentId);
    return changed;
  })();
}

/** Deletes an item (and its sub-items) and closes the gap. */
export function deleteAgendaItem(db: Db, item: AgendaItem): void {
  db.transaction(() => {
    sql(db, 'DELETE FROM agenda_items WHERE id = ?').run(item.id);
    compact(db, item.meetingId, item.parentId);
  })();
}

/** Swaps the item with its neighbour above or below on the same level; false at either end. */
export function moveAgendaItem(db: Db, item: AgendaItem, direction: 'up' | 'down'): boolean {
  return db.transaction(() => {
    const neighbour = sql(
      db,
      `SELECT id, position FROM agenda_items WHERE meeting_id = ? AND parent_id IS ? AND position ${direction === 'up' ? '<' : '>'} ?
        ORDER BY position ${direction === 'up' ? 'DESC' : 'ASC'} LIMIT 1`,
    ).get(item.meetingId, item.parentId, item.position) as { id: number; position: number } | undefined;
    if (!neighbour) return false;
    sql(db, 'UPDATE agenda_items SET position = ? WHERE id = ?').run(neighbour.position, item.id);
    sql(db, 'UPDATE agenda_items SET position = ? WHERE id = ?').run(item.position, neighbour.id);
    return true;
  })();
}

/**
 * Puts one level of siblings in the given order (drag and drop). `orderedIds` must be exactly the
 * items under `parentId`; false (and nothing written) otherwise.
 */
export function reorderAgendaItems(db: Db, meetingId: number, parentId: number | null, orderedIds: number[]): boolean {
  return db.transaction(() => {
    const current = (sql(db, 'SELECT id FROM agenda_items WHERE meeting_id = ? AND parent_id IS ?').all(meetingId, parentId) as { id: number }[]).map(
      (r) => r.id,
    );
    const same = current.length === orderedIds.length && new Set(orderedIds).size === orderedIds.length && orderedIds.every((id) => current.includes(id));
    if (!same) return false;
    orderedIds.forEach((id, index) => sql(db, 'UPDATE agenda_items SET position = ? WHERE id = ?').run(index + 1, id));
    return true;
  })();
}

/** Writes the proceedings of several items at once (the minutes editor), in one transaction. */
export function updateProceedings(db: Db, meetingId: number, textsById: Map<number, string>, now: string): void {
  db.transaction(() => {
    for (const [id, text] of textsById) {
      sql(db, 'UPDATE agenda_items SET proceedings = ?, version = version + 1, updated_at = ? WHERE id = ? AND meeting_id = ? AND proceedings <> ?').run(
        text,
        now,
        id,
        meetingId,
        text,
      );
    }
  })();
}
