import type { Token, Tokens } from 'marked';
import { markdownTokens } from '../markdown.js';
import { subItemLetter } from '../zapis/names.js';
import type { Block, Run } from './blocks.js';

/**
 * Markdown typed in the minutes → export blocks. Faithful to what the page shows: headings sit
 * below the zápis's own, ordered lists number 1., 2. and nested levels a), b), links keep their
 * address next to their text, raw HTML is reduced to its text (the page's sanitiser keeps that too).
 */

type Marks = Omit<Run, 'text'>;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

/** HTML typed into Markdown: its text, without tags. */
function htmlText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_whole, name: string) => ENTITIES[name] ?? '');
}

/** Inline tokens → flat runs, each carrying the marks of everything around it. */
export function inlineRuns(tokens: readonly Token[] | undefined, marks: Marks = {}): Run[] {
  const runs: Run[] = [];
  for (const token of tokens ?? []) runs.push(...inlineToken(token, marks));
  return runs;
}

function inlineToken(token: Token, marks: Marks): Run[] {
  switch (token.type) {
    case 'strong':
      return inlineRuns(token.tokens, { ...marks, bold: true });
    case 'em':
      return inlineRuns(token.tokens, { ...marks, italic: true });
    case 'del':
      return inlineRuns(token.tokens, { ...marks, strike: true });
    case 'codespan':
      return [{ ...marks, text: String(token.text), code: true }];
    case 'br':
      return [{ ...marks, text: '\n' }];
    case 'link':
      return linkRuns(token as Tokens.Link, marks);
    case 'image':
      return [{ ...marks, text: `${String(token.text)} (${String(token.href)})` }];
    case 'html':
      return [{ ...marks, text: htmlText(String(token.text)) }];
    case 'checkbox':
      return [{ ...marks, text: (token as Tokens.Checkbox).checked ? '☑ ' : '☐ ' }];
    default:
      // text, escape and anything new: nested tokens when there are some, else the text itself.
      return 'tokens' in token && Array.isArray(token.tokens) && token.tokens.length ? inlineRuns(token.tokens, marks) : [{ ...marks, text: 'text' in token ? String(token.text) : '' }];
  }
}

/** A link's text, then its address in brackets when the text does not already say it. */
function linkRuns(token: Tokens.Link, marks: Marks): Run[] {
  const safe = /^(https?:|mailto:)/i.test(token.href);
  const runs = inlineRuns(token.tokens, safe ? { ...marks, link: token.href } : marks);
  const shown = runs.map((run) => run.text).join('');
  const address = token.href.replace(/^mailto:/i, '');
  return shown === token.href || shown === address ? runs : [...runs, { ...marks, text: ` (${address})` }];
}

/** Block tokens → blocks; `indent` is the list depth they sit at. */
export function markdownBlocks(source: string, indent = 0): Block[] {
  return tokenBlocks(markdownTokens(source), indent);
}

function tokenBlocks(tokens: readonly Token[], indent: number): Block[] {
  return tokens.flatMap((token) => tokenBlock(token, indent));
}

function tokenBlock(token: Token, indent: number): Block[] {
  switch (token.type) {
    case 'heading':
      return [{ kind: 'heading', level: 4, runs: inlineRuns(token.tokens) }];
    case 'paragraph':
    case 'text':
      return [{ kind: 'paragraph', runs: inlineRuns(token.tokens ?? [{ type: 'text', raw: token.raw, text: token.text }]), indent }];
    case 'list':
      return listBlocks(token as Tokens.List, indent);
    case 'table':
      return [tableBlock(token as Tokens.Table, indent)];
    case 'blockquote':
      return [{ kind: 'quote', blocks: tokenBlocks(token.tokens ?? [], 0), indent }];
    case 'code':
      return [{ kind: 'code', text: String(token.text), indent }];
    case 'hr':
      return [{ kind: 'rule' }];
    case 'html': {
      const text = htmlText(String(token.text)).trim();
      return text ? [{ kind: 'paragraph', runs: [{ text }], indent }] : [];
    }
    default:
      return [];
  }
}

/** "1." at the top level, "a)" below it (as a Czech zápis numbers), bullets as "•" and "–". */
function listMarker(list: Tokens.List, index: number, depth: number): string {
  if (!list.ordered) return depth === 0 ? '•' : '–';
  const n = (typeof list.start === 'number' ? list.start : 1) + index;
  return depth === 0 ? `${n}.` : `${subItemLetter(n - 1)})`;
}

function listBlocks(list: Tokens.List, indent: number): Block[] {
  return list.items.flatMap((item, index) => {
    const blocks = tokenBlocks(item.tokens.filter((token) => token.type !== 'checkbox'), indent + 1);
    const checkbox = item.task ? (item.checked ? '☑ ' : '☐ ') : '';
    const first = blocks[0];
    if (first?.kind === 'paragraph') {
      blocks[0] = { ...first, marker: listMarker(list, index, indent), runs: checkbox ? [{ text: checkbox }, ...first.runs] : first.runs };
      return blocks;
    }
    return [{ kind: 'paragraph', runs: [{ text: checkbox }], indent: indent + 1, marker: listMarker(list, index, indent) } satisfies Block, ...blocks];
  });
}

function tableBlock(table: Tokens.Table, indent: number): Block {
  return {
    kind: 'table',
    header: table.header.map((cell) => inlineRuns(cell.tokens, { bold: true })),
    rows: table.rows.map((row) => row.map((cell) => inlineRuns(cell.tokens))),
    indent,
  };
}
