import { DateTime } from 'luxon';
import type { Db } from '../src/db/index.js';
import { insertResolution } from '../src/db/resolutions.js';
import type { NewResolution } from '../src/db/resolutions.js';
import { insertOrganisation } from '../src/db/organisations.js';
import type { OrganisationInput } from '../src/db/organisations.js';
import { insertPerson } from '../src/db/people.js';
import type { PersonInput } from '../src/db/people.js';
import { insertVenue } from '../src/db/venues.js';
import type { VenueInput } from '../src/db/venues.js';
import { insertGroup } from '../src/db/groups.js';
import type { GroupInput } from '../src/db/groups.js';
import { insertMembership } from '../src/db/memberships.js';
import type { MembershipInput } from '../src/db/memberships.js';
import { insertAgendaItem } from '../src/db/agenda.js';
import type { AgendaItemInput } from '../src/db/agenda.js';
import { findMeeting, insertMeeting, nextMeetingNumber } from '../src/db/meetings.js';
import type { MeetingInput } from '../src/db/meetings.js';

let counter = 0;
/** When factories say a row was written: now, by the machine's clock (tests that set the app's clock pass it their own). */
export const now = (): string => new Date().toISOString();
const unique = () => ++counter;

/** An organisation row; returns its id. */
export function createOrganisation(db: Db, overrides: Partial<OrganisationInput> = {}): number {
  return insertOrganisation(db, { name: `Organizace ${unique()}`, shortName: '', ...overrides }, now());
}

/** A person row (no organisation unless given); returns its id. */
export function createPerson(db: Db, overrides: Partial<PersonInput> = {}): number {
  return insertPerson(db, { name: `Osoba ${unique()}`, title: '', email: '', phone: '', organisationId: null, ...overrides }, now());
}

/** A venue row with a Liberec address; returns its id. */
export function createVenue(db: Db, overrides: Partial<VenueInput> = {}): number {
  return insertVenue(db, {
    name: `Místo ${unique()}`,
    street: 'U Nisy 362/6',
    postalCode: '460 01',
    town: 'Liberec',
    defaultRoom: '',
    notes: '',
    ...overrides,
  }, now());
}

/** A public group with a unique name and slug; returns its id. */
export function createGroup(db: Db, overrides: Partial<GroupInput> = {}): number {
  const n = unique();
  return insertGroup(db, {
    name: `Skupina ${n}`,
    nameGenitive: '',
    shortName: '',
    slug: `skupina-${n}`,
    description: '',
    umbrellaId: null,
    visibility: 'public',
    numberingPerYear: false,
    ...overrides,
  }, now());
}

/** A current membership as a member; makes a new group and person unless given. Returns its id. */
export function createMembership(
  db: Db,
  overrides: Partial<MembershipInput> & { groupId?: number } = {},
): number {
  const { groupId = createGroup(db), personId = createPerson(db), ...rest } = overrides;
  return insertMembership(db, groupId, { personId, role: 'member', since: null, until: null, ...rest }, now());
}

/** A planned meeting of a group (a new one unless given), 20. 3. 2018 9:30–11:30 Prague time; returns its id. */
export function createMeeting(db: Db, overrides: Partial<MeetingInput> = {}): number {
  const leadGroupId = overrides.leadGroupId ?? createGroup(db);
  return insertMeeting(db, {
    groupIds: [],
    number: nextMeetingNumber(db, leadGroupId),
    title: '',
    startsAt: '2018-03-20T08:30:00Z',
    endsAt: '2018-03-20T10:30:00Z',
    timeZone: 'Europe/Prague',
    venueId: null,
    room: '',
    onlineUrl: '',
    status: 'planned',
    chairId: null,
    minuteTakerId: null,
    verifierIds: [],
    ...overrides,
    leadGroupId,
  }, now());
}

/** A top-level agenda item at the end of the meeting's agenda; returns its id. */
export function createAgendaItem(db: Db, meetingId: number, overrides: Partial<AgendaItemInput> = {}): number {
  return insertAgendaItem(db, meetingId, {
    parentId: null,
    title: `Bod ${unique()}`,
    description: '',
    presenter: '',
    durationMinutes: null,
    fixedStart: null,
    deferred: false,
    ...overrides,
  }, now());
}

/** A resolution of a meeting, numbered next in its lead group and the meeting's year unless overridden; returns its id. */
export function createResolution(db: Db, meetingId: number, overrides: Partial<NewResolution> = {}): number {
  const meeting = findMeeting(db, meetingId);
  if (!meeting) throw new Error(`no meeting ${meetingId}`);
  return insertResolution(db, {
    meetingId,
    groupId: meeting.leadGroupId,
    year: DateTime.fromISO(meeting.startsAt, { zone: 'utc' }).setZone(meeting.timeZone).year,
    agendaItemId: null,
    text: `Usnesení ${unique()}`,
    votesFor: null,
    votesAgainst: null,
    votesAbstain: null,
    outcome: 'adopted',
    supersedesId: null,
    ...overrides,
  }, now());
}

// Imported here rather than at the top so that helpers appending factories concurrently do not collide (imports are hoisted).
import { insertActionItem } from '../src/db/action-items.js';
import type { ActionItemInput } from '../src/db/action-items.js';

/** An open action item of a meeting, owned by a new person unless owners or an organisation are given; returns its id. */
export function createActionItem(db: Db, meetingId: number, overrides: Partial<ActionItemInput> = {}): number {
  const responsibleGiven = overrides.ownerIds !== undefined || overrides.organisationId !== undefined;
  return insertActionItem(db, meetingId, {
    agendaItemId: null,
    text: `Úkol ${unique()}`,
    ownerIds: responsibleGiven ? [] : [createPerson(db)],
    organisationId: null,
    dueDate: null,
    ...overrides,
  }, now());
}

// Imported here rather than at the top so that helpers appending factories concurrently do not collide (imports are hoisted).
import { insertAttendance } from '../src/db/attendance.js';
import type { AttendanceInput } from '../src/db/attendance.js';

/** A person at a meeting: a new person present as a voting member unless overridden; returns the row id. */
export function createAttendance(db: Db, meetingId: number, overrides: Partial<AttendanceInput> = {}): number {
  const kind = overrides.kind ?? 'member';
  return insertAttendance(db, meetingId, { personId: overrides.personId ?? createPerson(db), kind, status: 'present', voting: kind === 'member', ...overrides }, now());
}

// Imported here rather than at the top so that helpers appending factories concurrently do not collide (imports are hoisted).
import { systemClock } from '../src/clock.js';

/** The machine's clock in Prague: for loading the demo data outside an app. */
export const testClock = systemClock('Europe/Prague');
