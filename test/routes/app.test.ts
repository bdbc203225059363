import { now, testClock } from '../factories.js';
import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../src/db/index.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { migrations } from '../../src/db/migrations.js';
import { loadDemoData } from '../../src/demo-data.js';
import { cs } from '../../src/i18n/cs.js';
import { en } from '../../src/i18n/en.js';
import { makeApp, signIn } from '../helpers.js';

/** The one script tag a page may carry: the external app script (CSP allows no inline script). */
const APP_SCRIPT = '<script src="/static/js/app.js" defer></script>';

/** Text that looks like a dictionary key that was printed instead of translated. */
const KEY_LEAK = /\b(?:common|meetings|agenda|minutes|groups|people|venues|organisations|memberships|nav|validation|error|home|zapis|action|flash)\.[a-zA-Z]+\b/;

const countOf = (html: string, pattern: RegExp): number => html.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

/** The value of one attribute inside a tag's source, or undefined. */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** The form controls a person fills in that have no `<label for>` pointing at them, as their source. */
function unlabelledControls(html: string): string[] {
  const labelled = new Set([...html.matchAll(/<label\b[^>]*\sfor="([^"]+)"/g)].map((match) => match[1]));
  const controls = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)].map((match) => match[0]);
  return controls.filter((tag) => {
    const type = (attribute(tag, 'type') ?? '').toLowerCase();
    if (tag.startsWith('<input') && ['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) return false;
    const id = attribute(tag, 'id');
    return id === undefined || !labelled.has(id);
  });
}

/** The visible text of a page: without scripts, styles, comments and tags (so without any attribute value). */
function visibleText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ');
}

