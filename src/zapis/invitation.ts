import { canReadDirectory } from '../access.js';
import type { Viewer } from '../access.js';
import type { Db } from '../db/index.js';
import type { MeetingDetail } from '../db/meetings.js';
import { listMembershipsOfGroup, memberOn } from '../db/memberships.js';
import { findPerson } from '../db/people.js';
import type { Lang } from '../i18n/index.js';
import { presentProgram } from './agenda.js';
import type { Fact, Program, Run } from './model.js';
import { meetingTitleFor, personName } from './names.js';
import { homeGroupOf, localStartIso, whenAndWhere } from './present.js';
import type { MeetingOutline } from './record.js';

/** Whom to excuse oneself with: a name, and the e-mail address for those who may read the directory. */
export interface ExcuseContact {
  name: string;
  email: string;
}

/** The invitation (pozvánka): its page and the text to paste into an e-mail. */
export interface InvitationModel {
  meetingId: number;
  title: string;
  /** "Pozvánka na 11. setkání …". */
  heading: string;
  /** "Zrušené" when the meeting was cancelled. */
  cancelled: string | null;
  startIso: string;
  /** The group it belongs to for the viewer (never a hidden lead group). */
  homeGroup: { name: string; shortName: string; slug: string } | null;
  facts: Fact[];
  program: Program;
  /** "Případnou neúčast prosím omluvte předem – kontakt: …", the address as a mailto link. */
  excuse: Run[];
  links: { calendar: { label: string; path: string }; details: { label: string; path: string } };
}

/** The minute-taker, else the lead group's secretary on `today`: whom the invitation names for excuses. */
export function loadExcuseContact(db: Db, meeting: MeetingDetail, viewer: Viewer, today: string): ExcuseContact | undefined {
  const secretary = listMembershipsOfGroup(db, meeting.leadGroupId).find((membership) => membership.role === 'secretary' && memberOn(membership, today));
  const personId = meeting.minuteTaker?.id ?? secretary?.personId;
  const person = personId === undefined ? undefined : findPerson(db, personId);
  if (!person) return undefined;
  return { name: personName(person), email: canReadDirectory(viewer) ? person.email : '' };
}

/** "Pozvánka na 11. setkání …" for numbered titles; any other title cannot be declined safely, so it follows a colon. */
function invitationHeading(title: string, { t }: Lang): string {
  return /^\d+\.\s/.test(title) ? t('calendar.invitationHeading', { title }) : t('calendar.invitationHeadingOther', { title });
}

function excuseRuns(contact: ExcuseContact | undefined, { t }: Lang): Run[] {
  if (!contact) return [{ text: t('calendar.excuseAnyone') }];
  if (!contact.email) return [{ text: t('calendar.excuse', { name: contact.name }) }];
  // The sentence is translated whole; the address inside it becomes a link.
  const marker = '\u0000';
  const [before, after] = t('calendar.excuseEmail', { name: contact.name, email: marker }).split(marker);
  return [{ text: before }, { text: contact.email, link: `mailto:${contact.email}` }, { text: after }];
}

/** The invitation to a meeting the viewer may see. */
export function presentInvitation(outline: MeetingOutline, contact: ExcuseContact | undefined, viewer: Viewer, lang: Lang): InvitationModel {
  const { meeting } = outline;
  const { t } = lang;
  const title = meetingTitleFor(meeting, meeting.leadGroup, viewer, t);
  return {
    meetingId: meeting.id,
    title,
    heading: invitationHeading(title, lang),
    cancelled: meeting.status === 'cancelled' ? t('meetings.status.cancelled') : null,
    startIso: localStartIso(meeting),
    homeGroup: homeGroupOf(meeting, viewer),
    facts: whenAndWhere(meeting, lang),
    program: presentProgram({ entries: outline.agenda, estimatedEnd: outline.estimatedEnd }, lang),
    excuse: excuseRuns(contact, lang),
    links: {
      calendar: { label: t('calendar.addToCalendar'), path: `/meetings/${meeting.id}.ics` },
      details: { label: t('calendar.details'), path: `/meetings/${meeting.id}` },
    },
  };
}
