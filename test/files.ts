import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { insertAttachment, replaceGroupLogo } from '../src/db/attachments.js';
import { now } from './factories.js';
import type { TestWorld } from './helpers.js';

/**
 * Real bytes of the file types uploads are judged by: built here, small, and valid enough for
 * the content checks (and for the programs that open them).
 */

/** A minimal PDF. */
export function pdfBytes(text = 'Zápis'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'utf8');
}

/** A 1×1 PNG. */
export function pngBytes(): Buffer {
  return pngClaiming(1, 1);
}

/**
 * A PNG whose header claims this size, over the pixels of a 1×1 image: what a decompression bomb
 * looks like to a check that reads the header only (the real thing packs its pixels into a few kB).
 */
export function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0x1f, 0x3a, 0x8a]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real image of this size and format (a gradient, so that it compresses like a picture, not like a flat colour). */
export async function imageBytes(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' = 'png', alpha = false): Promise<Buffer> {
  const channels = alpha ? 4 : 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      pixels[at] = (x * 255) / width;
      pixels[at + 1] = (y * 255) / height;
      pixels[at + 2] = 128;
      if (alpha) pixels[at + 3] = x < width / 2 ? 0 : 255;
    }
  }
  return sharp(pixels, { raw: { width, height, channels } }).toFormat(format).toBuffer();
}

/** A zip archive of these entries (deflated, except those named in `stored`), as Office writes them. */
export function zipBytes(entries: [string, string][], stored: readonly string[] = []): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const store = stored.includes(name);
    const packed = store ? data : zlib.deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(store ? 0 : 8, 8);
    local.writeUInt32LE(zlib.crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(store ? 0 : 8, 10);
    central.writeUInt32LE(zlib.crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A minimal Word document (DOCX) with one paragraph of text. */
export function docxBytes(text = 'Příloha zápisu'): Buffer {
  return zipBytes([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    [
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ],
  ]);
}

/** A minimal OpenDocument text (ODT): "mimetype" first and stored, as the format requires; with a paragraph when given. */
export function odtBytes(text = ''): Buffer {
  return zipBytes(
    [
      ['mimetype', 'application/vnd.oasis.opendocument.text'],
      [
        'content.xml',
        text
          ? `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>${text}</text:p></office:text></office:body></office:document-content>`
          : '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
      ],
      ['META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'],
    ],
    ['mimetype'],
  );
}

/** The start of a Windows program (MZ header, PE offset, a NUL-filled stub). */
export function exeBytes(): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt16LE(0x90, 2);
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

/** Stores a file and its row directly (no upload), for tests that need an attachment to exist; returns its id. */
export function storeTestAttachment(
  world: TestWorld,
  meetingId: number,
  options: { bytes?: Buffer; name?: string; title?: string; mediaType?: string; agendaItemId?: number; visibility?: 'public' | 'members' } = {},
): number {
  const bytes = options.bytes ?? pdfBytes();
  const storedName = writeStored(world, bytes);
  return insertAttachment(world.db, {
    meetingId,
    agendaItemId: options.agendaItemId ?? null,
    groupId: null,
    title: options.title ?? 'Podklady',
    originalName: options.name ?? 'podklady.pdf',
    storedName,
    mediaType: options.mediaType ?? 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    visibility: options.visibility,
  }, now());
}

/** Gives a group a logo directly (no upload, no scaling: as the first wave stored them); a 1×1 PNG unless given. */
export function storeTestLogo(world: TestWorld, groupId: number, options: { bytes?: Buffer; name?: string; mediaType?: string } = {}): void {
  const bytes = options.bytes ?? pngBytes();
  const storedName = writeStored(world, bytes);
  replaceGroupLogo(world.db, groupId, {
    title: 'Logo',
    originalName: options.name ?? 'logo.png',
    storedName,
    mediaType: options.mediaType ?? 'image/png',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }, now());
}

function writeStored(world: TestWorld, bytes: Buffer): string {
  const storedName = randomUUID();
  fs.mkdirSync(world.config.uploadsDir, { recursive: true });
  fs.writeFileSync(path.join(world.config.uploadsDir, storedName), bytes);
  return storedName;
}

/** The files in DATA_DIR/uploads and its temporary folder: what an upload left behind. */
export function filesInUploads(world: TestWorld): string[] {
  const dir = world.config.uploadsDir;
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((name) => fs.statSync(path.join(dir, name)).isFile());
}

/** A legacy Office (OLE) container naming the given streams in its directory, enough for the content check. */
export function oleBytes(streams: readonly string[]): Buffer {
  const magic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return Buffer.concat([magic, Buffer.alloc(504), ...streams.map((name) => Buffer.concat([Buffer.from(name, 'utf16le'), Buffer.alloc(64 - name.length * 2)])), Buffer.alloc(512)]);
}
