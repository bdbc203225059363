import { sql } from './index.js';
import type { Db } from './index.js';

/** A stored file: of a meeting (and maybe one of its agenda items), or a group's logo. */
export interface Attachment {
  id: number;
  meetingId: number | null;
  agendaItemId: number | null;
  groupId: number | null;
  title: string;
  /** The uploader's file name, cleaned (no path), with an extension that fits the content. */
  originalName: string;
  /** The generated name of the file in DATA_DIR/uploads. */
  storedName: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** Who may download it: all who read the minutes ('public'), or the members of the meeting's groups. */
  visibility: AttachmentVisibility;
  version: number;
  createdAt: string;
}

export const attachmentVisibilities = ['public', 'members'] as const;
export type AttachmentVisibility = (typeof attachmentVisibilities)[number];

/** An attachment in a meeting's list, with its agenda item's title. */
export interface AttachmentRow extends Attachment {
  agendaItemTitle: string | null;
}

export type AttachmentInput = Omit<Attachment, 'id' | 'version' | 'createdAt' | 'visibility'> & {
  /** 'public' unless said: readable by all who read the minutes. */
  visibility?: AttachmentVisibility;
  /** The words read from the file for search (null: not read, as for logos and files stored before search). */
  textContent?: string | null;
};

const columns = `a.id, a.meeting_id AS meetingId, a.agenda_item_id AS agendaItemId, a.group_id AS groupId, a.title,
  a.original_name AS originalName, a.stored_name AS storedName, a.media_type AS mediaType, a.size, a.sha256,
  a.visibility, a.version, a.created_at AS createdAt`;

/** Inserts an attachment row (its file is already in place); returns its id. */
export function insertAttachment(db: Db, input: AttachmentInput, now: string): number {
  return Number(
    sql(
      db,
      `INSERT INTO attachments (meeting_id, agenda_item_id, group_id, title, original_name, stored_name, media_type, size, sha256, visibility, text_content, created_at, updated_at)
       VALUES (@meetingId, @agendaItemId, @groupId, @title, @originalName, @storedName, @mediaType, @size, @sha256, @visibility, @textContent, @now, @now)`,
    ).run({ ...input, visibility: input.visibility ?? 'public', textContent: input.textContent ?? null, now }).lastInsertRowid,
  );
}

/** Inserts several attachment rows in one transaction (all or none); returns their ids. */
export function insertAttachments(db: Db, inputs: readonly AttachmentInput[], now: string): number[] {
  return db.transaction(() => inputs.map((input) => insertAttachment(db, input, now)))();
}

/** The attachment with this id (of a meeting or a logo), or undefined. */
export function findAttachment(db: Db, id: number): Attachment | undefined {
  return sql(db, `SELECT ${columns} FROM attachments a WHERE a.id = ?`).get(id) as Attachment | undefined;
}

/** A meeting's attachments in upload order, each with its agenda item's title, in one query. */
export function listAttachmentsOfMeeting(db: Db, meetingId: number): AttachmentRow[] {
  return sql(
    db,
    `SELECT ${columns}, i.title AS agendaItemTitle
       FROM attachments a LEFT JOIN agenda_items i ON i.id = a.agenda_item_id
      WHERE a.meeting_id = ? ORDER BY a.id`,
  ).all(meetingId) as AttachmentRow[];
}

/** Renames it and says who may download it, if the row is still at `version`; false when someone else changed it first. */
export function renameAttachment(db: Db, id: number, version: number, change: { title: string; visibility: AttachmentVisibility }, now: string): boolean {
  return (
    sql(db, 'UPDATE attachments SET title = @title, visibility = @visibility, version = version + 1, updated_at = @now WHERE id = @id AND version = @version').run({
      id,
      version,
      ...change,
      now,
    }).changes === 1
  );
}

/** Deletes the row; returns its stored file name for the caller to delete the file afterwards. */
export function deleteAttachment(db: Db, id: number): string | undefined {
  const row = sql(db, 'DELETE FROM attachments WHERE id = ? RETURNING stored_name AS storedName').get(id) as { storedName: string } | undefined;
  return row?.storedName;
}

/** The stored file names of a meeting's attachments: read before deleting the meeting, deleted after. */
export function storedNamesOfMeeting(db: Db, meetingId: number): string[] {
  return (sql(db, 'SELECT stored_name AS storedName FROM attachments WHERE meeting_id = ?').all(meetingId) as { storedName: string }[]).map(
    (row) => row.storedName,
  );
}

/** The group's logo, or undefined. */
export function findGroupLogo(db: Db, groupId: number): Attachment | undefined {
  return sql(db, `SELECT ${columns} FROM groups g JOIN attachments a ON a.id = g.logo_attachment_id WHERE g.id = ?`).get(groupId) as
    | Attachment
    | undefined;
}

/** Every group's logo, with the group's id. */
export function listGroupLogos(db: Db): (Attachment & { groupId: number })[] {
  return sql(db, `SELECT ${columns} FROM groups g JOIN attachments a ON a.id = g.logo_attachment_id ORDER BY g.id`).all() as (Attachment & { groupId: number })[];
}

/**
 * Makes a new file the group's logo, in one transaction: inserts its row, points the group at it
 * and deletes the previous logo's row. Returns the previous logo's stored name (its file is the
 * caller's to delete, after this succeeded).
 */
export function replaceGroupLogo(db: Db, groupId: number, input: Omit<AttachmentInput, 'groupId' | 'meetingId' | 'agendaItemId'>, now: string): string | undefined {
  return db.transaction(() => {
    const previous = findGroupLogo(db, groupId);
    const id = insertAttachment(db, { ...input, groupId, meetingId: null, agendaItemId: null }, now);
    // Not the group's version: a logo changed meanwhile must not make the settings form conflict.
    sql(db, 'UPDATE groups SET logo_attachment_id = ?, updated_at = ? WHERE id = ?').run(id, now, groupId);
    return previous ? deleteAttachment(db, previous.id) : undefined;
  })();
}

/** Removes the group's logo (the group's column empties itself: ON DELETE SET NULL); returns its stored name. */
export function removeGroupLogo(db: Db, groupId: number): string | undefined {
  const logo = findGroupLogo(db, groupId);
  return logo ? deleteAttachment(db, logo.id) : undefined;
}

/** Attachments of meetings whose words were never read for search (stored before search existed): id, file and type. */
export function listAttachmentsWithoutText(db: Db): Pick<Attachment, 'id' | 'storedName' | 'mediaType'>[] {
  return sql(db, 'SELECT id, stored_name AS storedName, media_type AS mediaType FROM attachments WHERE meeting_id IS NOT NULL AND text_content IS NULL ORDER BY id').all() as Pick<Attachment, 'id' | 'storedName' | 'mediaType'>[];
}

/** Keeps the words read from an attachment (the search index follows by its trigger). */
export function setAttachmentText(db: Db, id: number, text: string): void {
  sql(db, 'UPDATE attachments SET text_content = ? WHERE id = ?').run(text, id);
}
