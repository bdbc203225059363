import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { HttpError, badRequest } from './errors.js';
import { checkImage } from './images.js';

/**
 * Receiving files safely. multer parses the multipart body with hard limits (size per file, number
 * of files and fields) into a temporary folder; then every file is judged by its CONTENT (magic
 * bytes, the names inside a zip, valid UTF-8), never by the name or type the browser sent. Only
 * files that pass are moved, under a generated name, into DATA_DIR/uploads.
 */

/** A kind of file that may be uploaded, recognised by its content. */
export interface FileType {
  /** The Content-Type it is stored and served with. */
  readonly mediaType: string;
  /** A short, language-neutral name of the format for lists ("PDF", "DOCX"). */
  readonly format: string;
  /** Extensions such a file may have; the first is appended to a name that has none of them. */
  readonly extensions: readonly string[];
  /** Images are shown in the browser; everything else is downloaded (see the download route). */
  readonly image: boolean;
}

const type = (mediaType: string, format: string, extensions: string[], image = false): FileType => ({ mediaType, format, extensions, image });

/** The allow-list: nothing else can be uploaded. */
export const fileTypes = {
  pdf: type('application/pdf', 'PDF', ['pdf']),
  png: type('image/png', 'PNG', ['png'], true),
  jpeg: type('image/jpeg', 'JPEG', ['jpg', 'jpeg'], true),
  gif: type('image/gif', 'GIF', ['gif'], true),
  webp: type('image/webp', 'WebP', ['webp'], true),
  docx: type('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'DOCX', ['docx']),
  xlsx: type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX', ['xlsx']),
  pptx: type('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PPTX', ['pptx']),
  odt: type('application/vnd.oasis.opendocument.text', 'ODT', ['odt']),
  ods: type('application/vnd.oasis.opendocument.spreadsheet', 'ODS', ['ods']),
  odp: type('application/vnd.oasis.opendocument.presentation', 'ODP', ['odp']),
  doc: type('application/msword', 'DOC', ['doc']),
  xls: type('application/vnd.ms-excel', 'XLS', ['xls']),
  ppt: type('application/vnd.ms-powerpoint', 'PPT', ['ppt']),
  csv: type('text/csv; charset=utf-8', 'CSV', ['csv']),
  txt: type('text/plain; charset=utf-8', 'TXT', ['txt', 'text', 'md', 'log']),
} as const satisfies Record<string, FileType>;

/** The format's short name for a stored media type ("PDF"), or the media type itself if unknown. */
export function formatOf(mediaType: string): string {
  return Object.values(fileTypes).find((t) => t.mediaType === mediaType)?.format ?? mediaType;
}

/** True when files of this stored media type are shown in the browser rather than downloaded. */
export function isImageType(mediaType: string): boolean {
  return Object.values(fileTypes).some((t) => t.image && t.mediaType === mediaType);
}

/** Why a file (or the whole upload) was refused; each route words it in its own messages. */
export type UploadProblem = 'none' | 'tooLarge' | 'tooMany' | 'type' | 'empty' | 'name' | 'imageTooLarge';

// ---------------------------------------------------------------- recognising content

const startsWith = (head: Buffer, bytes: readonly number[], at = 0) => head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...Buffer.from(text, 'latin1')];

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The binary formats told apart by their first bytes alone. */
function byMagic(head: Buffer): FileType | undefined {
  if (startsWith(head, PDF)) return fileTypes.pdf;
  if (startsWith(head, PNG)) return fileTypes.png;
  if (startsWith(head, JPEG)) return fileTypes.jpeg;
  if (startsWith(head, GIF87) || startsWith(head, GIF89)) return fileTypes.gif;
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return fileTypes.webp;
  return undefined;
}

// A legacy Office file is an OLE container; the name of its main stream (UTF-16 in the container's
// directory) says which program wrote it. An OLE file without one (an .msi installer, an Outlook
// message) is refused.
const oleStreams: [Buffer, FileType][] = [
  [Buffer.from('WordDocument', 'utf16le'), fileTypes.doc],
  [Buffer.from('Workbook', 'utf16le'), fileTypes.xls],
  [Buffer.from('PowerPoint Document', 'utf16le'), fileTypes.ppt],
];
// Word keeps macros in a "Macros" storage, Excel and PowerPoint in "_VBA_PROJECT_CUR" / "VBA", all
// with a "_VBA_PROJECT" stream: like OOXML and ODF files with macros, such files are refused.
const oleMacroNames = ['_VBA_PROJECT', 'Macros'].map((name) => Buffer.from(name, 'utf16le'));
const longestOleName = Math.max(...[...oleStreams.map(([name]) => name), ...oleMacroNames].map((name) => name.length));

