import { sql } from './index.js';
import type { Db } from './index.js';
import { organisationIdFor } from './organisations.js';
import { insertPerson } from './people.js';
import { memberOnSql } from './memberships.js';
import { sortBySurname } from '../zapis/czech-names.js';
import type { Gender } from '../zapis/czech-names.js';

/** How a person came to the meeting: a member of the lead group, a guest, someone invited, or a member's substitute. */
export const attendanceKinds = ['member', 'guest', 'invited', 'substitute'] as const;
export type AttendanceKind = (typeof attendanceKinds)[number];
/** The kinds the editor adds by hand (members come from the group's memberships). */
// 'member' too: someone who joined the group after the list was made, or was taken off it by mistake.
export const addedKinds = ['member', 'guest', 'invited', 'substitute'] as const satisfies readonly AttendanceKind[];
export type AddedKind = (typeof addedKinds)[number];

/** 'expected' until someone records whether the person came. */
export const attendanceStatuses = ['expected', 'present', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** "More than half": what a group's quorum is unless set otherwise. */
export const DEFAULT_QUORUM_PERCENT = 50;

/** One person at a meeting, with the organisation they represented then (not necessarily now). */
export interface AttendanceRow {
  id: number;
  meetingId: number;
  personId: number;
  /** The person's name and title written before it. */
  name: string;
  title: string;
  /** The grammatical gender the zápis words the person by ("přítomna"); null when not stated. */
  gender: Gender | null;
  organisationId: number | null;
  organisationName: string | null;
  organisationShortName: string | null;
  kind: AttendanceKind;
  status: AttendanceStatus;
  /** The member a substitute stands in for. */
  substituteFor: { id: number; name: string; title: string } | null;
  voting: boolean;
  version: number;
}

/** A status the editor saves, with the version of the row the form was loaded with. */
export interface StatusUpdate {
  id: number;
  status: AttendanceStatus;
  version: number;
}

export interface AttendeeInput {
  personId: number;
  kind: AddedKind;
  status: AttendanceStatus;
  substituteForPersonId?: number | null;
}

/** Someone not yet in the directory, added at the meeting: their organisation is chosen or typed. */
export interface NewAttendeeInput extends Omit<AttendeeInput, 'personId'> {
  name: string;
  organisationId?: number | null;
  /** A new organisation's name; an existing one of that name (any case) is used instead of a duplicate. */
  organisationName?: string;
}

export interface Quorum {
  /** Voting members present, in person or through a substitute. */
  present: number;
  /** Voting members listed at the meeting. */
  total: number;
  /** The group's threshold: present must be more than this share of total. */
  percent: number;
  met: boolean;
}

type Stored = Omit<AttendanceRow, 'substituteFor' | 'voting'> & {
  voting: number;
  substituteForId: number | null;
  substituteForName: string | null;
  substituteForTitle: string | null;
};

// Members first, then their substitutes, the invited and guests; by surname within each (Czech order).
const kindOrder: Record<AttendanceKind, number> = { member: 0, substitute: 1, invited: 2, guest: 3 };
const byKind = (a: { kind: AttendanceKind }, b: { kind: AttendanceKind }) => kindOrder[a.kind] - kindOrder[b.kind];

function toRow({ substituteForId, substituteForName, substituteForTitle, voting, ...row }: Stored): AttendanceRow {
  const substituteFor = substituteForId === null ? null : { id: substituteForId, name: substituteForName ?? '', title: substituteForTitle ?? '' };
  return { ...row, voting: voting === 1, substituteFor };
}

const rowSelect = `SELECT a.id, a.meeting_id AS meetingId, a.person_id AS personId, p.name, p.title, p.gender,
       a.organisation_id AS organisationId, o.name AS organisationName, o.short_name AS organisationShortName,
       a.kind, a.status, a.voting, a.version,
       a.substitute_for_person_id AS substituteForId, sp.name AS substituteForName, sp.title AS substituteForTitle
  FROM attendance a
  JOIN people p ON p.id = a.person_id
  LEFT JOIN organisations o ON o.id = a.organisation_id
  LEFT JOIN people sp ON sp.id = a.substitute_for_person_id`;

/** Every person listed at the meeting, members first, by surname (Czech order); one query. */
export function listAttendance(db: Db, meetingId: number): AttendanceRow[] {
  const rows = (sql(db, `${rowSelect} WHERE a.meeting_id = ?`).all(meetingId) as Stored[]).map(toRow);
  // In the order they were listed first: namesakes keep it (the sort is stable).
  return sortBySurname(rows.sort((x, y) => x.id - y.id), (row) => row.name, byKind);
}

/** One row, only if it belongs to the meeting (ids from a URL are checked against their parent). */
export function findAttendance(db: Db, meetingId: number, id: number): AttendanceRow | undefined {
  const row = sql(db, `${rowSelect} WHERE a.id = ? AND a.meeting_id = ?`).get(id, meetingId) as Stored | undefined;
  return row && toRow(row);
}

// The members current on @date of every group the meeting belongs to (a joint meeting's partner
// groups too: their members come as members, not as people invited), each once: someone with two
// memberships (a member who was a guest before, or in two of the groups) counts with the stronger role.
const currentMembers = `SELECT ms.person_id AS personId, MAX(ms.role <> 'guest') AS voting
  FROM meeting_groups mg JOIN memberships ms ON ms.group_id = mg.group_id
 WHERE mg.meeting_id = @meetingId AND ${memberOnSql('ms', '@date')}
 GROUP BY ms.person_id`;

/**
 * Lists the members of the meeting's groups current on `date` (YYYY-MM-DD) as expected: chair, secretary and
 * member vote, the guest role comes as a guest. People already listed are left as they are, so it
 * may run again. Returns how many were added.
 */
export function prefillExpected(db: Db, meetingId: number, date: string, now: string): number {
  return sql(
    db,
    `INSERT INTO attendance (meeting_id, person_id, kind, status, organisation_id, voting, created_at, updated_at)
     SELECT @meetingId, c.personId, CASE WHEN c.voting = 1 THEN 'member' ELSE 'guest' END, 'expected', p.organisation_id, c.voting, @now, @now
       FROM (${currentMembers}) c JOIN people p ON p.id = c.personId
      WHERE true
     ON CONFLICT (meeting_id, person_id) DO NOTHING`,
  ).run({ meetingId, date, now }).changes;
}

/** A person the attendance sheet names: a listed row, or a member prefillExpected would list. */
export type SheetRow = Pick<AttendanceRow, 'personId' | 'name' | 'title' | 'gender' | 'organisationName' | 'organisationShortName' | 'kind' | 'status' | 'substituteFor'>;

/** What prefillExpected would list, without storing it (for pages that only read); same order as listAttendance. */
export function listExpectedMembers(db: Db, meetingId: number, date: string): SheetRow[] {
  const rows = sql(
    db,
    `SELECT c.personId, p.name, p.title, p.gender, o.name AS organisationName, o.short_name AS organisationShortName,
            CASE WHEN c.voting = 1 THEN 'member' ELSE 'guest' END AS kind
       FROM (${currentMembers}) c JOIN people p ON p.id = c.personId LEFT JOIN organisations o ON o.id = p.organisation_id`,
  ).all({ meetingId, date }) as Omit<SheetRow, 'status' | 'substituteFor'>[];
  return sortBySurname(
    rows.map((row): SheetRow => ({ ...row, status: 'expected', substituteFor: null })),
    (row) => row.name,
    byKind,
  );
}

/** Who is listed at a meeting: the stored list, or before anything was recorded, the lead group's members of the day. */
export type AttendanceList = { stored: true; rows: AttendanceRow[] } | { stored: false; rows: SheetRow[] };

/**
 * The meeting's list as the editor and the attendance sheet show it: the stored rows, or while
 * none are stored, the members current on `date` (the meeting's day), read without storing them.
 */
export function listAttendanceOrMembers(db: Db, meetingId: number, date: string): AttendanceList {
  const listed = listAttendance(db, meetingId);
  return listed.length ? { stored: true, rows: listed } : { stored: false, rows: listExpectedMembers(db, meetingId, date) };
}

/**
 * Saves the statuses in one transaction, all or nothing. A row whose status really changes must
 * still be at the version the form was loaded with; a row changed or removed by someone else
 * meanwhile is a conflict, and then nothing is saved. Returns the conflicting row ids.
 */
export function saveStatuses(db: Db, meetingId: number, updates: readonly StatusUpdate[], now: string): { saved: boolean; conflicts: number[] } {
  return db.transaction(() => {
    const current = new Map(
      (sql(db, 'SELECT id, status, version FROM attendance WHERE meeting_id = ?').all(meetingId) as { id: number; status: AttendanceStatus; version: number }[]).map((row) => [row.id, row]),
    );
    // A row the form shows unchanged is not written: saving the page must not bump what others edit.
    const changed = updates.filter((update) => current.get(update.id)?.status !== update.status);
    const conflicts = changed.filter((update) => current.get(update.id)?.version !== update.version).map((update) => update.id);
    if (conflicts.length) return { saved: false, conflicts };
    for (const update of changed) {
      sql(db, 'UPDATE attendance SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND meeting_id = ?').run(update.status, now, update.id, meetingId);
    }
    return { saved: true, conflicts: [] };
  })();
}

/** Voting as the member stood in for: a substitute votes in their place. */
function substituteVotes(db: Db, meetingId: number, memberId: number | null | undefined): boolean {
  if (!memberId) return false;
  const row = sql(db, "SELECT voting FROM attendance WHERE meeting_id = ? AND person_id = ? AND kind = 'member'").get(meetingId, memberId) as { voting: number } | undefined;
  return row?.voting === 1;
}

/** A row as stored; without organisationId the person's organisation of now is copied. */
export interface AttendanceInput {
  personId: number;
  kind: AttendanceKind;
  status: AttendanceStatus;
  substituteForPersonId?: number | null;
  organisationId?: number | null;
  voting: boolean;
}

/** Inserts a row for a person not yet listed at the meeting; returns its id. */
export function insertAttendance(db: Db, meetingId: number, input: AttendanceInput, now: string): number {
  return Number(
    sql(
      db,
      `INSERT INTO attendance (meeting_id, person_id, kind, status, substitute_for_person_id, organisation_id, voting, created_at, updated_at)
       SELECT @meetingId, p.id, @kind, @status, @substituteFor, CASE WHEN @copyOrganisation THEN p.organisation_id ELSE @organisationId END, @voting, @now, @now
         FROM people p WHERE p.id = @personId`,
    ).run({
      meetingId,
      personId: input.personId,
      kind: input.kind,
      status: input.status,
      substituteFor: input.substituteForPersonId ?? null,
      copyOrganisation: input.organisationId === undefined ? 1 : 0,
      organisationId: input.organisationId ?? null,
      voting: input.voting ? 1 : 0,
      now,
    }).lastInsertRowid,
  );
}

/** Lists a person (not yet listed) at the meeting with the organisation they belong to now; returns the row id. */
export function addAttendee(db: Db, meetingId: number, input: AttendeeInput, now: string): number {
  const substituteFor = input.kind === 'substitute' ? (input.substituteForPersonId ?? null) : null;
  const voting = input.kind === 'member' || substituteVotes(db, meetingId, substituteFor);
  return insertAttendance(db, meetingId, { ...input, substituteForPersonId: substituteFor, voting }, now);
}

/** Creates the person (and their organisation when typed) and lists them, in one transaction; returns the row id. */
export function addNewAttendee(db: Db, meetingId: number, input: NewAttendeeInput, now: string): number {
  return db.transaction(() => {
    const typed = input.organisationName?.trim();
    const organisationId = typed ? organisationIdFor(db, typed, now) : (input.organisationId ?? null);
    const personId = insertPerson(db, { name: input.name, title: '', email: '', phone: '', organisationId }, now);
    return addAttendee(db, meetingId, { personId, kind: input.kind, status: input.status, substituteForPersonId: input.substituteForPersonId }, now);
  })();
}

/** True when someone on the meeting's list stands in for this person (who must then stay listed). */
export function hasSubstitute(db: Db, meetingId: number, personId: number): boolean {
  return sql(db, 'SELECT 1 FROM attendance WHERE meeting_id = ? AND substitute_for_person_id = ?').get(meetingId, personId) !== undefined;
}

/** Takes a person off the meeting's list; false when the row is not the meeting's. */
export function removeAttendee(db: Db, meetingId: number, id: number): boolean {
  return sql(db, 'DELETE FROM attendance WHERE id = ? AND meeting_id = ?').run(id, meetingId).changes === 1;
}

/** Whether the zápis says "Přítomni: dle prezenční listiny" instead of naming those present. */
export function attendanceBySheet(db: Db, meetingId: number): boolean {
  const row = sql(db, 'SELECT attendance_by_sheet AS bySheet FROM meetings WHERE id = ?').get(meetingId) as { bySheet: number } | undefined;
  return row?.bySheet === 1;
}

/** Sets the "dle prezenční listiny" flag (a flag of its own, so it leaves the meeting's version alone). */
export function setAttendanceBySheet(db: Db, meetingId: number, bySheet: boolean): void {
  sql(db, 'UPDATE meetings SET attendance_by_sheet = ? WHERE id = ?').run(bySheet ? 1 : 0, meetingId);
}

/**
 * Whether the meeting had a quorum: the voting members listed, those of them present in person
 * or through a present substitute (each member counted once), against the lead group's percent.
 */
export function quorum(db: Db, meetingId: number): Quorum {
  const row = sql(
    db,
    `SELECT g.quorum_percent AS percent,
            COUNT(a.id) AS total,
            COUNT(CASE WHEN a.status = 'present' OR EXISTS (
                    SELECT 1 FROM attendance s
                     WHERE s.meeting_id = a.meeting_id AND s.kind = 'substitute'
                       AND s.substitute_for_person_id = a.person_id AND s.status = 'present') THEN 1 END) AS present
       FROM meetings m
       JOIN groups g ON g.id = m.lead_group_id
       LEFT JOIN attendance a ON a.meeting_id = m.id AND a.kind = 'member' AND a.voting = 1
      WHERE m.id = ?
      GROUP BY m.id`,
  ).get(meetingId) as { percent: number; total: number; present: number } | undefined;
  const { percent = DEFAULT_QUORUM_PERCENT, total = 0, present = 0 } = row ?? {};
  return { present, total, percent, met: present * 100 > total * percent };
}

/** The quorum as the minutes state it: voting members present of how many, and whether the body could decide; each null when not stated. */
export interface StatedQuorum {
  present: number | null;
  total: number | null;
  quorate: boolean | null;
}

/** How attendance was taken (on the signed sheet or not) and what the minutes state of the quorum (all nulls when nothing); one query. */
export function attendanceTaking(db: Db, meetingId: number): { bySheet: boolean; stated: StatedQuorum } {
  const row = sql(db, 'SELECT attendance_by_sheet AS bySheet, quorum_present AS present, quorum_total AS total, quorate FROM meetings WHERE id = ?').get(meetingId) as
    | { bySheet: number; present: number | null; total: number | null; quorate: number | null }
    | undefined;
  return {
    bySheet: row?.bySheet === 1,
    stated: { present: row?.present ?? null, total: row?.total ?? null, quorate: row?.quorate === null || row?.quorate === undefined ? null : row.quorate === 1 },
  };
}

/** Records what the minutes state of the quorum. */
export function setStatedQuorum(db: Db, meetingId: number, stated: StatedQuorum): void {
  sql(db, 'UPDATE meetings SET quorum_present = ?, quorum_total = ?, quorate = ? WHERE id = ?').run(
    stated.present,
    stated.total,
    stated.quorate === null ? null : stated.quorate ? 1 : 0,
    meetingId,
  );
}

/** What the zápis shows about attendance: the rows, the by-sheet flag, the computed quorum and the stated one (three queries). */
export function attendanceBlock(db: Db, meetingId: number): { attendance: AttendanceRow[]; bySheet: boolean; quorum: Quorum; stated: StatedQuorum } {
  return { attendance: listAttendance(db, meetingId), ...attendanceTaking(db, meetingId), quorum: quorum(db, meetingId) };
}

/** How many people were present at each meeting (0 when none), for meeting lists; one query. */
export function attendanceCounts(db: Db, meetingIds: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>(meetingIds.map((id) => [id, 0]));
  if (meetingIds.length === 0) return counts;
  const rows = sql(
    db,
    `SELECT meeting_id AS meetingId, COUNT(*) AS present FROM attendance
      WHERE status = 'present' AND meeting_id IN (SELECT value FROM json_each(?))
      GROUP BY meeting_id`,
  ).all(JSON.stringify(meetingIds)) as { meetingId: number; present: number }[];
  for (const row of rows) counts.set(row.meetingId, row.present);
  return counts;
}
