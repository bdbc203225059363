import { sql } from './index.js';
import type { Db } from './index.js';
import type { ReadScope } from '../access.js';
import { everything, meetingVisible, minutesPublished, scopeParams } from './scope.js';
import type { Gender } from '../zapis/czech-names.js';

export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export interface Meeting {
  id: number;
  leadGroupId: number;
  number: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  timeZone: string;
  venueId: number | null;
  room: string;
  onlineUrl: string;
  status: MeetingStatus;
  chairId: number | null;
  minuteTakerId: number | null;
  version: number;
}

/** What the meeting form writes; `groupIds` are the other groups of a joint meeting. */
export interface MeetingInput extends Omit<Meeting, 'id' | 'version'> {
  groupIds: number[];
  verifierIds: number[];
}

/** The group a meeting is numbered in, as the meeting page needs it. */
export interface LeadGroup {
  id: number;
  name: string;
  nameGenitive: string;
  shortName: string;
  slug: string;
  visibility: 'public' | 'members';
  numberingPerYear: boolean;
  /** The funded project printed at the foot of the zápis ('' when not funded), its number and logo. */
  fundingProject: string;
  fundingRegistration: string;
  logoAttachmentId: number | null;
}

export interface PersonRef {
  id: number;
  name: string;
  title: string;
  /** The grammatical gender the zápis words the person by ("Zapsala"); null when not stated. */
  gender: Gender | null;
  organisationName: string | null;
  organisationShortName: string | null;
}

/** Everything the zápis shows about a meeting itself (agenda and minutes come separately). */
export interface MeetingDetail extends Meeting {
  leadGroup: LeadGroup;
  venue: { id: number; name: string; street: string; postalCode: string; town: string; defaultRoom: string } | null;
  chair: PersonRef | null;
  minuteTaker: PersonRef | null;
  verifiers: PersonRef[];
  groups: { id: number; name: string; shortName: string; slug: string; visibility: 'public' | 'members' }[];
  openingNotes: string;
  closingNotes: string;
  /** When the minutes were published; null while they are a draft. */
  minutesPublishedAt: string | null;
  minutesPublished: boolean;
}

/** A meeting in a list (archive, home page). */
export interface MeetingListRow {
  id: number;
  number: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  timeZone: string;
  status: MeetingStatus;
  venueName: string | null;
  leadGroupId: number;
  leadGroupName: string;
  leadGroupNameGenitive: string;
  leadGroupShortName: string;
  leadGroupSlug: string;
  leadGroupVisibility: 'public' | 'members';
  hasMinutes: boolean;
  minutesPublished: boolean;
}

const meetingColumns = `m.id, m.lead_group_id AS leadGroupId, m.number, m.title, m.starts_at AS startsAt,
  m.ends_at AS endsAt, m.time_zone AS timeZone, m.venue_id AS venueId, m.room, m.online_url AS onlineUrl,
  m.status, m.chair_id AS chairId, m.minute_taker_id AS minuteTakerId, m.version`;

// A meeting "has minutes" once any proceedings or notes were written.
const hasMinutesSql = `(EXISTS (SELECT 1 FROM agenda_items a WHERE a.meeting_id = m.id AND a.proceedings <> '')
  OR EXISTS (SELECT 1 FROM minutes mi WHERE mi.meeting_id = m.id AND (mi.opening_notes <> '' OR mi.closing_notes <> '')))`;

const listColumns = `m.id, m.number, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt, m.time_zone AS timeZone,
  m.status, v.name AS venueName, g.id AS leadGroupId, g.name AS leadGroupName, g.name_genitive AS leadGroupNameGenitive,
  g.short_name AS leadGroupShortName, g.slug AS leadGroupSlug, g.visibility AS leadGroupVisibility,
  ${hasMinutesSql} AS hasMinutes, ${minutesPublished('m')} AS minutesPublished`;

