import type { Run } from './zapis/model.js';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}

/** The presenter's runs as HTML for the page: escaped text, bold and italic marks, links (external ones without referrer). */
export function runsHtml(runs: readonly Run[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.code) html = `<code>${html}</code>`;
      if (run.link) html = `<a href="${escapeHtml(run.link)}"${run.link.startsWith('/') ? '' : ' rel="noopener noreferrer"'}>${html}</a>`;
      if (run.strike) html = `<del>${html}</del>`;
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

// Markdown's marks as typed (emphasis, headings, code, a link's address) mean nothing in a quote.
const markdownMarks = /(\*{1,3}|_{2,3}|`+|^#{1,6}\s|\]\([^)\s]*\)?|\[)/gm;

/**
 * A search quote as HTML: the text escaped first, then the words found (between \u0001 and \u0002,
 * as db/search.ts marks them) highlighted. Typed markup can never become a tag.
 */
export function quoteHtml(quote: string): string {
  return escapeHtml(quote.replace(markdownMarks, '').replace(/\s+/g, ' ').trim())
    .replace(/\u0001/g, '<mark>')
    .replace(/\u0002/g, '</mark>');
}
