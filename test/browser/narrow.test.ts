import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { insertPasswordLink } from '../../src/db/accounts.js';
import { insertActionItem } from '../../src/db/action-items.js';
import { insertAgendaItem, updateProceedings } from '../../src/db/agenda.js';
import { insertAttachment } from '../../src/db/attachments.js';
import { openDb } from '../../src/db/index.js';
import { insertResolution } from '../../src/db/resolutions.js';
import { createLogger } from '../../src/logger.js';
import { newLinkSecret } from '../../src/passwords.js';
import { openPage, seriousViolations, startWorld } from './world.js';
import type { BrowserWorld } from './world.js';

/**
 * Phones and narrow windows: every page of the route table, for each kind of reader, at 360 px
 * wide scrolls only down, never sideways, and has no serious accessibility problem; at 1280 px the
 * header holds on one row, whoever is signed in.
 *
 * The demo gets what testers pasted into real minutes: an unbroken Teams link, a file name
 * without a space, a URL in a task and in a resolution.
 */

/** What a page is not: files and feeds, which a browser downloads rather than lays out. */
const downloads = /\.(pdf|docx|md|ics|atom|txt)$|^\/attachments\/:id$|\/logo$/;
/** GET routes that are no page: a health probe (JSON) and the language switch (a redirect). */
const notPages = new Set(['/healthz', '/language']);

const roles = [
  { who: 'anonymous', email: undefined },
  { who: 'member', email: 'clen@demo.zapisnik.cz' },
  { who: 'secretary', email: 'tajemnice@demo.zapisnik.cz' },
  { who: 'administrator', email: 'spravce@demo.zapisnik.cz' },
] as const;

const longUrl =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZjA2NTk3YzItMzQ4Ny00NmRiLWE1ZTQtYjE4ZDc2ODNkNjQx%40thread.v2/0?context=%7b%22Tid%22%3a%22c2f3a3b4-1d2e-4f5a-9b8c-7d6e5f4a3b2c%22%2c%22Oid%22%3a%22a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d%22%7d';
const longFileName = 'Strategie_rozvoje_socialniho_podnikani_v_Libereckem_kraji_2018-2020_pracovni_verze_k_pripominkovani_final_v3.docx';

/*
 * What is measured inside the page is written as page script: the test runs through tsx, which
 * names functions with a helper of its own (__name) that the page does not have.
 */

/** How far the page reaches past the window's right edge, and the innermost elements that reach there (outside any box that scrolls on its own). */
const sidewaysScript = `(() => {
  const overflow = document.documentElement.scrollWidth - innerWidth;
  if (overflow <= 0) return { overflow, widest: [] };
  const scrollsItself = (element) => {
    for (let up = element.parentElement; up; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') return true;
    return false;
  };
  // Its box, or the text that runs past it (a paragraph keeps its width while a long word overflows);
  // not what a box clips itself (the visually hidden, a scrolling box).
  const reach = (element) => {
    const box = element.getBoundingClientRect();
    return getComputedStyle(element).overflowX === 'visible' ? Math.max(box.right, box.left + element.scrollWidth) : box.right;
  };
  const sticksOut = (element) => reach(element) > innerWidth + 0.5 && !scrollsItself(element);
  const name = (element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
    (typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
  const culprits = Array.from(document.querySelectorAll('body *'))
    .filter((element) => sticksOut(element) && !Array.from(element.children).some(sticksOut))
    .sort((a, b) => reach(b) - reach(a));
  return {
    overflow,
    widest: culprits.slice(0, 3).map((element) => {
      const box = element.getBoundingClientRect();
      return name(element) + ' (' + Math.round(box.width) + ' px wide, its content to ' + Math.round(reach(element)) + ' px)';
    }),
  };
})()`;

/** How far the page reaches past the window's right edge, and what reaches there. */
async function sideways(page: Page): Promise<{ overflow: number; widest: string[] }> {
  return page.evaluate(sidewaysScript) as Promise<{ overflow: number; widest: string[] }>;
}

/** Whether every link, button and field of the header sits on one row, the header's height, and its tallest part's. */
const headerScript = `(() => {
  const inner = document.querySelector('.site-header__inner');
  const style = getComputedStyle(inner);
  const height = inner.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  const boxes = Array.from(document.querySelectorAll('.site-header a, .site-header button, .site-header input, .site-header summary'))
    .map((element) => element.getBoundingClientRect())
    .filter((box) => box.height > 0);
  const oneRow = Math.max(...boxes.map((box) => box.top)) < Math.min(...boxes.map((box) => box.bottom));
  const rowHeight = Math.max(...Array.from(inner.children).map((child) => child.getBoundingClientRect().height));
  return { oneRow, height, rowHeight };
})()`;