const listFrom = `meetings m JOIN groups g ON g.id = m.lead_group_id LEFT JOIN venues v ON v.id = m.venue_id`;

function toListRow(row: MeetingListRow): MeetingListRow {
  return { ...row, hasMinutes: Boolean(row.hasMinutes), minutesPublished: Boolean(row.minutesPublished) };
}

/** The plain meeting row, for forms and checks. */
export function findMeeting(db: Db, id: number): Meeting | undefined {
  return sql(db, `SELECT ${meetingColumns} FROM meetings m WHERE m.id = ?`).get(id) as Meeting | undefined;
}

/** The other groups (not the lead) and verifiers of a meeting, for its edit form. */
export function findMeetingLinks(db: Db, id: number): { groupIds: number[]; verifierIds: number[] } {
  const groupIds = (
    sql(db, `SELECT mg.group_id AS id FROM meeting_groups mg JOIN meetings m ON m.id = mg.meeting_id
              WHERE mg.meeting_id = ? AND mg.group_id <> m.lead_group_id ORDER BY mg.group_id`).all(id) as { id: number }[]
  ).map((r) => r.id);
  const verifierIds = (
    sql(db, 'SELECT person_id AS id FROM meeting_verifiers WHERE meeting_id = ? ORDER BY position').all(id) as { id: number }[]
  ).map((r) => r.id);
  return { groupIds, verifierIds };
}

const personRefColumns = (alias: string) =>
  `${alias}.id AS ${alias}Id, ${alias}.name AS ${alias}Name, ${alias}.title AS ${alias}Title, ${alias}.gender AS ${alias}Gender,
   ${alias}o.name AS ${alias}OrgName, ${alias}o.short_name AS ${alias}OrgShort`;

type Flat = Record<string, unknown>;

function personRef(row: Flat, alias: string): PersonRef | null {
  if (row[`${alias}Id`] === null) return null;
  return {
    id: row[`${alias}Id`] as number,
    name: row[`${alias}Name`] as string,
    title: row[`${alias}Title`] as string,
    gender: row[`${alias}Gender`] as Gender | null,
    organisationName: row[`${alias}OrgName`] as string | null,
    organisationShortName: row[`${alias}OrgShort`] as string | null,
  };
}

