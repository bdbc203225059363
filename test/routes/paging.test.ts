import { expect } from 'chai';
import request from 'supertest';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { createActionItem, createGroup, createMeeting, createPerson, createResolution, now } from '../factories.js';
import { makeApp } from '../helpers.js';
import type { TestWorld } from '../helpers.js';

/** A group with 1,000 resolutions and 1,000 tasks over ten published meetings in two years. */
function bigGroup(world: TestWorld): void {
  const group = createGroup(world.db, { slug: 'velka' });
  const owner = createPerson(world.db);
  world.db.transaction(() => {
    for (let n = 0; n < 10; n++) {
      const meeting = createMeeting(world.db, { leadGroupId: group, number: n + 1, status: 'held', startsAt: `${n < 5 ? 2023 : 2024}-0${(n % 5) + 1}-10T08:00:00Z`, endsAt: null });
      setMinutesPublished(world.db, meeting, true, now());
      for (let i = 0; i < 100; i++) {
        createResolution(world.db, meeting, { outcome: i % 10 === 0 ? 'rejected' : 'adopted' });
        createActionItem(world.db, meeting, { ownerIds: [owner], dueDate: i % 2 ? '2025-06-30' : null });
      }
    }
  })();
}

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('paging: no list grows with the archive', () => {
  it('shows a register of 1,000 resolutions fifty at a time, its filters kept from page to page', async () => {
    const world = makeApp();
    bigGroup(world);
    const first = await request(world.app).get('/groups/velka/resolutions').expect(200);
    expect(count(first.text, /<li class="resolution /g)).to.equal(50);
    expect(first.text).to.contain('Strana 1 z 20').and.to.contain('href="/groups/velka/resolutions?page=2"');
    expect(first.text.length).to.be.below(150_000);
    const last = await request(world.app).get('/groups/velka/resolutions?page=20').expect(200);
    expect(count(last.text, /<li class="resolution /g)).to.equal(50);
    expect(last.text).not.to.contain('rel="next"');
    const filtered = await request(world.app).get('/groups/velka/resolutions?year=2024&outcome=rejected').expect(200);
    expect(count(filtered.text, /<li class="resolution /g)).to.equal(50);
    expect(filtered.text).not.to.contain('Strana 1 z');
    const adopted = await request(world.app).get('/groups/velka/resolutions?year=2024&outcome=adopted&page=2').expect(200);
    expect(adopted.text).to.contain('Strana 2 z 9').and.to.contain('href="/groups/velka/resolutions?year=2024&amp;outcome=adopted&amp;page=3"');
    // Past the end: an empty page, not an error.
    const beyond = await request(world.app).get('/groups/velka/resolutions?page=999').expect(200);
    expect(count(beyond.text, /<li class="resolution /g)).to.equal(0);
  }).timeout(20_000);

  it('shows a group’s 1,000 tasks fifty at a time, the status filter kept', async () => {
    const world = makeApp();
    bigGroup(world);
    const first = await request(world.app).get('/groups/velka/tasks').expect(200);
    expect(count(first.text, /<tr id="task-/g)).to.equal(50);
    expect(first.text).to.contain('Strana 1 z 20');
    expect(first.text.length).to.be.below(150_000);
    const open = await request(world.app).get('/groups/velka/tasks?status=open&page=3').expect(200);
    expect(count(open.text, /<tr id="task-/g)).to.equal(50);
    expect(open.text).to.contain('Strana 3 z 20').and.to.contain('href="/groups/velka/tasks?status=open&amp;page=4"');
  }).timeout(20_000);
});
