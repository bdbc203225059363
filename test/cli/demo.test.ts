import { testClock } from '../factories.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DEMO_PASSWORD, loadDemoData } from '../../src/demo-data.js';
import type { Db } from '../../src/db/index.js';
import { countRows, csrfFrom, makeApp, runEntryPoint } from '../helpers.js';

const ZONE = 'Europe/Prague';
const dataTables = ['organisations', 'people', 'venues', 'groups', 'memberships', 'meetings', 'meeting_groups', 'meeting_verifiers', 'minutes', 'agenda_items'];

interface MeetingRow {
  id: number;
  startsAt: string;
  timeZone: string;
  room: string;
  street: string | null;
  postalCode: string | null;
  town: string | null;
}

/** The meeting of a group (by slug) with the given number, with its venue's address. */
function meetingOf(db: Db, slug: string, number: number): MeetingRow | undefined {
  return db
    .prepare(
      `SELECT m.id, m.starts_at AS startsAt, m.time_zone AS timeZone, m.room, v.street, v.postal_code AS postalCode, v.town
         FROM meetings m JOIN groups g ON g.id = m.lead_group_id LEFT JOIN venues v ON v.id = m.venue_id
        WHERE g.slug = ? AND m.number = ?`,
    )
    .get(slug, number) as MeetingRow | undefined;
}

const localDate = (isoUtc: string) => DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(ZONE).toISODate();

/** How many rows each data table of the database file has, read without changing the file. */
function rowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(dataTables.map((table) => [table, countRows(db, table)]));
  } finally {
    db.close();
  }
}

