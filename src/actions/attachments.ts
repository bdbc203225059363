import { manageableGroup, writableAttachment, writableMeeting } from '../access.js';
import { findAgendaItem } from '../db/agenda.js';
import { deleteAttachment, insertAttachments, removeGroupLogo, renameAttachment } from '../db/attachments.js';
import type { AttachmentVisibility } from '../db/attachments.js';
import { storePrintLogo } from '../logos.js';
import { removeStoredFiles, storeFiles, titleFromName } from '../uploads.js';
import type { CheckedFile } from '../uploads.js';
import { conflict, done, invalid } from './index.js';
import type { ActionContext, Result } from './index.js';

const TITLE_MAX = 300;

/** The title of each file: the typed one (for several files, followed by each file's name), else the file's name. */
function titlesFor(files: readonly CheckedFile[], typed: string): string[] {
  return files.map((file) => {
    const own = titleFromName(file.name);
    const title = !typed ? own : files.length === 1 ? typed : `${typed} – ${own}`;
    return [...title].slice(0, TITLE_MAX).join('');
  });
}

/**
 * Attaches checked files (uploads.ts judged them by content) to a meeting or one of its agenda
 * items: all are stored with their rows, or none.
 */
/**
 * Who may download a new file unless the uploader says otherwise: all who read the minutes, but
 * only members when the group is members-only (so the file stays theirs if the group opens later).
 */
export function defaultVisibility(meeting: { leadGroup: { visibility: 'public' | 'members' } }): AttachmentVisibility {
  return meeting.leadGroup.visibility === 'members' ? 'members' : 'public';
}

export function attachFiles(
  ctx: ActionContext,
  meetingId: number,
  form: { title: string; agendaItemId: number | null; visibility?: AttachmentVisibility },
  files: readonly CheckedFile[],
): Result<{ ids: number[] }> {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  if (form.agendaItemId !== null && !findAgendaItem(ctx.db, meeting.id, form.agendaItemId)) return invalid({ agendaItemId: 'validation.unknownReference' });
  const titles = titlesFor(files, form.title);
  const now = ctx.clock.now();
  const ids = storeFiles(ctx.uploadsDir, files, (storedNames) =>
    insertAttachments(
      ctx.db,
      files.map((file, index) => ({
        meetingId: meeting.id,
        agendaItemId: form.agendaItemId,
        groupId: null,
        title: titles[index],
        originalName: file.name,
        storedName: storedNames[index],
        mediaType: file.type.mediaType,
        size: file.size,
        sha256: file.sha256,
        visibility: form.visibility ?? defaultVisibility(meeting),
        textContent: file.text ?? null,
      })),
      now,
    ),
  );
  return done({ ids });
}

/** Renames an attachment and says who may download it, if still at `version`. */
export function renameFile(ctx: ActionContext, id: number, form: { title: string; visibility?: AttachmentVisibility; version: number }): Result<void> {
  const { attachment } = writableAttachment(ctx.db, ctx.viewer, id);
  const change = { title: form.title, visibility: form.visibility ?? attachment.visibility };
  if (!renameAttachment(ctx.db, attachment.id, form.version, change, ctx.clock.now())) return conflict(undefined, attachment.version);
  return done(undefined);
}

/** Deletes an attachment: the row first (a file without its row is harmless, a row without its file a broken link), then the file. */
export function removeFile(ctx: ActionContext, id: number): { meetingId: number } {
  const { attachment, meeting } = writableAttachment(ctx.db, ctx.viewer, id);
  const storedName = deleteAttachment(ctx.db, attachment.id);
  if (storedName) removeStoredFiles(ctx.uploadsDir, [storedName]);
  return { meetingId: meeting.id };
}

/** Makes a checked image the group's project logo, as the footer prints it (logos.ts). */
export async function setGroupLogo(ctx: ActionContext, slug: string, file: CheckedFile): Promise<Result<void>> {
  manageableGroup(ctx.db, ctx.viewer, slug);
  if (!file.type.image) return invalid({ logo: 'funding.logoType' });
  // Asked again after scaling, which takes a moment: the group or the viewer's rights may be gone.
  const groupId = () => manageableGroup(ctx.db, ctx.viewer, slug).id;
  const stored = await storePrintLogo(ctx.db, ctx.uploadsDir, groupId, { tempPath: file.tempPath, name: file.name, mediaType: file.type.mediaType }, ctx.clock.now());
  return stored ? done(undefined) : invalid({ logo: 'funding.logoType' });
}

/** Removes the group's logo and its file. */
export function clearGroupLogo(ctx: ActionContext, slug: string): void {
  const group = manageableGroup(ctx.db, ctx.viewer, slug);
  const storedName = removeGroupLogo(ctx.db, group.id);
  if (storedName) removeStoredFiles(ctx.uploadsDir, [storedName]);
}
