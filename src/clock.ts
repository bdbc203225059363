import { DateTime } from 'luxon';

/**
 * The one source of "now" and "today". The app gets a clock in its dependencies (app.ts): the
 * system clock in production, a clock set by hand in tests. Every instant the app stores and
 * every "today" it decides by (overdue, upcoming, who is a member) comes from it.
 */
export interface Clock {
  /** The zone "today" is decided in: the instance's (config.timeZone). */
  readonly zone: string;
  /** The current instant as stored: ISO-8601 UTC, with milliseconds. */
  now(): string;
  /** Today's calendar date (YYYY-MM-DD) in the clock's zone. */
  today(): string;
}

function clockOf(zone: string, instant: () => Date): Clock {
  // Today is asked on every request; working it out in a zone is costly, so it is kept with the
  // instants its day begins and ends (exactly: a day in a zone may have 23 or 25 hours).
  let day = { from: 0, until: 0, date: '' };
  return {
    zone,
    now: () => instant().toISOString(),
    today: () => {
      const at = instant().getTime();
      if (at < day.from || at >= day.until) {
        const local = DateTime.fromMillis(at, { zone }).startOf('day');
        day = { from: local.toMillis(), until: local.plus({ days: 1 }).toMillis(), date: local.toISODate() as string };
      }
      return day.date;
    },
  };
}

/** The machine's clock, with "today" in `zone`. */
export function systemClock(zone: string): Clock {
  return clockOf(zone, () => new Date());
}

/** A clock that says what a test tells it: it starts at `instant` and moves only when set or advanced. */
export interface SetClock extends Clock {
  set(instant: string): void;
  advance(milliseconds: number): void;
}

/** A clock standing at `instant` (ISO-8601) until it is set again. */
export function fixedClock(instant: string, zone = 'Europe/Prague'): SetClock {
  let current = new Date(instant);
  if (Number.isNaN(current.getTime())) throw new Error(`not an instant: ${instant}`);
  return {
    ...clockOf(zone, () => current),
    set: (next) => {
      current = new Date(next);
    },
    advance: (milliseconds) => {
      current = new Date(current.getTime() + milliseconds);
    },
  };
}

/** The calendar date (YYYY-MM-DD) of a stored instant in a zone. */
export function localDate(isoUtc: string, zone: string): string {
  return DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(zone).toISODate() as string;
}

/** A calendar date `days` later (or earlier, when negative). */
export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ days }).toISODate() as string;
}

/** An instant `days` later (or earlier), as stored. */
export function addDaysToInstant(isoUtc: string, days: number): string {
  return new Date(Date.parse(isoUtc) + days * 86_400_000).toISOString();
}

/** An instant `days` later on the calendar of `zone`: the same local time, also across a change to or from summer time. */
export function addLocalDays(isoUtc: string, zone: string, days: number): string {
  return DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(zone).plus({ days }).toUTC().toISO() as string;
}

/** The Sunday that ends the week (ISO: Monday to Sunday) the date falls in. */
export function endOfWeek(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).endOf('week').toISODate() as string;
}

interface Scheduled {
  startsAt: string;
  timeZone: string;
}

/** The day a meeting takes place on its own calendar: memberships and roles are decided as of that day. */
export function meetingDate(meeting: Scheduled): string {
  return localDate(meeting.startsAt, meeting.timeZone);
}

/** The year a meeting belongs to, on its own calendar: resolutions and "č. 3/2018" are numbered in it. */
export function meetingYear(meeting: Scheduled): number {
  return DateTime.fromISO(meeting.startsAt, { zone: 'utc' }).setZone(meeting.timeZone).year;
}

/** The first instant of a meeting's year in its zone, as stored (for counting the meetings of that year). */
export function meetingYearStart(meeting: Scheduled): string {
  return DateTime.fromISO(meeting.startsAt, { zone: 'utc' }).setZone(meeting.timeZone).startOf('year').toUTC().toISO({ suppressMilliseconds: true }) as string;
}