/** The meeting with its group, venue, roles and notes: three queries whatever the meeting holds. */
export function findMeetingDetail(db: Db, id: number): MeetingDetail | undefined {
  const row = sql(
    db,
    `SELECT ${meetingColumns},
            g.name AS gName, g.name_genitive AS gGenitive, g.short_name AS gShort, g.slug AS gSlug,
            g.visibility AS gVisibility, g.numbering_per_year AS gPerYear, g.funding_project AS gProject,
            g.funding_registration AS gRegistration, g.logo_attachment_id AS gLogo,
            v.name AS vName, v.street AS vStreet, v.postal_code AS vPostal, v.town AS vTown, v.default_room AS vRoom,
            ${personRefColumns('chair')}, ${personRefColumns('taker')},
            COALESCE(mi.opening_notes, '') AS openingNotes, COALESCE(mi.closing_notes, '') AS closingNotes,
            mi.published_at AS minutesPublishedAt
       FROM meetings m
       JOIN groups g ON g.id = m.lead_group_id
       LEFT JOIN venues v ON v.id = m.venue_id
       LEFT JOIN people chair ON chair.id = m.chair_id
       LEFT JOIN organisations chairo ON chairo.id = chair.organisation_id
       LEFT JOIN people taker ON taker.id = m.minute_taker_id
       LEFT JOIN organisations takero ON takero.id = taker.organisation_id
       LEFT JOIN minutes mi ON mi.meeting_id = m.id
      WHERE m.id = ?`,
  ).get(id) as Flat | undefined;
  if (!row) return undefined;
  const verifiers = (
    sql(
      db,
      `SELECT ${personRefColumns('verifier')}
         FROM meeting_verifiers mv
         JOIN people verifier ON verifier.id = mv.person_id
         LEFT JOIN organisations verifiero ON verifiero.id = verifier.organisation_id
        WHERE mv.meeting_id = ? ORDER BY mv.position`,
    ).all(id) as Flat[]
  ).map((r) => personRef(r, 'verifier') as PersonRef);
  const groups = sql(
    db,
    `SELECT g.id, g.name, g.short_name AS shortName, g.slug, g.visibility
       FROM meeting_groups mg JOIN groups g ON g.id = mg.group_id
      WHERE mg.meeting_id = ? ORDER BY g.id = ? DESC, g.name COLLATE NOCASE`,
  ).all(id, row.leadGroupId) as MeetingDetail['groups'];
  return {
    ...(row as unknown as Meeting),
    leadGroup: {
      id: row.leadGroupId as number,
      name: row.gName as string,
      nameGenitive: row.gGenitive as string,
      shortName: row.gShort as string,
      slug: row.gSlug as string,
      visibility: row.gVisibility as 'public' | 'members',
      numberingPerYear: Boolean(row.gPerYear),
      fundingProject: row.gProject as string,
      fundingRegistration: row.gRegistration as string,
      logoAttachmentId: row.gLogo as number | null,
    },
    venue:
      row.venueId === null
        ? null
        : {
            id: row.venueId as number,
            name: row.vName as string,
            street: row.vStreet as string,
            postalCode: row.vPostal as string,
            town: row.vTown as string,
            defaultRoom: row.vRoom as string,
          },
    chair: personRef(row, 'chair'),
    minuteTaker: personRef(row, 'taker'),
    verifiers,
    groups,
    openingNotes: row.openingNotes as string,
    closingNotes: row.closingNotes as string,
    minutesPublishedAt: row.minutesPublishedAt as string | null,
    minutesPublished: row.minutesPublishedAt !== null,
  };
}

/** When the group's latest meeting (cancelled ones too) starts, or '' when it has none. */
export function latestMeetingStart(db: Db, leadGroupId: number): string {
  return (sql(db, 'SELECT COALESCE(MAX(starts_at), \'\') AS at FROM meetings WHERE lead_group_id = ?').get(leadGroupId) as { at: string }).at;
}

/** The number the next meeting of a group gets: one after the highest so far. */
export function nextMeetingNumber(db: Db, leadGroupId: number): number {
  const row = sql(db, 'SELECT COALESCE(MAX(number), 0) + 1 AS n FROM meetings WHERE lead_group_id = ?').get(leadGroupId) as { n: number };
  return row.n;
}

/** True when another meeting of the group already has this number. */
export function meetingNumberTaken(db: Db, leadGroupId: number, number: number, exceptId = 0): boolean {
  return sql(db, 'SELECT 1 FROM meetings WHERE lead_group_id = ? AND number = ? AND id <> ?').get(leadGroupId, number, exceptId) !== undefined;
}

/** The meeting's position among its lead group's meetings starting in the same year (from `yearStartUtc`). */
export function meetingNumberInYear(db: Db, meeting: Pick<Meeting, 'id' | 'leadGroupId' | 'startsAt'>, yearStartUtc: string): number {
  const row = sql(
    db,
    `SELECT COUNT(*) AS n FROM meetings
      WHERE lead_group_id = ? AND starts_at >= ? AND (starts_at < ? OR (starts_at = ? AND id <= ?))`,
  ).get(meeting.leadGroupId, yearStartUtc, meeting.startsAt, meeting.startsAt, meeting.id) as { n: number };
  return row.n;
}

