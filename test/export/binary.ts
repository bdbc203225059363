import zlib from 'node:zlib';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { Test } from 'supertest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** GETs a URL and keeps the body as bytes (superagent leaves binary bodies unread). */
export async function getBytes(agent: TestAgent | { get: (url: string) => Test }, url: string): Promise<Response & { body: Buffer }> {
  const res = await agent.get(url).buffer(true).parse((stream, done) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return res as Response & { body: Buffer };
}

/** The text of every page of a PDF, whitespace (line ends, non-breaking spaces) collapsed to single spaces. */
export async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str, item.hasEOL ? ' ' : '');
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: parts.join('').replace(/[\s\u00a0]+/g, ' ') };
}

/** One file of a zip (a .docx) by name, inflated: a tiny reader of the central directory. */
export function unzipEntry(zip: Buffer, name: string): string | undefined {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip');
  let offset = zip.readUInt32LE(end + 16);
  const count = zip.readUInt16LE(end + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(offset + 10);
    const size = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extra = zip.readUInt16LE(offset + 30);
    const comment = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    if (zip.toString('utf8', offset + 46, offset + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    }
    offset += 46 + nameLength + extra + comment;
  }
  return undefined;
}
