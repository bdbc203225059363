import { randomUUID } from 'node:crypto';
import { escapeHtml } from './html.js';

interface Link {
  name: string;
  /** The id of the control the link moves to ("f-name", or the one the field was given). */
  id: string;
  label: string;
  message: string;
}

interface Summary {
  links: Link[];
  /** The form's other messages, by field: those no field on the page showed are listed without a link. */
  unshown: Map<string, string>;
}

/**
 * The error summary at the top of a rejected form lists each wrong field as a link to it, named by
 * its visible label: "Jméno a příjmení: Toto pole je povinné." The summary stands before its fields,
 * so each render of a view collects: views/partials/_errors.ejs opens a summary and leaves a mark
 * where its list goes, every field with an error (views/partials/_field.ejs, and the few controls
 * written by hand) adds itself to the summary opened last, and once the view is rendered, the view
 * engine (app.ts) puts each list in place of its mark. The labels are the ones the fields showed,
 * so the summary cannot name a field otherwise than the form does.
 */
export class ErrorSummary {
  private readonly summaries: Summary[] = [];
  private mark = '';

  /** Opens the summary of a form with these messages (already translated, by field); returns the mark its list replaces. */
  open(messages: Record<string, string>): string {
    // A mark nobody could type: what people type is escaped, and Markdown loses its comments.
    if (!this.mark) this.mark = `<!--error-summary-${randomUUID()}-`;
    const unshown = new Map(Object.entries(messages).filter(([name]) => name !== '_form'));
    this.summaries.push({ links: [], unshown });
    return `${this.mark}${this.summaries.length - 1}-->`;
  }

  /** A field that shows an error: its name, the id to link to, its visible label and the message. */
  field(name: string, id: string, label: string, message: string): void {
    const summary = this.summaries[this.summaries.length - 1];
    if (!summary) return;
    summary.links.push({ name, id, label, message });
    summary.unshown.delete(name);
  }

  /** The rendered page with each summary's list in place of its mark. */
  fill(html: string): string {
    if (!this.mark) return html;
    return this.summaries.reduce((page, summary, index) => page.replace(`${this.mark}${index}-->`, () => listHtml(summary)), html);
  }
}

function listHtml({ links, unshown }: Summary): string {
  const items = [
    ...links.map((link) => `<li><a href="#${escapeHtml(link.id)}">${escapeHtml(link.label)}: ${escapeHtml(link.message)}</a></li>`),
    ...[...unshown.values()].map((message) => `<li>${escapeHtml(message)}</li>`),
  ];
  return items.length ? `<ul class="error-summary__list">${items.join('')}</ul>` : '';
}
