import { expect } from 'chai';
import { signInSlowdown } from '../src/sign-in-slowdown.js';

describe('sign-in slowdown', () => {
  const options = { free: 2, stepMs: 100, maxMs: 250, windowMs: 60_000 };

  it('costs nothing for the first failures, then more for each, up to the longest wait', () => {
    let now = 0;
    const slowdown = signInSlowdown(options, () => now);
    const delays = [];
    for (let failure = 0; failure < 6; failure++) {
      delays.push(slowdown.delayFor('a@example.test'));
      slowdown.failed('a@example.test');
      now += 1000;
    }
    expect(delays).to.deep.equal([0, 0, 0, 100, 200, 250]);
    expect(slowdown.delayFor('b@example.test')).to.equal(0);
  });

  it('forgets failures older than the window', () => {
    let now = 0;
    const slowdown = signInSlowdown(options, () => now);
    for (let failure = 0; failure < 4; failure++) slowdown.failed('a@example.test');
    expect(slowdown.delayFor('a@example.test')).to.equal(200);
    now = 60_001;
    expect(slowdown.delayFor('a@example.test')).to.equal(0);
  });

  it('gives attempts sent at once their turns one after another', async () => {
    const slowdown = signInSlowdown({ free: 0, stepMs: 40, maxMs: 40, windowMs: 60_000 });
    slowdown.failed('a@example.test');
    const started = performance.now();
    const done: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => slowdown.wait('a@example.test').then(() => done.push(performance.now() - started))));
    // Five turns 40 ms apart: the last one comes after some 200 ms, not after 40.
    expect(Math.max(...done)).to.be.at.least(190);
    await slowdown.wait('b@example.test');
  });

  it('keeps a bounded memory when guesses name thousands of accounts', () => {
    const slowdown = signInSlowdown(options, () => 0);
    for (let failure = 0; failure < 5; failure++) slowdown.failed('first@example.test');
    for (let account = 0; account < 10_000; account++) slowdown.failed(`guess${account}@example.test`);
    expect(slowdown.delayFor('first@example.test')).to.equal(0);
    for (let failure = 0; failure < 5; failure++) slowdown.failed('last@example.test');
    expect(slowdown.delayFor('last@example.test')).to.equal(250);
  });
});
