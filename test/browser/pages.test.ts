import { expect } from 'chai';
import { openPage, seriousViolations, startWorld } from './world.js';
import type { BrowserWorld } from './world.js';

/**
 * What a person does and sees, in a real browser (Debian's Chromium through playwright-core): the
 * pages of a meeting have no serious accessibility problem at desktop and phone width, and the
 * secretary's attendance, from an empty list to the zápis, works by clicking.
 */
describe('in the browser', () => {
  let world: BrowserWorld;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world.close();
  });

  const eleventh = () => (world.db.prepare('SELECT id FROM meetings WHERE number = 11').get() as { id: number }).id;

  for (const width of [1280, 360]) {
    it(`shows a reader and a secretary the pages of a meeting without a serious accessibility problem at ${width} px`, async () => {
      const problems: string[] = [];
      const check = async (email: string | undefined, paths: string[]) => {
        const page = await openPage(world, { email, width });
        for (const path of paths) {
          const response = await page.goto(world.baseUrl + path);
          if (response?.status() !== 200) problems.push(`${path}: ${response?.status()}`);
          for (const violation of await seriousViolations(page)) problems.push(`${email ?? 'reader'} ${path}: ${violation}`);
          // Nothing wider than the screen: a phone must not scroll sideways to read the zápis.
          const overflow = await page.evaluate(() => {
            // The page's own globals (the test is type-checked without the DOM library).
            const { documentElement } = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
            return documentElement.scrollWidth - documentElement.clientWidth;
          });
          if (overflow > 0) problems.push(`${path} at ${width} px: ${overflow} px wider than the screen`);
        }
        await page.context().close();
      };
      const tenth = world.demo.tenthMeetingId;
      await check(undefined, ['/', '/groups/socialni-sluzby', `/meetings/${tenth}`, `/meetings/${eleventh()}/invitation`, `/meetings/${tenth}/attendance-sheet`]);
      await check('tajemnice@demo.zapisnik.cz', [`/meetings/${eleventh()}`, `/meetings/${eleventh()}/attendance`, `/meetings/${eleventh()}/minutes/edit`, '/tasks']);
      expect(problems).to.deep.equal([]);
    });
  }

  it('lets the secretary record who came, from the members of the day to the zápis', async () => {
    const page = await openPage(world, { email: 'tajemnice@demo.zapisnik.cz' });
    const id = eleventh();
    await page.goto(`${world.baseUrl}/meetings/${id}/attendance`);
    // Nothing is stored yet: the editor shows the group's members of that day, each expected.
    const row = (name: string) => page.locator('tr', { hasText: name });
    await row('Mgr. Alena Dvořáková').getByLabel('přítomna', { exact: true }).check();
    await row('Ing. Tomáš Beneš').getByLabel('omluven', { exact: true }).check();
    await Promise.all([page.waitForURL(`**/meetings/${id}/attendance`), page.getByRole('button', { name: 'Uložit prezenci' }).click()]);
    expect(await page.getByRole('status').textContent()).to.contain('Prezence je uložena.');
    expect(await row('Mgr. Alena Dvořáková').getByLabel('přítomna', { exact: true }).isChecked()).to.equal(true);
    await page.goto(`${world.baseUrl}/meetings/${id}`);
    const attendance = page.locator('#prezence');
    expect(await attendance.textContent()).to.contain('Mgr. Alena Dvořáková (ANNOLK)').and.to.contain('Ing. Tomáš Beneš (KÚ LK)');
    await page.context().close();
  });
});
