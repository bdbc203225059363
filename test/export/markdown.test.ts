import { now, testClock } from '../factories.js';
import { expect } from 'chai';
import request from 'supertest';
import { updateProceedings } from '../../src/db/agenda.js';
import { loadDemoData } from '../../src/demo-data.js';
import { asWritten, escapeMarkdown } from '../../src/export/markdown.js';
import { createAgendaItem, createGroup, createMeeting } from '../factories.js';
import { makeApp, signIn } from '../helpers.js';

const DRAFT_TEXT = 'Rozepsaný koncept k tomuto bodu';

describe('export: the zápis as Markdown', () => {
  it('writes the demo 10th meeting as one document: heading, proceedings, resolutions, tasks', async () => {
    const world = makeApp({ BASE_URL: 'https://zapisnik.example.org' });
    const { tenthMeetingId } = loadDemoData(world.db, testClock);
    const res = await request(world.app).get(`/meetings/${tenthMeetingId}.md`).expect(200);
    if (process.env.DUMP_MD) console.log(res.text);
    expect(res.headers['content-type']).to.equal('text/markdown; charset=utf-8');
    expect(res.headers['cache-control']).to.equal('private, no-store');
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="zapis-ps-socialni-sluzby-10-\d{4}-\d{2}-\d{2}\.md"; filename\*=UTF-8''z%C3%A1pis-ps-soci%C3%A1ln%C3%AD-slu%C5%BEby-10-/);
    const md = res.text;
    expect(md).to.match(/^# Zápis z 10\. setkání Odborné pracovní skupiny Sociální služby\n/);
    expect(md).to.contain('## Program').and.to.contain('## Průběh jednání').and.to.contain('Filantropická burza');
    expect(md).to.contain('**Usnesení č. 1/2018:**');
    expect(md).to.contain('| Úkol | Zodpovídá | Termín | Stav |');
    expect(md).to.contain('Přítomni:** dle prezenční listiny');
    expect(md).to.contain('Zapsala: Bc. Lucie Nováková');
    expect(md).not.to.contain('NÁVRH');
    // The page's order: Program before the proceedings, the tasks table after them.
    expect(md.indexOf('## Program')).to.be.lessThan(md.indexOf('## Průběh jednání'));
    expect(md.indexOf('## Průběh jednání')).to.be.lessThan(md.indexOf('## Úkoly'));
  });

  it('links attachments absolutely, so that they work from an e-mail', async () => {
    const world = makeApp({ BASE_URL: 'https://zapisnik.example.org' });
    const { tenthMeetingId } = loadDemoData(world.db, testClock);
    const md = (await request(world.app).get(`/meetings/${tenthMeetingId}.md`).expect(200)).text;
    for (const [, href] of md.matchAll(/\]\(([^)]+)\)/g)) expect(href).to.match(/^https:\/\/zapisnik\.example\.org\//);
  });

  it('is a 404 for a members-only meeting to an outsider, and readable to a member', async () => {
    const world = makeApp();
    const group = createGroup(world.db, { name: 'Tajná skupina', slug: 'tajna', visibility: 'members' });
    const meeting = createMeeting(world.db, { leadGroupId: group, number: 1, title: 'Tajné jednání' });
    await request(world.app).get(`/meetings/${meeting}.md`).expect(404);
    const outsider = await signIn(world, { roles: [] });
    await outsider.get(`/meetings/${meeting}.md`).expect(404);
    const member = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
    expect((await member.get(`/meetings/${meeting}.md`).expect(200)).text).to.contain('Tajné jednání');
    await member.get('/meetings/999999.md').expect(404);
  });

  it('gives a draft’s proceedings only to its writers, marked as a draft', async () => {
    const world = makeApp();
    const group = createGroup(world.db, { name: 'Veřejná skupina', slug: 'verejna', visibility: 'public' });
    const meeting = createMeeting(world.db, { leadGroupId: group, number: 2, status: 'held' });
    const item = createAgendaItem(world.db, meeting, { title: 'Bod s konceptem' });
    updateProceedings(world.db, meeting, new Map([[item, DRAFT_TEXT]]), now());

    const member = await signIn(world, { roles: [{ groupId: group, role: 'member' }] });
    const forMember = (await member.get(`/meetings/${meeting}.md`).expect(200)).text;
    expect(forMember).not.to.contain(DRAFT_TEXT).and.not.to.contain('### 1. Bod s konceptem').and.not.to.contain('NÁVRH');
    expect(forMember).to.contain('Zápis z jednání zatím nebyl zveřejněn.');
    const anonymous = (await request(world.app).get(`/meetings/${meeting}.md`).expect(200)).text;
    expect(anonymous).not.to.contain(DRAFT_TEXT);

    const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
    const forWriter = (await secretary.get(`/meetings/${meeting}.md`).expect(200)).text;
    expect(forWriter).to.match(/^> NÁVRH – zápis není zveřejněn\n/);
    expect(forWriter).to.contain('### 1. Bod s konceptem').and.to.contain(DRAFT_TEXT);
  });

  it('keeps typed headings below its own and escapes plain text', () => {
    expect(asWritten('# Nadpis\n\ntext\n\n```\n# kód\n```\n\n### Malý')).to.equal('#### Nadpis\n\ntext\n\n```\n# kód\n```\n\n###### Malý');
    // The app renders a single line break as one: so does the export.
    expect(asWritten('a) první\nb) druhý')).to.equal('a) první  \nb) druhý');
    expect(escapeMarkdown('a*b_c [d] <e>')).to.equal('a\\*b\\_c \\[d\\] \\<e\\>');
  });
});
