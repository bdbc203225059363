import { expect } from 'chai';
import { clockToMinutes, scheduleAgenda } from '../src/agenda-schedule.js';
import type { ScheduleInput } from '../src/agenda-schedule.js';

const item = (id: number, overrides: Partial<ScheduleInput> = {}): ScheduleInput => ({ id, parentId: null, durationMinutes: null, fixedStart: null, ...overrides });
const starts = (result: ReturnType<typeof scheduleAgenda>) => Object.fromEntries([...result.times].map(([id, t]) => [id, t.start]));

describe('agenda schedule', () => {
  it('adds durations from the meeting start', () => {
    const result = scheduleAgenda([item(1, { durationMinutes: 10 }), item(2, { durationMinutes: 45 }), item(3, { durationMinutes: 5 })], clockToMinutes('09:30'));
    expect(starts(result)).to.deep.equal({ 1: 570, 2: 580, 3: 625 });
    expect(result.estimatedEnd).to.equal(630);
  });

  it('loses the clock after an item without a duration until a fixed start', () => {
    const result = scheduleAgenda([item(1), item(2, { durationMinutes: 10 }), item(3, { fixedStart: '11:00', durationMinutes: 30 })], 570);
    expect(starts(result)).to.deep.equal({ 1: 570, 2: null, 3: 660 });
    expect(result.estimatedEnd).to.equal(690);
  });

  it('times sub-items within their parent and sums their durations', () => {
    const result = scheduleAgenda(
      [item(1, { fixedStart: '10:30' }), item(2, { parentId: 1, durationMinutes: 20 }), item(3, { parentId: 1, durationMinutes: 40 }), item(4, { durationMinutes: 30 })],
      570,
    );
    expect(starts(result)).to.deep.equal({ 1: 630, 2: 630, 3: 650, 4: 690 });
    expect(result.times.get(1)?.duration).to.equal(60);
    expect(result.estimatedEnd).to.equal(720);
  });

  it('has no estimated end when the last duration is unknown, nor for an empty agenda', () => {
    expect(scheduleAgenda([item(1, { durationMinutes: 10 }), item(2)], 570).estimatedEnd).to.equal(null);
    expect(scheduleAgenda([], 570).estimatedEnd).to.equal(null);
  });
});