/** Follows a file chunk by chunk: its hash, its first bytes, and the checks that need every byte. */
class Scan {
  readonly hash = createHash('sha256');
  size = 0;
  head = Buffer.alloc(0);
  /** Still possibly UTF-8 text: no NUL byte and every sequence valid so far. */
  text = true;
  oleType: FileType | undefined;
  /** An OLE file carrying a VBA project (macros). */
  oleMacros = false;
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private oleCarry = Buffer.alloc(0);

  add(chunk: Buffer): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    if (this.text) this.checkText(chunk);
    if (startsWith(this.head, OLE)) this.findOleStream(chunk);
  }

  finish(): void {
    if (!this.text) return;
    try {
      this.decoder.decode();
    } catch {
      this.text = false;
    }
  }

  private checkText(chunk: Buffer): void {
    if (chunk.includes(0)) {
      this.text = false;
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.text = false;
    }
  }

  private findOleStream(chunk: Buffer): void {
    // Carry the end of the previous chunk over, so that a name split between two chunks is found.
    const window = Buffer.concat([this.oleCarry, chunk]);
    this.oleType ??= oleStreams.find(([name]) => window.includes(name))?.[1];
    this.oleMacros ||= oleMacroNames.some((name) => window.includes(name));
    this.oleCarry = window.subarray(Math.max(0, window.length - longestOleName));
  }
}

const HEAD_BYTES = 64 * 1024;
// A central directory larger than this is not an Office document anyone uploads to minutes.
const MAX_ZIP_DIRECTORY = 8 * 1024 * 1024;
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP_ENTRY = 0x02014b50;

/** The names in a zip's central directory, or undefined when it cannot be read as a plain zip. */
async function zipEntryNames(file: string, size: number): Promise<string[] | undefined> {
  const handle = await fs.promises.open(file, 'r');
  try {
    // The end record is in the last 22 bytes plus at most a 64 kB comment.
    const tail = Buffer.alloc(Math.min(size, 22 + 0xffff));
    await handle.read(tail, 0, tail.length, size - tail.length);
    const end = tail.lastIndexOf(ZIP_END);
    if (end < 0 || end + 22 > tail.length) return undefined;
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directorySize > MAX_ZIP_DIRECTORY || directoryOffset + directorySize > size) return undefined;
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const names: string[] = [];
    for (let at = 0, i = 0; i < count; i++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== ZIP_ENTRY) return undefined;
      const nameLength = directory.readUInt16LE(at + 28);
      names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return names;
  } finally {
    await handle.close();
  }
}

const openDocumentTypes: Record<string, FileType> = {
  'application/vnd.oasis.opendocument.text': fileTypes.odt,
  'application/vnd.oasis.opendocument.spreadsheet': fileTypes.ods,
  'application/vnd.oasis.opendocument.presentation': fileTypes.odp,
};

/** The declared type of an OpenDocument file: its first entry is "mimetype", stored uncompressed. */
function openDocumentType(head: Buffer): FileType | undefined {
  if (head.length < 30 || head.readUInt16LE(8) !== 0) return undefined;
  const nameLength = head.readUInt16LE(26);
  const start = 30 + nameLength + head.readUInt16LE(28);
  if (head.toString('latin1', 30, 30 + nameLength) !== 'mimetype') return undefined;
  return openDocumentTypes[head.toString('latin1', start, start + head.readUInt32LE(18))];
}

/** Which Office or OpenDocument file a zip is, or undefined for any other zip (and for macros). */
async function zipType(file: string, head: Buffer, size: number): Promise<FileType | undefined> {
  const names = await zipEntryNames(file, size);
  if (!names) return undefined;
  // Macros are how Office files usually carry malware; .docm/.xlsm are not on the allow-list.
  if (names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name) || /^(Basic|Scripts)\//.test(name))) return undefined;
  const openDocument = openDocumentType(head);
  if (openDocument) return names.includes('content.xml') ? openDocument : undefined;
  if (!names.includes('[Content_Types].xml')) return undefined;
  if (names.some((name) => name.startsWith('word/'))) return fileTypes.docx;
  if (names.some((name) => name.startsWith('xl/'))) return fileTypes.xlsx;
  if (names.some((name) => name.startsWith('ppt/'))) return fileTypes.pptx;
  return undefined;
}

