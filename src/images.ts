import { createHash } from 'node:crypto';
import fs from 'node:fs';
import sharp from 'sharp';
import { LOGO_BOX } from './export/blocks.js';

/**
 * Images are checked before anything uses them. A PNG of a few kilobytes can hold 16,000 × 16,000
 * pixels, and decoding it takes gigabytes: so every uploaded image is measured from its header
 * (sharp reads no more than that) and refused beyond these bounds, and a logo is scaled once, at
 * upload, to what the footer of a PDF prints, so that no export ever decodes a large image.
 */
export const IMAGE_LIMITS = {
  /** Pixels in all: a 12-megapixel phone photo or a 6,000 × 2,000 banner passes. */
  maxPixels: 20_000_000,
  /** Pixels on either side, so that a thin strip cannot carry the pixels of a poster. */
  maxSide: 10_000,
} as const;

/** Pixels per point of the printed logo: 600 dpi, sharp on paper. */
const LOGO_PIXELS_PER_POINT = 600 / 72;

/**
 * What a logo stored before the bounds (by the first wave) may have, to be scaled at start: a
 * poster's worth, decoded once and sequentially. Beyond it, the logo is left out of exports.
 */
export const LEGACY_LOGO_MAX_PIXELS = 300_000_000;

/** The box a logo is scaled into: the footer's, at 600 dpi (750 × 233 pixels). */
export const LOGO_PIXELS = { width: Math.round(LOGO_BOX.width * LOGO_PIXELS_PER_POINT), height: Math.round(LOGO_BOX.height * LOGO_PIXELS_PER_POINT) } as const;

export type ImageCheck = { ok: true } | { ok: false; problem: 'type' | 'imageTooLarge' };

/** The size of an image from its header; an image whose header cannot be read is no image we accept. */
export async function checkImage(file: string): Promise<ImageCheck> {
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(file).metadata());
  } catch {
    return { ok: false, problem: 'type' };
  }
  if (!width || !height) return { ok: false, problem: 'type' };
  if (width > IMAGE_LIMITS.maxSide || height > IMAGE_LIMITS.maxSide || width * height > IMAGE_LIMITS.maxPixels) return { ok: false, problem: 'imageTooLarge' };
  return { ok: true };
}

/** What a logo became: the file now holds the copy the footer prints. */
export interface PrintLogo {
  mediaType: 'image/png' | 'image/jpeg';
  size: number;
  sha256: string;
  width: number;
  height: number;
}

/**
 * Replaces the image in `file` by the logo as printed: within the footer's box at 600 dpi (never
 * enlarged), turned as its EXIF says, the first frame of an animation. A photo stays JPEG; any
 * other image becomes PNG, which keeps transparency and is what PDF and Word embed.
 */
export async function scaleLogo(file: string, mediaType: string, maxPixels: number = IMAGE_LIMITS.maxPixels): Promise<PrintLogo> {
  // Read top to bottom once: libvips then shrinks as it decodes instead of holding every pixel.
  const image = sharp(file, { limitInputPixels: maxPixels, animated: false, sequentialRead: true })
    .rotate()
    .resize({ ...LOGO_PIXELS, fit: 'inside', withoutEnlargement: true });
  const jpeg = mediaType === 'image/jpeg';
  const { data, info } = await (jpeg ? image.jpeg({ quality: 90, mozjpeg: true }) : image.png({ compressionLevel: 9 })).toBuffer({ resolveWithObject: true });
  // Read to memory first: sharp streams from `file` while it decodes, so it cannot write there too.
  await fs.promises.writeFile(file, data);
  return { mediaType: jpeg ? 'image/jpeg' : 'image/png', size: data.length, sha256: createHash('sha256').update(data).digest('hex'), width: info.width, height: info.height };
}

/** True when the file is a PNG or JPEG no larger than the logo box: what scaleLogo makes. */
export async function isPrintLogo(file: string): Promise<boolean> {
  try {
    const { format, width = Infinity, height = Infinity } = await sharp(file).metadata();
    return (format === 'png' || format === 'jpeg') && width <= LOGO_PIXELS.width && height <= LOGO_PIXELS.height;
  } catch {
    return false;
  }
}