/** The previous and next meeting of the same lead group that the viewer may see, by number. */
export function findNeighbours(
  db: Db,
  meeting: Pick<Meeting, 'leadGroupId' | 'number'>,
  scope: ReadScope,
): { previous?: MeetingListRow; next?: MeetingListRow } {
  const rows = (
    sql(
      db,
      `SELECT * FROM (SELECT ${listColumns}, 'previous' AS side FROM ${listFrom}
                        WHERE m.lead_group_id = @group AND m.number < @number AND ${meetingVisible()} ORDER BY m.number DESC LIMIT 1)
       UNION ALL
       SELECT * FROM (SELECT ${listColumns}, 'next' AS side FROM ${listFrom}
                        WHERE m.lead_group_id = @group AND m.number > @number AND ${meetingVisible()} ORDER BY m.number ASC LIMIT 1)`,
    ).all({ group: meeting.leadGroupId, number: meeting.number, ...scopeParams(scope) }) as (MeetingListRow & { side: 'previous' | 'next' })[]
  ).map(({ side, ...row }) => ({ side, row: toListRow(row) }));
  return Object.fromEntries(rows.map(({ side, row }) => [side, row]));
}

/**
 * One page of a group's archive (its own and joint meetings the viewer may see), newest first, and
 * the total. The page's ids are found first and only their rows are filled in: sorting the whole
 * archive with every column (and the subqueries behind hasMinutes) worked out for each meeting
 * grew with the archive.
 */
export function listMeetingsOfGroup(db: Db, groupId: number, limit: number, offset: number, scope: ReadScope): { rows: MeetingListRow[]; total: number } {
  const from = `meeting_groups mg JOIN meetings m ON m.id = mg.meeting_id JOIN groups g ON g.id = m.lead_group_id
    WHERE mg.group_id = @group AND ${meetingVisible()}`;
  const params = { group: groupId, ...scopeParams(scope) };
  const rows = (
    sql(
      db,
      `WITH page AS (SELECT m.id, m.starts_at FROM ${from} ORDER BY m.starts_at DESC, m.id DESC LIMIT @limit OFFSET @offset)
       SELECT ${listColumns} FROM page JOIN meetings m ON m.id = page.id JOIN groups g ON g.id = m.lead_group_id LEFT JOIN venues v ON v.id = m.venue_id
        ORDER BY page.starts_at DESC, page.id DESC`,
    ).all({ ...params, limit, offset }) as MeetingListRow[]
  ).map(toListRow);
  const { total } = sql(db, `SELECT COUNT(*) AS total FROM ${from}`).get(params) as { total: number };
  return { rows, total };
}

