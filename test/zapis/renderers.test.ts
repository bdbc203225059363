import { expect } from 'chai';
import request from 'supertest';
import { insertActionItem } from '../../src/db/action-items.js';
import { listAgendaItems } from '../../src/db/agenda.js';
import { listPeople } from '../../src/db/people.js';
import { loadDemoData } from '../../src/demo-data.js';
import { getBytes, pdfText, unzipEntry } from '../export/binary.js';
import { now, testClock } from '../factories.js';
import { makeApp, signIn } from '../helpers.js';
import type { TestAgent, TestWorld } from '../helpers.js';

/**
 * One zápis, four renderers: the page, the PDF, the Word file and the Markdown of the same meeting
 * must say the same things in the same order, because they all lay out one presenter's model.
 * Each output is read back as a person or a program would read it (text and headings).
 */

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const squash = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();
const decode = (html: string) => html.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_whole, name: string) => entities[name]);
const stripTags = (html: string) => squash(decode(html.replace(/<[^>]+>/g, '')));

/** The zápis of the page: its article's headings (h1–h4) and its text. */
function readPage(html: string): { headings: string[]; text: string } {
  // The zápis's own article, with the articles of its resolutions inside it.
  const article = html.slice(html.indexOf('<article class="zapis"'), html.lastIndexOf('</article>'));
  const headings = [...article.matchAll(/<h([1-4])[^>]*>([\s\S]*?)<\/h\1>/g)].map((match) => stripTags(match[2]));
  return { headings, text: stripTags(article) };
}