/** Plain text: valid UTF-8 without NUL bytes, and not markup (HTML, SVG, XML start with "<"). */
function textType(scan: Scan, name: string): FileType | undefined {
  if (!scan.text) return undefined;
  // The head may end inside a character: decode leniently, only its beginning matters here.
  const start = scan.head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return undefined;
  return path.extname(name).toLowerCase() === '.csv' ? fileTypes.csv : fileTypes.txt;
}

/** What a received file turned out to be. */
export type Inspection = { ok: true; type: FileType; size: number; sha256: string } | { ok: false; problem: UploadProblem };

/** Reads a file once and decides by its content whether it is on the allow-list; an image must also be within IMAGE_LIMITS. */
export async function inspectFile(file: string, name: string): Promise<Inspection> {
  const scan = new Scan();
  for await (const chunk of fs.createReadStream(file)) scan.add(chunk as Buffer);
  scan.finish();
  if (scan.size === 0) return { ok: false, problem: 'empty' };
  const found =
    byMagic(scan.head) ??
    (startsWith(scan.head, ZIP) ? await zipType(file, scan.head, scan.size) : undefined) ??
    (startsWith(scan.head, OLE) && !scan.oleMacros ? scan.oleType : undefined) ??
    textType(scan, name);
  if (!found) return { ok: false, problem: 'type' };
  if (found.image) {
    const image = await checkImage(file);
    if (!image.ok) return image;
  }
  return { ok: true, type: found, size: scan.size, sha256: scan.hash.digest('hex') };
}

// ---------------------------------------------------------------- names

/** The name to show for an uploaded file: no path, no control or bidi characters; undefined when nothing is left. */
export function cleanFileName(raw: string): string | undefined {
  // No browser sends "../" in a file name: whoever does is probing for path traversal, so refuse
  // it outright rather than guess. (Old browsers did send a plain "C:\\…\\zápis.pdf": keep its base.)
  if (/(^|[/\\])\.\.([/\\]|$)/.test(raw)) return undefined;
  const base = raw.split(/[/\\]/).pop() ?? '';
  // Bidi overrides can make "zápis‮fdp.exe" look like "zápisexe.pdf".
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .trim()
    // Windows drops trailing dots and spaces itself; "." and ".." are no names at all.
    .replace(/[. ]+$/, '');
  if (!cleaned) return undefined;
  return shorten(cleaned, 200);
}

/** Cuts a long name, keeping its extension. */
function shorten(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const extension = [...path.extname(name)].slice(0, 20);
  return chars.slice(0, max - extension.length).join('').trimEnd() + extension.join('');
}

/** The name with an extension that fits its content, so that it opens in the right program (and never runs as "x.exe"). */
export function nameForType(name: string, fileType: FileType): string {
  const extension = path.extname(name).slice(1).toLowerCase();
  return fileType.extensions.includes(extension) ? name : `${name}.${fileType.extensions[0]}`;
}

/** A title from a file name: without its extension. */
export function titleFromName(name: string): string {
  const extension = path.extname(name);
  return (extension && extension !== name ? name.slice(0, -extension.length) : name).trim() || name;
}

// ---------------------------------------------------------------- receiving

/** A file that passed every check, waiting in the temporary folder to be stored. */
export interface CheckedFile {
  tempPath: string;
  name: string;
  type: FileType;
  size: number;
  sha256: string;
  /** The words read from it for the search index (search/attachment-text.ts); none for an image, or when it could not be read. */
  text?: string;
}

export interface ReceiveOptions {
  /** DATA_DIR/uploads: temporary files go to its ".incoming" folder, so that storing them is a rename on the same disk. */
  uploadsDir: string;
  /** The form field of the files. */
  field: string;
  maxBytes: number;
  maxFiles: number;
  /** The CSRF check, run once multer has parsed the body (which carries the token). */
  checkCsrf: RequestHandler;
}

const received = new WeakMap<Request, { files: Express.Multer.File[]; problem?: UploadProblem }>();

const incomingDir = (uploadsDir: string) => path.join(uploadsDir, '.incoming');

const multerProblems: Partial<Record<multer.ErrorCode, UploadProblem>> = {
  LIMIT_FILE_SIZE: 'tooLarge',
  LIMIT_FILE_COUNT: 'tooMany',
};

/**
 * Parses a multipart upload into temporary files (multer, with limits), then checks the CSRF token
 * the body carried; a refused token leaves no file behind. A file over the limit or too many files
 * are not errors here but problems the route shows next to the file field.
 */
