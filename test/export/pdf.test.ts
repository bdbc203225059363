import { now, testClock } from '../factories.js';
import { expect } from 'chai';
import request from 'supertest';
import { updateProceedings } from '../../src/db/agenda.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { loadDemoData } from '../../src/demo-data.js';
import { nbsp } from '../../src/export/blocks.js';
import { renderDocx } from '../../src/export/docx.js';
import { renderPdf } from '../../src/export/pdf.js';
import { markdownBlocks } from '../../src/export/markdown-blocks.js';
import { createAgendaItem, createGroup, createMeeting } from '../factories.js';
import { storeTestLogo } from '../files.js';
import { makeApp, signIn } from '../helpers.js';
import { getBytes, pdfText, unzipEntry } from './binary.js';

describe('export: the zápis as PDF', () => {
  it('holds the demo 10th meeting in Czech, with embedded fonts, page numbers and download headers', async () => {
    const world = makeApp();
    const demo = loadDemoData(world.db, testClock);
    const res = await getBytes(request(world.app), `/meetings/${demo.tenthMeetingId}.pdf`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['cache-control']).to.equal('private, no-store');
    expect(res.headers['content-disposition']).to.equal("attachment; filename=\"zapis-ps-socialni-sluzby-10-2018-03-20.pdf\"; filename*=UTF-8''z%C3%A1pis-ps-soci%C3%A1ln%C3%AD-slu%C5%BEby-10-2018-03-20.pdf");
    expect(res.body.subarray(0, 5).toString()).to.equal('%PDF-');
    const raw = res.body.toString('latin1');
    expect(raw).to.contain('/FontFile2');
    expect(raw).to.match(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold/);
    expect(raw).not.to.match(/\/BaseFont \/(Helvetica|Times|Courier)/);
    const { text, pages } = await pdfText(res.body);
    for (const expected of ['Zápis z 10. setkání Odborné pracovní skupiny Sociální služby', 'Průběh jednání', 'Sociální podnikání v Libereckém kraji', 'Filantropická burza', 'Strana 1 z', `Strana ${pages} z ${pages}`, 'Usnesení č. 1/2018', 'pro 7 : proti 0 : zdrželo se 0', 'Přítomni: dle prezenční listiny', 'Zapsala:', 'Datum: ___']) {
      expect(text).to.contain(expected);
    }
    // The order of the page: Program, Úvod, Průběh jednání, Úkoly, Závěr.
    const order = ['Program', 'Úvod', 'Průběh jednání', 'Úkol Zodpovídá Termín Stav', 'Závěr', 'Zapsala:'].map((part) => text.indexOf(part));
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    expect(text).not.to.contain('NÁVRH');
  }).timeout(20_000);

  it('marks unpublished minutes as NÁVRH for writers and keeps them from readers', async () => {
    const world = makeApp();
    const group = createGroup(world.db, { name: 'Skupina s konceptem', slug: 'koncept', fundingProject: 'Projekt Podpora', fundingRegistration: 'CZ.03.2.63/0.0/0.0/15_004' });
    storeTestLogo(world, group);
    const meeting = createMeeting(world.db, { leadGroupId: group, number: 3, status: 'held' });
    const item = createAgendaItem(world.db, meeting, { title: 'Bod s konceptem' });
    updateProceedings(world.db, meeting, new Map([[item, 'Koncept zápisu o **důležité** věci']]), now());
    const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
    const draft = await getBytes(secretary, `/meetings/${meeting}.pdf`);
    expect(draft.status).to.equal(200);
    const { text } = await pdfText(draft.body);
    expect(text).to.contain('NÁVRH').and.to.contain('Koncept zápisu o důležité věci');
    // The funded project's footer, with its logo embedded as an image.
    expect(text).to.contain('Projekt Podpora, Reg. č. CZ.03.2.63/0.0/0.0/15_004');
    expect(draft.body.toString('latin1')).to.contain('/Subtype /Image');
    const reader = await getBytes(request(world.app), `/meetings/${meeting}.pdf`);
    expect(reader.status).to.equal(200);
    const readerText = (await pdfText(reader.body)).text;
    expect(readerText).not.to.contain('Koncept zápisu').and.not.to.contain('NÁVRH');
    expect(readerText).to.contain('Zápis z jednání zatím nebyl zveřejněn.');
    setMinutesPublished(world.db, meeting, true, now());
    const published = await pdfText((await getBytes(secretary, `/meetings/${meeting}.pdf`)).body);
    expect(published.text).not.to.contain('NÁVRH');
  }).timeout(20_000);

  it('answers 404 to an outsider for every export of a members-only meeting', async () => {
    const world = makeApp();
    const group = createGroup(world.db, { name: 'Uzavřená skupina', slug: 'uzavrena', visibility: 'members' });
    const meeting = createMeeting(world.db, { leadGroupId: group, number: 1 });
    const outsider = await signIn(world, { roles: [] });
    const member = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
    for (const suffix of ['.pdf', '.docx', '/attendance-sheet.pdf']) {
      expect((await getBytes(outsider, `/meetings/${meeting}${suffix}`)).status, suffix).to.equal(404);
      expect((await getBytes(request(world.app), `/meetings/${meeting}${suffix}`)).status, suffix).to.equal(404);
    }
    expect((await getBytes(member, `/meetings/${meeting}.pdf`)).status).to.equal(200);
    expect((await getBytes(outsider, '/meetings/999999.pdf')).status).to.equal(404);
  }).timeout(20_000);

  it('prints the attendance sheet with its table and blank rows', async () => {
    const world = makeApp();
    const demo = loadDemoData(world.db, testClock);
    const res = await getBytes(request(world.app), `/meetings/${demo.tenthMeetingId}/attendance-sheet.pdf`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-disposition']).to.match(/filename="prezencni-listina-[a-z0-9-]+-10-2018-03-20\.pdf"/);
    const { text } = await pdfText(res.body);
    for (const expected of ['Prezenční listina', '10. setkání Odborné pracovní skupiny Sociální služby', 'Jméno', 'Organizace', 'Podpis', 'Další účastníci a hosté', 'Strana 1 z']) expect(text).to.contain(expected);
  }).timeout(20_000);
});

describe('export: Czech typography and Markdown mapping', () => {
  it('keeps one-letter words and dates together with non-breaking spaces', () => {
    expect(nbsp('Jednání v Liberci a v Praze dne 20. 3. 2018 s K. Novou')).to.equal('Jednání v\u00a0Liberci a\u00a0v\u00a0Praze dne 20.\u00a03.\u00a02018 s\u00a0K. Novou');
  });

  it('numbers nested ordered lists a), keeps link addresses and marks', () => {
    const blocks = markdownBlocks('1. první\n   1. vnořený\n   2. druhý\n2. **tučně** a [web](https://example.cz)\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n> citace');
    const markers = blocks.flatMap((block) => (block.kind === 'paragraph' && block.marker ? [block.marker] : []));
    expect(markers).to.deep.equal(['1.', 'a)', 'b)', '2.']);
    const last = blocks.find((block) => block.kind === 'paragraph' && block.marker === '2.');
    expect(last?.kind === 'paragraph' && last.runs).to.deep.include({ text: 'tučně', bold: true });
    expect(last?.kind === 'paragraph' && last.runs.map((run) => run.text).join('')).to.equal('tučně a web (https://example.cz)');
    expect(blocks.map((block) => block.kind)).to.include.members(['table', 'quote']);
  });

  it('renders every kind of Markdown block to PDF and Word', async () => {
    const source = '# Nadpis\n\nText s `kódem`, ~~škrtem~~ a <b>HTML</b>.\n\n- [x] hotovo\n- [ ] zbývá\n\n> citace **tučně**\n\n```\nkód  odsazený\n```\n\n---\n\n| Sloupec | Hodnota |\n|---|---|\n| řádek | [odkaz](mailto:a@example.cz) |\n\n![obrázek](https://example.cz/x.png)';
    const document = { frame: { title: 'Test', footerLines: ['Skupina'], pageLabel: 'Strana {page} z {pages}' }, blocks: markdownBlocks(source) };
    const { text } = await pdfText(await renderPdf(document));
    for (const expected of ['Nadpis', 'kódem', '☑ hotovo', '☐ zbývá', 'citace tučně', 'kód odsazený', 'Sloupec', 'odkaz (a@example.cz)', 'obrázek (https://example.cz/x.png)', 'HTML', 'Strana 1 z 1']) expect(text).to.contain(expected);
    const xml = unzipEntry(await renderDocx(document), 'word/document.xml') ?? '';
    expect(xml).to.contain('citace').and.to.contain('Sloupec').and.to.contain('kód  odsazený');
  });
});