describe('demo data', () => {
  it('creates the pact and its social services group', () => {
    const { db } = makeApp();
    const { groupSlug } = loadDemoData(db, testClock);
    expect(groupSlug).to.equal('socialni-sluzby');
    const slugs = (db.prepare('SELECT slug FROM groups').all() as { slug: string }[]).map((row) => row.slug);
    expect(slugs).to.include.members(['socialni-sluzby', 'pakt-zamestnanosti']);
    const umbrella = db
      .prepare('SELECT u.slug FROM groups g JOIN groups u ON u.id = g.umbrella_id WHERE g.slug = ?')
      .get('socialni-sluzby') as { slug: string } | undefined;
    expect(umbrella?.slug).to.equal('pakt-zamestnanosti');
  });

  it('creates the 10th meeting of 20. 3. 2018 at ANNOLK with its six agenda items', () => {
    const { db } = makeApp();
    const { tenthMeetingId } = loadDemoData(db, testClock);
    const tenth = meetingOf(db, 'socialni-sluzby', 10);
    expect(tenth?.id).to.equal(tenthMeetingId);
    expect(tenth?.timeZone).to.equal(ZONE);
    expect(tenth?.startsAt).to.equal('2018-03-20T08:30:00Z');
    expect(localDate(tenth?.startsAt ?? '')).to.equal('2018-03-20');
    expect(tenth).to.include({ street: 'U Nisy 362/6', postalCode: '460 01', town: 'Liberec' });
    const topLevel = db.prepare('SELECT COUNT(*) AS n FROM agenda_items WHERE meeting_id = ? AND parent_id IS NULL').get(tenthMeetingId) as { n: number };
    expect(topLevel.n).to.equal(6);
  });

  it('creates the 11th meeting of 18. 4. 2018 at the regional office', () => {
    const { db } = makeApp();
    loadDemoData(db, testClock);
    const eleventh = meetingOf(db, 'socialni-sluzby', 11);
    expect(localDate(eleventh?.startsAt ?? '')).to.equal('2018-04-18');
    expect(eleventh?.street).to.equal('U Jezu 642/2a');
    expect(eleventh?.room).to.equal('zasedací místnost 326a');
  });

  it('links the planned follow-ups to the 10th meeting and records its resolutions and tasks, reviewed at the 11th', async () => {
    const world = makeApp();
    const { tenthMeetingId } = loadDemoData(world.db, testClock);
    const followUps = world.db.prepare('SELECT number, status FROM meetings WHERE follows_id = ? ORDER BY number').all(tenthMeetingId);
    expect(followUps).to.deep.equal([{ number: 11, status: 'held' }, { number: 12, status: 'planned' }]);
    const numbers = world.db.prepare('SELECT number, year FROM resolutions WHERE meeting_id = ? ORDER BY number').all(tenthMeetingId);
    expect(numbers).to.deep.equal([{ number: 1, year: 2018 }, { number: 2, year: 2018 }]);
    const page = (await request(world.app).get(`/meetings/${tenthMeetingId}`).expect(200)).text;
    expect(page).to.contain('Usnesení č. 1/2018').and.to.contain('Navazující jednání').and.to.contain('Dohodnout termín dubnového jednání');
    const reviews = world.db.prepare('SELECT outcome FROM action_item_reviews ORDER BY action_item_id').all();
    expect(reviews).to.deep.equal([{ outcome: 'done' }, { outcome: 'done' }, { outcome: 'rescheduled' }]);
  });

  it('creates a joint meeting of four groups on 25. 10. 2018 at 9:30 that shows in the social services archive', async () => {
    const { app, db } = makeApp();
    loadDemoData(db, testClock);
    const joint = db
      .prepare(
        `SELECT m.id, m.title, m.starts_at AS startsAt, COUNT(mg.group_id) AS groupCount
           FROM meetings m JOIN meeting_groups mg ON mg.meeting_id = m.id
          GROUP BY m.id HAVING COUNT(mg.group_id) > 1`,
      )
      .all() as { id: number; title: string; startsAt: string; groupCount: number }[];
    expect(joint).to.have.lengthOf(1);
    expect(joint[0].groupCount).to.equal(4);
    const local = DateTime.fromISO(joint[0].startsAt, { zone: 'utc' }).setZone(ZONE);
    expect(local.toFormat('yyyy-MM-dd HH:mm')).to.equal('2018-10-25 09:30');
    const inSocialServices = db
      .prepare("SELECT 1 AS yes FROM meeting_groups mg JOIN groups g ON g.id = mg.group_id WHERE mg.meeting_id = ? AND g.slug = 'socialni-sluzby'")
      .get(joint[0].id);
    expect(inSocialServices).to.deep.equal({ yes: 1 });

    const res = await request(app).get('/groups/socialni-sluzby').expect(200);
    expect(res.text).to.contain(`href="/meetings/${joint[0].id}"`);
    expect(res.text).to.contain(joint[0].title);
  });

  describe('the demo command', () => {
    let dataDir: string;

    beforeEach(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-demo-'));
    });

    afterEach(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('loads into an empty database, refuses a full one unless forced, and never doubles the data', async function () {
      this.timeout(60_000);
      const file = path.join(dataDir, 'zapisnik.sqlite');

      const first = await runEntryPoint('src/cli/demo.ts', [], { DATA_DIR: dataDir });
      expect(first.code, first.stderr).to.equal(0);
      const loaded = rowCounts(file);
      expect(loaded.meetings).to.be.greaterThan(0);
      expect(loaded.agenda_items).to.be.greaterThan(0);

      const again = await runEntryPoint('src/cli/demo.ts', [], { DATA_DIR: dataDir });
      expect(again.code).to.equal(1);
      expect(again.stderr).to.contain('--force');
      expect(rowCounts(file)).to.deep.equal(loaded);

      const forced = await runEntryPoint('src/cli/demo.ts', ['--force'], { DATA_DIR: dataDir });
      expect(forced.code, forced.stderr).to.equal(0);
      expect(rowCounts(file)).to.deep.equal(loaded);
    });

    it('creates demo accounts: the secretary writes the minutes of the 10th meeting, a member may not', async function () {
      this.timeout(60_000);
      const result = await runEntryPoint('src/cli/demo.ts', [], { DATA_DIR: dataDir });
      expect(result.code, result.stderr).to.equal(0);
      for (const email of ['spravce@demo.zapisnik.cz', 'tajemnice@demo.zapisnik.cz', 'clen@demo.zapisnik.cz', 'host@demo.zapisnik.cz']) expect(result.stdout).to.contain(email);
      expect(result.stdout).to.contain(DEMO_PASSWORD);
      expect(result.stdout).to.contain('DEMO ONLY');

      const { app, db } = makeApp({ DATA_DIR: dataDir }, { empty: true });
      const tenth = meetingOf(db, 'socialni-sluzby', 10);
      const signedIn = async (email: string) => {
        const agent = request.agent(app);
        const login = await agent.get('/login').expect(200);
        await agent.post('/login').type('form').send({ email, password: DEMO_PASSWORD, _csrf: csrfFrom(login.text) }).expect(303);
        return agent;
      };
      await (await signedIn('tajemnice@demo.zapisnik.cz')).get(`/meetings/${tenth?.id}/minutes/edit`).expect(200);
      await (await signedIn('clen@demo.zapisnik.cz')).get(`/meetings/${tenth?.id}/minutes/edit`).expect(403);
    });
  });
});
