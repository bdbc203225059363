import { z } from 'zod';
import { meetingStatuses } from '../db/meetings.js';
import { clockToMinutes } from '../agenda-schedule.js';
import { idList, oneOf, optionalId, optionalInt, optionalText, optionalTime, optionalUrl, requiredDate, requiredId, requiredInt, requiredTime, version } from './index.js';

/** The meeting form: groups, number, title, when, where, status and roles. */
export const meetingSchema = z
  .object({
    leadGroupId: requiredId(),
    groupIds: idList(),
    number: optionalInt(1, 99999),
    title: optionalText(300),
    date: requiredDate(),
    startTime: requiredTime(),
    endTime: optionalTime(),
    venueId: optionalId(),
    room: optionalText(200),
    onlineUrl: optionalUrl(),
    status: oneOf(meetingStatuses),
    chairId: optionalId(),
    minuteTakerId: optionalId(),
    verifierIds: idList(),
  })
  .superRefine((form, ctx) => {
    if (form.endTime && clockToMinutes(form.endTime) <= clockToMinutes(form.startTime)) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'meetings.endBeforeStart' });
    }
  });

// Editing keeps the number it has: a blank one must not quietly renumber the meeting.
export const meetingEditSchema = meetingSchema.safeExtend({ number: requiredInt(1, 99999), version: version() });

export type MeetingForm = z.output<typeof meetingSchema>;
