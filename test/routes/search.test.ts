import { expect } from 'chai';
import request from 'supertest';
import { updateProceedings } from '../../src/db/agenda.js';
import { setMinutesPublished, saveMinutesNotes } from '../../src/db/minutes.js';
import { rebuildSearchIndex } from '../../src/db/search.js';
import { parseSearchQuery } from '../../src/search/query.js';
import { createActionItem, createAgendaItem, createGroup, createMeeting, createPerson, createResolution, createVenue, now } from '../factories.js';
import { csrfFrom, makeApp, runEntryPoint, signIn } from '../helpers.js';
import { getBytes } from '../export/binary.js';
import { docxBytes, odtBytes, pngBytes, storeTestAttachment } from '../files.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
import type { TestWorld } from '../helpers.js';

/** The meeting titles on a results page, in their order. */
const titles = (html: string) => [...html.matchAll(/<h2 class="search-result__title"><a href="\/meetings\/(\d+)">([^<]*)<\/a>/g)].map((m) => m[2]);
/** The highlighted words of a results page. */
const marked = (html: string) => [...html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);
const search = (world: TestWorld, query: string) => request(world.app).get(`/search?${query}`).expect(200);
const q = (text: string) => `q=${encodeURIComponent(text)}`;

/** A public group with three published meetings about Czech topics, one draft, and a members-only group. */
function archive(world: TestWorld) {
  const { db } = world;
  const group = createGroup(db, { name: 'Odborná pracovní skupina Sociální služby', slug: 'socialni-sluzby' });
  const other = createGroup(db, { name: 'Pracovní skupina Zaměstnanost', slug: 'zamestnanost' });
  const hidden = createGroup(db, { name: 'Uzavřená rada', slug: 'rada', visibility: 'members' });
  const venue = createVenue(db, { name: 'iQLANDIA', town: 'Liberec' });
  const meeting = (leadGroupId: number, number: number, startsAt: string, title = '') =>
    createMeeting(db, { leadGroupId, number, status: 'held', startsAt, endsAt: null, title, venueId: venue });
  const tenth = meeting(group, 10, '2018-03-20T08:30:00Z');
  const podnikani = createAgendaItem(db, tenth, { title: 'Sociální podnikání v Libereckém kraji', presenter: 'Mgr. Jana Nováková' });
  const burza = createAgendaItem(db, tenth, { title: 'Různé' });
  updateProceedings(db, tenth, new Map([
    [podnikani, 'Zástupkyně kraje představila **podniky** sociálního podnikání a jejich výsledky.'],
    [burza, 'Filantropická burza proběhne na podzim; <script>alert("x")</script> přihlášky do 15. 9.'],
  ]), now());
  createResolution(db, tenth, { agendaItemId: podnikani, text: 'PS bere na vědomí informaci o sociálním podnikání.' });
  createActionItem(db, tenth, { agendaItemId: burza, text: 'Rozeslat pozvánku na Filantropickou burzu', ownerIds: [createPerson(db)] });
  setMinutesPublished(db, tenth, true, now());

  const eleventh = meeting(group, 11, '2019-04-17T08:30:00Z');
  const bydleni = createAgendaItem(db, eleventh, { title: 'Sociální bydlení' });
  updateProceedings(db, eleventh, new Map([[bydleni, 'Prostupné byty v Liberci a sociální bydlení pro rodiny.']]), now());
  saveMinutesNotes(db, eleventh, { openingNotes: 'Jednání zahájila předsedkyně; podnikatelé se omluvili.', closingNotes: '' }, now());
  setMinutesPublished(db, eleventh, true, now());

  const draft = meeting(group, 12, '2020-05-20T08:30:00Z');
  const draftItem = createAgendaItem(db, draft, { title: 'Zaměstnávání osob se zdravotním postižením' });
  updateProceedings(db, draft, new Map([[draftItem, 'Neveřejný koncept: sociální podnikání a chráněné dílny.']]), now());

  const joint = meeting(other, 3, '2019-01-10T08:30:00Z', 'Kulatý stůl k bydlení');
  createAgendaItem(db, joint, { title: 'Bydlení mladých rodin' });
  setMinutesPublished(db, joint, true, now());

  const secret = meeting(hidden, 1, '2019-06-01T08:30:00Z', 'Schůze rady');
  const secretItem = createAgendaItem(db, secret, { title: 'Personální otázky' });
  updateProceedings(db, secret, new Map([[secretItem, 'Rada projednala sociální podnikání a důvěrné životopisy uchazečů.']]), now());
  setMinutesPublished(db, secret, true, now());
  return { group, hidden, tenth, eleventh, draft, joint, secret, podnikani };
}

