import { Marked } from 'marked';
import type { Token, Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { memoize } from './memo.js';

// One parser instance with our options, so nobody else's marked.use() can change how minutes render.
const parser = new Marked({ gfm: true, breaks: true, async: false });

// Text indented by four spaces or a tab is a paragraph pasted from Word, never a code block: minutes
// hold no code, and the secretary would see her paragraph in a typewriter box. Fenced code still works.
const indentedBlock = /^(?: {4}| {0,3}\t)[^\n]+(?:\n(?:[ \t]*\n)*(?: {4}| {0,3}\t)[^\n]+)*\n?/;
parser.use({
  tokenizer: {
    code(src) {
      const match = indentedBlock.exec(src);
      if (!match) return undefined;
      const text = match[0].split('\n').map((line) => line.trim()).join('\n').trim();
      const paragraph: Tokens.Paragraph = { type: 'paragraph', raw: match[0], text, tokens: this.lexer.inline(text) };
      // marked's lexer takes whatever token a tokenizer returns; its types only know the code block's.
      return paragraph as unknown as Tokens.Code;
    },
  },
});

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const NUMBERED_LINE = /^ {0,3}\d{1,9}[.)][ \t]/;
// "8. 10. 2019 se konal", "1. 1. je svátek", "8.10.2019": a day and a month (and a year) at a line's start.
const DATE_START = /^( {0,3})(\d{1,2})\.(?=[ \t]?\d{1,2}\.)/;
// "10. setkání se konalo": a number, a dot and a word in lower case is an ordinal in a sentence.
const ORDINAL_START = /^( {0,3})(\d{1,4})\.(?=[ \t]+\p{Ll})/u;

/**
 * Czech minutes write dates and ordinals at the start of a line, which Markdown would read as the
 * start of a numbered list ("8. 10. 2019 se konal…" became a list in a list, "8. 2019 se konal…"
 * in the PDF). Such a line's dot is escaped, so it stays text: a date always; an ordinal followed
 * by a word in lower case unless a numbered line stands next to it (then it is a list written in
 * lower case). Fenced code is left as it is. The one place where typed text meets Markdown's
 * syntax: the page, every export and the Markdown download read the text through it.
 */
export function czechSafeMarkdown(source: string): string {
  const lines = source.split('\n');
  const filled = (index: number) => lines[index] !== undefined && lines[index].trim() !== '';
  const neighbour = (from: number, step: number) => {
    let index = from + step;
    while (index >= 0 && index < lines.length && !filled(index)) index += step;
    return lines[index] ?? '';
  };
  let fence: string | undefined;
  return lines
    .map((line, index) => {
      const opening = FENCE.exec(line)?.[1];
      if (opening && (!fence || opening.startsWith(fence))) {
        fence = fence ? undefined : opening;
        return line;
      }
      if (fence) return line;
      if (DATE_START.test(line)) return line.replace(DATE_START, '$1$2\\.');
      if (ORDINAL_START.test(line) && !NUMBERED_LINE.test(neighbour(index, -1)) && !NUMBERED_LINE.test(neighbour(index, 1))) {
        return line.replace(ORDINAL_START, '$1$2\\.');
      }
      return line;
    })
    .join('\n');
}

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
const renderCached = memoize((source) => sanitizeHtml(parser.parse(czechSafeMarkdown(source)) as string, policy), 2000);

/** Markdown typed by a user → HTML safe to put into a page. The only caller of marked. */
export function renderMarkdown(source: string): string {
  return source.trim() ? renderCached(source) : '';
}

/** Markdown typed by a user → marked's block tokens, for the exports (PDF, Word) to map themselves. */
export function markdownTokens(source: string): Token[] {
  return source.trim() ? parser.lexer(czechSafeMarkdown(source)) : [];
}
