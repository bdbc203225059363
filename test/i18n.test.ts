import fs from 'node:fs';
import { searchKinds } from '../src/db/search.js';
import { attachmentVisibilities } from '../src/db/attachments.js';
import { resultKinds } from '../src/search/results.js';
import path from 'node:path';
import { expect } from 'chai';
import { visibilities } from '../src/db/groups.js';
import { meetingStatuses } from '../src/db/meetings.js';
import { roles } from '../src/db/memberships.js';
import { cs } from '../src/i18n/cs.js';
import type { Message } from '../src/i18n/cs.js';
import { en } from '../src/i18n/en.js';
import { formatDate, formatDateLong, formatTime, fromInputParts, toInputParts } from '../src/i18n/dates.js';
import { isMessageKey, locales, negotiateLocale, translator } from '../src/i18n/index.js';

const root = path.resolve(import.meta.dirname, '..');

/** Every file under `dir` (relative to the project) whose name ends with `extension`. */
function filesUnder(dir: string, extension: string): string[] {
  return (fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((name) => name.endsWith(extension))
    .map((name) => path.join(dir, name));
}

const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

/** The texts of a message: the string itself or each of its plural forms. */
const textsOf = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message).filter((v): v is string => v !== undefined));

/** The `{name}` placeholders a message uses, sorted and without repeats. */
const placeholdersOf = (message: Message): string[] =>
  [...new Set(textsOf(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1])))].sort();

