import type { Request } from 'express';
import { forbidden } from './errors.js';

/**
 * The one place that decides who may see and who may change what. Every route and every list asks
 * here. Until accounts exist (issue "Accounts, roles and visibility") every visitor is the same
 * anonymous editor, so each rule below allows; the rules get their real conditions there, and
 * no route needs to change.
 */
export interface Viewer {
  readonly kind: 'anonymous';
}

export interface GroupLike {
  readonly id: number;
  readonly visibility: 'public' | 'members';
}

/** Who is asking. */
export function viewerOf(_req: Request): Viewer {
  return { kind: 'anonymous' };
}

/**
 * Viewers who see exactly the same pages share this key, so their pages may be served from the
 * page cache; undefined for a viewer whose pages are their own (never cached).
 */
export function viewerCacheKey(viewer: Viewer): string | undefined {
  return viewer.kind;
}

/** May the viewer see this group, its members and its meetings? */
export function canReadGroup(_viewer: Viewer, _group: GroupLike): boolean {
  return true;
}

/** May the viewer plan meetings and write agendas and minutes in this group? */
export function canWriteGroup(_viewer: Viewer, _group: GroupLike): boolean {
  return true;
}

/** May the viewer see this meeting? Readable through any of the groups it belongs to. */
export function canReadMeeting(viewer: Viewer, meeting: { groups: readonly GroupLike[] }): boolean {
  return meeting.groups.some((group) => canReadGroup(viewer, group));
}

/** May the viewer change this meeting, its agenda and minutes? Decided by its lead group. */
export function canWriteMeeting(viewer: Viewer, meeting: { leadGroup: GroupLike }): boolean {
  return canWriteGroup(viewer, meeting.leadGroup);
}

/** May the viewer create groups and change the shared directory (organisations, people, venues)? */
export function canEditDirectory(_viewer: Viewer): boolean {
  return true;
}

/** Throws 403 unless the check passed. */
export function ensure(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
