import { z } from 'zod';
import { actionItemStatuses, reviewOutcomes } from '../db/action-items.js';
import type { ReviewInput } from '../db/action-items.js';
import { idList, oneOf, optionalDate, optionalId, optionalText, version } from './index.js';

const lastValue = (value: unknown) => String((Array.isArray(value) ? value[value.length - 1] : value) ?? '');

/** The task itself: several lines allowed, Windows line ends normalised, trimmed. */
const taskText = () =>
  z.preprocess(
    (v) => lastValue(v).replace(/\r\n?/g, '\n').trim(),
    z.string().min(1, { error: 'validation.required' }).max(2000, { error: 'validation.tooLong' }),
  );

/** An action item: what, who is responsible (people and/or an organisation), deadline, agenda item. */
export const actionItemSchema = z
  .object({
    text: taskText(),
    ownerIds: idList(),
    organisationId: optionalId(),
    responsibleText: optionalText(200),
    dueDate: optionalDate(),
    agendaItemId: optionalId(),
  })
  .refine((form) => form.ownerIds.length > 0 || form.organisationId !== undefined || form.responsibleText !== '', {
    path: ['ownerIds'],
    error: 'actionItems.responsibleRequired',
    // Also when another field is wrong, so that every message shows at once; not when the
    // responsible fields themselves could not be read.
    when: (payload) => !payload.issues.some((issue) => ['ownerIds', 'organisationId', 'responsibleText'].includes(String(issue.path?.[0]))),
  });

export type ActionItemForm = z.output<typeof actionItemSchema>;

/** The edit form adds the status and the version it was loaded with. */
export const actionItemEditSchema = actionItemSchema.safeExtend({
  status: oneOf(actionItemStatuses),
  version: version(),
});

/** The field names of one item's row in the review form. */
export const reviewFields = (id: number) => ({ outcome: `outcome-${id}`, dueDate: `dueDate-${id}`, note: `note-${id}` });

const optionalOutcome = () => z.preprocess((v) => lastValue(v).trim() || undefined, z.enum(reviewOutcomes, { error: 'validation.choice' }).optional());

/**
 * The Kontrola úkolů form for these items: per item an outcome (none = not reviewed, left as it
 * was), a new deadline (required when rescheduled) and a note. Parses to the reviews to record.
 */
export function reviewSchema(itemIds: readonly number[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const id of itemIds) {
    const fields = reviewFields(id);
    shape[fields.outcome] = optionalOutcome();
    shape[fields.dueDate] = optionalDate();
    shape[fields.note] = optionalText(1000);
  }
  return z
    .object(shape)
    .superRefine((form, context) => {
      for (const id of itemIds) {
        const fields = reviewFields(id);
        if (form[fields.outcome] === 'rescheduled' && form[fields.dueDate] === undefined) {
          context.addIssue({ code: 'custom', path: [fields.dueDate], message: 'actionItems.newDueDateRequired' });
        }
      }
    })
    .transform((form): ReviewInput[] =>
      itemIds.flatMap((id) => {
        const fields = reviewFields(id);
        const outcome = form[fields.outcome] as ReviewInput['outcome'] | undefined;
        if (!outcome) return [];
        const dueDate = outcome === 'rescheduled' ? (form[fields.dueDate] as string) : null;
        return [{ actionItemId: id, outcome, dueDate, note: form[fields.note] as string }];
      }),
    );
}
