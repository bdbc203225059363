import type { Locale } from '../i18n/index.js';
import { plainLines, singleLine } from '../text.js';
import type { FeedEntry } from '../zapis/feed.js';

/**
 * Published minutes as an Atom feed (RFC 4287), written here rather than by the `feed` package:
 * a feed of ours is a dozen fixed elements, and what matters is that no typed text can break the
 * XML. Every text is escaped and loses the characters XML 1.0 forbids (NUL and other controls, a
 * lone surrogate, U+FFFE/U+FFFF), which a serialiser that only escapes & < > would pass through
 * into a feed that no reader can parse. Titles go through singleLine; what each entry says comes
 * from the presenter (zapis/feed.ts).
 */

/** What a feed says about itself besides its entries. */
export interface AtomOptions {
  /** The feed's permanent id: its own address. */
  id: string;
  title: string;
  /** Who publishes it: the group, or the app. */
  author: string;
  /** Where the feed is (rel="self") and the page it stands for (rel="alternate"). */
  selfUrl: string;
  pageUrl: string;
  locale: Locale;
}

/** When an empty feed says it was last updated: a fixed instant, so that its text does not change with the clock. */
const NEVER = '1970-01-01T00:00:00Z';

// XML 1.0 (2.2 Characters) allows tab, LF, CR, and from U+0020 on all but lone surrogates, U+FFFE and U+FFFF.
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for an XML element or attribute value: escaped, and without what XML cannot hold. */
function xml(value: string): string {
  return value.replace(notXml, '').replace(/[&<>"']/g, (c) => entities[c]);
}

/** A one-line text (a title, a name, an address). */
const line = (value: string) => xml(singleLine(value));

/** An instant as RFC 3339 in UTC: 2018-03-21T09:15:00Z. */
function rfc3339(iso: string): string {
  return new Date(iso).toISOString().replace(/\.000Z$/, 'Z');
}

/** The Atom XML of these entries, newest first as given. */
export function atomText(entries: readonly FeedEntry[], options: AtomOptions): string {
  const updated = entries.map((entry) => rfc3339(entry.publishedAt)).reduce((newest, instant) => (instant > newest ? instant : newest), NEVER);
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${options.locale}">`,
    `  <id>${line(options.id)}</id>`,
    `  <title>${line(options.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${line(options.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${line(options.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${line(options.pageUrl)}"/>`,
  ];
  for (const entry of entries) {
    const published = rfc3339(entry.publishedAt);
    out.push(
      '  <entry>',
      `    <id>${line(entry.url)}</id>`,
      `    <title>${line(entry.title)}</title>`,
      `    <updated>${published}</updated>`,
      `    <published>${published}</published>`,
      `    <author><name>${line(entry.author)}</name></author>`,
      `    <link rel="alternate" type="text/html" href="${line(entry.url)}"/>`,
      `    <link rel="related" type="application/pdf" href="${line(entry.pdfUrl)}"/>`,
      `    <summary type="text">${xml(plainLines(entry.summary))}</summary>`,
      '  </entry>',
    );
  }
  out.push('</feed>');
  return `${out.join('\n')}\n`;
}
