import { z } from 'zod';
import { attachmentVisibilities } from '../db/attachments.js';
import { oneOf, optionalId, optionalText, requiredText, version } from './index.js';

/** The text fields of an upload (the files themselves are checked in uploads.ts); who may download them, unless the default. */
export const attachmentUploadSchema = z.object({
  title: optionalText(300),
  agendaItemId: optionalId(),
  visibility: oneOf(attachmentVisibilities).optional(),
});

/** Renaming an attachment, and who may download it (kept as it is when not sent). */
export const attachmentRenameSchema = z.object({
  title: requiredText(300),
  visibility: oneOf(attachmentVisibilities).optional(),
  version: version(),
});
