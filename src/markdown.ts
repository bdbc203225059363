import { Marked } from 'marked';
import type { Token } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { memoize } from './memo.js';

// One parser instance with our options, so nobody else's marked.use() can change how minutes render.
const parser = new Marked({ gfm: true, breaks: true, async: false });

const policy: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code',
    'strong', 'em', 'del', 's', 'sub', 'sup', 'mark', 'abbr',
    'ul', 'ol', 'li', 'a',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    ol: ['start', 'type'],
    th: ['align'],
    td: ['align'],
    abbr: ['title'],
    span: ['class'],
  },
  allowedClasses: { span: ['task'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Typed headings sit below the page's own (h1 title, h2 section, h3 agenda item): demote them so
    // a "# Heading" in the minutes can neither add a second h1 nor break the document outline.
    h1: 'h4',
    h2: 'h5',
    h3: 'h6',
    h4: 'h6',
    h5: 'h6',
    // Links in minutes lead off-site: never let the target page reach back through window.opener.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
    // GFM task lists ("- [x] done") become a ticked or empty box as text: a form control in a
    // document would need a label and could not be printed or exported faithfully.
    input: (_tagName, attribs) => ({
      tagName: 'span',
      attribs: { class: 'task' },
      text: attribs.type === 'checkbox' ? (attribs.checked !== undefined ? '☑' : '☐') : '',
    }),
  },
};
policy.allowedAttributes = { ...policy.allowedAttributes, a: ['href', 'title', 'rel'] };

// Output depends on the source text alone, so a page read again reuses it (≈0.3 ms → 1 µs per item).
const renderCached = memoize((source) => sanitizeHtml(parser.parse(source) as string, policy), 2000);

/** Markdown typed by a user → HTML safe to put into a page. The only caller of marked. */
export function renderMarkdown(source: string): string {
  return source.trim() ? renderCached(source) : '';
}

/** Markdown typed by a user → marked's block tokens, for the exports (PDF, Word) to map themselves. */
export function markdownTokens(source: string): Token[] {
  return source.trim() ? parser.lexer(source) : [];
}
