import { Router } from 'express';
import type { Request, Response } from 'express';
import type { AppDeps } from '../app.js';
import { canReadGroup, canReadMinutes, viewerOf } from '../access.js';
import { notFound } from '../errors.js';
import { toInputParts } from '../i18n/dates.js';
import { zapisView } from '../meeting-record.js';
import type { ZapisView } from '../meeting-record.js';
import type { MeetingDetail } from '../db/meetings.js';
import { contentDisposition } from '../uploads.js';
import { renderDocx } from '../export/docx.js';
import { sheetDocument, zapisDocument } from '../export/documents.js';
import { renderPdf } from '../export/pdf.js';
import { readableMeeting } from './meetings.js';
import { asciiSlug } from '../export/markdown.js';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** "zapis-oss-10-2018-03-20": named after a group the viewer may see (never a hidden lead group). */
function baseName(prefix: string, meeting: MeetingDetail, group: { shortName: string; slug: string } | undefined): string {
  const groupPart = group ? asciiSlug(group.shortName) || asciiSlug(group.slug) : '';
  const date = toInputParts(meeting.startsAt, meeting.timeZone).date;
  return [prefix, groupPart, String(meeting.number), date].filter(Boolean).join('-');
}

/** Sends a generated file as a download that no cache keeps (it may hold a draft or members-only minutes). */
function sendFile(res: Response, body: Buffer, type: string, name: string): void {
  res.set({ 'Content-Type': type, 'Content-Disposition': contentDisposition(name, false), 'Cache-Control': 'private, no-store', 'Content-Length': String(body.length) });
  res.end(body);
}

const lang = (res: Response) => ({ t: res.locals.t, locale: res.locals.locale });

/** Exports of a meeting: the zápis as PDF and Word, the attendance sheet as PDF. Same visibility as the pages. */
export function exportsRouter({ db, config }: AppDeps): Router {
  const router = Router();

  const view = (req: Request): ZapisView => zapisView(db, readableMeeting(db, req), viewerOf(req));

  router.get('/meetings/:id.pdf', async (req, res) => {
    const zapis = view(req);
    const pdf = await renderPdf(zapisDocument(db, config.uploadsDir, zapis, lang(res)));
    sendFile(res, pdf, PDF, `${baseName('zapis', zapis.record.meeting, zapis.homeGroup)}.pdf`);
  });

  router.get('/meetings/:id.docx', async (req, res) => {
    const zapis = view(req);
    const docx = await renderDocx(zapisDocument(db, config.uploadsDir, zapis, lang(res)));
    sendFile(res, docx, DOCX, `${baseName('zapis', zapis.record.meeting, zapis.homeGroup)}.docx`);
  });

  router.get('/meetings/:id/attendance-sheet.pdf', async (req, res) => {
    const meeting = readableMeeting(db, req);
    const viewer = viewerOf(req);
    // As the sheet page: who came is part of the minutes, readable once they are published.
    if (!canReadMinutes(viewer, meeting)) throw notFound();
    const homeGroup = canReadGroup(viewer, meeting.leadGroup) ? meeting.leadGroup : meeting.groups.find((group) => canReadGroup(viewer, group));
    const pdf = await renderPdf(sheetDocument(db, config.uploadsDir, meeting, viewer, lang(res)));
    sendFile(res, pdf, PDF, `${baseName('prezencni-listina', meeting, homeGroup)}.pdf`);
  });

  return router;
}