/** The first segments of the dictionary's keys ("meetings", "validation"…): what a literal key starts with. */
const keyPrefixes = [...new Set(Object.keys(cs).map((key) => key.split('.')[0]))];
/** A whole quoted literal that looks like a key with one of the dictionary's prefixes. */
const literalKey = new RegExp(`(['"\`])((?:${keyPrefixes.join('|')})(?:\\.[A-Za-z0-9_]+)+)\\1`, 'g');
/** A t('…') call with a literal key. */
const tCall = /\bt\(\s*(['"])([^'"]+)\1\s*[,)]/g;
/** A t('prefix.' + …) call: a key built at run time. */
const dynamicTCall = /\bt\(\s*(['"])([A-Za-z0-9_.]+\.)\1\s*\+/g;

/** The sources that may name message keys: views and the app code, not the dictionaries themselves. */
function sources(): { file: string; text: string }[] {
  const files = [...filesUnder('views', '.ejs'), ...filesUnder('src', '.ts').filter((file) => !file.startsWith(path.join('src', 'i18n')))];
  return files.map((file) => ({ file, text: read(file) }));
}

describe('i18n', () => {
  describe('dictionaries', () => {
    it('has exactly the same keys in Czech and English', () => {
      expect(Object.keys(en).sort()).to.deep.equal(Object.keys(cs).sort());
    });

    it('has no empty message in either language', () => {
      for (const [locale, dictionary] of [['cs', cs], ['en', en]] as const) {
        const empty = Object.entries(dictionary as Record<string, Message>)
          .filter(([, message]) => textsOf(message).length === 0 || textsOf(message).some((text) => text.trim() === ''))
          .map(([key]) => `${locale}:${key}`);
        expect(empty).to.deep.equal([]);
      }
    });

    it('uses the same placeholders in both languages', () => {
      const csMessages: Record<string, Message> = cs;
      const enMessages: Record<string, Message> = en;
      const differing = Object.keys(cs).filter((key) => placeholdersOf(csMessages[key]).join() !== placeholdersOf(enMessages[key]).join());
      expect(differing).to.deep.equal([]);
    });

    it('gives every plural message the forms "one" and "other"', () => {
      const incomplete = [...Object.entries(cs as Record<string, Message>), ...Object.entries(en as Record<string, Message>)]
        .filter(([, message]) => typeof message !== 'string' && (!message.one || !message.other))
        .map(([key]) => key);
      expect(incomplete).to.deep.equal([]);
    });
  });

  describe('keys used in the code', () => {
    it('finds keys in views and code to check (the scan itself works)', () => {
      const called = sources().flatMap(({ text }) => [...text.matchAll(tCall)].map((match) => match[2]));
      expect(called).to.include('nav.skipToContent');
      expect(called).to.include('zapis.headingOther');
      expect(called.length).to.be.greaterThan(100);
      const literals = sources().flatMap(({ text }) => [...text.matchAll(literalKey)].map((match) => match[2]));
      // A form error, a flash passed to redirectWithFlash, an HttpError and a key listed in a view.
      expect(literals).to.include.members(['validation.required', 'minutes.saved', 'error.notFound', 'nav.home', 'meetings.endBeforeStart']);
    });

    it('has every literal key of views and code in the dictionary', () => {
      const missing: string[] = [];
      for (const { file, text } of sources()) {
        const keys = [...text.matchAll(tCall)].map((match) => match[2]).concat([...text.matchAll(literalKey)].map((match) => match[2]));
        for (const key of new Set(keys)) if (!isMessageKey(key)) missing.push(`${file}: ${key}`);
      }
      expect(missing).to.deep.equal([]);
    });

    it('has every key the views build at run time from a known prefix', () => {
      const expectedByPrefix: Record<string, readonly string[]> = {
        'meetings.status.': meetingStatuses,
        'memberships.role.': roles,
        'memberships.roles.': roles,
        'groups.visibility.': visibilities,
        'lang.': locales,
        'search.kinds.': Object.keys(resultKinds),
        'attachments.visibility.': attachmentVisibilities,
        'search.place.': searchKinds,
      };
      expect([...meetingStatuses]).to.include.members(['planned', 'held', 'cancelled']);
      expect([...roles]).to.include.members(['chair', 'secretary', 'member', 'guest']);
      expect([...locales]).to.include.members(['cs', 'en']);
      const prefixes = new Set(sources().flatMap(({ text }) => [...text.matchAll(dynamicTCall)].map((match) => match[2])));
      expect(prefixes.size, 'dynamic prefixes found').to.be.greaterThan(0);
      const unknownPrefixes = [...prefixes].filter((prefix) => !Object.hasOwn(expectedByPrefix, prefix));
      expect(unknownPrefixes, 'dynamic key prefixes this test does not know the endings of').to.deep.equal([]);
      const missing = Object.entries(expectedByPrefix).flatMap(([prefix, endings]) =>
        endings.map((ending) => prefix + ending).filter((key) => !isMessageKey(key)),
      );
      expect(missing).to.deep.equal([]);
    });
  });

  describe('negotiateLocale', () => {
    it('takes the language cookie over the browser preference', () => {
      expect(negotiateLocale('en', 'cs')).to.equal('en');
      expect(negotiateLocale('cs', 'en-US,en;q=0.8')).to.equal('cs');
    });

    it('ignores a cookie naming a language it does not speak', () => {
      expect(negotiateLocale('de', 'en')).to.equal('en');
    });

    it('follows Accept-Language by region-less tag and quality', () => {
      expect(negotiateLocale(undefined, 'en-US,en;q=0.8')).to.equal('en');
      expect(negotiateLocale(undefined, 'de, cs;q=0.5')).to.equal('cs');
      expect(negotiateLocale(undefined, 'cs;q=0.4, en;q=0.6')).to.equal('en');
    });

    it('falls back to Czech for garbage, nothing, or a refused language', () => {
      expect(negotiateLocale(undefined, ';;q=abc,,=;')).to.equal('cs');
      expect(negotiateLocale(undefined, undefined)).to.equal('cs');
      expect(negotiateLocale(undefined, '')).to.equal('cs');
      expect(negotiateLocale(undefined, 'en;q=0')).to.equal('cs');
      expect(negotiateLocale(undefined, 'de-DE, fr;q=0.9')).to.equal('cs');
    });
  });

  describe('translator', () => {
    it('fills placeholders', () => {
      expect(translator('cs')('common.page', { page: 2, pages: 5 })).to.equal('Strana 2 z 5');
      expect(translator('en')('error.title', { status: 404 })).to.equal('Error 404');
      expect(translator('cs')('error.title', { status: 404 })).to.equal('Chyba 404');
    });

    it('returns a message without placeholders as it is', () => {
      expect(translator('cs')('agenda.title')).to.equal('Program');
      expect(translator('en')('agenda.title')).to.equal('Agenda');
    });

    it('picks the Czech plural form by count', () => {
      const t = translator('cs');
      expect(t('groups.memberCount', { count: 1 })).to.equal('1 člen');
      expect(t('groups.memberCount', { count: 3 })).to.equal('3 členové');
      expect(t('groups.memberCount', { count: 5 })).to.equal('5 členů');
      expect(t('groups.memberCount', { count: 0 })).to.equal('0 členů');
    });

    it('picks the English plural form by count', () => {
      const t = translator('en');
      expect(t('groups.memberCount', { count: 1 })).to.equal('1 member');
      expect(t('groups.memberCount', { count: 2 })).to.equal('2 members');
      expect(t('groups.meetingCount', { count: 0 })).to.equal('0 meetings');
    });
  });

  describe('dates', () => {
    const zone = 'Europe/Prague';
    const instant = '2018-03-20T08:30:00Z';

    it('formats a date the Czech way', () => {
      expect(formatDate(instant, zone, 'cs')).to.equal('20. 3. 2018');
      expect(formatDateLong(instant, zone, 'cs')).to.equal('úterý 20. března 2018');
      expect(formatTime(instant, zone, 'cs')).to.equal('9:30');
    });

    it('formats a date the English way', () => {
      expect(formatDate(instant, zone, 'en')).to.equal('20 Mar 2018');
      expect(formatDateLong(instant, zone, 'en')).to.equal('Tuesday, 20 March 2018');
      expect(formatTime(instant, zone, 'en')).to.equal('09:30');
    });

    it('shows the date of the meeting’s zone, not of UTC', () => {
      expect(formatDate('2018-03-20T23:30:00Z', zone, 'cs')).to.equal('21. 3. 2018');
      expect(formatTime('2018-03-20T23:30:00Z', zone, 'cs')).to.equal('0:30');
    });

    it('turns a typed Prague date and time into UTC in winter and in summer', () => {
      expect(fromInputParts('2018-03-20', '09:30', zone)).to.equal('2018-03-20T08:30:00Z');
      expect(fromInputParts('2018-07-01', '09:30', zone)).to.equal('2018-07-01T07:30:00Z');
    });

    it('refuses a date or time that does not exist', () => {
      expect(fromInputParts('2018-02-30', '09:30', zone)).to.equal(undefined);
      expect(fromInputParts('2018-13-01', '09:30', zone)).to.equal(undefined);
      expect(fromInputParts('2018-03-20', '25:00', zone)).to.equal(undefined);
      expect(fromInputParts('', '', zone)).to.equal(undefined);
    });

    it('gives a form back the date and time it was typed with', () => {
      expect(toInputParts('2018-03-20T08:30:00Z', zone)).to.deep.equal({ date: '2018-03-20', time: '09:30' });
      expect(toInputParts('2018-07-01T07:30:00Z', zone)).to.deep.equal({ date: '2018-07-01', time: '09:30' });
      for (const [date, time] of [['2018-03-20', '09:30'], ['2018-07-01', '09:30'], ['2018-12-31', '23:45'], ['2019-01-01', '00:05']]) {
        const stored = fromInputParts(date, time, zone);
        expect(stored, `${date} ${time}`).to.be.a('string');
        expect(toInputParts(stored as string, zone)).to.deep.equal({ date, time });
      }
    });
  });
});