export function receiveFiles(options: ReceiveOptions): RequestHandler {
  const dir = incomingDir(options.uploadsDir);
  fs.mkdirSync(dir, { recursive: true });
  // Disk, not memory: 20 files of 25 MB must not sit in the server's memory at once.
  const parse = multer({
    storage: multer.diskStorage({ destination: dir, filename: (_req, _file, done) => done(null, randomUUID()) }),
    // Browsers send UTF-8 file names without saying so; busboy would read them as Latin-1.
    defParamCharset: 'utf8',
    // The name as sent, path and all: cleanFileName refuses "../" instead of silently trimming it.
    preservePath: true,
    limits: { fileSize: options.maxBytes, files: options.maxFiles, fields: 20, fieldSize: 64 * 1024, parts: options.maxFiles + 20 },
  }).array(options.field);
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (error) {
        const problem = error instanceof multer.MulterError ? multerProblems[error.code] : undefined;
        // multer has already removed what it stored; anything else is a broken request, not the user's mistake.
        if (!problem) return next(error instanceof HttpError ? error : badRequest());
        received.set(req, { files: [], problem });
      } else {
        received.set(req, { files: Array.isArray(req.files) ? req.files : [] });
      }
      options.checkCsrf(req, res, (csrfError?: unknown) => {
        if (!csrfError) return next();
        discardReceived(req).then(() => next(csrfError), next);
      });
    });
  };
}

/** The files receiveFiles took in (still temporary), or the problem that stopped them. */
export function receivedFiles(req: Request): { files: Express.Multer.File[]; problem?: UploadProblem } {
  return received.get(req) ?? { files: [] };
}

/** Deletes the temporary files of this request (those already stored are gone from there anyway). */
export async function discardReceived(req: Request): Promise<void> {
  await Promise.all(receivedFiles(req).files.map((file) => fs.promises.rm(file.path, { force: true })));
}

/** Checks every received file; the first refusal names the file and why, and then nothing is stored. */
export async function checkReceived(req: Request): Promise<{ ok: true; files: CheckedFile[] } | { ok: false; problem: UploadProblem; fileName?: string }> {
  const { files, problem } = receivedFiles(req);
  if (problem) return { ok: false, problem };
  if (files.length === 0) return { ok: false, problem: 'none' };
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const name = cleanFileName(file.originalname);
    // Not named in the message: what is left of such a name is control or bidi characters.
    if (!name) return { ok: false, problem: 'name' };
    const inspection = await inspectFile(file.path, name);
    if (!inspection.ok) return { ok: false, problem: inspection.problem, fileName: name };
    checked.push({ tempPath: file.path, name: nameForType(name, inspection.type), type: inspection.type, size: inspection.size, sha256: inspection.sha256 });
  }
  return { ok: true, files: checked };
}

/**
 * Moves checked files into DATA_DIR/uploads under generated names, then runs `insertRows` (the
 * database transaction that records them). If a move or the insert fails, the files moved so far
 * are deleted again: a row never points at a missing file, and no stored file lacks its row.
 */
export function storeFiles<T>(uploadsDir: string, files: readonly CheckedFile[], insertRows: (storedNames: string[]) => T): T {
  const storedNames = files.map(() => randomUUID());
  const moved: string[] = [];
  try {
    files.forEach((file, index) => {
      const target = path.join(uploadsDir, storedNames[index]);
      // A rename within DATA_DIR/uploads: the temporary folder is inside it, on the same disk.
      fs.renameSync(file.tempPath, target);
      moved.push(target);
    });
    return insertRows(storedNames);
  } catch (error) {
    for (const file of moved) fs.rmSync(file, { force: true });
    throw error;
  }
}

/** Deletes stored files by their generated names (after their rows are gone); a missing one is no error. */
export function removeStoredFiles(uploadsDir: string, storedNames: readonly string[]): void {
  for (const name of storedNames) {
    // Stored names are generated UUIDs; anything else never came from us and is not touched.
    if (/^[0-9a-f-]{36}$/.test(name)) fs.rmSync(path.join(uploadsDir, name), { force: true });
  }
}

/** The path of a stored file. */
export function storedPath(uploadsDir: string, storedName: string): string {
  return path.join(uploadsDir, path.basename(storedName));
}

/**
 * Empties the temporary folder: run once when the app starts, before any upload can be running, so
 * that whatever a crash (or `kill -9`) left half-written there is gone.
 */
export function clearIncoming(uploadsDir: string): void {
  const dir = incomingDir(uploadsDir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}
