import fs from 'node:fs';
import type { Response } from 'express';
import { notFound } from '../errors.js';
import { singleLine } from '../text.js';

/**
 * The one way a file leaves the app: generated exports (PDF, Word, Markdown, iCalendar, the
 * attendance sheet) and stored attachments all get their headers here.
 */

/** `attachment; filename="ascii"; filename*=UTF-8''…`: the real name for browsers, a plain one for the rest. */
export function contentDisposition(rawName: string, inline: boolean): string {
  const name = singleLine(rawName);
  const fallback = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export interface Download {
  /** The Content-Type, with its charset for text. */
  mediaType: string;
  name: string;
  /** Shown in the browser (a subscribed feed, an image) rather than saved. */
  inline?: boolean;
  /** Exports of minutes may hold drafts or members-only content: by default no cache keeps them. */
  cacheControl?: string;
}

function setHeaders(res: Response, download: Download, length: number): void {
  res.set({
    'Content-Type': download.mediaType,
    'Content-Length': String(length),
    'Content-Disposition': contentDisposition(download.name, download.inline ?? false),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': download.cacheControl ?? 'private, no-store',
  });
}

/** Sends a generated file (bytes or text). */
export function sendDownload(res: Response, body: Buffer | string, download: Download): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  setHeaders(res, download, bytes.length);
  res.end(bytes);
}

/**
 * Sends a stored file so that the browser never treats it as a page of ours: its stored type,
 * nosniff, a download (images alone inline) and a second, sandboxing CSP, so that even an image
 * opened on its own, or a PDF viewer, runs no script with our origin. PDFs are downloaded: Chrome
 * refuses to show a PDF in a sandboxed document.
 */
export async function sendStoredFile(res: Response, file: string, download: Download & { etag?: string }): Promise<void> {
  const stat = await fs.promises.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw notFound();
  setHeaders(res, download, stat.size);
  if (download.etag) res.set('ETag', download.etag);
  // Appended, not replacing helmet's: a browser enforces every policy it is given.
  res.append('Content-Security-Policy', "default-src 'none'; sandbox");
  await new Promise<void>((resolve, reject) => {
    const stream = fs.createReadStream(file);
    stream.on('error', (error) => {
      res.destroy(error);
      reject(error);
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

/** A signal that aborts when the reader goes away before the response is sent (for work done elsewhere, render-pool.ts). */
export function readerGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