/** The Markdown: its heading lines and its text without marks, escapes or link targets. */
function readMarkdown(md: string): { headings: string[]; text: string } {
  const plain = (line: string) => line.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*|\*/g, '').replace(/\\([\\`*_[\]<>|])/g, '$1');
  const headings = md.split('\n').flatMap((line) => /^#{1,6} (.*)$/.exec(line)?.[1] ?? []).map((line) => squash(plain(line)));
  return { headings, text: squash(plain(md)) };
}

/** The Word document: its paragraphs in heading styles (Title, Heading 1–3) and all of its text. */
function readDocx(bytes: Buffer): { headings: string[]; text: string } {
  const xml = unzipEntry(bytes, 'word/document.xml') ?? '';
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  const textOf = (paragraph: string) => squash([...paragraph.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((match) => decode(match[1])).join(''));
  const headings = paragraphs.filter((paragraph) => /<w:pStyle w:val="(Title|Heading[1-3])"\/>/.test(paragraph)).map(textOf);
  return { headings, text: paragraphs.map(textOf).join(' ') };
}

interface Outputs {
  page: { headings: string[]; text: string };
  markdown: { headings: string[]; text: string };
  docx: { headings: string[]; text: string };
  pdf: string;
}

async function outputs(agent: TestAgent | ReturnType<typeof request>, meetingId: number): Promise<Outputs> {
  const page = readPage((await agent.get(`/meetings/${meetingId}`).expect(200)).text);
  const markdown = readMarkdown((await agent.get(`/meetings/${meetingId}.md`).expect(200)).text);
  const docx = readDocx((await getBytes(agent, `/meetings/${meetingId}.docx`)).body);
  const pdf = (await pdfText((await getBytes(agent, `/meetings/${meetingId}.pdf`)).body)).text;
  return { page, markdown, docx, pdf };
}

/** True when the PDF's text holds these pieces in this order. */
function inOrder(text: string, pieces: readonly string[]): string[] {
  let from = 0;
  const missing: string[] = [];
  for (const piece of pieces) {
    const at = text.indexOf(piece, from);
    if (at < 0) missing.push(piece);
    else from = at + piece.length;
  }
  return missing;
}

/** The demo, with a second task of the 10th meeting that two people are responsible for. */
function demoWorld(): { world: TestWorld; tenth: number; eleventh: number } {
  const world = makeApp();
  const { tenthMeetingId } = loadDemoData(world.db, testClock);
  const person = (name: string) => listPeople(world.db).find((row) => row.name === name)?.id ?? 0;
  insertActionItem(
    world.db,
    tenthMeetingId,
    { agendaItemId: listAgendaItems(world.db, tenthMeetingId)[0].id, text: 'Připravit podklady ke kulatému stolu', ownerIds: [person('Lucie Nováková'), person('Alena Dvořáková')], organisationId: null, dueDate: '2018-04-30' },
    now(),
  );
  const eleventh = (world.db.prepare('SELECT id FROM meetings WHERE lead_group_id = (SELECT lead_group_id FROM meetings WHERE id = ?) AND number = 11').get(tenthMeetingId) as { id: number }).id;
  return { world, tenth: tenthMeetingId, eleventh };
}

describe('the zápis: page, PDF, Word and Markdown say the same', () => {
  it('gives the demo 10th meeting the same section headings in the same order in all four', async () => {
    const { world, tenth } = demoWorld();
    const { page, markdown, docx, pdf } = await outputs(request(world.app), tenth);
    const sections = ['Zápis z 10. setkání Odborné pracovní skupiny Sociální služby', 'Prezence', 'Program', 'Úvod', 'Průběh jednání', 'Úkoly', 'Závěr'];
    expect(inOrder(page.headings.join('|'), sections)).to.deep.equal([]);
    expect(page.headings.length).to.be.greaterThan(sections.length);
    expect(markdown.headings).to.deep.equal(page.headings);
    expect(docx.headings).to.deep.equal(page.headings);
    expect(inOrder(pdf, page.headings)).to.deep.equal([]);
  }).timeout(20_000);

  it('names the same people, attendance, resolutions and tasks in all four', async () => {
    const { world, tenth } = demoWorld();
    const all = await outputs(request(world.app), tenth);
    const items = [
      'Přítomni: dle prezenční listiny',
      'Usnesení č. 1/2018',
      'Usnesení č. 2/2018',
      'Hlasování: pro 7 : proti 0 : zdrželo se 0',
      'schváleno',
      // Two people responsible for one task: a Czech list, in Czech alphabetical order.
      'Mgr. Alena Dvořáková a Bc. Lucie Nováková',
      'Dohodnout termín dubnového jednání se zástupci Libereckého kraje',
      'ANNOLK',
      // The participles agree with the person: she wrote, he verified.
      'Zapsala: Bc. Lucie Nováková',
      'Ověřil: Ing. Tomáš Beneš',
    ];
    const missing = (name: string, text: string) => items.filter((item) => !text.includes(item)).map((item) => `${name}: ${item}`);
    expect([...missing('page', all.page.text), ...missing('markdown', all.markdown.text), ...missing('docx', all.docx.text), ...missing('pdf', all.pdf)]).to.deep.equal([]);
    // Each output joins the owners the same way: never "Dvořáková, Nováková".
    for (const text of [all.page.text, all.markdown.text, all.docx.text, all.pdf]) expect(text).not.to.contain('Dvořáková, Bc. Lucie Nováková');
  }).timeout(20_000);

  it('words the Kontrola úkolů of the 11th meeting the same in all four, for a member as for the public', async () => {
    const { world, eleventh } = demoWorld();
    const member = await signIn(world, { roles: [{ groupId: (world.db.prepare('SELECT lead_group_id AS id FROM meetings WHERE id = ?').get(eleventh) as { id: number }).id, role: 'member' }] });
    for (const reader of [request(world.app), member]) {
      const { page, markdown, docx, pdf } = await outputs(reader, eleventh);
      expect(markdown.headings).to.deep.equal(page.headings);
      expect(docx.headings).to.deep.equal(page.headings);
      expect(page.headings).to.include('Kontrola úkolů');
      for (const text of [page.text, markdown.text, docx.text, pdf]) {
        expect(text).to.contain('splněno').and.to.contain('nový termín 15. 5. 2018').and.to.contain('Pardubický kraj zatím neodpověděl.');
      }
    }
  }).timeout(30_000);
});
