import { cs } from './cs.js';
import { en } from './en.js';
import type { Message } from './cs.js';

export type Locale = 'cs' | 'en';
export type MessageKey = keyof typeof cs;
export type Params = Record<string, string | number>;
/** Translates a key into the request's language, filling `{name}` placeholders; `count` picks the plural form. */
export type Translate = (key: MessageKey, params?: Params) => string;

/** A language to word things in: its translator and its locale (for dates, numbers and lists). */
export interface Lang {
  readonly t: Translate;
  readonly locale: Locale;
}

export const locales: readonly Locale[] = ['cs', 'en'];
export const defaultLocale: Locale = 'cs';
const dictionaries: Record<Locale, Record<MessageKey, Message>> = { cs, en };
const pluralRules: Record<Locale, Intl.PluralRules> = {
  cs: new Intl.PluralRules('cs'),
  en: new Intl.PluralRules('en'),
};

/** True for the locales the interface is translated into. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** True when `key` is in the dictionary (views are checked against this in tests). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(cs, key);
}

/** The translate function for one locale. */
export function translator(locale: Locale): Translate {
  const dictionary = dictionaries[locale];
  return (key, params) => {
    const message = dictionary[key] ?? key;
    const template =
      typeof message === 'string'
        ? message
        : (message[pluralRules[locale].select(Number(params?.count ?? 0)) as keyof typeof message] ?? message.other);
    return params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : template;
  };
}

const langs = new Map<Locale, Lang>();

/** The translator and locale of a language, made once. */
export function langOf(locale: Locale): Lang {
  let lang = langs.get(locale);
  if (!lang) langs.set(locale, (lang = { t: translator(locale), locale }));
  return lang;
}

/** Picks the language: the cookie the switch set, else the browser's Accept-Language, else Czech. */
export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}
