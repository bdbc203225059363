import { Router } from 'express';
import type { Response } from 'express';
import type { AppDeps } from '../app.js';
import { readScope } from '../access.js';
import { listAgendaItems, updateProceedings } from '../db/agenda.js';
import { findMinutesNotes, saveMinutesNotes, setMinutesPublished } from '../db/minutes.js';
import { requireSignIn } from '../auth.js';
import type { MeetingDetail } from '../db/meetings.js';
import { badRequest } from '../errors.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { MAX_MINUTES_TEXT, itemField, parseMinutesForm, textFingerprint } from '../forms/minutes.js';
import { renderMarkdown } from '../markdown.js';
import { meetingRecord } from '../meeting-record.js';
import { redirectWithFlash } from '../request-context.js';
import { writableMeeting } from './meetings.js';

/** What is stored now for each field of the editor, by field name. */
function storedTexts(db: AppDeps['db'], meetingId: number): Map<string, string> {
  const notes = findMinutesNotes(db, meetingId);
  const texts = new Map([
    ['openingNotes', notes.openingNotes],
    ['closingNotes', notes.closingNotes],
  ]);
  for (const item of listAgendaItems(db, meetingId)) texts.set(itemField(item.id), item.proceedings);
  return texts;
}

/** The minutes: one editor for the opening notes, the proceedings of every agenda item and the closing notes. */
export function minutesRouter({ db }: AppDeps): Router {
  const router = Router();

  const renderEditor = (
    res: Response,
    status: number,
    meeting: MeetingDetail,
    values: FormValues,
    errors: FieldErrors,
    extra: { previews?: Map<string, string>; theirs?: Map<string, string> } = {},
  ) => {
    const record = meetingRecord(db, meeting, readScope(res.locals.viewer));
    res.status(status).render('minutes/edit', { record, values, errors, previews: extra.previews ?? new Map(), theirs: extra.theirs ?? new Map() });
  };

  // The first render: the stored texts, and the fingerprints they are checked against on save.
  const loadedValues = (meetingId: number): FormValues => {
    const values: FormValues = {};
    for (const [name, text] of storedTexts(db, meetingId)) {
      values[name] = text;
      values[`base-${name}`] = textFingerprint(text);
    }
    return values;
  };

  router.get('/meetings/:id/minutes/edit', (req, res) => {
    const meeting = writableMeeting(db, req);
    renderEditor(res, 200, meeting, loadedValues(meeting.id), {});
  });

  router.post('/meetings/:id/minutes', (req, res) => {
    const meeting = writableMeeting(db, req);
    const itemIds = listAgendaItems(db, meeting.id).map((item) => item.id);
    const form = parseMinutesForm(req.body, itemIds);
    if (!form.ok) return renderEditor(res, 422, meeting, form.values, form.errors);
    const submitted = form.data.texts;
    if (form.data.preview) {
      const previews = new Map([...submitted].map(([name, text]) => [name, renderMarkdown(text)]));
      return renderEditor(res, 200, meeting, form.values, {}, { previews });
    }
    // Someone else saved a field since this editor was loaded, and differently: keep both texts, write nothing.
    const stored = storedTexts(db, meeting.id);
    const theirs = new Map(
      [...submitted].filter(([name, text]) => {
        const now = stored.get(name) ?? '';
        const base = form.data.bases.get(name);
        // Without a fingerprint we cannot know what the sender saw: only an empty text is safe to fill.
        const changedMeanwhile = base === undefined ? now !== '' : textFingerprint(now) !== base;
        return changedMeanwhile && now !== text;
      }).map(([name]) => [name, stored.get(name) ?? '']),
    );
    if (theirs.size) {
      const values = { ...form.values };
      for (const [name, text] of theirs) values[`base-${name}`] = textFingerprint(text);
      return renderEditor(res, 409, meeting, values, { _form: 'minutes.conflict' }, { theirs });
    }
    db.transaction(() => {
      saveMinutesNotes(db, meeting.id, {
        openingNotes: submitted.get('openingNotes') ?? stored.get('openingNotes') ?? '',
        closingNotes: submitted.get('closingNotes') ?? stored.get('closingNotes') ?? '',
      });
      const proceedings = new Map(itemIds.filter((id) => submitted.has(itemField(id))).map((id) => [id, submitted.get(itemField(id)) ?? '']));
      updateProceedings(db, meeting.id, proceedings);
    })();
    redirectWithFlash(res, `/meetings/${meeting.id}#proceedings-heading`, 'minutes.saved');
  });

  router.post('/meetings/:id/minutes/publish', (req, res) => {
    const meeting = writableMeeting(db, req);
    setMinutesPublished(db, meeting.id, true);
    redirectWithFlash(res, `/meetings/${meeting.id}`, 'minutes.publishedFlash');
  });

  router.post('/meetings/:id/minutes/unpublish', (req, res) => {
    const meeting = writableMeeting(db, req);
    setMinutesPublished(db, meeting.id, false);
    redirectWithFlash(res, `/meetings/${meeting.id}`, 'minutes.unpublishedFlash');
  });

  // Live preview for the editor's script; the page works without it (the Preview button).
  router.post('/minutes/preview', requireSignIn, (req, res) => {
    const text = typeof req.body?.text === 'string' ? req.body.text : undefined;
    if (text === undefined || text.length > MAX_MINUTES_TEXT) throw badRequest();
    res.set('Cache-Control', 'no-store').json({ html: renderMarkdown(text) });
  });

  return router;
}