/** Whether the header's links, buttons and fields sit on one row, and the header is as tall as that row. */
async function headerRows(page: Page): Promise<{ oneRow: boolean; height: number; rowHeight: number }> {
  return page.evaluate(headerScript) as Promise<{ oneRow: boolean; height: number; rowHeight: number }>;
}

describe('on a phone and a wide screen', () => {
  let world: BrowserWorld;
  /** Route pattern → the addresses that stand for it. */
  let pages: Map<string, string[]>;
  /** Pattern → the roles that opened it. */
  const openedBy = new Map<string, string[]>();

  before(async () => {
    world = await startWorld();
    const { db } = world;
    const now = new Date().toISOString();
    const one = <T>(query: string, ...params: unknown[]) => db.prepare(query).get(...params) as T;
    const meetingOf = (number: number) => one<{ id: number }>('SELECT id FROM meetings WHERE number = ?', number).id;
    const tenth = world.demo.tenthMeetingId;
    const socialni = one<{ id: number }>('SELECT id FROM groups WHERE slug = ?', world.demo.groupSlug).id;

    // What testers found: an unbroken link and file name in an agenda item, then the same in a task,
    // a resolution and the place of a meeting.
    const item = insertAgendaItem(db, tenth, { parentId: null, title: 'Podklady ke strategii', description: `Ke stažení: ${longUrl}`, presenter: '', durationMinutes: null, fixedStart: null, deferred: false }, now);
    updateProceedings(db, tenth, new Map([[item, `Odkaz na online jednání: ${longUrl}\n\nSoubor: ${longFileName}`]]), now);
    insertAttachment(db, { meetingId: tenth, agendaItemId: item, groupId: null, title: longFileName, originalName: longFileName, storedName: 'not-stored', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 123_456, sha256: '0'.repeat(64) }, now);
    const secretary = one<{ id: number }>("SELECT id FROM people WHERE name = 'Lucie Nováková'").id;
    insertActionItem(db, tenth, { agendaItemId: item, text: `Připomínky poslat přes ${longUrl}`, ownerIds: [secretary], organisationId: null, dueDate: '2018-04-20' }, now);
    insertResolution(db, { meetingId: tenth, groupId: socialni, year: 2018, agendaItemId: item, text: `Pracovní skupina bere na vědomí ${longFileName}.`, votesFor: 7, votesAgainst: 0, votesAbstain: 0, outcome: 'adopted', supersedesId: null }, now);
    db.prepare('UPDATE meetings SET online_url = ? WHERE id = ?').run(longUrl, meetingOf(12));

    const memberAccount = one<{ id: number }>("SELECT id FROM accounts WHERE email = 'clen@demo.zapisnik.cz'").id;
    const link = newLinkSecret();
    insertPasswordLink(db, memberAccount, link.tokenHash, 'reset', new Date(Date.now() + 86_400_000).toISOString(), now);

    const first = (table: string, where = '1') => one<{ id: number }>(`SELECT id FROM ${table} WHERE ${where} ORDER BY id LIMIT 1`).id;
    const meetings = { tenth, eleventh: meetingOf(11), roundTable: meetingOf(12), joint: first('meetings', 'number = 1') };
    const task = first('action_items', `agenda_item_id = ${item}`);
    const params: Record<string, number | string> = {
      ':slug': world.demo.groupSlug,
      ':token': link.token,
      ':itemId': item,
      ':resolutionId': first('resolutions', `meeting_id = ${tenth}`),
    };
    // The ids of each pattern: the richest rows of the demo (for a meeting, one of each kind); a
    // meeting's other pages are the 10th's.
    const idsOf: Record<string, number[]> = {
      '/accounts/:id': [memberAccount],
      '/people/:id': [secretary],
      '/people/:id/edit': [secretary],
      '/organisations/:id/edit': [first('organisations', "short_name = 'ADRA'")],
      '/venues/:id/edit': [first('venues')],
      '/groups/:slug/members/:id/edit': [first('memberships', `group_id = ${socialni}`)],
      '/meetings/:id': Object.values(meetings),
      '/meetings/:id/review': [meetings.eleventh],
      '/action-items/:id': [task],
      '/action-items/:id/edit': [task],
    };
    const fill = (pattern: string, id?: number) => pattern.replace(/:[a-zA-Z]+/g, (param) => String((param === ':id' ? id : params[param]) ?? `{${param}}`));
    pages = new Map();
    for (const pattern of registeredGets(world)) {
      if (downloads.test(pattern) || notPages.has(pattern)) continue;
      const ids = idsOf[pattern] ?? [pattern.startsWith('/meetings/:id') ? tenth : undefined];
      const urls = ids.map((id) => fill(pattern, id));
      if (pattern === '/search') urls.push('/search?q=soci%C3%A1ln%C3%AD');
      if (pattern === '/password/:token') urls.push('/password/no-such-link');
      pages.set(pattern, urls);
    }
  });
  after(async () => {
    await world?.close();
  });

  it('knows an address for every page in the route table', () => {
    const unfilled = [...pages.values()].flat().filter((url) => url.includes('{'));
    expect(unfilled, 'give these patterns ids in narrow.test.ts').to.deep.equal([]);
    expect(pages.size).to.be.greaterThan(40);
  });

  for (const { who, email } of roles) {
    it(`shows ${who} every page they may open at 360 px (and 320 and 400) without sideways scrolling or a serious accessibility problem`, async function () {
      this.timeout(120_000);
      const page = await openPage(world, { email, width: 360 });
      const problems: string[] = [];
      let opened = 0;
      for (const [pattern, urls] of pages) {
        for (const url of urls) {
          const response = await page.goto(world.baseUrl + url);
          const landed = new URL(page.url());
          // Not this role's page: it was sent elsewhere (to sign in, or home) or refused.
          if (response?.status() !== 200 || landed.pathname + landed.search !== url) continue;
          opened++;
          openedBy.set(pattern, [...new Set([...(openedBy.get(pattern) ?? []), who])]);
          for (const violation of await seriousViolations(page)) problems.push(`${url}: ${violation}`);
          // The same page laid out again at the narrowest phone and a large one: no reload needed.
          for (const width of [360, 320, 400]) {
            if (width !== 360) await page.setViewportSize({ width, height: 800 });
            const { overflow, widest } = await sideways(page);
            if (overflow > 0) problems.push(`${url} at ${width} px: ${overflow} px wider than the screen; ${widest.join('; ')}`);
          }
          await page.setViewportSize({ width: 360, height: 800 });
        }
      }
      await page.context().close();
      expect(problems, `${who}, ${opened} pages`).to.deep.equal([]);
      expect(opened).to.be.greaterThan(who === 'anonymous' ? 5 : 10);
    });
  }

  it('shows the first-run page (only an empty instance has it) at 360 px without sideways scrolling', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zapisnik-empty-'));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0' });
    const db = openDb(config.databaseFile);
    const app = createApp({ db, config, logger: createLogger(config), clock: systemClock(config.timeZone) });
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const context = await world.browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'cs-CZ' });
    try {
      const page = await context.newPage();
      const response = await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/setup`);
      expect(response?.status()).to.equal(200);
      expect(await sideways(page)).to.deep.equal({ overflow: 0, widest: [] });
      expect(await seriousViolations(page)).to.deep.equal([]);
      openedBy.set('/setup', ['anonymous, empty instance']);
    } finally {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      app.shutdown();
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('has opened every page of the route table for some role', function () {
    if (openedBy.size === 0) this.skip();
    const never = [...pages.keys()].filter((pattern) => !openedBy.has(pattern));
    expect(never, 'no role could open these: fix their ids in narrow.test.ts').to.deep.equal([]);
  });

  for (const { who, email } of roles) {
    it(`keeps the header on one row at 1280 px for ${who}, on each page it leads to, in Czech and in English`, async () => {
      const page = await openPage(world, { email, width: 1280 });
      const problems: string[] = [];
      for (const lang of ['cs', 'en']) {
        await page.goto(`${world.baseUrl}/language?lang=${lang}&next=/`);
        const targets = await page.locator('.site-header nav a').evaluateAll((links) => links.map((link) => (link as unknown as { pathname: string }).pathname));
        expect(targets.length).to.be.greaterThan(1);
        for (const target of new Set(['/', ...targets, '/search?q=pakt'])) {
          await page.goto(world.baseUrl + target);
          const { oneRow, height, rowHeight } = await headerRows(page);
          if (!oneRow || height > rowHeight + 1) problems.push(`${lang} ${target}: the header is ${Math.round(height)} px tall, a row ${Math.round(rowHeight)} px`);
        }
      }
      await page.context().close();
      expect(problems).to.deep.equal([]);
    });
  }
});

/** Every GET path the app registers, from Express's own router (as test/access.test.ts reads it). */
function registeredGets(world: BrowserWorld): string[] {
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((layer) => (layer.route ? (layer.route.methods.get ? [layer.route.path] : []) : layer.handle?.stack ? walk(layer.handle.stack) : []));
  return walk((world.app as unknown as { router: { stack: Layer[] } }).router.stack);
}
