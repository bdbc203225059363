import { cleanUpWorlds, testRenderer } from './helpers.js';

/** Mocha root hooks: every test's worlds are closed and deleted after it. */
export const mochaHooks = {
  afterEach(): void {
    cleanUpWorlds();
  },
  async afterAll(): Promise<void> {
    await testRenderer.close();
  },
};
