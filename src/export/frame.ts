import fs from 'node:fs';
import type { Db } from '../db/index.js';
import { findGroupLogo } from '../db/attachments.js';
import type { Group } from '../db/groups.js';
import type { Translate } from '../i18n/index.js';
import { storedPath } from '../uploads.js';
import type { PageFrame } from './blocks.js';

/** What the footer of a zápis or an attendance sheet shows, and who may see the funding part. */
export interface FrameInput {
  title: string;
  /** The group named in the footer (one the viewer may see), if any. */
  groupName: string | undefined;
  /** The lead group when the viewer may see it: its funded project (and logo) go into the footer. */
  fundingGroup: Group | undefined;
  /** True for unpublished minutes: every page carries the draft mark. */
  draft: boolean;
}

const LOGO_TYPES: Record<string, 'png' | 'jpg'> = { 'image/png': 'png', 'image/jpeg': 'jpg' };

/** The project's logo as bytes, when it is a PNG or JPEG (what PDF and Word embed) and its file exists. */
function readLogo(db: Db, uploadsDir: string, group: Group): PageFrame['logo'] {
  if (!group.logoAttachmentId) return undefined;
  const logo = findGroupLogo(db, group.id);
  const type = logo ? LOGO_TYPES[logo.mediaType] : undefined;
  if (!logo || !type) return undefined;
  try {
    return { data: fs.readFileSync(storedPath(uploadsDir, logo.storedName)), type };
  } catch {
    return undefined;
  }
}

/** The page frame: footer lines (group, project, registration number), logo, page label and draft mark. */
export function pageFrame(db: Db, uploadsDir: string, input: FrameInput, t: Translate): PageFrame {
  const group = input.fundingGroup;
  const funded = Boolean(group && (group.fundingProject || group.fundingRegistration));
  const footerLines = [
    input.groupName ?? '',
    funded && group ? [group.fundingProject, group.fundingRegistration ? t('funding.registrationShort', { number: group.fundingRegistration }) : ''].filter(Boolean).join(', ') : '',
  ].filter(Boolean);
  return {
    title: input.title,
    footerLines,
    logo: funded && group ? readLogo(db, uploadsDir, group) : undefined,
    draftMark: input.draft ? t('minutes.draft') : undefined,
    pageLabel: t('exports.page', { page: '{page}', pages: '{pages}' }),
  };
}