/** Parses a Content-Security-Policy header into its directives. */
function cspDirectives(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

interface Page {
  path: string;
  status: number;
  /** Where a redirect leads. */
  location: string | undefined;
  html: string;
  /** The name=value of each cookie the response sets. */
  cookies: string[];
}

/** The pages of the demo reachable by GET: those anyone may read, and those only for the signed in. */
interface DemoPaths {
  public: string[];
  signedIn: string[];
}

const idsOf = (db: Db, sql: string): number[] => (db.prepare(sql).all() as { id: number }[]).map((row) => row.id);

/** Every page of the demo, with ids read from the database (the administrator made before the demo shifts them). */
function demoPaths(db: Db): DemoPaths {
  const slugs = (db.prepare('SELECT slug FROM groups ORDER BY id').all() as { slug: string }[]).map((row) => row.slug);
  const personIds = idsOf(db, 'SELECT id FROM people ORDER BY id');
  const meetingIds = idsOf(db, 'SELECT id FROM meetings ORDER BY id');
  const organisationIds = idsOf(db, 'SELECT id FROM organisations ORDER BY id');
  const venueIds = idsOf(db, 'SELECT id FROM venues ORDER BY id');
  const accountIds = idsOf(db, 'SELECT id FROM accounts ORDER BY id');
  const agendaItems = db.prepare('SELECT meeting_id AS meetingId, id FROM agenda_items ORDER BY id').all() as { meetingId: number; id: number }[];
  const memberships = db.prepare('SELECT g.slug, m.id FROM memberships m JOIN groups g ON g.id = m.group_id ORDER BY m.id').all() as { slug: string; id: number }[];
  for (const ids of [slugs, personIds, meetingIds, organisationIds, venueIds, accountIds, agendaItems, memberships]) expect(ids).to.not.be.empty;
  expect(slugs).to.include.members(['socialni-sluzby', 'pakt-zamestnanosti']);
  return {
    public: ['/', '/groups', '/login', ...slugs.map((slug) => `/groups/${slug}`), ...meetingIds.map((id) => `/meetings/${id}`)],
    signedIn: [
      '/account',
      '/accounts',
      '/accounts/new',
      ...accountIds.map((id) => `/accounts/${id}`),
      '/groups/new',
      '/people',
      '/people/new',
      '/organisations',
      '/organisations/new',
      '/venues',
      '/venues/new',
      '/meetings/new',
      '/meetings/new?group=socialni-sluzby',
      ...slugs.flatMap((slug) => [`/groups/${slug}/edit`, `/groups/${slug}/members`]),
      ...personIds.flatMap((id) => [`/people/${id}`, `/people/${id}/edit`]),
      ...organisationIds.map((id) => `/organisations/${id}/edit`),
      ...venueIds.map((id) => `/venues/${id}/edit`),
      ...meetingIds.flatMap((id) => [`/meetings/${id}/edit`, `/meetings/${id}/agenda`, `/meetings/${id}/minutes/edit`]),
      ...agendaItems.map(({ meetingId, id }) => `/meetings/${meetingId}/agenda/${id}/edit`),
      ...memberships.map(({ slug, id }) => `/groups/${slug}/members/${id}/edit`),
    ],
  };
}

/** Fetches each path as HTML (following no redirect). */
async function fetchPages(get: (path: string) => request.Test, paths: string[]): Promise<Page[]> {
  const pages: Page[] = [];
  for (const path of paths) {
    const res = await get(path).set('Accept', 'text/html');
    const cookies = (res.get('Set-Cookie') ?? []).map((cookie) => cookie.split(';')[0] ?? '');
    pages.push({ path, status: res.status, location: res.headers.location, html: res.text, cookies });
  }
  return pages;
}

/** Runs a check on every page and fails once, listing every page that broke it. */
function expectEveryPage(pages: Page[], problemsOf: (html: string) => string[]): void {
  const problems = pages.flatMap(({ path, html }) => problemsOf(html).map((problem) => `${path}: ${problem}`));
  // Chai shortens a long list in its message, so the first problems are spelled out.
  expect(problems, `${problems.length} problems, e.g.\n${problems.slice(0, 20).join('\n')}\n`).to.deep.equal([]);
}

/** Problems with the status: 200 for the pages in `answered`, for the rest a redirect to the login page that comes back there. */
function statusProblems(pages: Page[], answered: ReadonlySet<string>): string[] {
  return pages.flatMap(({ path, status, location }) => {
    if (answered.has(path)) return status === 200 ? [] : [`GET ${path}: ${status} ${location ?? ''}`];
    const login = `/login?next=${encodeURIComponent(path)}`;
    return status === 303 && location === login ? [] : [`GET ${path}: ${status} ${location ?? ''}, not 303 to ${login}`];
  });
}

function czechWithOneH1(html: string): string[] {
  return [
    ...(html.includes('<html lang="cs">') ? [] : ['no <html lang="cs">']),
    ...(countOf(html, /<h1\b/) === 1 ? [] : [`${countOf(html, /<h1\b/)} h1 elements`]),
  ];
}

function inlineScriptsAndStyles(html: string): string[] {
  const problems: string[] = [];
  const scripts = [...html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi)].map((match) => match[0]);
  for (const script of scripts) if (script !== APP_SCRIPT) problems.push(`script ${script.slice(0, 80)}`);
  if (countOf(html, /<script\b/i) !== scripts.length) problems.push('an unclosed <script>');
  if (scripts.length !== 1) problems.push(`${scripts.length} script elements`);
  if (/\sstyle\s*=/i.test(html)) problems.push(`style attribute near ${/.{0,60}\sstyle\s*=.{0,40}/i.exec(html)?.[0]}`);
  if (/<style\b/i.test(html)) problems.push('a <style> element');
  if (/\son[a-z]+\s*=\s*["']/i.test(html)) problems.push(`inline event handler near ${/.{0,60}\son[a-z]+\s*=.{0,40}/i.exec(html)?.[0]}`);
  return problems;
}

function untranslatedKeys(html: string): string[] {
  const leak = KEY_LEAK.exec(visibleText(html));
  return leak ? [`shows "${leak[0]}"`] : [];
}

/**
 * Every form posts to a plain local path, and every form that posts carries exactly one hidden
 * CSRF token of its own (the token of the viewer's session).
 */
function formProblems(html: string): string[] {
  const problems: string[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const tag = `<form${attributes}>`;
    const action = attribute(tag, 'action') ?? '';
    if (!/^\/[^\s"'<>]*$/.test(action)) problems.push(`form action "${action.slice(0, 60)}"`);
    if ((attribute(tag, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const tokens = [...body.matchAll(/<input type="hidden" name="_csrf" value="[^"<>]+">/g)].length;
    if (tokens !== 1) problems.push(`form posting to "${action.slice(0, 60)}" carries ${tokens} CSRF tokens`);
  }
  if (countOf(html, /<form\b/) !== countOf(html, /<\/form>/)) problems.push('a form that is not closed');
  return problems;
}

async function fetchTenthMeeting(app: Express, id: number, cookie?: string): Promise<string> {
  const req = request(app).get(`/meetings/${id}`);
  if (cookie) req.set('Cookie', cookie);
  return (await req.expect(200)).text;
}

/** The demo's published minutes as anonymous readers see them. */
const TENTH_MEETING_OPENING = 'Setkání zahájila a řídila předsedkyně pracovní skupiny.';
const TENTH_MEETING_CLOSING = 'Příští pracovní setkání se zástupci Libereckého kraje proběhne v dubnu 2018';

describe('the app', () => {
  describe('health check', () => {
    it('answers 200 with the status and the schema version of the database', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/healthz').expect(200).expect('Content-Type', /application\/json/);
      expect(res.body).to.deep.equal({ status: 'ok', schemaVersion: migrations.length });
    });
  });

  describe('not found', () => {
    it('answers an unknown URL with a Czech 404 page by default', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/no-such-page').set('Accept', 'text/html').expect(404).expect('Content-Type', /text\/html/);
      expect(res.text).to.contain('<html lang="cs">');
      expect(countOf(res.text, /<h1\b/)).to.equal(1);
      expect(res.text).to.contain(cs['error.notFound']);
      expect(res.text).to.not.contain(en['error.notFound']);
    });

    it('answers in English when the browser prefers English', async () => {
      const { app } = makeApp();
      const res = await request(app)
        .get('/no-such-page')
        .set('Accept', 'text/html')
        .set('Accept-Language', 'en-GB,en;q=0.9')
        .expect(404);
      expect(res.text).to.contain('<html lang="en">');
      expect(res.text).to.contain(en['error.notFound']);
      expect(res.text).to.not.contain(cs['error.notFound']);
    });

    it('lets the language cookie win over the browser preference', async () => {
      const { app } = makeApp();
      const res = await request(app)
        .get('/no-such-page')
        .set('Accept', 'text/html')
        .set('Accept-Language', 'cs')
        .set('Cookie', 'lang=en')
        .expect(404);
      expect(res.text).to.contain('<html lang="en">');
      expect(res.text).to.contain(en['error.notFound']);
    });
  });

  describe('language switch', () => {
    it('remembers the chosen language in a cookie and goes back to the page it came from', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/language').query({ lang: 'en', next: '/groups' }).expect(303);
      expect(res.headers.location).to.equal('/groups');
      const cookies = res.get('Set-Cookie') ?? [];
      const langCookie = cookies.find((cookie) => cookie.startsWith('lang='));
      expect(langCookie, 'a lang cookie').to.be.a('string');
      expect(langCookie).to.match(/^lang=en;/);
      expect(langCookie).to.match(/;\s*HttpOnly/i);
      expect(langCookie).to.match(/;\s*SameSite=Lax/i);
      expect(langCookie).to.match(/;\s*Path=\//i);
      // The switch is a plain link: it needs no session and starts none.
      expect(cookies.filter((cookie) => cookie.startsWith('zapisnik.sid='))).to.deep.equal([]);
      const page = await request(app).get('/groups').set('Cookie', 'lang=en').expect(200);
      expect(page.text).to.contain('<html lang="en">');
    });

    it('is offered as links that come back to the current page', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/groups').expect(200);
      expect(res.text).to.contain('href="/language?lang=en&amp;next=%2Fgroups"');
      expect(res.text).to.contain('href="/language?lang=cs&amp;next=%2Fgroups"');
    });

    it('no longer takes a POST', async () => {
      const { app } = makeApp();
      const res = await request(app).post('/language').type('form').send({ lang: 'en', next: '/groups' });
      expect(res.status).to.be.oneOf([403, 404]);
      expect((res.get('Set-Cookie') ?? []).filter((cookie) => cookie.startsWith('lang='))).to.deep.equal([]);
    });

    it('never redirects to another site', async () => {
      const { app } = makeApp();
      for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)']) {
        const res = await request(app).get('/language').query({ lang: 'en', next }).expect(303);
        expect(res.headers.location, `next=${next}`).to.equal('/');
      }
    });

    it('sets no cookie for a language it does not speak', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/language').query({ lang: 'de', next: '/groups' }).expect(303);
      expect(res.headers.location).to.equal('/groups');
      const cookies = res.get('Set-Cookie') ?? [];
      expect(cookies.filter((cookie) => cookie.startsWith('lang='))).to.deep.equal([]);
    });
  });

  describe('security headers', () => {
    it('forbids inline script, sniffing and framing and limits the referrer', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/').expect(200);
      const csp = res.headers['content-security-policy'];
      expect(csp, 'Content-Security-Policy').to.be.a('string');
      const directives = cspDirectives(String(csp));
      const scriptSrc = directives.get('script-src');
      expect(scriptSrc, 'script-src').to.be.an('array').that.includes("'self'");
      expect(scriptSrc).to.not.include("'unsafe-inline'");
      expect(scriptSrc).to.not.include("'unsafe-eval'");
      expect(directives.get('style-src') ?? directives.get('default-src')).to.not.include("'unsafe-inline'");
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['referrer-policy'], 'Referrer-Policy').to.be.a('string').and.not.equal('unsafe-url');
      const frameAncestors = directives.get('frame-ancestors');
      const xFrame = String(res.headers['x-frame-options'] ?? '').toUpperCase();
      expect(
        (frameAncestors?.length === 1 && frameAncestors[0] === "'none'") || xFrame === 'DENY' || xFrame === 'SAMEORIGIN',
        `frame-ancestors ${String(frameAncestors)}, X-Frame-Options ${xFrame}`,
      ).to.equal(true);
    });
  });

  describe('every page of the demo', () => {
    describe('to an anonymous reader', () => {
      let paths: DemoPaths;
      let pages: Page[];
      // Fetched once: the checks below only read the pages.
      before(async () => {
        const { app, db } = makeApp();
        loadDemoData(db, testClock);
        paths = demoPaths(db);
        pages = await fetchPages((path) => request(app).get(path), [...paths.public, ...paths.signedIn]);
      });
      const readable = () => pages.filter((page) => paths.public.includes(page.path));

      it('answers 200 where anyone may read and sends everything else to sign in', () => {
        expect(statusProblems(pages, new Set(paths.public))).to.deep.equal([]);
      });

      it('answers 200 in Czech with exactly one h1', () => {
        expectEveryPage(readable(), czechWithOneH1);
      });

      it('carries no inline script and no inline style', () => {
        expectEveryPage(readable(), inlineScriptsAndStyles);
      });

      it('labels every form control', () => {
        expect(readable().some(({ html }) => /<(?:input|select|textarea)\b/.test(html.replace(/<input type="hidden"[^>]*>/g, '')))).to.equal(true);
        expectEveryPage(readable(), (html) => unlabelledControls(html).map((tag) => `unlabelled ${tag.slice(0, 100)}`));
      });

      it('shows no untranslated message key', () => {
        expectEveryPage(readable(), untranslatedKeys);
      });

      it('gives the login form a CSRF token and a session, and reading pages neither', () => {
        const login = pages.find((page) => page.path === '/login');
        expect(login?.html).to.match(/<input type="hidden" name="_csrf" value="[^"]+">/);
        expect(login?.cookies.some((cookie) => cookie.startsWith('zapisnik.sid='))).to.equal(true);
        expectEveryPage(readable(), formProblems);
        // Pages for reading stay the same for every anonymous reader (so they can be cached).
        const reading = readable().filter((page) => page.path !== '/login');
        expect(reading.filter(({ html }) => html.includes('name="_csrf"')).map(({ path }) => path)).to.deep.equal([]);
        expect(reading.filter(({ cookies }) => cookies.some((cookie) => cookie.startsWith('zapisnik.sid='))).map(({ path }) => path)).to.deep.equal([]);
      });
    });

    describe('to the signed-in administrator', () => {
      let paths: DemoPaths;
      let pages: Page[];
      before(async () => {
        const world = makeApp();
        loadDemoData(world.db, testClock);
        paths = demoPaths(world.db);
        const admin = await signIn(world);
        // Signed in, the login page only leads back; everything else is theirs to see.
        pages = await fetchPages((path) => admin.get(path), [...paths.public.filter((path) => path !== '/login'), ...paths.signedIn]);
      });

      it('answers 200 everywhere', () => {
        expect(pages).to.have.length(paths.public.length - 1 + paths.signedIn.length);
        expect(statusProblems(pages, new Set(pages.map(({ path }) => path)))).to.deep.equal([]);
      });

      it('answers 200 in Czech with exactly one h1', () => {
        expectEveryPage(pages, czechWithOneH1);
      });

      it('carries no inline script and no inline style', () => {
        expectEveryPage(pages, inlineScriptsAndStyles);
      });

      it('labels every form control', () => {
        expect(pages.some(({ html }) => /<(?:input|select|textarea)\b/.test(html.replace(/<input type="hidden"[^>]*>/g, '')))).to.equal(true);
        expectEveryPage(pages, (html) => unlabelledControls(html).map((tag) => `unlabelled ${tag.slice(0, 100)}`));
      });

      it('shows no untranslated message key', () => {
        expectEveryPage(pages, untranslatedKeys);
      });

      it('gives every form that posts a CSRF token and a plain action', () => {
        // Every page has at least the sign-out form.
        expectEveryPage(pages, (html) => (html.includes('action="/logout"') ? [] : ['no sign-out form']));
        expectEveryPage(pages, formProblems);
      });
    });
  });

  describe('the demo 10th meeting', () => {
    it('shows the minutes with heading, agenda, venue and dates in Czech', async () => {
      const { app, db } = makeApp();
      const { tenthMeetingId } = loadDemoData(db, testClock);
      const html = await fetchTenthMeeting(app, tenthMeetingId);
      expect(html).to.contain('<html lang="cs">');
      for (const text of [
        'Zápis z 10. setkání Odborné pracovní skupiny Sociální služby',
        'Sociální podnikání v Libereckém kraji',
        'Filantropická burza',
        'U Nisy 362/6, 460 01 Liberec',
        'zasedací místnost, 2. patro',
        '20. března 2018',
        '20. 3. 2018',
        'Průběh jednání',
        'Program',
        // Published by the demo, so anyone reads the minutes themselves.
        TENTH_MEETING_OPENING,
        TENTH_MEETING_CLOSING,
      ]) {
        expect(html, text).to.contain(text);
      }
      expect(html).to.not.contain(cs['minutes.notPublished']);
    });

    it('keeps the minutes from anonymous readers once unpublished, but not from those who write them', async () => {
      const world = makeApp();
      const { tenthMeetingId } = loadDemoData(world.db, testClock);
      setMinutesPublished(world.db, tenthMeetingId, false, now());
      const html = await fetchTenthMeeting(world.app, tenthMeetingId);
      expect(html).to.contain(cs['minutes.notPublished']);
      expect(html).to.not.contain(TENTH_MEETING_OPENING);
      expect(html).to.not.contain('Filantropická burza');
      // The agenda is not part of the minutes: it stays readable.
      expect(html).to.contain('Stanovení odborného obsahu rozšířeného setkání skupiny');
      const admin = await signIn(world);
      const draft = (await admin.get(`/meetings/${tenthMeetingId}`).expect(200)).text;
      expect(draft).to.contain(TENTH_MEETING_OPENING);
      expect(draft).to.contain('Filantropická burza');
      expect(draft).to.contain(cs['minutes.draft']);
    });

    it('switches the interface to English but keeps the Czech content', async () => {
      const { app, db } = makeApp();
      const { tenthMeetingId } = loadDemoData(db, testClock);
      const html = await fetchTenthMeeting(app, tenthMeetingId, 'lang=en');
      expect(html).to.contain('<html lang="en">');
      expect(html).to.contain('>Agenda<');
      expect(html).to.contain('>Proceedings<');
      expect(html).to.not.contain('Průběh jednání');
      expect(html).to.contain(TENTH_MEETING_OPENING);
      expect(html).to.contain('Filantropická burza');
      expect(html).to.contain('U Nisy 362/6, 460 01 Liberec');
    });
  });
});
