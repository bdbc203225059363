import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// One parser instance with our options, so nobody else's marked.use() can change how minutes render.
const parser = new Marked({ gfm: true, breaks: true, async: false });

const policy: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code',
    'strong', 'em', 'del', 's', 'sub', 'sup', 'mark', 'abbr',
    'ul', 'ol', 'li', 'a',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
    'input',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    ol: ['start', 'type'],
    th: ['align'],
    td: ['align'],
    abbr: ['title'],
    // GFM task lists render as disabled checkboxes.
    input: ['type', 'checked', 'disabled'],
  },
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
    input: (tagName, attribs) =>
      attribs.type === 'checkbox' ? { tagName, attribs: { ...attribs, disabled: '' } } : { tagName: 'span', attribs: {} },
  },
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
};
policy.allowedAttributes = { ...policy.allowedAttributes, a: ['href', 'title', 'rel'] };

/** Markdown typed by a user → HTML safe to put into a page. The only caller of marked. */
export function renderMarkdown(source: string): string {
  if (!source.trim()) return '';
  const html = parser.parse(source) as string;
  return sanitizeHtml(html, policy);
}
