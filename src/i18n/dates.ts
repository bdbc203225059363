import { DateTime } from 'luxon';
import type { Locale } from './index.js';
import { memoize } from '../memo.js';

// Czech style per ČSN 01 6910: "20. 3. 2018", "úterý 20. března 2018", "9:30".
const formats: Record<Locale, { date: string; dateLong: string; time: string; monthYear: string }> = {
  cs: { date: 'd. M. yyyy', dateLong: 'cccc d. MMMM yyyy', time: 'H:mm', monthYear: 'LLLL yyyy' },
  en: { date: 'd MMM yyyy', dateLong: 'cccc, d MMMM yyyy', time: 'HH:mm', monthYear: 'LLLL yyyy' },
};

/** A stored UTC instant seen in a zone and locale. */
export function inZone(isoUtc: string, zone: string, locale: Locale): DateTime {
  return DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(zone).setLocale(locale);
}

// Zone offsets and Intl formatting cost ~15 µs a call, and a page formats the same few instants
// again and again: remember the results (keyed by everything the output depends on).
const formatCached = memoize((key) => {
  const [isoUtc, zone, locale, style] = key.split('|') as [string, string, Locale, 'date' | 'dateLong' | 'time'];
  return inZone(isoUtc, zone, locale).toFormat(formats[locale][style]);
}, 5000);

/** Short date: "20. 3. 2018". */
export function formatDate(isoUtc: string, zone: string, locale: Locale): string {
  return formatCached(`${isoUtc}|${zone}|${locale}|date`);
}

/** Date with weekday and month name: "úterý 20. března 2018". */
export function formatDateLong(isoUtc: string, zone: string, locale: Locale): string {
  return formatCached(`${isoUtc}|${zone}|${locale}|dateLong`);
}

/** Time of day: "9:30". */
export function formatTime(isoUtc: string, zone: string, locale: Locale): string {
  return formatCached(`${isoUtc}|${zone}|${locale}|time`);
}

const calendarDateCached = memoize((key) => {
  const [isoDate, locale] = key.split('|') as [string, Locale];
  return DateTime.fromISO(isoDate, { zone: 'utc' }).setLocale(locale).toFormat(formats[locale].date);
}, 5000);

/** A plain calendar date (YYYY-MM-DD) in the short style. */
export function formatCalendarDate(isoDate: string, locale: Locale): string {
  return calendarDateCached(`${isoDate}|${locale}`);
}

const clockCached = memoize((key) => {
  const [minutes, locale] = key.split('|') as [string, Locale];
  const minutesOfDay = Number(minutes);
  return DateTime.fromObject({ hour: Math.floor(minutesOfDay / 60) % 24, minute: minutesOfDay % 60 }, { zone: 'utc' })
    .setLocale(locale)
    .toFormat(formats[locale].time);
}, 3000);

/** Minutes since midnight ("HH:mm" → 570) shown as a time of day. */
export function formatClock(minutesOfDay: number, locale: Locale): string {
  return clockCached(`${minutesOfDay}|${locale}`);
}

/** The date and time an input of a form shows for a stored instant: { date: "2018-03-20", time: "09:30" }. */
export function toInputParts(isoUtc: string, zone: string): { date: string; time: string } {
  const local = DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(zone);
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

/**
 * A local date and time typed into a form, as a stored UTC instant; undefined when it is not a real
 * moment, including the hour skipped when clocks go forward (luxon would silently move it).
 */
export function fromInputParts(date: string, time: string, zone: string): string | undefined {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid || local.toFormat("yyyy-MM-dd'T'HH:mm") !== `${date}T${time}`) return undefined;
  return local.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined;
}
