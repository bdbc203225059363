import { writableMeeting } from '../access.js';
import { listAgendaItems, updateProceedings } from '../db/agenda.js';
import type { Db } from '../db/index.js';
import { findMinutesNotes, saveMinutesNotes, setMinutesPublished } from '../db/minutes.js';
import type { MinutesForm } from '../forms/minutes.js';
import { itemField, textFingerprint } from '../forms/minutes.js';
import { conflict, done } from './index.js';
import type { ActionContext, Refusal, Result } from './index.js';

/** What is stored now for each field of the minutes editor, by field name. */
export function storedMinutesTexts(db: Db, meetingId: number): Map<string, string> {
  const notes = findMinutesNotes(db, meetingId);
  const texts = new Map([
    ['openingNotes', notes.openingNotes],
    ['closingNotes', notes.closingNotes],
  ]);
  for (const item of listAgendaItems(db, meetingId)) texts.set(itemField(item.id), item.proceedings);
  return texts;
}

/** A conflict of the minutes editor: the texts others saved meanwhile, by field name, to show beside the writer's. */
export type MinutesConflict = Refusal & { theirs: Map<string, string> };

/**
 * Saves the minutes: the opening and closing notes and the proceedings of every agenda item the
 * form sent. If someone else saved a field differently since the editor was loaded, nothing is
 * written and both texts are returned. One transaction.
 */
export function saveMinutes(ctx: ActionContext, meetingId: number, form: MinutesForm): Result<void> | MinutesConflict {
  const { db } = ctx;
  const meeting = writableMeeting(db, ctx.viewer, meetingId);
  return db.transaction((): Result<void> | MinutesConflict => {
    const stored = storedMinutesTexts(db, meeting.id);
    const theirs = new Map(
      [...form.texts]
        .filter(([name, text]) => {
          const now = stored.get(name) ?? '';
          const base = form.bases.get(name);
          // Without a fingerprint we cannot know what the sender saw: only an empty text is safe to fill.
          const changedMeanwhile = base === undefined ? now !== '' : textFingerprint(now) !== base;
          return changedMeanwhile && now !== text;
        })
        .map(([name]) => [name, stored.get(name) ?? '']),
    );
    if (theirs.size) return { ...conflict({ _form: 'minutes.conflict' }), theirs };
    const now = ctx.clock.now();
    saveMinutesNotes(
      db,
      meeting.id,
      { openingNotes: form.texts.get('openingNotes') ?? stored.get('openingNotes') ?? '', closingNotes: form.texts.get('closingNotes') ?? stored.get('closingNotes') ?? '' },
      now,
    );
    // A field the form did not send (an agenda item added since the editor was opened) is left as it is.
    const itemIds = listAgendaItems(db, meeting.id).map((item) => item.id);
    updateProceedings(db, meeting.id, new Map(itemIds.filter((id) => form.texts.has(itemField(id))).map((id) => [id, form.texts.get(itemField(id)) ?? ''])), now);
    return done(undefined);
  })();
}

/** Publishes the minutes (readable by all who see the meeting; the first date is kept) or takes them back to draft. */
export function setPublished(ctx: ActionContext, meetingId: number, published: boolean): void {
  const meeting = writableMeeting(ctx.db, ctx.viewer, meetingId);
  setMinutesPublished(ctx.db, meeting.id, published, ctx.clock.now());
}