/** These meetings as list rows, in no particular order: for a page of results whose visibility was decided already. */
export function listMeetingsByIds(db: Db, ids: readonly number[]): MeetingListRow[] {
  if (ids.length === 0) return [];
  return (sql(db, `SELECT ${listColumns} FROM ${listFrom} WHERE m.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as MeetingListRow[]).map(toListRow);
}

/** Meetings the viewer may see starting from `fromUtc` on, soonest first. */
export function listUpcomingMeetings(db: Db, fromUtc: string, limit: number, scope: ReadScope): MeetingListRow[] {
  return (
    sql(db, `SELECT ${listColumns} FROM ${listFrom} WHERE m.starts_at >= @from AND ${meetingVisible()} ORDER BY m.starts_at ASC, m.id LIMIT @limit`).all({
      from: fromUtc,
      limit,
      ...scopeParams(scope),
    }) as MeetingListRow[]
  ).map(toListRow);
}

/** The latest published minutes of meetings before `beforeUtc` that the viewer may see, newest meeting first. */
export function listLatestMinutes(db: Db, beforeUtc: string, limit: number, scope: ReadScope): MeetingListRow[] {
  return (
    sql(
      db,
      `SELECT ${listColumns} FROM ${listFrom}
        WHERE m.starts_at < @now AND m.status <> 'cancelled' AND ${minutesPublished('m')} AND ${meetingVisible()}
        ORDER BY m.starts_at DESC, m.id DESC LIMIT @limit`,
    ).all({ limit, now: beforeUtc, ...scopeParams(scope) }) as MeetingListRow[]
  ).map(toListRow);
}

/** A meeting in a feed of published minutes (src/export/atom.ts): what its entry says, and when the minutes were published. */
export interface PublishedMinutesRow
  extends Pick<CalendarMeetingRow, 'id' | 'number' | 'title' | 'startsAt' | 'endsAt' | 'timeZone' | 'leadGroupId' | 'leadGroupVisibility' | 'leadGroupName' | 'leadGroupNameGenitive' | 'room' | 'onlineUrl' | 'venue'> {
  publishedAt: string;
}

/** Which published minutes a feed lists: everyone's (as the scope sees them), one group's, or a person's groups'. */
export type FeedSelection = { kind: 'all' } | { kind: 'group'; groupId: number } | { kind: 'groups'; groupIds: readonly number[] };

const feedWhere: Record<FeedSelection['kind'], string> = {
  all: '1',
  group: 'EXISTS (SELECT 1 FROM meeting_groups fg WHERE fg.meeting_id = m.id AND fg.group_id = @group)',
  groups: 'EXISTS (SELECT 1 FROM meeting_groups fg WHERE fg.meeting_id = m.id AND fg.group_id IN (SELECT value FROM json_each(@groups)))',
};

/**
 * The latest published minutes the scope may read, newest publication first (one query). Published
 * minutes are walked newest first through their index on published_at (whose range the `IS NOT NULL`
 * names) until the limit is reached: no sort, and drafts and planned meetings are never read.
 */
export function listPublishedMinutes(db: Db, selection: FeedSelection, limit: number, scope: ReadScope): PublishedMinutesRow[] {
  const rows = sql(
    db,
    `SELECT m.id, m.number, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt, m.time_zone AS timeZone, m.room, m.online_url AS onlineUrl,
            g.id AS leadGroupId, g.visibility AS leadGroupVisibility, g.name AS leadGroupName, g.name_genitive AS leadGroupNameGenitive,
            mi.published_at AS publishedAt, m.venue_id AS venueId,
            v.name AS vName, v.street AS vStreet, v.postal_code AS vPostal, v.town AS vTown, v.default_room AS vRoom
       FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id JOIN groups g ON g.id = m.lead_group_id LEFT JOIN venues v ON v.id = m.venue_id
      WHERE mi.published_at IS NOT NULL AND ${minutesPublished()} AND ${meetingVisible()} AND ${feedWhere[selection.kind]}
      ORDER BY mi.published_at DESC, mi.meeting_id DESC LIMIT @limit`,
  ).all({
    group: selection.kind === 'group' ? selection.groupId : 0,
    groups: JSON.stringify(selection.kind === 'groups' ? selection.groupIds : []),
    limit,
    ...scopeParams(scope),
  }) as (Omit<PublishedMinutesRow, 'venue'> & VenueColumns)[];
  return rows.map(withVenue);
}

function writeLinks(db: Db, id: number, input: MeetingInput): void {
  sql(db, 'DELETE FROM meeting_groups WHERE meeting_id = ?').run(id);
  for (const groupId of new Set([input.leadGroupId, ...input.groupIds])) {
    sql(db, 'INSERT INTO meeting_groups (meeting_id, group_id) VALUES (?, ?)').run(id, groupId);
  }
  sql(db, 'DELETE FROM meeting_verifiers WHERE meeting_id = ?').run(id);
  input.verifierIds.forEach((personId, index) => {
    sql(db, 'INSERT INTO meeting_verifiers (meeting_id, person_id, position) VALUES (?, ?, ?)').run(id, personId, index);
  });
}

const fieldValues = (input: MeetingInput) => [
  input.leadGroupId,
  input.number,
  input.title,
  input.startsAt,
  input.endsAt,
  input.timeZone,
  input.venueId,
  input.room,
  input.onlineUrl,
  input.status,
  input.chairId,
  input.minuteTakerId,
];

/** Creates the meeting with its groups, verifiers and empty minutes, in one transaction. */
export function insertMeeting(db: Db, input: MeetingInput, now: string): number {
  return db.transaction(() => {
    const id = Number(
      sql(
        db,
        `INSERT INTO meetings (lead_group_id, number, title, starts_at, ends_at, time_zone, venue_id, room, online_url,
                               status, chair_id, minute_taker_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...fieldValues(input), now, now).lastInsertRowid,
    );
    sql(db, 'INSERT INTO minutes (meeting_id, updated_at) VALUES (?, ?)').run(id, now);
    writeLinks(db, id, input);
    return id;
  })();
}

