import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { openPage, seriousViolations, startWorld } from './world.js';
import type { EmptyWorld } from './world.js';

/** The form that holds the field `selector`, submitted with its own button; resolves once the answer has loaded. */
async function submitFormOf(page: Page, selector: string): Promise<void> {
  const form = page.locator(selector).locator('xpath=ancestor::form');
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
}

/**
 * The first day of a new installation (issue 19): on an empty instance the administrator goes from
 * /setup to a group with an invited secretary in at most 4 form submissions, and the secretary's
 * first page, once she has set her password, offers planning a meeting in that group.
 */
describe('in the browser: the first day', () => {
  let world: EmptyWorld;
  before(async () => {
    world = await startWorld({ empty: true });
  });
  after(async () => {
    await world.close();
  });

  it('takes the administrator from /setup to a group with an invited secretary in at most 4 submissions, and offers the secretary to plan its meeting', async () => {
    const admin = await openPage(world);
    // The pages of the first day have no serious accessibility problem either.
    const problems: string[] = [];
    const axe = async (page: Page) => problems.push(...(await seriousViolations(page)).map((violation) => `${new URL(page.url()).pathname}: ${violation}`));
    // Every form the administrator sends is a POST that the browser navigates with.
    const submissions: string[] = [];
    admin.on('request', (request) => {
      if (request.method() === 'POST' && request.isNavigationRequest()) submissions.push(new URL(request.url()).pathname);
    });

    // An empty instance leads every page to /setup.
    await admin.goto(`${world.baseUrl}/`);
    expect(new URL(admin.url()).pathname).to.equal('/setup');
    await admin.fill('#f-name', 'Jana Správcová');
    await admin.fill('#f-email', 'spravce@example.test');
    await admin.fill('#f-password', 'dlouhé heslo správce');
    await admin.fill('#f-passwordConfirm', 'dlouhé heslo správce');
    await submitFormOf(admin, '#f-name');

    // The home page lists the first steps; the first one leads to a new group.
    const steps = admin.locator('.first-steps');
    await axe(admin);
    expect(await steps.textContent()).to.contain('Vytvořte skupinu').and.to.contain('Pozvěte jejího tajemníka/tajemnici');
    await Promise.all([admin.waitForURL('**/groups/new'), steps.getByRole('link', { name: 'Vytvořte skupinu' }).click()]);
    await admin.fill('#f-name', 'Sociální služby');
    await submitFormOf(admin, '#f-name');
    const groupPath = new URL(admin.url()).pathname;
    expect(groupPath).to.match(/^\/groups\/[a-z0-9-]+$/);
    const slug = groupPath.split('/')[2];

    // Back on the home page, the second step is a link to the invitation with the group and the role chosen.
    await admin.goto(`${world.baseUrl}/`);
    expect(await admin.locator('.first-steps__step--done').textContent()).to.contain('Vytvořte skupinu');
    await Promise.all([admin.waitForURL('**/accounts/new?**'), admin.locator('.first-steps').getByRole('link', { name: 'Pozvěte jejího tajemníka/tajemnici' }).click()]);
    expect(await admin.locator('#f-groupRole').inputValue()).to.equal('secretary');
    await axe(admin);
    expect(await admin.locator('#f-groupId option:checked').textContent()).to.equal('Sociální služby');
    await admin.fill('#f-name', 'Lucie Nováková');
    await admin.fill('#f-title', 'Bc.');
    await admin.fill('#f-organisationName', 'Asociace NNO Libereckého kraje');
    await admin.fill('#f-email', 'lucie@example.test');
    await submitFormOf(admin, '#f-name');
    expect(await admin.locator('h1').textContent()).to.equal('Pozvánka je připravena');
    const link = await admin.locator('#password-link').inputValue();
    await axe(admin);
    expect(link).to.match(/\/password\/[A-Za-z0-9_-]+$/);

    console.log(`      the administrator's form submissions from /setup to an invited secretary: ${submissions.length} (${submissions.join(', ')})`);
    expect(submissions).to.deep.equal(['/setup', '/groups', '/accounts']);
    expect(submissions.length).to.be.at.most(4);

    // Both required steps are done: the checklist is gone.
    await admin.goto(`${world.baseUrl}/`);
    expect(await admin.locator('.first-steps').count()).to.equal(0);
    await admin.context().close();

    // The secretary, in a browser of her own, opens the link, sets her password and lands on her first page.
    const secretary = await openPage(world);
    // The link names the configured BASE_URL; the test's server listens on a port of its own.
    await secretary.goto(world.baseUrl + new URL(link).pathname);
    await secretary.fill('#f-password', 'heslo tajemnice Lucie');
    await secretary.fill('#f-passwordConfirm', 'heslo tajemnice Lucie');
    await submitFormOf(secretary, '#f-password');
    expect(new URL(secretary.url()).pathname).to.equal('/');
    const myGroups = secretary.locator('.my-groups');
    await axe(secretary);
    expect(await myGroups.locator('h2').textContent()).to.equal('Moje skupiny');
    expect(await myGroups.textContent()).to.contain('Sociální služby');
    const plan = myGroups.getByRole('link', { name: /^Naplánovat jednání/ });
    expect(await plan.getAttribute('href')).to.equal(`/meetings/new?group=${slug}`);
    await Promise.all([secretary.waitForURL('**/meetings/new?**'), plan.click()]);
    expect(await secretary.locator('#f-leadGroupId option:checked').textContent()).to.contain('Sociální služby');
    await secretary.goto(`${world.baseUrl}/groups/${slug}/members`);
    await axe(secretary);
    await secretary.context().close();
    expect(problems).to.deep.equal([]);
  });
});
