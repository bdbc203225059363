import { expect } from 'chai';
import request from 'supertest';
import { loadDemoData } from '../../src/demo-data.js';
import { testClock } from '../factories.js';
import { makeApp, signIn } from '../helpers.js';
import type { TestAgent, TestWorld } from '../helpers.js';

/**
 * What the pages read must not grow with the archive: every query of the common pages is asked
 * for its plan (EXPLAIN QUERY PLAN), and none may scan a table of the record whole or sort rows
 * that are not bounded by one meeting, one person or one page.
 */

/** Tables that grow with every meeting held. */
const archiveTables = ['meetings', 'meeting_groups', 'agenda_items', 'minutes', 'resolutions', 'action_items', 'action_item_owners', 'action_item_reviews', 'attendance', 'attachments'];

/**
 * Sorting in a temporary B-tree is fine where the rows are bounded by what the query pins: one
 * meeting (its agenda, verifiers, groups, resolutions), one person (their open tasks), the groups
 * (a list as long as the organisation), and the two cases below.
 */
const boundedSorts: RegExp[] = [
  /WHERE (\w+\.)?meeting_id = [\d.]+/,
  /WHERE ow\.person_id = [\d.]+ AND ai\.status = 'open'/,
  /WHERE ms\.group_id = [\d.]+/,
  /^\s*SELECT g\.id, g\.name[\s\S]*FROM groups g/,
  /WHERE m\.id = \(SELECT follows_id FROM meetings WHERE id = [\d.]+\)/,
  // A page of a group's archive: a top-N sort of the group's meeting ids and dates alone (no
  // column worked out), its rows filled in after LIMIT. (meeting_groups holds no date to index.)
  /^\s*WITH page AS/,
  // The "Kontrola úkolů": the group's open items and those changed since its previous meeting.
  /candidates AS \(/,
];

function plansOf(world: TestWorld): { sql: string; plan: string[] }[] {
  return world.statements
    .filter((statement) => /^\s*(WITH|SELECT)/i.test(statement))
    .map((statement) => ({ sql: statement, plan: (world.db.prepare(`EXPLAIN QUERY PLAN ${statement}`).all() as { detail: string }[]).map((row) => row.detail) }));
}

function problemsOf(page: string, plans: { sql: string; plan: string[] }[]): string[] {
  const problems: string[] = [];
  for (const { sql, plan } of plans) {
    for (const step of plan) {
      const scanned = /^SCAN (\w+)(?! USING)/.exec(step)?.[1];
      const table = scanned && !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(step) ? scanned : undefined;
      if (table && archiveTables.some((name) => table === name || sql.includes(`${name} ${table} `) || sql.includes(`${name} ${table}\n`))) {
        problems.push(`${page}: full scan (${step}) in ${sql.slice(0, 200)}`);
      }
      if (/TEMP B-TREE FOR ORDER BY/.test(step) && !boundedSorts.some((pattern) => pattern.test(sql))) problems.push(`${page}: unbounded sort in ${sql.slice(0, 300)}`);
    }
  }
  return problems;
}

describe('query plans of the common pages', () => {
  it('scan no table of the record whole and sort nothing the archive makes longer', async () => {
    const world = makeApp({ PAGE_CACHE: 'off' });
    const demo = loadDemoData(world.db, testClock);
    const visitors: [string, TestAgent][] = [
      ['administrator', await signIn(world)],
      ['anonymous', request.agent(world.app) as unknown as TestAgent],
    ];
    // The secret address of the administrator's feeds (calendar and Atom).
    const feedToken = /\/feed\/([A-Za-z0-9_-]+)\.atom/.exec((await visitors[0][1].post('/account/calendar').expect(200)).text)?.[1];
    const pages = [
      '/',
      `/meetings/${demo.tenthMeetingId}`,
      `/meetings/${demo.tenthMeetingId}.md`,
      `/meetings/${demo.tenthMeetingId}/invitation`,
      `/groups/${demo.groupSlug}`,
      `/groups/${demo.groupSlug}/tasks`,
      `/groups/${demo.groupSlug}/resolutions`,
      `/groups/${demo.groupSlug}/calendar.ics`,
      `/groups/${demo.groupSlug}/feed.atom`,
      '/feed.atom',
      `/feed/${feedToken}.atom`,
      '/groups',
      '/tasks',
    ];
    const problems: string[] = [];
    let queries = 0;
    for (const [who, agent] of visitors) {
      for (const page of pages) {
        world.statements.length = 0;
        const res = await agent.get(page);
        if (res.status !== 200) continue;
        const plans = plansOf(world);
        queries += plans.length;
        problems.push(...problemsOf(`${who} ${page}`, plans));
      }
    }
    expect(queries).to.be.greaterThan(50);
    expect([...new Set(problems)]).to.deep.equal([]);
  });
});
