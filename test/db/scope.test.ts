import { expect } from 'chai';
import { canReadMeeting, canReadMinutes, readScope } from '../../src/access.js';
import type { Viewer } from '../../src/access.js';
import { findMeetingDetail } from '../../src/db/meetings.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { meetingVisible, minutesVisible, scopeParams } from '../../src/db/scope.js';
import type { Role } from '../../src/db/memberships.js';
import { createGroup, createMeeting, now } from '../factories.js';
import { makeApp } from '../helpers.js';

/**
 * db/scope.ts is access.ts in SQL: for every kind of viewer and every kind of meeting (lead group
 * public or members-only, joint or not, minutes published or a draft) both must decide alike.
 */
describe('db/scope: the SQL twin of access.ts', () => {
  it('lists exactly the meetings, and the minutes, that access.ts lets each viewer read', () => {
    const { db } = makeApp();
    const open = createGroup(db, { visibility: 'public' });
    const closed = createGroup(db, { visibility: 'members' });
    const other = createGroup(db, { visibility: 'members' });
    const meetings = [
      createMeeting(db, { leadGroupId: open }),
      createMeeting(db, { leadGroupId: closed }),
      createMeeting(db, { leadGroupId: closed, groupIds: [open] }),
      createMeeting(db, { leadGroupId: open, groupIds: [closed] }),
      createMeeting(db, { leadGroupId: other, groupIds: [closed] }),
      createMeeting(db, { leadGroupId: other }),
    ];
    // Half of them published.
    meetings.filter((_, index) => index % 2 === 0).forEach((id) => setMinutesPublished(db, id, true, now()));
    const account = (roles: [number, Role][], isAdmin = false): Viewer => ({ kind: 'account', accountId: 1, personId: 1, name: 'X', isAdmin, roles: new Map(roles) });
    const viewers: [string, Viewer][] = [
      ['anonymous', { kind: 'anonymous' }],
      ['outsider', account([])],
      ['guest of the closed group', account([[closed, 'guest']])],
      ['member of the closed group', account([[closed, 'member']])],
      ['secretary of the closed group', account([[closed, 'secretary']])],
      ['chair of the other group, member of the open one', account([[other, 'chair'], [open, 'member']])],
      ['administrator', account([], true)],
    ];
    const sqlIds = (condition: string, viewer: Viewer) =>
      (db.prepare(`SELECT m.id FROM meetings m JOIN groups g ON g.id = m.lead_group_id WHERE ${condition} ORDER BY m.id`).all(scopeParams(readScope(viewer))) as { id: number }[]).map((row) => row.id);
    for (const [name, viewer] of viewers) {
      const details = meetings.map((id) => findMeetingDetail(db, id)).filter((meeting) => meeting !== undefined);
      const readable = details.filter((meeting) => canReadMeeting(viewer, meeting));
      expect(sqlIds(meetingVisible(), viewer), `${name}: meetings`).to.deep.equal(readable.map((meeting) => meeting.id));
      expect(sqlIds(`${meetingVisible()} AND ${minutesVisible('m')}`, viewer), `${name}: minutes`).to.deep.equal(readable.filter((meeting) => canReadMinutes(viewer, meeting)).map((meeting) => meeting.id));
    }
  });
});
