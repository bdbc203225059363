import type { Request, RequestHandler, Response } from 'express';
import { canReadGroup, manageableGroup, readableAttachment, readableGroup, viewerOf, writableAttachment, writableMeeting } from '../access.js';
import { attachFiles, clearGroupLogo, defaultVisibility, removeFile, renameFile, setGroupLogo } from '../actions/attachments.js';
import type { AppDeps } from '../app.js';
import { csrfCheck } from '../auth.js';
import { listAgendaItems } from '../db/agenda.js';
import { attachmentVisibilities, findGroupLogo, listAttachmentsOfMeeting } from '../db/attachments.js';
import type { Group } from '../db/groups.js';
import { listGroupOptions } from '../db/groups.js';
import type { MeetingDetail } from '../db/meetings.js';
import { notFound } from '../errors.js';
import { attachmentRenameSchema, attachmentUploadSchema } from '../forms/attachments.js';
import { parseForm, valuesOf } from '../forms/index.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import type { MessageKey } from '../i18n/index.js';
import { redirectWithFlash } from '../request-context.js';
import { checkReceived, discardReceived, isImageType, receiveFiles, storedPath } from '../uploads.js';
import type { UploadProblem } from '../uploads.js';
import { IMAGE_LIMITS } from '../images.js';
import { withTexts } from '../search/attachment-text.js';
import { agendaOptions, agendaTree } from '../zapis/agenda.js';
import { meetingTitle } from '../zapis/names.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { sendStoredFile } from './download.js';
import { idParam, valuesAfter } from './params.js';

const LOGO_MAX_BYTES = 2 * 1024 * 1024;

const attachmentProblems: Record<UploadProblem, MessageKey> = {
  none: 'attachments.noFile',
  tooLarge: 'attachments.tooLarge',
  tooMany: 'attachments.tooMany',
  type: 'attachments.typeRefused',
  empty: 'attachments.emptyFile',
  name: 'attachments.nameInvalid',
  imageTooLarge: 'attachments.imageTooLarge',
};

const logoProblems: Record<UploadProblem, MessageKey> = {
  ...attachmentProblems,
  none: 'funding.logoNoFile',
  tooLarge: 'funding.logoTooLarge',
  tooMany: 'funding.logoOne',
  type: 'funding.logoType',
  imageTooLarge: 'funding.logoImageTooLarge',
};

// Too much is "Payload Too Large"; anything else about the files is a form to correct.
const problemStatus = (problem: UploadProblem) => (problem === 'tooLarge' || problem === 'tooMany' ? 413 : 422);

/** A refused upload or rename: what to show again, and why. */
interface Refusal {
  status: number;
  values: FormValues;
  errors: FieldErrors;
  fileName?: string;
}

