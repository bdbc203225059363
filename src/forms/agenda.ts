import { z } from 'zod';
import { checkbox, idList, longText, optionalId, optionalInt, optionalText, optionalTime, requiredText, version } from './index.js';

/** An agenda item: title, optional Markdown description, presenter, duration or fixed start, parent. */
export const agendaItemSchema = z.object({
  title: requiredText(300),
  description: longText(20_000),
  presenter: optionalText(200),
  durationMinutes: optionalInt(1, 24 * 60),
  fixedStart: optionalTime(),
  parentId: optionalId(),
  deferred: checkbox(),
});

export const agendaItemEditSchema = agendaItemSchema.extend({ version: version() });

/** The move buttons: one step up or down. */
export const moveSchema = z.object({ direction: z.enum(['up', 'down'], { error: 'validation.choice' }) });

/** Drag and drop: the new order of one level of the agenda. */
export const reorderSchema = z.object({
  parentId: optionalId(),
  ids: idList(),
});