/** Updates the meeting if still at `version`; false when someone else changed it first. */
export function updateMeeting(db: Db, id: number, version: number, input: MeetingInput, now: string): boolean {
  return db.transaction(() => {
    const changed =
      sql(
        db,
        // The calendar entry's SEQUENCE rises when what a calendar shows changes (compared with the old row).
        `UPDATE meetings SET ical_sequence = ical_sequence + (CASE WHEN starts_at IS NOT ? OR ends_at IS NOT ? OR venue_id IS NOT ?
                  OR room IS NOT ? OR online_url IS NOT ? OR status IS NOT ? THEN 1 ELSE 0 END),
                lead_group_id = ?, number = ?, title = ?, starts_at = ?, ends_at = ?, time_zone = ?,
                venue_id = ?, room = ?, online_url = ?, status = ?, chair_id = ?, minute_taker_id = ?,
                version = version + 1, updated_at = ?
          WHERE id = ? AND version = ?`,
      ).run(input.startsAt, input.endsAt, input.venueId, input.room, input.onlineUrl, input.status, ...fieldValues(input), now, id, version)
        .changes === 1;
    if (changed) writeLinks(db, id, input);
    return changed;
  })();
}

/** What a calendar entry of a meeting needs (src/export/ics.ts). */
export interface CalendarMeetingRow
  extends Pick<MeetingListRow, 'id' | 'number' | 'title' | 'startsAt' | 'endsAt' | 'timeZone' | 'status' | 'leadGroupId' | 'leadGroupVisibility' | 'leadGroupName' | 'leadGroupNameGenitive'> {
  room: string;
  onlineUrl: string;
  icalSequence: number;
  updatedAt: string;
  venue: { name: string; street: string; postalCode: string; town: string; defaultRoom: string } | null;
}

/** Which meetings a calendar lists: one meeting, a group's (as the viewer may see them), or a person's groups'. */
export type CalendarSelection =
  | { kind: 'meeting'; meetingId: number }
  | { kind: 'group'; groupId: number; scope: ReadScope }
  | { kind: 'groups'; groupIds: readonly number[]; scope: ReadScope };

const calendarWhere: Record<CalendarSelection['kind'], string> = {
  meeting: 'm.id = @meeting',
  group: `EXISTS (SELECT 1 FROM meeting_groups cg WHERE cg.meeting_id = m.id AND cg.group_id = @group) AND ${meetingVisible()}`,
  groups: `EXISTS (SELECT 1 FROM meeting_groups cg WHERE cg.meeting_id = m.id AND cg.group_id IN (SELECT value FROM json_each(@groups)))
    AND ${meetingVisible()}`,
};

/** A meeting's venue as its columns come from a query (venues joined as v). */
interface VenueColumns {
  venueId: number | null;
  vName: string;
  vStreet: string;
  vPostal: string;
  vTown: string;
  vRoom: string;
}

/** The row with its venue columns folded into `venue` (null when the meeting has none). */
function withVenue<T>({ venueId, vName, vStreet, vPostal, vTown, vRoom, ...row }: T & VenueColumns): Omit<T, keyof VenueColumns> & { venue: CalendarMeetingRow['venue'] } {
  return { ...row, venue: venueId === null ? null : { name: vName, street: vStreet, postalCode: vPostal, town: vTown, defaultRoom: vRoom } };
}

