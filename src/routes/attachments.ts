import { Router } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../app.js';
import { canReadGroup, canReadMeeting, canReadMinutes, canWriteMeeting, ensure, viewerOf } from '../access.js';
import { csrfCheck } from '../auth.js';
import { findAgendaItem, listAgendaItems } from '../db/agenda.js';
import {
  deleteAttachment,
  findAttachment,
  findGroupLogo,
  insertAttachments,
  listAttachmentsOfMeeting,
  removeGroupLogo,
  renameAttachment,
  replaceGroupLogo,
} from '../db/attachments.js';
import type { Attachment } from '../db/attachments.js';
import type { Group } from '../db/groups.js';
import { listGroupOptions } from '../db/groups.js';
import type { Db } from '../db/index.js';
import { findMeetingDetail } from '../db/meetings.js';
import type { MeetingDetail } from '../db/meetings.js';
import { notFound } from '../errors.js';
import { attachmentRenameSchema, attachmentUploadSchema } from '../forms/attachments.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import type { MessageKey } from '../i18n/index.js';
import { agendaTree } from '../meeting-record.js';
import { redirectWithFlash } from '../request-context.js';
import { checkReceived, discardReceived, receiveFiles, removeStoredFiles, sendStoredFile, storeFiles, storedPath, titleFromName } from '../uploads.js';
import type { CheckedFile, UploadProblem } from '../uploads.js';
import { meetingTitle } from '../zapis.js';
import { groupAccess } from './groups.js';
import { writableMeeting } from './meetings.js';
import { found, idParam } from './params.js';

const LOGO_MAX_BYTES = 2 * 1024 * 1024;
const TITLE_MAX = 300;

const attachmentProblems: Record<UploadProblem, MessageKey> = {
  none: 'attachments.noFile',
  tooLarge: 'attachments.tooLarge',
  tooMany: 'attachments.tooMany',
  type: 'attachments.typeRefused',
  empty: 'attachments.emptyFile',
  name: 'attachments.nameInvalid',
};

const logoProblems: Record<UploadProblem, MessageKey> = {
  ...attachmentProblems,
  none: 'funding.logoNoFile',
  tooLarge: 'funding.logoTooLarge',
  tooMany: 'funding.logoOne',
  type: 'funding.logoType',
};

// Too much is "Payload Too Large"; anything else about the files is a form to correct.
const problemStatus = (problem: UploadProblem) => (problem === 'tooLarge' || problem === 'tooMany' ? 413 : 422);

/** Runs an access check before multer, so that nobody who may not upload gets even a temporary file written. */
const allowedFirst =
  (check: (req: Request) => unknown): RequestHandler =>
  (req, _res, next) => {
    check(req);
    next();
  };

/** The title of each uploaded file: the typed one (for several files, followed by each file's name), else the file's name. */
function titlesFor(files: readonly CheckedFile[], typed: string): string[] {
  return files.map((file) => {
    const own = titleFromName(file.name);
    const title = !typed ? own : files.length === 1 ? typed : `${typed} – ${own}`;
    return [...title].slice(0, TITLE_MAX).join('');
  });
}

/** The agenda of a meeting as select options: "2. Název", "b) Podbod". */
function agendaOptions(db: Db, meetingId: number): { value: number; label: string }[] {
  const { entries } = agendaTree(listAgendaItems(db, meetingId), 0);
  return entries.flatMap((entry) => [entry, ...entry.children]).map((entry) => ({ value: entry.item.id, label: `${entry.marker} ${entry.item.title}` }));
}

/** A refused upload or rename: what to show again, and why. */
interface Refusal {
  status: number;
  values: FormValues;
  errors: FieldErrors;
  fileName?: string;
}

