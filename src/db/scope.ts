import type { ReadScope } from '../access.js';

/**
 * The SQL twin of access.ts: who may see which meetings and minutes, as conditions that every
 * list, count, feed and export query puts in its WHERE clause. It is the only place in src/db/
 * that speaks of visibility; test/db/scope.test.ts checks that it decides as access.ts does.
 *
 * The conditions read three named parameters, which `scopeParams` supplies for a viewer's scope:
 * @scopeAll (1 for administrators), @scopeRead (the groups whose members-only content the viewer
 * reads) and @scopeWrite (the groups the viewer writes in), both as JSON arrays.
 */

const inGroups = (column: string, parameter: '@scopeRead' | '@scopeWrite') => `${column} IN (SELECT value FROM json_each(${parameter}))`;

/** 1 when the minutes of meeting `m` are published (readable by everyone who sees the meeting), else 0. */
export function minutesPublished(m = 'm'): string {
  return `EXISTS (SELECT 1 FROM minutes published WHERE published.meeting_id = ${m}.id AND published.published_at IS NOT NULL)`;
}

/**
 * access.canReadMeeting: meeting `m`, whose lead group is `g`, is visible when that group is
 * public, or one of the meeting's groups is one the viewer reads in.
 */
export function meetingVisible(m = 'm', g = 'g'): string {
  return `(@scopeAll OR ${g}.visibility = 'public' OR EXISTS (SELECT 1 FROM meeting_groups visible
    WHERE visible.meeting_id = ${m}.id AND ${inGroups('visible.group_id', '@scopeRead')}))`;
}

/** access.canReadMinutes: the minutes of meeting `m` are published, or the viewer writes in its lead group. */
export function minutesVisible(m = 'm'): string {
  return `(@scopeAll OR ${minutesPublished(m)} OR ${inGroups(`${m}.lead_group_id`, '@scopeWrite')})`;
}

/**
 * access.canReadMembersFiles: the viewer may read what meeting `m` keeps for members (its attachments
 * marked so): an administrator, or a member of one of the meeting's groups.
 */
export function membersFilesVisible(m = 'm'): string {
  return `(@scopeAll OR EXISTS (SELECT 1 FROM meeting_groups member_of
    WHERE member_of.meeting_id = ${m}.id AND ${inGroups('member_of.group_id', '@scopeRead')}))`;
}

/**
 * A search result in meeting `m` (lead group `g`): the meeting is visible, and what was found is
 * readable there. The three arguments are SQL conditions: the words were found in the meeting's
 * title, place or program (read with the meeting); in its minutes (proceedings, notes,
 * resolutions, tasks, attachments: read once the minutes are); in an attachment for members only.
 */
export function searchHitVisible(programHit: string, minutesHit: string, membersHit: string, m = 'm', g = 'g'): string {
  return `(${meetingVisible(m, g)} AND (${programHit} OR (${minutesVisible(m)} AND (${minutesHit} OR (${membersHit} AND ${membersFilesVisible(m)})))))`;
}

/** The named parameters the conditions above read, for a viewer's scope. */
export function scopeParams(scope: ReadScope): { scopeAll: number; scopeRead: string; scopeWrite: string } {
  return { scopeAll: scope.all ? 1 : 0, scopeRead: JSON.stringify(scope.readGroupIds), scopeWrite: JSON.stringify(scope.writeGroupIds) };
}

/** The scope that sees everything: for queries whose caller has already decided (one readable meeting). */
export const everything: ReadScope = { all: true, readGroupIds: [], writeGroupIds: [] };
