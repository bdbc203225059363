import { now } from './factories.js';
import { expect } from 'chai';
import request from 'supertest';
import { updateProceedings } from '../src/db/agenda.js';
import { saveMinutesNotes, setMinutesPublished } from '../src/db/minutes.js';
import { renderMarkdown } from '../src/markdown.js';
import { createAgendaItem, createMeeting } from './factories.js';
import { makeApp, signIn } from './helpers.js';

const payloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD4=)',
  '<iframe src="https://evil.example">',
  '<svg onload=alert(1)>',
  '<a href="https://x" onclick="y">',
  '<p style="x">',
  '[x](JaVaScRiPt:alert(1))',
  '<a href="javascript&colon;alert(1)">x</a>',
];

/** What no rendered Markdown may contain, whatever was typed. */
const forbidden = ['<script', 'onerror', 'onload', 'onclick', 'javascript:', 'data:', '<iframe', 'iframe', '<svg', 'svg', 'style=', 'alert('];

function forbiddenIn(html: string): string[] {
  const lower = html.toLowerCase();
  return forbidden.filter((needle) => lower.includes(needle));
}

/**
 * Markup that would run or load something. (A payload may survive as inert text, e.g. a Markdown link
 * swallowed by a raw HTML block and printed literally; that is harmless, so pages are checked for markup.)
 */
const activeMarkup = [
  /<script\b/i,
  /<iframe\b/i,
  /<svg\b/i,
  /<img\b/i,
  /<object\b/i,
  /<embed\b/i,
  /\son[a-z]+\s*=/i,
  /\sstyle\s*=/i,
  /\s(?:href|src|action|formaction)\s*=\s*["']?\s*(?:javascript|data|vbscript):/i,
];

function activeMarkupIn(html: string): string[] {
  return activeMarkup.flatMap((pattern) => {
    const match = new RegExp(`.{0,40}${pattern.source}.{0,40}`, 'i').exec(html);
    return match ? [match[0]] : [];
  });
}

describe('renderMarkdown', () => {
  it('renders bold, italic and lists', () => {
    const html = renderMarkdown('**tučně** a *kurzívou*\n\n- jedna\n- dvě\n\n1. první\n2. druhý');
    expect(html).to.contain('<strong>tučně</strong>');
    expect(html).to.contain('<em>kurzívou</em>');
    expect(html).to.match(/<ul>\s*<li>jedna<\/li>\s*<li>dvě<\/li>\s*<\/ul>/);
    expect(html).to.match(/<ol>\s*<li>první<\/li>\s*<li>druhý<\/li>\s*<\/ol>/);
  });

  it('renders a table with its alignment', () => {
    const html = renderMarkdown('| Bod | Hlasy |\n|---|:-:|\n| Usnesení 1 | 7 |');
    expect(html).to.contain('<table>');
    expect(html).to.contain('<th>Bod</th>');
    expect(html).to.contain('<th align="center">Hlasy</th>');
    expect(html).to.contain('<td>Usnesení 1</td>');
    expect(html).to.contain('<td align="center">7</td>');
  });

  it('renders links that cannot reach back to the page', () => {
    const html = renderMarkdown('[ANNOLK](https://www.annolk.cz) a <https://example.org>');
    expect(html).to.contain('<a href="https://www.annolk.cz" rel="noopener noreferrer nofollow">ANNOLK</a>');
    expect(html).to.contain('<a href="https://example.org" rel="noopener noreferrer nofollow">https://example.org</a>');
  });

  it('replaces a rel typed into a link', () => {
    const html = renderMarkdown('<a href="https://x.example" rel="opener">x</a>');
    expect(html).to.contain('rel="noopener noreferrer nofollow"');
    expect(html).to.not.contain('rel="opener"');
  });

  it('demotes headings so that typed text never makes an h1, h2 or h3', () => {
    expect(renderMarkdown('# Nadpis')).to.equal('<h4>Nadpis</h4>\n');
    const html = renderMarkdown('# A\n\n## B\n\n### C\n\n<h1>D</h1>');
    expect(html).to.not.match(/<h[123]\b/);
    expect(html).to.contain('<h4>A</h4>');
    expect(html).to.contain('<h5>B</h5>');
    expect(html).to.contain('<h6>C</h6>');
    expect(html).to.contain('<h4>D</h4>');
  });

  it('renders empty or blank input as nothing', () => {
    expect(renderMarkdown('')).to.equal('');
    expect(renderMarkdown('  \n\t\n')).to.equal('');
  });

  for (const payload of payloads) {
    it(`strips the active content of ${payload}`, () => {
      const html = renderMarkdown(payload);
      expect(forbiddenIn(html), html).to.deep.equal([]);
    });
  }

  it('strips every payload when they come together', () => {
    const html = renderMarkdown(`Úvod\n\n${payloads.join('\n\n')}\n\nZávěr`);
    expect(forbiddenIn(html), html).to.deep.equal([]);
    expect(html).to.contain('Úvod');
    expect(html).to.contain('Závěr');
  });

  it('leaves no active markup when payloads run into each other on consecutive lines', () => {
    const html = renderMarkdown(payloads.join('\n'));
    expect(activeMarkupIn(html), html).to.deep.equal([]);
  });

  it('keeps hostile proceedings, notes and descriptions off the meeting page', async () => {
    const world = makeApp();
    const { app, db } = world;
    const meetingId = createMeeting(db, { status: 'held' });
    const hostile = `**Usnesení přijato.**\n\n${payloads.join('\n\n')}`;
    const itemId = createAgendaItem(db, meetingId, { title: 'Různé', description: payloads.join('\n\n') });
    updateProceedings(db, meetingId, new Map([[itemId, hostile]]), now());
    saveMinutesNotes(db, meetingId, { openingNotes: `Zahájení. ${payloads.join(' ')}`, closingNotes: payloads.join('\n') }, now());

    const expectNothingActive = (html: string, who: string) => {
      expect(html, `${who}: the proceedings were rendered`).to.contain('<strong>Usnesení přijato.</strong>');
      expect(html, who).to.contain('Zahájení.');
      const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
      expect(scripts, who).to.deep.equal(['<script src="/static/js/app.js" defer>']);
      const withoutAppScript = html.replace('<script src="/static/js/app.js" defer></script>', '');
      expect(activeMarkupIn(withoutAppScript), who).to.deep.equal([]);
      expect(withoutAppScript, who).to.not.contain('alert(1)</script>');
      expect(withoutAppScript, who).to.not.match(/<a\b[^>]*href="(?!https?:|\/|#|mailto:)/i);
    };
    // The draft, as those who write it see it.
    const admin = await signIn(world);
    expectNothingActive((await admin.get(`/meetings/${meetingId}`).expect(200)).text, 'the draft, to its writer');
    // Published, as anyone reads it.
    setMinutesPublished(db, meetingId, true, now());
    expectNothingActive((await request(app).get(`/meetings/${meetingId}`).expect(200)).text, 'published, to an anonymous reader');
  });
});