/** Attachments of meetings (upload, download, rename, delete) and the logo of a funded group. */
export function attachmentsRouter({ db, config }: AppDeps): Router {
  const router = Router();
  const groups = groupAccess(db);
  const receive = (field: string, maxBytes: number, maxFiles: number) =>
    receiveFiles({ uploadsDir: config.uploadsDir, field, maxBytes, maxFiles, checkCsrf: csrfCheck });
  const receiveAttachments = receive('files', config.uploadMaxBytes, config.uploadMaxFiles);
  const receiveLogo = receive('logo', LOGO_MAX_BYTES, 1);

  const renderManager = (res: Response, meeting: MeetingDetail, refusal: Partial<Refusal> & { rename?: { id: number; values: FormValues; errors: FieldErrors } } = {}) =>
    res.status(refusal.status ?? 200).render('attachments/index', {
      meeting: { id: meeting.id, title: meetingTitle(meeting, meeting.leadGroup) },
      attachments: listAttachmentsOfMeeting(db, meeting.id),
      agendaOptions: agendaOptions(db, meeting.id),
      values: refusal.values ?? {},
      errors: refusal.errors ?? {},
      fileName: refusal.fileName,
      rename: refusal.rename,
      limits: { maxBytes: config.uploadMaxBytes, maxFiles: config.uploadMaxFiles },
    });

  /** Checks the form and the files and stores them all, or none; temporary files are gone when it returns. */
  const acceptUpload = async (req: Request, meeting: MeetingDetail): Promise<Refusal | undefined> => {
    try {
      const form = parseForm(attachmentUploadSchema, req.body);
      const errors: FieldErrors = form.ok ? {} : form.errors;
      const agendaItemId = form.ok ? (form.data.agendaItemId ?? null) : null;
      if (agendaItemId !== null && !findAgendaItem(db, meeting.id, agendaItemId)) errors.agendaItemId = 'validation.unknownReference';
      const checked = await checkReceived(req);
      if (!checked.ok) errors.files = attachmentProblems[checked.problem];
      if (!form.ok || !checked.ok || Object.keys(errors).length) {
        const status = checked.ok ? 422 : problemStatus(checked.problem);
        return { status, values: form.values, errors, fileName: checked.ok ? undefined : checked.fileName };
      }
      const titles = titlesFor(checked.files, form.data.title);
      storeFiles(config.uploadsDir, checked.files, (storedNames) =>
        insertAttachments(
          db,
          checked.files.map((file, index) => ({
            meetingId: meeting.id,
            agendaItemId,
            groupId: null,
            title: titles[index],
            originalName: file.name,
            storedName: storedNames[index],
            mediaType: file.type.mediaType,
            size: file.size,
            sha256: file.sha256,
          })),
        ),
      );
      return undefined;
    } finally {
      await discardReceived(req);
    }
  };

  // An attachment follows the minutes: hidden (404) unless the viewer reads the meeting and its minutes.
  const readableAttachment = (req: Request): { attachment: Attachment; meeting: MeetingDetail } => {
    const attachment = found(findAttachment(db, idParam(req.params.id)));
    // A group's logo is not a meeting's attachment: it is served at /groups/:slug/logo.
    if (attachment.meetingId === null) throw notFound();
    const meeting = found(findMeetingDetail(db, attachment.meetingId));
    const viewer = viewerOf(req);
    if (!canReadMeeting(viewer, meeting) || !canReadMinutes(viewer, meeting)) throw notFound();
    return { attachment, meeting };
  };

  // Those who write in the meeting's lead group change its attachments (403 for readers).
  const writableAttachment = (req: Request): { attachment: Attachment; meeting: MeetingDetail } => {
    const readable = readableAttachment(req);
    ensure(canWriteMeeting(viewerOf(req), readable.meeting));
    return readable;
  };

  const managerUrl = (meetingId: number, attachmentId?: number) => `/meetings/${meetingId}/attachments${attachmentId ? `#attachment-${attachmentId}` : ''}`;

  router.get('/meetings/:id/attachments', (req, res) => {
    renderManager(res, writableMeeting(db, req));
  });

  router.post('/meetings/:id/attachments', allowedFirst((req) => writableMeeting(db, req)), receiveAttachments, async (req, res) => {
    let meeting: MeetingDetail;
    try {
      // Asked again after the upload, which takes time: if it throws now, the received files must not stay behind.
      meeting = writableMeeting(db, req);
    } catch (error) {
      await discardReceived(req);
      throw error;
    }
    const refusal = await acceptUpload(req, meeting);
    if (refusal) return renderManager(res, meeting, refusal);
    redirectWithFlash(res, `/meetings/${meeting.id}#attachments`, 'attachments.uploaded');
  });

  router.get('/attachments/:id', async (req, res) => {
    const { attachment } = readableAttachment(req);
    await sendStoredFile(res, storedPath(config.uploadsDir, attachment.storedName), {
      mediaType: attachment.mediaType,
      name: attachment.originalName,
      // Minutes may be confidential: no shared cache keeps them, nor the browser after use.
      cacheControl: 'private, no-store',
    });
  });

  router.post('/attachments/:id', (req, res) => {
    const { attachment, meeting } = writableAttachment(req);
    const form = parseForm(attachmentRenameSchema, req.body);
    if (!form.ok) return renderManager(res, meeting, { status: 422, rename: { id: attachment.id, values: form.values, errors: form.errors } });
    if (!renameAttachment(db, attachment.id, form.data.version, form.data.title)) {
      const values = { ...form.values, version: String(attachment.version) };
      return renderManager(res, meeting, { status: 409, rename: { id: attachment.id, values, errors: { _form: 'validation.conflict' } } });
    }
    redirectWithFlash(res, managerUrl(meeting.id, attachment.id), 'flash.saved');
  });

  router.post('/attachments/:id/delete', (req, res) => {
    const { attachment, meeting } = writableAttachment(req);
    const storedName = deleteAttachment(db, attachment.id);
    // The row first: a file without its row is harmless, a row without its file is a broken link.
    if (storedName) removeStoredFiles(config.uploadsDir, [storedName]);
    redirectWithFlash(res, managerUrl(meeting.id), 'flash.deleted');
  });

  // ---------------------------------------------------------------- the logo of a funded group

  const renderGroupEdit = (req: Request, res: Response, group: Group, status: number, logoError: MessageKey) =>
    res.status(status).render('groups/edit', {
      values: valuesOf(group),
      errors: {},
      group,
      umbrellaOptions: listGroupOptions(db, group.id).filter((option) => canReadGroup(viewerOf(req), option)),
      logoError,
    });

  router.get('/groups/:slug/logo', async (req, res) => {
    const group = groups.readable(req);
    const logo = found(findGroupLogo(db, group.id));
    // The logo is on every zápis of the group: the browser keeps it and asks whether it changed.
    res.set('ETag', `"${logo.sha256}"`);
    if (req.fresh) return void res.status(304).end();
    await sendStoredFile(res, storedPath(config.uploadsDir, logo.storedName), {
      mediaType: logo.mediaType,
      name: logo.originalName,
      cacheControl: 'private, no-cache',
      etag: `"${logo.sha256}"`,
    });
  });

  /** Checks the file and makes it the group's logo (the previous one's file deleted after); temporary files are gone when it returns. */
  const acceptLogo = async (req: Request, group: Group): Promise<UploadProblem | undefined> => {
    try {
      const checked = await checkReceived(req);
      if (!checked.ok) return checked.problem;
      const [file] = checked.files;
      if (!file.type.image) return 'type';
      const previous = storeFiles(config.uploadsDir, [file], ([storedName]) =>
        replaceGroupLogo(db, group.id, { title: titleFromName(file.name), originalName: file.name, storedName, mediaType: file.type.mediaType, size: file.size, sha256: file.sha256 }),
      );
      if (previous) removeStoredFiles(config.uploadsDir, [previous]);
      return undefined;
    } finally {
      await discardReceived(req);
    }
  };

  router.post('/groups/:slug/logo', allowedFirst(groups.manageable), receiveLogo, async (req, res) => {
    let group: Group;
    try {
      group = groups.manageable(req);
    } catch (error) {
      await discardReceived(req);
      throw error;
    }
    const problem = await acceptLogo(req, group);
    if (problem) return renderGroupEdit(req, res, group, problemStatus(problem), logoProblems[problem]);
    redirectWithFlash(res, `/groups/${group.slug}/edit#logo`, 'flash.saved');
  });

  router.post('/groups/:slug/logo/delete', (req, res) => {
    const group = groups.manageable(req);
    const storedName = removeGroupLogo(db, group.id);
    if (storedName) removeStoredFiles(config.uploadsDir, [storedName]);
    redirectWithFlash(res, `/groups/${group.slug}/edit#logo`, 'flash.deleted');
  });

  return router;
}
