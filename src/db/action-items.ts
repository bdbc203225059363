import { sql } from './index.js';
import type { Db } from './index.js';
import type { ReadScope } from '../access.js';
import { meetingVisible, minutesPublished, minutesVisible, scopeParams } from './scope.js';
import { sortBySurname } from '../zapis/czech-names.js';

export const actionItemStatuses = ['open', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];
export const reviewOutcomes = ['open', 'done', 'cancelled', 'rescheduled'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

/** A person responsible for an item (a zápis names them "Mgr. Jana Nováková": zapis/names.ts). */
export interface Owner {
  id: number;
  name: string;
  title: string;
}

/** What the action item form writes. */
export interface ActionItemInput {
  agendaItemId: number | null;
  text: string;
  ownerIds: number[];
  organisationId: number | null;
  /** Who is responsible, as the minutes write it when it is no one person or organisation ("všichni členové PS", a job title). */
  responsibleText?: string;
  dueDate: string | null;
}

/** The edit form also sets the status. */
export interface ActionItemChange extends ActionItemInput {
  status: ActionItemStatus;
}

/** An item in a meeting's "Úkoly" table. */
export interface ActionItemRow {
  id: number;
  agendaItemId: number | null;
  text: string;
  owners: Owner[];
  /** The responsible organisation's short name (or name), or null. */
  organisation: string | null;
  /** Who else is responsible, as written ('' when nobody). */
  responsibleText: string;
  dueDate: string | null;
  status: ActionItemStatus;
  version: number;
}

/** The group and meeting an item belongs to, as access.ts needs them. */
export interface ActionItemGroup {
  id: number;
  visibility: 'public' | 'members';
  name: string;
  nameGenitive: string;
  shortName: string;
  slug: string;
}

/** One item with everything its page and the access checks need. */
export interface ActionItem extends ActionItemRow {
  groupId: number;
  meetingId: number;
  organisationId: number | null;
  agendaItemTitle: string | null;
  /** The lead group of the meeting where it arose: who writes in it changes the item. */
  group: ActionItemGroup;
  meeting: {
    id: number;
    number: number;
    title: string;
    startsAt: string;
    timeZone: string;
    leadGroup: ActionItemGroup;
    groups: { id: number; visibility: 'public' | 'members' }[];
    minutesPublished: boolean;
  };
}

/** An item of the "Kontrola úkolů" of a meeting. */
export interface ReviewBlockRow extends ActionItemRow {
  /** The meeting where the item arose (its minutes published or not: a reader sees only published ones). */
  arose: { id: number; number: number; startsAt: string; timeZone: string; minutesPublished: boolean };
  /** The deadline in force before this meeting; null when it had none or it is no longer known. */
  previousDueDate: string | null;
  /** What this meeting recorded about the item, if anything. */
  review: { outcome: ReviewOutcome; dueDate: string | null; note: string } | null;
  /** Closed outside a meeting since the group's previous meeting (shown once, here). */
  closedOutside: 'done' | 'cancelled' | null;
}

/** A meeting as a trail names it: enough for its title and date. */
export interface TrailMeeting {
  id: number;
  number: number;
  title: string;
  startsAt: string;
  timeZone: string;
  /** The meeting's lead group. */
  groupId: number;
  groupVisibility: 'public' | 'members';
  groupName: string;
  groupNameGenitive: string;
  minutesPublished: boolean;
}

/** One step of an item's history after its creation. */
export interface TrailStep {
  /** Null when the change was made outside a meeting. */
  meeting: TrailMeeting | null;
  outcome: ReviewOutcome;
  dueDate: string | null;
  note: string;
  recordedAt: string;
}

/** An item's history: where it arose, then every review. */
export interface Trail {
  created: TrailMeeting;
  steps: TrailStep[];
}

/** What a meeting recorded about one item. */
export interface ReviewInput {
  actionItemId: number;
  outcome: ReviewOutcome;
  dueDate?: string | null;
  note: string;
}

/** An item in a task list (a person's or a group's), with the meeting where it arose. */
export interface TaskRow extends ActionItemRow {
  meeting: { id: number; number: number; title: string; startsAt: string; timeZone: string };
  /** The meeting's lead group. */
  group: { id: number; visibility: 'public' | 'members'; name: string; nameGenitive: string; shortName: string; slug: string };
}

const rowColumns = `ai.id, ai.agenda_item_id AS agendaItemId, ai.text, COALESCE(NULLIF(org.short_name, ''), org.name) AS organisation,
  ai.responsible_text AS responsibleText, ai.due_date AS dueDate, ai.status, ai.version`;
const orgJoin = 'LEFT JOIN organisations org ON org.id = ai.responsible_organisation_id';

type Stored<T> = Omit<T, 'owners'>;

/** The owners of many items at once (one query), each list by surname (Czech order). */
function ownersOf(db: Db, itemIds: readonly number[]): Map<number, Owner[]> {
  const owners = new Map<number, Owner[]>();
  if (itemIds.length === 0) return owners;
  const rows = sql(
    db,
    `SELECT o.action_item_id AS itemId, p.id, p.name, p.title FROM action_item_owners o JOIN people p ON p.id = o.person_id
      WHERE o.action_item_id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(itemIds)) as { itemId: number; id: number; name: string; title: string }[];
  sortBySurname(rows, (row) => row.name);
  for (const { itemId, ...owner } of rows) owners.set(itemId, [...(owners.get(itemId) ?? []), owner]);
  return owners;
}

/** Adds the owners to rows loaded without them. */
function withOwners<T extends { id: number }>(db: Db, rows: T[]): (T & { owners: Owner[] })[] {
  const owners = ownersOf(db, rows.map((row) => row.id));
  return rows.map((row) => ({ ...row, owners: owners.get(row.id) ?? [] }));
}

function writeOwners(db: Db, itemId: number, ownerIds: readonly number[]): void {
  sql(db, 'DELETE FROM action_item_owners WHERE action_item_id = ?').run(itemId);
  for (const personId of new Set(ownerIds)) sql(db, 'INSERT INTO action_item_owners (action_item_id, person_id) VALUES (?, ?)').run(itemId, personId);
}

/** Adds an item that arose at the meeting (its group is the meeting's lead group); returns its id. */
export function insertActionItem(db: Db, meetingId: number, input: ActionItemInput, now: string): number {
  return db.transaction(() => {
    const id = Number(
      sql(
        db,
        `INSERT INTO action_items (group_id, meeting_id, agenda_item_id, text, responsible_organisation_id, responsible_text, due_date, first_due_date, created_at, updated_at)
         SELECT lead_group_id, id, ?, ?, ?, ?, ?, ?, ?, ? FROM meetings WHERE id = ?`,
      ).run(input.agendaItemId, input.text, input.organisationId, input.responsibleText ?? '', input.dueDate, input.dueDate, now, now, meetingId).lastInsertRowid,
    );
    writeOwners(db, id, input.ownerIds);
    return id;
  })();
}

/** The step a change made outside a meeting leaves in the trail, if it changed the status or the deadline. */
function outsideStep(item: ActionItemRow, change: ActionItemChange): { outcome: ReviewOutcome; dueDate: string | null } | undefined {
  const dueChanged = item.dueDate !== change.dueDate;
  if (change.status !== 'open' && change.status !== item.status) return { outcome: change.status, dueDate: null };
  if (change.status === 'open' && dueChanged) return { outcome: 'rescheduled', dueDate: change.dueDate };
  if (change.status === 'open' && item.status !== 'open') return { outcome: 'open', dueDate: null };
  return undefined;
}

/**
 * Updates the item if still at `version`; a new status or deadline is also written to its trail
 * as a change outside a meeting, so the next Kontrola úkolů and the item's history show it.
 */
export function updateActionItem(db: Db, item: ActionItemRow, version: number, change: ActionItemChange, now: string): boolean {
  return db.transaction(() => {
    const changed =
      sql(
        db,
        `UPDATE action_items SET agenda_item_id = ?, text = ?, responsible_organisation_id = ?, responsible_text = ?, due_date = ?, status = ?,
                version = version + 1, updated_at = ?
          WHERE id = ? AND version = ?`,
      ).run(change.agendaItemId, change.text, change.organisationId, change.responsibleText ?? '', change.dueDate, change.status, now, item.id, version).changes === 1;
    if (!changed) return false;
    writeOwners(db, item.id, change.ownerIds);
    const step = outsideStep(item, change);
    if (step) {
      sql(db, `INSERT INTO action_item_reviews (action_item_id, meeting_id, outcome, due_date, note, recorded_at) VALUES (?, NULL, ?, ?, '', ?)`).run(
        item.id,
        step.outcome,
        step.dueDate,
        now,
      );
    }
    return true;
  })();
}

/** Deletes the item with its owners and trail. */
export function deleteActionItem(db: Db, id: number): void {
  sql(db, 'DELETE FROM action_items WHERE id = ?').run(id);
}

/** One item with its owners, group and meeting (three queries), or undefined. */
export function findActionItem(db: Db, id: number): ActionItem | undefined {
  const row = sql(
    db,
    `SELECT ${rowColumns}, ai.group_id AS groupId, ai.meeting_id AS meetingId, ai.responsible_organisation_id AS organisationId,
            a.title AS agendaItemTitle,
            ig.visibility AS igVisibility, ig.name AS igName, ig.name_genitive AS igGenitive, ig.short_name AS igShort, ig.slug AS igSlug,
            m.number AS mNumber, m.title AS mTitle, m.starts_at AS mStartsAt, m.time_zone AS mZone,
            g.id AS gId, g.visibility AS gVisibility, g.name AS gName, g.name_genitive AS gGenitive, g.short_name AS gShort, g.slug AS gSlug,
            ${minutesPublished('m')} AS minutesPublished
       FROM action_items ai
       JOIN groups ig ON ig.id = ai.group_id
       JOIN meetings m ON m.id = ai.meeting_id
       JOIN groups g ON g.id = m.lead_group_id
       LEFT JOIN agenda_items a ON a.id = ai.agenda_item_id
       ${orgJoin}
      WHERE ai.id = ?`,
  ).get(id) as (Stored<ActionItemRow> & Record<string, unknown>) | undefined;
  if (!row) return undefined;
  const groups = sql(db, 'SELECT g.id, g.visibility FROM meeting_groups mg JOIN groups g ON g.id = mg.group_id WHERE mg.meeting_id = ?').all(
    row.meetingId,
  ) as ActionItem['meeting']['groups'];
  const group = (prefix: 'ig' | 'g', groupId: number): ActionItemGroup => ({
    id: groupId,
    visibility: row[`${prefix}Visibility`] as 'public' | 'members',
    name: row[`${prefix}Name`] as string,
    nameGenitive: row[`${prefix}Genitive`] as string,
    shortName: row[`${prefix}Short`] as string,
    slug: row[`${prefix}Slug`] as string,
  });
  return {
    id: row.id,
    agendaItemId: row.agendaItemId,
    text: row.text,
    owners: ownersOf(db, [row.id]).get(row.id) ?? [],
    organisation: row.organisation,
    responsibleText: row.responsibleText,
    dueDate: row.dueDate,
    status: row.status,
    version: row.version,
    groupId: row.groupId as number,
    meetingId: row.meetingId as number,
    organisationId: row.organisationId as number | null,
    agendaItemTitle: row.agendaItemTitle as string | null,
    group: group('ig', row.groupId as number),
    meeting: {
      id: row.meetingId as number,
      number: row.mNumber as number,
      title: row.mTitle as string,
      startsAt: row.mStartsAt as string,
      timeZone: row.mZone as string,
      leadGroup: group('g', row.gId as number),
      groups,
      minutesPublished: row.minutesPublished === 1,
    },
  };
}

/** The items that arose at a meeting, in the order they were written, with their owners (two queries). */
export function listActionItemsOfMeeting(db: Db, meetingId: number): ActionItemRow[] {
  const rows = sql(db, `SELECT ${rowColumns} FROM action_items ai ${orgJoin} WHERE ai.meeting_id = ? ORDER BY ai.id`).all(meetingId) as Stored<ActionItemRow>[];
  return withOwners(db, rows);
}

// The state of an item as a meeting M sees it comes from its latest step before M: a review at an
// earlier meeting, or a change made outside a meeting before M began. Steps are ordered by the
// start of their meeting, or by when they were recorded.
const stepTime = 'COALESCE(rm.starts_at, r.recorded_at)';
const stateBeforeMeeting = `COALESCE((SELECT r.outcome FROM action_item_reviews r LEFT JOIN meetings rm ON rm.id = r.meeting_id
   WHERE r.action_item_id = ai.id AND (rm.starts_at < @start OR (r.meeting_id IS NULL AND r.recorded_at < @start))
   ORDER BY ${stepTime} DESC, r.id DESC LIMIT 1), 'open')`;

// The deadline in force when M began: the last new deadline set before M, else the one it arose with.
const deadlineBeforeMeeting = `COALESCE((SELECT r.due_date FROM action_item_reviews r LEFT JOIN meetings rm ON rm.id = r.meeting_id
   WHERE r.action_item_id = ai.id AND r.outcome = 'rescheduled' AND ${stepTime} < @start
   ORDER BY ${stepTime} DESC, r.id DESC LIMIT 1), ai.first_due_date)`;

// Closed outside a meeting since the group's previous meeting: still shown at M, once. Only the
// latest such change counts (closed and then reopened is simply open).
const closedOutsideSince = `(SELECT CASE WHEN r.outcome IN ('done', 'cancelled') THEN r.outcome END FROM action_item_reviews r
   WHERE r.action_item_id = ai.id AND r.meeting_id IS NULL
     AND r.recorded_at >= COALESCE(prev.startsAt, '') AND r.recorded_at < @start
   ORDER BY r.recorded_at DESC, r.id DESC LIMIT 1)`;

type StoredBlockRow = Stored<ActionItemRow> & {
  aroseId: number;
  aroseNumber: number;
  aroseStartsAt: string;
  aroseZone: string;
  aroseMinutesPublished: number;
  previousDueDate: string | null;
  reviewOutcome: ReviewOutcome | null;
  reviewDueDate: string | null;
  reviewNote: string | null;
  closedOutside: 'done' | 'cancelled' | null;
};

/**
 * The "Kontrola úkolů" of a meeting: the lead group's items that arose at an earlier meeting and
 * were not closed before this one, each with what this meeting recorded about it (two queries).
 * With `asPublishedAt` (the minutes' publication), it is the Kontrola those minutes showed: an item
 * entered after publication (an older meeting's task entered later) is not added to them, unless
 * the secretary records its review at this meeting. The review form asks without it: all of them.
 */
export function listReviewBlock(db: Db, meeting: { id: number; leadGroupId: number; startsAt: string }, asPublishedAt: string | null = null): ReviewBlockRow[] {
  const rows = sql(
    db,
    `WITH prev AS (SELECT MAX(starts_at) AS startsAt FROM meetings WHERE lead_group_id = @group AND starts_at < @start AND status <> 'cancelled'),
     -- The candidates, found by index: an item whose every step came before the previous meeting
     -- and left it closed was closed at this one too, so only the open items and those decided
     -- since are asked (last_step_at is kept by triggers, migrations.ts).
     candidates AS (
       SELECT id FROM action_items WHERE group_id = @group AND status = 'open'
       UNION ALL
       SELECT id FROM action_items, prev WHERE group_id = @group AND status IN ('done', 'cancelled') AND last_step_at >= COALESCE(prev.startsAt, '')
     )
     SELECT ${rowColumns}, am.id AS aroseId, am.number AS aroseNumber, am.starts_at AS aroseStartsAt, am.time_zone AS aroseZone,
            ${minutesPublished('am')} AS aroseMinutesPublished,
            ${deadlineBeforeMeeting} AS previousDueDate,
            here.outcome AS reviewOutcome, here.due_date AS reviewDueDate, here.note AS reviewNote,
            ${closedOutsideSince} AS closedOutside
       FROM candidates c
       JOIN action_items ai ON ai.id = c.id
       JOIN meetings am ON am.id = ai.meeting_id
       CROSS JOIN prev
       LEFT JOIN action_item_reviews here ON here.action_item_id = ai.id AND here.meeting_id = @meeting
       ${orgJoin}
      WHERE ai.group_id = @group AND am.starts_at < @start
        AND (${stateBeforeMeeting} NOT IN ('done', 'cancelled') OR ${closedOutsideSince} IS NOT NULL)
        AND (@published IS NULL OR here.id IS NOT NULL OR ai.created_at <= @published)
      ORDER BY am.starts_at, ai.id`,
  ).all({ group: meeting.leadGroupId, start: meeting.startsAt, meeting: meeting.id, published: asPublishedAt }) as StoredBlockRow[];
  return withOwners(db, rows).map(({ aroseId, aroseNumber, aroseStartsAt, aroseZone, aroseMinutesPublished, reviewOutcome, reviewDueDate, reviewNote, ...row }) => ({
    ...row,
    arose: { id: aroseId, number: aroseNumber, startsAt: aroseStartsAt, timeZone: aroseZone, minutesPublished: aroseMinutesPublished === 1 },
    review: reviewOutcome === null ? null : { outcome: reviewOutcome, dueDate: reviewDueDate, note: reviewNote ?? '' },
  }));
}

/**
 * Writes what a meeting recorded about its items, in one transaction: one review per item and
 * meeting (recording again replaces it). The item itself follows the review unless a later step
 * (a later meeting's review, or a change made after this meeting began) already decided it.
 */
export function recordReviews(db: Db, meetingId: number, reviews: readonly ReviewInput[], now: string): void {
  db.transaction(() => {
    const { startsAt } = sql(db, 'SELECT starts_at AS startsAt FROM meetings WHERE id = ?').get(meetingId) as { startsAt: string };
    for (const review of reviews) {
      const dueDate = review.outcome === 'rescheduled' ? (review.dueDate ?? null) : null;
      sql(
        db,
        `INSERT INTO action_item_reviews (action_item_id, meeting_id, outcome, due_date, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (action_item_id, meeting_id) DO UPDATE SET outcome = excluded.outcome, due_date = excluded.due_date,
                note = excluded.note, recorded_at = excluded.recorded_at`,
      ).run(review.actionItemId, meetingId, review.outcome, dueDate, review.note, now);
      const laterStep = sql(
        db,
        `SELECT 1 FROM action_item_reviews r LEFT JOIN meetings rm ON rm.id = r.meeting_id
          WHERE r.action_item_id = ? AND (rm.starts_at > ? OR (r.meeting_id IS NULL AND r.recorded_at > ?)) LIMIT 1`,
      ).get(review.actionItemId, startsAt, startsAt);
      if (laterStep) continue;
      const status: ActionItemStatus = review.outcome === 'done' || review.outcome === 'cancelled' ? review.outcome : 'open';
      sql(
        db,
        `UPDATE action_items SET status = ?, due_date = CASE WHEN ? THEN ? ELSE due_date END, version = version + 1, updated_at = ?
          WHERE id = ?`,
      ).run(status, review.outcome === 'rescheduled' ? 1 : 0, dueDate, now, review.actionItemId);
    }
  })();
}

type StoredTrailMeeting = Omit<TrailMeeting, 'minutesPublished'> & { minutesPublished: number };
const trailMeetingColumns = (alias: string) => `${alias}.id, ${alias}.number, ${alias}.title, ${alias}.starts_at AS startsAt,
  ${alias}.time_zone AS timeZone, g.id AS groupId, g.visibility AS groupVisibility, g.name AS groupName, g.name_genitive AS groupNameGenitive,
  ${minutesPublished(alias)} AS minutesPublished`;

/** An item's history: the meeting where it arose, then every review in the order they happened (two queries). */
export function listTrail(db: Db, actionItemId: number): Trail | undefined {
  const created = sql(
    db,
    `SELECT ${trailMeetingColumns('m')} FROM action_items ai JOIN meetings m ON m.id = ai.meeting_id JOIN groups g ON g.id = m.lead_group_id
      WHERE ai.id = ?`,
  ).get(actionItemId) as StoredTrailMeeting | undefined;
  if (!created) return undefined;
  const rows = sql(
    db,
    `SELECT r.outcome, r.due_date AS dueDate, r.note, r.recorded_at AS recordedAt, r.meeting_id AS meetingId, ${trailMeetingColumns('rm')}
       FROM action_item_reviews r LEFT JOIN meetings rm ON rm.id = r.meeting_id LEFT JOIN groups g ON g.id = rm.lead_group_id
      WHERE r.action_item_id = ?
      ORDER BY ${stepTime}, r.id`,
  ).all(actionItemId) as (StoredTrailMeeting & Omit<TrailStep, 'meeting'> & { meetingId: number | null })[];
  const meetingOf = (row: StoredTrailMeeting): TrailMeeting => ({
    id: row.id,
    number: row.number,
    title: row.title,
    startsAt: row.startsAt,
    timeZone: row.timeZone,
    groupId: row.groupId,
    groupVisibility: row.groupVisibility,
    groupName: row.groupName,
    groupNameGenitive: row.groupNameGenitive,
    minutesPublished: row.minutesPublished === 1,
  });
  return {
    created: meetingOf(created),
    steps: rows.map((row) => ({
      meeting: row.meetingId === null ? null : meetingOf(row),
      outcome: row.outcome,
      dueDate: row.dueDate,
      note: row.note,
      recordedAt: row.recordedAt,
    })),
  };
}

const taskColumns = `${rowColumns}, m.id AS meetingId, m.number AS meetingNumber, m.title AS meetingTitle, m.starts_at AS meetingStartsAt,
  m.time_zone AS meetingZone, g.id AS groupId, g.visibility AS groupVisibility, g.name AS groupName, g.name_genitive AS groupNameGenitive,
  g.short_name AS groupShortName, g.slug AS groupSlug`;

type StoredTaskRow = Stored<ActionItemRow> & {
  meetingId: number;
  meetingNumber: number;
  meetingTitle: string;
  meetingStartsAt: string;
  meetingZone: string;
  groupId: number;
  groupVisibility: 'public' | 'members';
  groupName: string;
  groupNameGenitive: string;
  groupShortName: string;
  groupSlug: string;
};

function toTaskRows(db: Db, rows: StoredTaskRow[]): TaskRow[] {
  return withOwners(db, rows).map(({ meetingId, meetingNumber, meetingTitle, meetingStartsAt, meetingZone, groupId, groupVisibility, groupName, groupNameGenitive, groupShortName, groupSlug, ...row }) => ({
    ...row,
    meeting: { id: meetingId, number: meetingNumber, title: meetingTitle, startsAt: meetingStartsAt, timeZone: meetingZone },
    group: { id: groupId, visibility: groupVisibility, name: groupName, nameGenitive: groupNameGenitive, shortName: groupShortName, slug: groupSlug },
  }));
}

// A person's open items in meetings the scope may read, whose minutes it may read (access.canReadMinutes).
const personTasksFrom = `action_item_owners ow JOIN action_items ai ON ai.id = ow.action_item_id
  JOIN meetings m ON m.id = ai.meeting_id JOIN groups g ON g.id = m.lead_group_id ${orgJoin}
  WHERE ow.person_id = @person AND ai.status = 'open' AND ${meetingVisible()} AND ${minutesVisible('m')}`;

/** The person's open items the scope may see, soonest deadline first (none last), with owners (two queries). */
export function listTasksOfPerson(db: Db, personId: number, scope: ReadScope): TaskRow[] {
  const rows = sql(
    db,
    `SELECT ${taskColumns} FROM ${personTasksFrom} ORDER BY ai.due_date IS NULL, ai.due_date, m.starts_at, ai.id`,
  ).all({ person: personId, ...scopeParams(scope) }) as StoredTaskRow[];
  return toTaskRows(db, rows);
}

/** How many open items the person has, counted as listTasksOfPerson lists them. */
export function countOpenTasksOfPerson(db: Db, personId: number, scope: ReadScope): number {
  const row = sql(db, `SELECT COUNT(*) AS n FROM ${personTasksFrom}`).get({ person: personId, ...scopeParams(scope) }) as { n: number };
  return row.n;
}

/**
 * A group's items whose minutes the scope may read: open ones first by deadline (none last), then
 * done and cancelled ones, latest change first.
 */
export function listTasksOfGroup(
  db: Db,
  groupId: number,
  scope: ReadScope,
  status: ActionItemStatus | undefined,
  page: { limit: number; offset: number },
): { rows: TaskRow[]; total: number } {
  const where = `WHERE ai.group_id = @group AND (@status IS NULL OR ai.status = @status) AND ${minutesVisible('m')}`;
  const params = { group: groupId, status: status ?? null, ...scopeParams(scope) };
  const rows = sql(
    db,
    `SELECT ${taskColumns}
       FROM action_items ai JOIN meetings m ON m.id = ai.meeting_id JOIN groups g ON g.id = m.lead_group_id ${orgJoin}
      ${where}
      ORDER BY ai.status <> 'open', CASE WHEN ai.status = 'open' THEN ai.due_date IS NULL END, CASE WHEN ai.status = 'open' THEN ai.due_date END,
               ai.updated_at DESC, ai.id
      LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: page.limit, offset: page.offset }) as StoredTaskRow[];
  const { total } = sql(db, `SELECT COUNT(*) AS total FROM action_items ai JOIN meetings m ON m.id = ai.meeting_id ${where}`).get(params) as { total: number };
  return { rows: toTaskRows(db, rows), total };
}