/** Meetings for a calendar (one query), soonest first; feeds leave out meetings that started before `fromUtc`. */
export function listCalendarMeetings(db: Db, selection: CalendarSelection, fromUtc = '', limit = 1000): CalendarMeetingRow[] {
  const params = {
    meeting: selection.kind === 'meeting' ? selection.meetingId : 0,
    group: selection.kind === 'group' ? selection.groupId : 0,
    groups: JSON.stringify(selection.kind === 'groups' ? selection.groupIds : []),
    ...scopeParams(selection.kind === 'meeting' ? everything : selection.scope),
    from: fromUtc,
    limit,
  };
  const rows = sql(
    db,
    `SELECT m.id, m.number, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt, m.time_zone AS timeZone, m.status,
            m.room, m.online_url AS onlineUrl, m.ical_sequence AS icalSequence, m.updated_at AS updatedAt,
            g.id AS leadGroupId, g.visibility AS leadGroupVisibility, g.name AS leadGroupName, g.name_genitive AS leadGroupNameGenitive, m.venue_id AS venueId,
            v.name AS vName, v.street AS vStreet, v.postal_code AS vPostal, v.town AS vTown, v.default_room AS vRoom
       FROM ${listFrom}
      WHERE ${calendarWhere[selection.kind]} AND m.starts_at >= @from
      ORDER BY m.starts_at, m.id LIMIT @limit`,
  ).all(params) as (Omit<CalendarMeetingRow, 'venue'> & VenueColumns)[];
  return rows.map(withVenue);
}

/** Records that a meeting was planned as a follow-up of another. */
export function linkFollowUp(db: Db, meetingId: number, followsId: number): void {
  sql(db, 'UPDATE meetings SET follows_id = ? WHERE id = ?').run(followsId, meetingId);
}

/** The meeting this one follows up, and the meetings planned as its follow-ups, that the viewer may see (one query). */
export function findFollowLinks(db: Db, meetingId: number, scope: ReadScope): { follows?: MeetingListRow; followUps: MeetingListRow[] } {
  const rows = (
    sql(
      db,
      `SELECT ${listColumns}, 'follows' AS side, m.starts_at AS sortKey FROM ${listFrom}
        WHERE m.id = (SELECT follows_id FROM meetings WHERE id = @id) AND ${meetingVisible()}
       UNION ALL
       SELECT ${listColumns}, 'followUp' AS side, m.starts_at AS sortKey FROM ${listFrom}
        WHERE m.follows_id = @id AND ${meetingVisible()}
       ORDER BY sortKey`,
    ).all({ id: meetingId, ...scopeParams(scope) }) as (MeetingListRow & { side: 'follows' | 'followUp'; sortKey: string })[]
  ).map(({ side, sortKey: _sortKey, ...row }) => ({ side, row: toListRow(row) }));
  return {
    follows: rows.find((entry) => entry.side === 'follows')?.row,
    followUps: rows.filter((entry) => entry.side === 'followUp').map((entry) => entry.row),
  };
}

/** What was decided at a meeting: resolutions and tasks that arose there, and reviews recorded there. */
export function meetingDecisions(db: Db, id: number): { resolutions: number; actionItems: number; reviews: number } {
  return sql(
    db,
    `SELECT (SELECT COUNT(*) FROM resolutions WHERE meeting_id = @id) AS resolutions,
            (SELECT COUNT(*) FROM action_items WHERE meeting_id = @id) AS actionItems,
            (SELECT COUNT(*) FROM action_item_reviews WHERE meeting_id = @id) AS reviews`,
  ).get({ id }) as { resolutions: number; actionItems: number; reviews: number };
}

/** Deletes the meeting with its agenda and minutes. */
export function deleteMeeting(db: Db, id: number): void {
  sql(db, 'DELETE FROM meetings WHERE id = ?').run(id);
}
