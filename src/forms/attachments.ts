import { z } from 'zod';
import { optionalId, optionalText, requiredText, version } from './index.js';

/** The text fields of an upload (the files themselves are checked in uploads.ts). */
export const attachmentUploadSchema = z.object({
  title: optionalText(300),
  agendaItemId: optionalId(),
});

/** Renaming an attachment. */
export const attachmentRenameSchema = z.object({
  title: requiredText(300),
  version: version(),
});
