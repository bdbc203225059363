import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { listGroupLogos, replaceGroupLogo } from './db/attachments.js';
import type { Db } from './db/index.js';
import { LEGACY_LOGO_MAX_PIXELS, isPrintLogo, scaleLogo } from './images.js';
import { fileTypes, nameForType, removeStoredFiles, storeFiles, storedPath, titleFromName } from './uploads.js';

/**
 * A group's project logo is kept only as the footer prints it (images.ts scaleLogo): scaled once
 * when it is stored, so that no PDF or Word export ever decodes the image that was uploaded.
 */

/** A logo waiting in the temporary folder to become the group's: its file, its name, what it holds. */
export interface LogoFile {
  tempPath: string;
  name: string;
  mediaType: string;
}

/**
 * Scales the file in place and makes it the logo of the group `groupId()` names once the image is
 * scaled (it may throw, e.g. when the group is gone); the previous logo's file is deleted once the
 * new one is recorded. False when the image cannot be decoded (nothing is stored then).
 */
export async function storePrintLogo(db: Db, uploadsDir: string, groupId: () => number, file: LogoFile, now: string, maxPixels?: number): Promise<boolean> {
  // A header sharp could read may still hide pixels it cannot decode: that is no image either.
  const printed = await scaleLogo(file.tempPath, file.mediaType, maxPixels).catch(() => undefined);
  if (!printed) return false;
  const type = printed.mediaType === 'image/jpeg' ? fileTypes.jpeg : fileTypes.png;
  const name = nameForType(titleFromName(file.name), type);
  const stored = { tempPath: file.tempPath, name, type, size: printed.size, sha256: printed.sha256 };
  const group = groupId();
  const previous = storeFiles(uploadsDir, [stored], ([storedName]) =>
    replaceGroupLogo(db, group, { title: titleFromName(file.name), originalName: name, storedName, mediaType: type.mediaType, size: printed.size, sha256: printed.sha256 }, now),
  );
  if (previous) removeStoredFiles(uploadsDir, [previous]);
  return true;
}

/**
 * Scales the logos stored before logos were scaled at upload (the first wave kept the original).
 * Run at start, before the app serves: a logo already as printed is only measured.
 */
export async function scaleStoredLogos(db: Db, uploadsDir: string, now: () => string, logger: Logger): Promise<number> {
  let scaled = 0;
  for (const logo of listGroupLogos(db)) {
    const original = storedPath(uploadsDir, logo.storedName);
    const tempPath = path.join(uploadsDir, '.incoming', randomUUID());
    try {
      if (!fs.existsSync(original) || (await isPrintLogo(original))) continue;
      await fs.promises.copyFile(original, tempPath);
      const file = { tempPath, name: logo.originalName, mediaType: logo.mediaType };
      if (await storePrintLogo(db, uploadsDir, () => logo.groupId, file, now(), LEGACY_LOGO_MAX_PIXELS)) scaled++;
      else logger.warn({ groupId: logo.groupId }, 'the logo of this group cannot be scaled to print; exports leave it out until a new one is uploaded');
    } catch (error) {
      // One logo must not keep the server from starting: exports leave an unscaled logo out.
      logger.error({ err: error, groupId: logo.groupId }, 'scaling the logo of this group failed; exports leave it out');
    } finally {
      await fs.promises.rm(tempPath, { force: true });
    }
  }
  return scaled;
}
