import { z } from 'zod';
import { addedKinds, attendanceStatuses } from '../db/attendance.js';
import type { AttendanceStatus, StatedQuorum, StatusUpdate } from '../db/attendance.js';
import { checkbox, oneOf, optionalId, optionalInt, optionalText, requiredId, requiredText } from './index.js';

const lastValue = (value: unknown) => String((Array.isArray(value) ? value[value.length - 1] : value) ?? '');

/** The field names of one listed person's row in the attendance editor. */
export const statusFields = (id: number) => ({ status: `status-${id}`, version: `version-${id}` });

/** The field of a member of the day who is not listed yet (the list is stored with the first save). */
export const expectedField = (personId: number) => `status-p${personId}`;

/** The row ids a submitted editor form speaks about (from its version fields), listed or not. */
export function submittedRowIds(values: Record<string, unknown>): number[] {
  return Object.keys(values).flatMap((key) => {
    const match = /^version-([1-9]\d{0,15})$/.exec(key);
    return match ? [Number(match[1])] : [];
  });
}

const optionalStatus = () => z.preprocess((v) => lastValue(v).trim() || undefined, z.enum(attendanceStatuses, { error: 'validation.choice' }).optional());

/** What the editor saves: statuses of listed rows (with their versions), of members of the day not listed yet, and the by-sheet flag. */
export interface StatusesForm {
  bySheet: boolean;
  /** The quorum as the minutes state it (nulls when they do not). */
  stated: StatedQuorum;
  updates: StatusUpdate[];
  expected: { personId: number; status: AttendanceStatus }[];
  /** Every listed row the form showed, changed or not: one removed meanwhile makes the save a conflict. */
  shownRowIds: number[];
}

/**
 * The editor's form for these rows (and, before anything is stored, these members of the day): per
 * row a status (none = left as it is) with the version it was loaded with, and the "dle prezenční
 * listiny" flag.
 */
export function statusesSchema(rowIds: readonly number[], expectedPersonIds: readonly number[] = []) {
  const shape: Record<string, z.ZodType> = {
    bySheet: checkbox(),
    quorumPresent: optionalInt(0, 100_000),
    quorumTotal: optionalInt(1, 100_000),
    quorate: z.preprocess((v) => lastValue(v).trim() || undefined, z.enum(['yes', 'no'], { error: 'validation.choice' }).optional()),
  };
  for (const id of rowIds) {
    const fields = statusFields(id);
    shape[fields.status] = optionalStatus();
    shape[fields.version] = optionalId();
  }
  for (const personId of expectedPersonIds) shape[expectedField(personId)] = optionalStatus();
  return z
    .object(shape)
    .superRefine((form, context) => {
      // Without the version there is no telling whether someone else changed the row meanwhile.
      for (const id of rowIds) {
        const fields = statusFields(id);
        if (form[fields.status] !== undefined && form[fields.version] === undefined) context.addIssue({ code: 'custom', path: [fields.status], message: 'validation.invalid' });
      }
      const [present, total] = [form.quorumPresent as number | undefined, form.quorumTotal as number | undefined];
      if (present !== undefined && total !== undefined && present > total) context.addIssue({ code: 'custom', path: ['quorumPresent'], message: 'attendance.quorumPresentOverTotal' });
    })
    .transform((form): Omit<StatusesForm, 'shownRowIds'> => ({
      bySheet: form.bySheet as boolean,
      stated: {
        present: (form.quorumPresent as number | undefined) ?? null,
        total: (form.quorumTotal as number | undefined) ?? null,
        quorate: form.quorate === undefined ? null : form.quorate === 'yes',
      },
      updates: rowIds.flatMap((id) => {
        const fields = statusFields(id);
        const status = form[fields.status] as AttendanceStatus | undefined;
        return status ? [{ id, status, version: form[fields.version] as number }] : [];
      }),
      expected: expectedPersonIds.flatMap((personId) => {
        const status = form[expectedField(personId)] as AttendanceStatus | undefined;
        return status ? [{ personId, status }] : [];
      }),
    }));
}

/** What both add forms ask: how the person comes, whether they are there, and for whom a substitute stands in. */
const attendeeFields = {
  kind: oneOf(addedKinds),
  status: oneOf(attendanceStatuses),
  substituteForPersonId: optionalId(),
};

const substituteNeedsMember = {
  path: ['substituteForPersonId'],
  error: 'attendance.substituteForRequired',
  // Also when another field is wrong, so every message shows at once; not when these could not be read.
  when: (payload: z.core.ParsePayload) => !payload.issues.some((issue) => issue.path?.[0] === 'kind' || issue.path?.[0] === 'substituteForPersonId'),
};

/** Adds someone already in the directory: a guest, an invited person or a substitute. */
export const addAttendeeSchema = z
  .object({ personId: requiredId(), ...attendeeFields })
  .refine((form) => form.kind !== 'substitute' || form.substituteForPersonId !== undefined, substituteNeedsMember);

export type AddAttendeeForm = z.output<typeof addAttendeeSchema>;

/** Adds someone new on the spot: a name, and an organisation chosen or typed (not both). */
export const newAttendeeSchema = z
  .object({ name: requiredText(200), organisationId: optionalId(), organisationName: optionalText(200), ...attendeeFields })
  .refine((form) => form.kind !== 'substitute' || form.substituteForPersonId !== undefined, substituteNeedsMember)
  .refine((form) => form.organisationId === undefined || form.organisationName === '', {
    path: ['organisationName'],
    error: 'attendance.organisationEither',
    when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'organisationId' || issue.path?.[0] === 'organisationName'),
  });

export type NewAttendeeForm = z.output<typeof newAttendeeSchema>;
