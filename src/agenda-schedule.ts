/**
 * Start times of agenda items, computed from the meeting's start, each item's duration and any
 * fixed start ("9:30 – Planetárium"). Pure: no clock, no zone; minutes since local midnight.
 */

export interface ScheduleInput {
  id: number;
  parentId: number | null;
  durationMinutes: number | null;
  fixedStart: string | null;
}

export interface ScheduledTimes {
  /** Minutes since midnight when the item starts, when it can be known. */
  start: number | null;
  /** The item's length: its own duration, else the sum of its sub-items' when all are known. */
  duration: number | null;
}

/** "09:30" → 570. */
export function clockToMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * Times for each item (by id) and the estimated end. Items come in display order (each parent
 * followed by its sub-items). A time is unknown after an item without a duration, until the next
 * fixed start.
 */
export function scheduleAgenda(
  items: readonly ScheduleInput[],
  meetingStart: number,
): { times: Map<number, ScheduledTimes>; estimatedEnd: number | null } {
  const times = new Map<number, ScheduledTimes>();
  const childrenOf = new Map<number, ScheduleInput[]>();
  for (const item of items) {
    if (item.parentId !== null) childrenOf.set(item.parentId, [...(childrenOf.get(item.parentId) ?? []), item]);
  }
  const ownDuration = (item: ScheduleInput): number | null => {
    if (item.durationMinutes !== null) return item.durationMinutes;
    const children = childrenOf.get(item.id) ?? [];
    if (children.length === 0 || children.some((c) => c.durationMinutes === null)) return null;
    return children.reduce((sum, c) => sum + (c.durationMinutes ?? 0), 0);
  };
  // Walks one level of siblings from `start`; returns when the last of them ends (or null).
  const walk = (siblings: readonly ScheduleInput[], start: number | null): number | null => {
    let clock = start;
    for (const item of siblings) {
      if (item.fixedStart) clock = clockToMinutes(item.fixedStart);
      const duration = ownDuration(item);
      times.set(item.id, { start: clock, duration });
      const children = childrenOf.get(item.id);
      if (children) walk(children, clock);
      clock = clock !== null && duration !== null ? clock + duration : null;
    }
    return clock;
  };
  const topLevel = items.filter((item) => item.parentId === null);
  const estimatedEnd = topLevel.length ? walk(topLevel, meetingStart) : null;
  return { times, estimatedEnd };
}