/** Attachments of meetings (upload, download, rename, delete) and the logo of a funded group. */
export function attachmentPages(deps: AppDeps): Pages<'manager' | 'upload' | 'download' | 'rename' | 'remove' | 'logo' | 'uploadLogo' | 'removeLogo'> & {
  receiveAttachments: RequestHandler;
  receiveLogo: RequestHandler;
  meetingFirst: RequestHandler;
  groupFirst: RequestHandler;
} {
  const { db, config } = deps;
  const receive = (field: string, maxBytes: number, maxFiles: number) => receiveFiles({ uploadsDir: config.uploadsDir, field, maxBytes, maxFiles, checkCsrf: csrfCheck });
  const meetingOf = (req: Request) => writableMeeting(db, viewerOf(req), idParam(req.params.id));
  const groupOf = (req: Request) => manageableGroup(db, viewerOf(req), String(req.params.slug));

  /** Asked before multer: nobody who may not upload gets even a temporary file written. */
  const first =
    (check: (req: Request) => unknown): RequestHandler =>
    (req, _res, next) => {
      check(req);
      next();
    };

  /** Asked again after the upload, which takes time: if it throws now, the received files must not stay behind. */
  const stillAllowed = async <T>(req: Request, check: (req: Request) => T): Promise<T> => {
    try {
      return check(req);
    } catch (error) {
      await discardReceived(req);
      throw error;
    }
  };

  const renderManager = (res: Response, meeting: MeetingDetail, refusal: Partial<Refusal> & { rename?: { id: number; values: FormValues; errors: FieldErrors } } = {}) =>
    res.status(refusal.status ?? 200).render('attachments/index', {
      meeting: { id: meeting.id, title: meetingTitle(meeting, meeting.leadGroup) },
      attachments: listAttachmentsOfMeeting(db, meeting.id),
      agendaOptions: agendaOptions(agendaTree(listAgendaItems(db, meeting.id)).entries),
      values: refusal.values ?? { visibility: defaultVisibility(meeting) },
      visibilityOptions: attachmentVisibilities.map((value) => ({ value, label: res.locals.t(`attachments.visibility.${value}`) })),
      errors: refusal.errors ?? {},
      fileName: refusal.fileName,
      rename: refusal.rename,
      limits: { maxBytes: config.uploadMaxBytes, maxFiles: config.uploadMaxFiles, image: IMAGE_LIMITS },
    });

  const renderGroupEdit = (req: Request, res: Response, group: Group, status: number, logoError: MessageKey) =>
    res.status(status).render('groups/edit', {
      values: valuesOf(group),
      errors: {},
      group,
      umbrellaOptions: listGroupOptions(db, group.id).filter((option) => canReadGroup(viewerOf(req), option)),
      logoError,
      imageLimits: IMAGE_LIMITS,
    });

  /** Checks the form and the files and stores them all, or none; temporary files are gone when it returns. */
  const acceptUpload = async (req: Request, res: Response, meeting: MeetingDetail): Promise<Refusal | undefined> => {
    try {
      const form = parseForm(attachmentUploadSchema, req.body);
      const checked = await checkReceived(req);
      const errors: FieldErrors = form.ok ? {} : { ...form.errors };
      if (!checked.ok) errors.files = attachmentProblems[checked.problem];
      if (!form.ok || !checked.ok) return { status: checked.ok ? 422 : problemStatus(checked.problem), values: form.values, errors, fileName: checked.ok ? undefined : checked.fileName };
      const files = await withTexts(deps.renderer, checked.files);
      const result = attachFiles(actionContext(deps, req, res), meeting.id, { title: form.data.title, agendaItemId: form.data.agendaItemId ?? null, visibility: form.data.visibility }, files);
      return result.ok ? undefined : { status: result.status, values: form.values, errors: result.errors };
    } finally {
      await discardReceived(req);
    }
  };

  /** Checks, scales and stores the logo, or says why not; temporary files are gone when it returns. */
  const acceptLogo = async (req: Request, res: Response, group: Group): Promise<{ status: number; message: MessageKey } | undefined> => {
    try {
      const checked = await checkReceived(req);
      if (!checked.ok) return { status: problemStatus(checked.problem), message: logoProblems[checked.problem] };
      const result = await setGroupLogo(actionContext(deps, req, res), group.slug, checked.files[0]);
      return result.ok ? undefined : { status: result.status, message: logoProblems.type };
    } finally {
      await discardReceived(req);
    }
  };

  const managerUrl = (meetingId: number, attachmentId?: number) => `/meetings/${meetingId}/attachments${attachmentId ? `#attachment-${attachmentId}` : ''}`;

  return {
    receiveAttachments: receive('files', config.uploadMaxBytes, config.uploadMaxFiles),
    receiveLogo: receive('logo', LOGO_MAX_BYTES, 1),
    meetingFirst: first(meetingOf),
    groupFirst: first(groupOf),

    manager(req, res) {
      renderManager(res, meetingOf(req));
    },

    async upload(req, res) {
      const meeting = await stillAllowed(req, meetingOf);
      const refusal = await acceptUpload(req, res, meeting);
      if (refusal) return renderManager(res, meeting, refusal);
      redirectWithFlash(res, `/meetings/${meeting.id}#attachments`, 'attachments.uploaded');
    },

    async download(req, res) {
      const { attachment } = readableAttachment(db, viewerOf(req), idParam(req.params.id));
      await sendStoredFile(res, storedPath(config.uploadsDir, attachment.storedName), {
        mediaType: attachment.mediaType,
        name: attachment.originalName,
        inline: isImageType(attachment.mediaType),
        // Minutes may be confidential: no shared cache keeps them, nor the browser after use.
        cacheControl: 'private, no-store',
      });
    },

    rename(req, res) {
      const { attachment, meeting } = writableAttachment(db, viewerOf(req), idParam(req.params.id));
      const form = parseForm(attachmentRenameSchema, req.body);
      if (!form.ok) return renderManager(res, meeting, { status: 422, rename: { id: attachment.id, values: form.values, errors: form.errors } });
      const result = renameFile(actionContext(deps, req, res), attachment.id, form.data);
      if (!result.ok) return renderManager(res, meeting, { status: result.status, rename: { id: attachment.id, values: valuesAfter(form.values, result), errors: result.errors } });
      redirectWithFlash(res, managerUrl(meeting.id, attachment.id), 'flash.saved');
    },

    remove(req, res) {
      const { meetingId } = removeFile(actionContext(deps, req, res), idParam(req.params.id));
      redirectWithFlash(res, managerUrl(meetingId), 'flash.deleted');
    },

    async logo(req, res) {
      const group = readableGroup(db, viewerOf(req), String(req.params.slug));
      const logo = findGroupLogo(db, group.id);
      if (!logo) throw notFound();
      // The logo is on every zápis of the group: the browser keeps it and asks whether it changed.
      res.set('ETag', `"${logo.sha256}"`);
      if (req.fresh) return void res.status(304).end();
      await sendStoredFile(res, storedPath(config.uploadsDir, logo.storedName), {
        mediaType: logo.mediaType,
        name: logo.originalName,
        inline: true,
        cacheControl: 'private, no-cache',
        etag: `"${logo.sha256}"`,
      });
    },

    async uploadLogo(req, res) {
      const group = await stillAllowed(req, groupOf);
      const refusal = await acceptLogo(req, res, group);
      if (refusal) return renderGroupEdit(req, res, group, refusal.status, refusal.message);
      redirectWithFlash(res, `/groups/${group.slug}/edit#logo`, 'flash.saved');
    },

    removeLogo(req, res) {
      const group = groupOf(req);
      clearGroupLogo(actionContext(deps, req, res), group.slug);
      redirectWithFlash(res, `/groups/${group.slug}/edit#logo`, 'flash.deleted');
    },
  };
}
