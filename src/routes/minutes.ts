import type { Request, Response } from 'express';
import { viewerOf, writableMeeting } from '../access.js';
import { saveMinutes, setPublished, storedMinutesTexts } from '../actions/minutes.js';
import type { AppDeps } from '../app.js';
import { listAgendaItems } from '../db/agenda.js';
import type { MeetingDetail } from '../db/meetings.js';
import { badRequest } from '../errors.js';
import type { FieldErrors, FormValues } from '../forms/index.js';
import { MAX_MINUTES_TEXT, parseMinutesForm, textFingerprint } from '../forms/minutes.js';
import { renderMarkdown } from '../markdown.js';
import { redirectWithFlash } from '../request-context.js';
import { loadOutline } from '../zapis/record.js';
import { actionContext } from './context.js';
import type { Pages } from './context.js';
import { idParam } from './params.js';

/** The minutes: one editor for the opening notes, the proceedings of every agenda item and the closing notes; publishing. */
export function minutesPages(deps: AppDeps): Pages<'editor' | 'save' | 'publish' | 'unpublish' | 'preview'> {
  const { db } = deps;
  const meetingOf = (req: Request) => writableMeeting(db, viewerOf(req), idParam(req.params.id));

  const renderEditor = (res: Response, status: number, meeting: MeetingDetail, values: FormValues, errors: FieldErrors, extra: { previews?: Map<string, string>; theirs?: Map<string, string> } = {}) => {
    res.status(status).render('minutes/edit', { record: loadOutline(db, meeting), values, errors, previews: extra.previews ?? new Map(), theirs: extra.theirs ?? new Map() });
  };

  return {
    editor(req, res) {
      const meeting = meetingOf(req);
      // The stored texts, and the fingerprints they are checked against on save.
      const values: FormValues = {};
      for (const [name, text] of storedMinutesTexts(db, meeting.id)) {
        values[name] = text;
        values[`base-${name}`] = textFingerprint(text);
      }
      renderEditor(res, 200, meeting, values, {});
    },

    save(req, res) {
      const meeting = meetingOf(req);
      const form = parseMinutesForm(req.body, listAgendaItems(db, meeting.id).map((item) => item.id));
      if (!form.ok) return renderEditor(res, 422, meeting, form.values, form.errors);
      if (form.data.preview) {
        const previews = new Map([...form.data.texts].map(([name, text]) => [name, renderMarkdown(text)]));
        return renderEditor(res, 200, meeting, form.values, {}, { previews });
      }
      const result = saveMinutes(actionContext(deps, req, res), meeting.id, form.data);
      if (!result.ok) {
        // Both texts stay: the writer's in the field, the other one beside it; saving again overwrites it deliberately.
        const theirs = 'theirs' in result ? result.theirs : new Map<string, string>();
        const values = { ...form.values };
        for (const [name, text] of theirs) values[`base-${name}`] = textFingerprint(text);
        return renderEditor(res, result.status, meeting, values, result.errors, { theirs });
      }
      redirectWithFlash(res, `/meetings/${meeting.id}#proceedings-heading`, 'minutes.saved');
    },

    publish(req, res) {
      const meeting = meetingOf(req);
      setPublished(actionContext(deps, req, res), meeting.id, true);
      redirectWithFlash(res, `/meetings/${meeting.id}`, 'minutes.publishedFlash');
    },

    unpublish(req, res) {
      const meeting = meetingOf(req);
      setPublished(actionContext(deps, req, res), meeting.id, false);
      redirectWithFlash(res, `/meetings/${meeting.id}`, 'minutes.unpublishedFlash');
    },

    // Live preview for the editor's script; the page works without it (the Preview button).
    preview(req, res) {
      const text = typeof req.body?.text === 'string' ? req.body.text : undefined;
      if (text === undefined || text.length > MAX_MINUTES_TEXT) throw badRequest();
      res.set('Cache-Control', 'no-store').json({ html: renderMarkdown(text) });
    },
  };
}