describe('search: what a person types', () => {
  it('turns every word into a quoted prefix, phrases into phrases, and -word into an exclusion, with no syntax of its own', () => {
    expect(parseSearchQuery('socialni podnik').match).to.equal('"socialni"* AND "podnik"*');
    expect(parseSearchQuery('"sociální bydlení" -prostupné').match).to.equal('("sociální bydlení") NOT ("prostupné"*)');
    expect(parseSearchQuery('e-mail 3/2018').match).to.equal('"e mail" AND "3 2018"');
    expect(parseSearchQuery('a').match).to.equal('"a"');
    // Operators, column filters and stray quotes are only text.
    expect(parseSearchQuery('NEAR(title: x) OR "* ^').match).to.equal('"NEAR title" AND "x" AND "OR"*');
    expect(parseSearchQuery('-jen -vylučuje').match).to.equal(null);
    expect(parseSearchQuery('   ').match).to.equal(null);
    expect(parseSearchQuery(['pole']).match).to.equal(null);
  });
});

describe('search: finding in the archive (GET /search)', () => {
  it('finds Czech words whatever their diacritics and case, by prefix, and highlights them escaped', async () => {
    const world = makeApp();
    archive(world);
    const plain = await search(world, q('socialni podnikani'));
    expect(titles(plain.text)).to.deep.equal(['10. setkání Odborná pracovní skupina Sociální služby']);
    expect(marked(plain.text)).to.include('Sociální').and.to.include('podnikání');
    const prefix = await search(world, q('PODNIK'));
    // "podnik" finds "podnikání", "podniky" and "podnikatelé": the 10th on its program, the 11th in its notes.
    expect(titles(prefix.text)).to.deep.equal(['10. setkání Odborná pracovní skupina Sociální služby', '11. setkání Odborná pracovní skupina Sociální služby']);
    const script = await search(world, q('filantropicka burza'));
    expect(script.text).not.to.contain('<script>alert');
    expect(script.text).to.contain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(script.text).to.match(/<mark>Filantropická<\/mark> <mark>burza<\/mark>/);
  });

  it('finds a phrase only in its order, leaves out what -word excludes, and finds places and presenters', async () => {
    const world = makeApp();
    archive(world);
    expect(titles((await search(world, q('"sociální bydlení"'))).text)).to.deep.equal(['11. setkání Odborná pracovní skupina Sociální služby']);
    expect(titles((await search(world, q('"bydlení sociální"'))).text)).to.deep.equal([]);
    expect(titles((await search(world, q('bydleni'))).text)).to.have.length(2);
    // -word leaves out the texts that hold it: the 11th's proceedings speak of "prostupné byty", its program does not.
    const excluded = await search(world, q('bydleni -prostupne'));
    expect(titles(excluded.text)).to.have.length(2);
    expect(excluded.text).not.to.contain('Prostupné');
    expect(titles((await search(world, q('iqlandia'))).text)).to.have.length(4);
    expect(titles((await search(world, q('Nováková'))).text)).to.deep.equal(['10. setkání Odborná pracovní skupina Sociální služby']);
  });

  it('lists each meeting once, those with the words on their program first, then by date, newest first', async () => {
    const world = makeApp();
    archive(world);
    const res = await search(world, q('bydlení'));
    // Both have it on their program: the newer (2019-04) before the older (2019-01).
    expect(titles(res.text)).to.deep.equal(['11. setkání Odborná pracovní skupina Sociální služby', 'Kulatý stůl k bydlení']);
    expect(res.text).to.contain('Nalezena 2 jednání');
    // The 11th is found in its program item and its proceedings: one result, two places.
    expect(res.text.match(/class="search-result"/g)).to.have.length(2);
    expect(res.text).to.match(/href="\/meetings\/\d+#item-\d+">Program<\/a>/);
  });

  it('names the kind of each place and links it, and filters by kind, group and year', async () => {
    const world = makeApp();
    const { tenth } = archive(world);
    const all = await search(world, q('filantropick'));
    expect(all.text).to.contain('>Průběh jednání</a>').and.to.contain('>Úkol</a>');
    expect(all.text).to.match(new RegExp(`href="/meetings/${tenth}#task-\\d+">Úkol`));
    const tasks = await search(world, `${q('filantropick')}&kind=tasks`);
    expect(tasks.text).to.contain('>Úkol</a>').and.not.to.contain('>Průběh jednání</a>');
    const resolutions = await search(world, `${q('podnikani')}&kind=resolutions`);
    expect(resolutions.text).to.contain('>Usnesení</a>').and.to.match(/#resolution-\d+/);
    expect(titles((await search(world, `${q('bydleni')}&group=zamestnanost`)).text)).to.deep.equal(['Kulatý stůl k bydlení']);
    expect(titles((await search(world, `${q('bydleni')}&year=2019`)).text)).to.have.length(2);
    expect(titles((await search(world, `${q('bydleni')}&year=2018`)).text)).to.deep.equal([]);
    // Values no filter can take are ignored, never an error.
    await search(world, `${q('bydleni')}&year=abc&kind=nic&group=../x&page=-4`);
    // The filters stay in the form.
    const kept = await search(world, `${q('bydleni')}&year=2019&kind=minutes&group=zamestnanost`);
    expect(kept.text).to.contain('value="2019"').and.to.match(/<option value="minutes" selected>/).and.to.match(/<option value="zamestnanost" selected>/);
  });

  it('pages the results twenty meetings at a time, the query kept in every link', async () => {
    const world = makeApp();
    const group = createGroup(world.db, { slug: 'velka' });
    world.db.transaction(() => {
      for (let n = 1; n <= 45; n++) {
        const meeting = createMeeting(world.db, { leadGroupId: group, number: n, status: 'held', startsAt: `2020-01-01T08:00:00Z`.replace('01-01', `${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 27)).padStart(2, '0')}`), endsAt: null });
        createAgendaItem(world.db, meeting, { title: `Dotační výzva ${n}` });
      }
    })();
    const first = await search(world, q('dotacni vyzva'));
    expect(first.text).to.contain('Nalezeno 45 jednání').and.to.contain('Strana 1 z 3');
    expect(titles(first.text)).to.have.length(20);
    expect(first.text).to.contain('href="/search?q=dotacni+vyzva&amp;page=2"');
    const last = await search(world, `${q('dotacni vyzva')}&page=3`);
    expect(titles(last.text)).to.have.length(5);
    expect(last.text).to.contain('start="41"');
    const past = await search(world, `${q('dotacni vyzva')}&page=9`);
    expect(titles(past.text)).to.have.length(0);
    expect(past.text).to.contain('Nalezeno 45 jednání');
  });

  it('says what to do when nothing is asked or nothing is found, in Czech and English', async () => {
    const world = makeApp();
    archive(world);
    expect((await search(world, '')).text).to.contain('Napište, co hledáte');
    expect((await search(world, q('-bydleni'))).text).to.contain('slova s minusem jen vylučují');
    expect((await search(world, q('neexistujícíslovo'))).text).to.contain('Nic nebylo nalezeno');
    const english = await request(world.app).get(`/search?${q('bydleni')}`).set('Accept-Language', 'en').expect(200);
    expect(english.text).to.contain('Found 2 meetings');
  });

  it('offers the search field in the header of every page, as a form that works without JavaScript', async () => {
    const world = makeApp();
    archive(world);
    for (const path of ['/', '/groups', '/groups/socialni-sluzby']) {
      const page = await request(world.app).get(path).expect(200);
      expect(page.text).to.match(/<form class="site-search" method="get" action="\/search" role="search"/);
      expect(page.text).to.match(/<input type="search" id="site-search-q" name="q"/);
    }
  });
});

describe('search: nobody finds what they may not read', () => {
  it('keeps drafts and members-only groups from the public, even as a count, a quote or a filter', async () => {
    const world = makeApp();
    archive(world);
    const res = await search(world, q('sociální podnikání'));
    expect(titles(res.text)).to.deep.equal(['10. setkání Odborná pracovní skupina Sociální služby']);
    expect(res.text).to.contain('Nalezeno 1 jednání');
    for (const secret of ['Neveřejný koncept', 'chráněné', 'Schůze rady', 'životopisy', 'Uzavřená rada']) expect(res.text).not.to.contain(secret);
    // A draft's program is public with its meeting; its proceedings are not.
    expect(titles((await search(world, q('chranene dilny'))).text)).to.deep.equal([]);
    expect(titles((await search(world, q('zdravotnim postizenim'))).text)).to.deep.equal(['12. setkání Odborná pracovní skupina Sociální služby']);
    // The hidden group is not a filter one can pick, and naming it finds nothing.
    expect(res.text).not.to.contain('value="rada"');
    expect(titles((await search(world, `${q('zivotopisy')}&group=rada`)).text)).to.deep.equal([]);
  });

  it('shows members their members-only group, and writers their drafts, and nothing more', async () => {
    const world = makeApp();
    const { group, hidden } = archive(world);
    const member = await signIn(world, { roles: [{ groupId: hidden, role: 'member' }] });
    const asMember = await member.get(`/search?${q('sociální podnikání')}`).expect(200);
    // Found on its program, the 10th comes before the council's meeting, which only its proceedings name.
    expect(titles(asMember.text)).to.deep.equal(['10. setkání Odborná pracovní skupina Sociální služby', 'Schůze rady']);
    expect(asMember.text).to.contain('value="rada"').and.not.to.contain('Neveřejný koncept');
    const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
    const asWriter = await secretary.get(`/search?${q('sociální podnikání')}`).expect(200);
    expect(asWriter.text).to.contain('Neveřejný koncept').and.not.to.contain('Schůze rady');
    const admin = await signIn(world);
    expect(titles((await admin.get(`/search?${q('sociální podnikání')}`).expect(200)).text)).to.have.length(3);
  });
});

describe('search: the index follows every write', () => {
  it('finds what is saved through the app at once, and forgets what is changed or deleted', async () => {
    const world = makeApp();
    const { group, eleventh } = archive(world);
    const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
    const editor = await secretary.get(`/meetings/${eleventh}/minutes/edit`).expect(200);
    const item = /name="item-(\d+)"/.exec(editor.text)?.[1];
    const bases = Object.fromEntries([...editor.text.matchAll(/name="(base-[^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&#34;|&quot;/g, '"').replace(/&amp;/g, '&')]));
    await secretary.post(`/meetings/${eleventh}/minutes`).type('form')
      .send({ ...bases, _csrf: csrfFrom(editor.text), action: 'save', [`item-${item}`]: 'Představen projekt Kotlina pro pečující osoby.' })
      .expect(303);
    expect(titles((await search(world, q('kotlina'))).text)).to.have.length(1);
    expect(titles((await search(world, q('prostupne byty'))).text)).to.deep.equal([]);
    // Deleting a meeting takes its program, minutes, resolutions and tasks out of the index.
    world.db.prepare('DELETE FROM action_item_reviews').run();
    const before = (world.db.prepare('SELECT COUNT(*) AS n FROM search_index').get() as { n: number }).n;
    world.db.prepare('DELETE FROM resolutions WHERE meeting_id = ?').run(eleventh);
    world.db.prepare('DELETE FROM meetings WHERE id = ?').run(eleventh);
    expect((world.db.prepare('SELECT COUNT(*) AS n FROM search_index').get() as { n: number }).n).to.equal(before - 4);
    expect(titles((await search(world, q('kotlina'))).text)).to.deep.equal([]);
  });

  it('follows a renamed venue, and a rebuild gives the same index the triggers keep', async () => {
    const world = makeApp();
    archive(world);
    world.db.prepare("UPDATE venues SET name = 'Planetárium' WHERE name = 'iQLANDIA'").run();
    expect(titles((await search(world, q('planetarium'))).text)).to.have.length(4);
    expect(titles((await search(world, q('iqlandia'))).text)).to.have.length(0);
    const kept = world.db.prepare('SELECT rowid, title, body FROM search_index ORDER BY rowid').all();
    expect(rebuildSearchIndex(world.db)).to.equal(kept.length);
    expect(world.db.prepare('SELECT rowid, title, body FROM search_index ORDER BY rowid').all()).to.deep.equal(kept);
  });
});

describe('search: attachments', () => {
  it('finds the words inside attached PDF, Word and OpenDocument files, and a file without text by its name', async function () {
    this.timeout(30_000);
    const world = makeApp();
    const { group, tenth, eleventh, draft } = archive(world);
    const secretary = await signIn(world, { roles: [{ groupId: group, role: 'secretary' }] });
    // A real PDF with Czech text: the app's own export of the 10th meeting.
    const pdf = await getBytes(secretary, `/meetings/${tenth}.pdf`);
    expect(pdf.status).to.equal(200);
    await secretary.post(`/meetings/${eleventh}/attachments`)
      .attach('files', pdf.body, 'zapis-10.pdf')
      .attach('files', docxBytes('Rozpočet komunitního plánu &amp; harmonogram'), 'rozpocet.docx')
      .attach('files', odtBytes('Dotazník pro poskytovatele <text:span>pečovatelské</text:span> služby'), 'dotaznik.odt')
      .attach('files', pngBytes(), 'fotografie-z-jednani.png')
      .expect(303);
    const found = async (text: string) => titles((await search(world, `${q(text)}&kind=attachments`)).text);
    const eleventhTitle = '11. setkání Odborná pracovní skupina Sociální služby';
    // "Průběh jednání" of the 10th stands only in the PDF attached to the 11th.
    expect(await found('Filantropická burza')).to.deep.equal([eleventhTitle]);
    expect(await found('komunitniho planu')).to.deep.equal([eleventhTitle]);
    expect(await found('pecovatelske sluzby')).to.deep.equal([eleventhTitle]);
    expect(await found('fotografie')).to.deep.equal([eleventhTitle]);
    const page = await search(world, q('harmonogram'));
    expect(page.text).to.contain('>Příloha</a>').and.to.contain('<mark>harmonogram</mark>');
    // An attachment of draft minutes is not found by those who may not read them.
    await secretary.post(`/meetings/${draft}/attachments`).attach('files', docxBytes('Důvěrný rozpis mezd'), 'mzdy.docx').expect(303);
    expect(await found('rozpis mezd')).to.deep.equal([]);
    expect(titles((await secretary.get(`/search?${q('rozpis mezd')}`).expect(200)).text)).to.have.length(1);
  });
});

describe('npm run search:rebuild', () => {
  it('reads the words of attachments stored before search, and rebuilds the index while the data stay', async function () {
    this.timeout(30_000);
    const world = makeApp();
    const { eleventh } = archive(world);
    storeTestAttachment(world, eleventh, { bytes: docxBytes('Výroční zpráva za rok 2017'), name: 'vyrocni-zprava.docx', title: 'Výroční zpráva', mediaType: DOCX });
    world.db.prepare("DELETE FROM search_index WHERE rowid % 8 = 2").run();
    expect(titles((await search(world, q('vyrocni zprava 2017'))).text)).to.deep.equal([]);
    expect(titles((await search(world, q('prostupne byty'))).text)).to.deep.equal([]);
    const result = await runEntryPoint('src/cli/search-rebuild.ts', [], { DATA_DIR: world.config.dataDir }, 25_000);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/Search index rebuilt: \d+ texts/).and.to.contain('read 1 attachments');
    expect(titles((await search(world, q('vyrocni zprava 2017'))).text)).to.have.length(1);
    expect(titles((await search(world, q('prostupne byty'))).text)).to.have.length(1);
  });
});

describe('search and the page cache', () => {
  it('keeps no search page in the cache of anonymous pages, so endless distinct searches cannot push the zápis pages out', async () => {
    const world = makeApp({ PAGE_CACHE: 'on' });
    archive(world);
    const res = await search(world, q('bydleni'));
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.headers['x-robots-tag']).to.equal('noindex');
  });
});
