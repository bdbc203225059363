import type { Request, Response } from 'express';
import { meetingWithReadableMinutes, readableMeeting, viewerOf } from '../access.js';
import type { AppDeps } from '../app.js';
import { sheetDocument, zapisDocument } from '../export/documents.js';
import { zapisMarkdown } from '../export/markdown.js';
import { zapisFor } from '../zapis/index.js';
import { loadSheetRows, presentSheet } from '../zapis/sheet.js';
import type { Pages } from './context.js';
import { readerGone, sendDownload } from './download.js';
import { idParam } from './params.js';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MARKDOWN = 'text/markdown; charset=utf-8';

/** Exports of a meeting: the zápis as PDF, Word and Markdown, the attendance sheet as PDF. Each shows what the page shows that viewer. */
export function exportPages(deps: AppDeps): Pages<'pdf' | 'docx' | 'markdown' | 'sheetPdf'> {
  const { db, config, renderer } = deps;

  const zapisOf = (req: Request, res: Response) => {
    const viewer = viewerOf(req);
    const meeting = readableMeeting(db, viewer, idParam(req.params.id));
    return { meeting, model: zapisFor(db, meeting, viewer, res.locals.lang, res.locals.today) };
  };

  return {
    async pdf(req, res) {
      const { meeting, model } = zapisOf(req, res);
      sendDownload(res, await renderer.pdf(zapisDocument(db, config.uploadsDir, model, meeting, res.locals.t), readerGone(res)), { mediaType: PDF, name: `${model.fileName}.pdf` });
    },

    async docx(req, res) {
      const { meeting, model } = zapisOf(req, res);
      sendDownload(res, await renderer.docx(zapisDocument(db, config.uploadsDir, model, meeting, res.locals.t), readerGone(res)), { mediaType: DOCX, name: `${model.fileName}.docx` });
    },

    markdown(req, res) {
      const { model } = zapisOf(req, res);
      sendDownload(res, zapisMarkdown(model, config.baseUrl), { mediaType: MARKDOWN, name: `${model.fileName}.md` });
    },

    // As the sheet page: who came is part of the minutes, readable once they are published.
    async sheetPdf(req, res) {
      const viewer = viewerOf(req);
      const meeting = meetingWithReadableMinutes(db, viewer, idParam(req.params.id));
      const sheet = presentSheet(meeting, loadSheetRows(db, meeting, viewer), viewer, res.locals.lang);
      sendDownload(res, await renderer.pdf(sheetDocument(db, config.uploadsDir, sheet, meeting, res.locals.t), readerGone(res)), { mediaType: PDF, name: `${sheet.fileName}.pdf` });
    },
  };
}
