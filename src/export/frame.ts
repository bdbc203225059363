import fs from 'node:fs';
import type { Db } from '../db/index.js';
import { findGroupLogo } from '../db/attachments.js';
import type { Translate } from '../i18n/index.js';
import { LOGO_PIXELS } from '../images.js';
import { storedPath } from '../uploads.js';
import { imageSize } from './image-size.js';
import type { Funding } from '../zapis/model.js';
import type { PageFrame } from './blocks.js';

/** What the footer of a zápis or an attendance sheet shows (the presenter decided what the viewer may see). */
export interface FrameInput {
  title: string;
  /** The group named in the footer (one the viewer may see), if any. */
  groupName: string | null;
  /** The lead group's funded project, when the viewer may see the lead group, and whose logo to embed. */
  funding: { funding: Funding; groupId: number } | null;
  /** "NÁVRH" on every page of unpublished minutes. */
  draftMark: string | null;
}

const LOGO_TYPES: Record<string, 'png' | 'jpg'> = { 'image/png': 'png', 'image/jpeg': 'jpg' };

/**
 * The project's logo as bytes, when it is a PNG or JPEG as printed (what logos.ts stores) and its
 * file exists. Anything larger is left out rather than decoded: no export holds a poster's pixels.
 */
function readLogo(db: Db, uploadsDir: string, groupId: number): PageFrame['logo'] {
  const logo = findGroupLogo(db, groupId);
  const type = logo ? LOGO_TYPES[logo.mediaType] : undefined;
  if (!logo || !type) return undefined;
  let data: Buffer;
  try {
    data = fs.readFileSync(storedPath(uploadsDir, logo.storedName));
  } catch {
    return undefined;
  }
  const size = imageSize(data);
  return size && size.width <= LOGO_PIXELS.width && size.height <= LOGO_PIXELS.height ? { data, type } : undefined;
}

/** The page frame: footer lines (group, project, registration number), logo, page label and draft mark. */
export function pageFrame(db: Db, uploadsDir: string, input: FrameInput, t: Translate): PageFrame {
  const funding = input.funding;
  return {
    title: input.title,
    footerLines: [input.groupName ?? '', funding?.funding.line ?? ''].filter(Boolean),
    logo: funding?.funding.logoPath ? readLogo(db, uploadsDir, funding.groupId) : undefined,
    draftMark: input.draftMark ?? undefined,
    pageLabel: t('exports.page', { page: '{page}', pages: '{pages}' }),
  };
}
