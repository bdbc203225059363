import { now } from './factories.js';
import { expect } from 'chai';
import request from 'supertest';
import { updateProceedings } from '../src/db/agenda.js';
import { saveMinutesNotes, setMinutesPublished } from '../src/db/minutes.js';
import { renderMarkdown } from '../src/markdown.js';
import { createAgendaItem, createMeeting } from './factories.js';
import { makeApp, signIn } from './helpers.js';
import { getBytes, pdfText, unzipEntry } from './export/binary.js';

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

/** Lines as Czech minutes write them, and what each must come out as: text, never a list or a code block. */
const czechLines: { typed: string; reads: string }[] = [
  { typed: '8. 10. 2019 se konalo setkání v Liberci.', reads: '8. 10. 2019 se konalo setkání v Liberci.' },
  { typed: '8.10.2019 proběhla porada.', reads: '8.10.2019 proběhla porada.' },
  { typed: '1. 1. vstoupí v platnost nový ceník.', reads: '1. 1. vstoupí v platnost nový ceník.' },
  { typed: '10. setkání skupiny se uskuteční v dubnu.', reads: '10. setkání skupiny se uskuteční v dubnu.' },
  { typed: '§ 5. odst. 2 zákona o sociálních službách', reads: '§ 5. odst. 2 zákona o sociálních službách' },
  { typed: '    Odstavec odsazený ve Wordu zůstává odstavcem.', reads: 'Odstavec odsazený ve Wordu zůstává odstavcem.' },
];

describe('Markdown that respects Czech', () => {
  it('keeps dates, ordinals and § at a line\'s start as text, and indented paragraphs as paragraphs', () => {
    for (const { typed, reads } of czechLines) {
      const html = renderMarkdown(typed);
      expect(html, typed).to.equal(`<p>${reads}</p>\n`);
    }
  });

  it('still makes lists of numbered lines, and code of fenced blocks', () => {
    expect(renderMarkdown('1. Zahájení\n2. Různé')).to.contain('<ol>').and.to.contain('<li>Zahájení</li>');
    expect(renderMarkdown('1. zahájení\n2. různé')).to.contain('<li>zahájení</li>');
    expect(renderMarkdown('```\n    8. 10. 2019\n```')).to.equal('<pre><code>    8. 10. 2019\n</code></pre>\n');
    expect(renderMarkdown('- bod\n    - pod')).to.contain('<li>pod</li>');
  });

  it('reads the same in the page, the PDF, the Word file and the Markdown download', async function () {
    this.timeout(20_000);
    const world = makeApp();
    const meeting = createMeeting(world.db, { status: 'held', title: 'Zasedání' });
    const items = czechLines.map(({ typed }, n) => [createAgendaItem(world.db, meeting, { title: `Bod ${n + 1}` }), typed] as [number, string]);
    updateProceedings(world.db, meeting, new Map(items), now());
    setMinutesPublished(world.db, meeting, true, now());
    const page = await request(world.app).get(`/meetings/${meeting}`).expect(200);
    const pdf = (await pdfText((await getBytes(request(world.app), `/meetings/${meeting}.pdf`)).body)).text;
    const docx = unzipEntry((await getBytes(request(world.app), `/meetings/${meeting}.docx`)).body, 'word/document.xml') ?? '';
    const md = (await request(world.app).get(`/meetings/${meeting}.md`).expect(200)).text;
    for (const { typed, reads } of czechLines) {
      expect(page.text, `page: ${typed}`).to.contain(`<p>${reads}</p>`);
      // The exports keep a date's parts and one-letter words together with non-breaking spaces.
      expect(pdf, `PDF: ${typed}`).to.contain(reads);
      expect(docx.replace(/<[^>]+>/g, '').replace(/\u00a0/g, ' '), `Word: ${typed}`).to.contain(reads);
    }
    expect(page.text).not.to.match(/<ol start="(8|10|1)"/).and.not.to.contain('<pre>');
    // The download escapes the dot, so any Markdown reader keeps the date as text too.
    expect(md).to.contain('8\\. 10. 2019 se konalo').and.to.contain('10\\. setkání skupiny');
  });
});
