import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import { migrations } from '../../src/db/migrations.js';
import { loadDemoData } from '../../src/demo-data.js';
import { cs } from '../../src/i18n/cs.js';
import { en } from '../../src/i18n/en.js';
import { makeApp } from '../helpers.js';

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
  html: string;
}

/** Every page of the demo a visitor can reach by GET, each fetched and required to answer 200. */
async function demoPages(): Promise<Page[]> {
  const { app, db } = makeApp();
  loadDemoData(db);
  const personIds = (db.prepare('SELECT id FROM people ORDER BY id').all() as { id: number }[]).map((row) => row.id);
  const meetingIds = (db.prepare('SELECT id FROM meetings ORDER BY id').all() as { id: number }[]).map((row) => row.id);
  expect(personIds).to.not.be.empty;
  expect(meetingIds).to.not.be.empty;
  const paths = [
    '/',
    '/groups',
    '/groups/socialni-sluzby',
    '/groups/pakt-zamestnanosti',
    '/groups/socialni-sluzby/members',
    '/groups/new',
    '/people',
    '/people/new',
    '/organisations',
    '/organisations/new',
    '/venues',
    '/venues/new',
    '/meetings/new',
    ...personIds.map((id) => `/people/${id}`),
    ...meetingIds.flatMap((id) => [`/meetings/${id}`, `/meetings/${id}/edit`, `/meetings/${id}/agenda`, `/meetings/${id}/minutes/edit`]),
  ];
  const pages: Page[] = [];
  for (const path of paths) {
    const res = await request(app).get(path).set('Accept', 'text/html');
    expect(res.status, `GET ${path}`).to.equal(200);
    pages.push({ path, html: res.text });
  }
  return pages;
}

/** Runs a check on every page and fails once, listing every page that broke it. */
function expectEveryPage(pages: Page[], problemsOf: (html: string) => string[]): void {
  const problems = pages.flatMap(({ path, html }) => problemsOf(html).map((problem) => `${path}: ${problem}`));
  expect(problems).to.deep.equal([]);
}

async function fetchTenthMeeting(app: Express, id: number, cookie?: string): Promise<string> {
  const req = request(app).get(`/meetings/${id}`);
  if (cookie) req.set('Cookie', cookie);
  return (await req.expect(200)).text;
}

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
      const res = await request(app).post('/language').type('form').send({ lang: 'en', next: '/groups' }).expect(303);
      expect(res.headers.location).to.equal('/groups');
      const cookies = res.get('Set-Cookie') ?? [];
      const langCookie = cookies.find((cookie) => cookie.startsWith('lang='));
      expect(langCookie, 'a lang cookie').to.be.a('string');
      expect(langCookie).to.match(/^lang=en;/);
      expect(langCookie).to.match(/;\s*HttpOnly/i);
      expect(langCookie).to.match(/;\s*SameSite=Lax/i);
      expect(langCookie).to.match(/;\s*Path=\//i);
    });

    it('never redirects to another site', async () => {
      const { app } = makeApp();
      for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)']) {
        const res = await request(app).post('/language').type('form').send({ lang: 'en', next }).expect(303);
        expect(res.headers.location, `next=${next}`).to.equal('/');
      }
    });

    it('sets no cookie for a language it does not speak', async () => {
      const { app } = makeApp();
      const res = await request(app).post('/language').type('form').send({ lang: 'de', next: '/groups' }).expect(303);
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
    it('answers 200 in Czech with exactly one h1', async () => {
      const pages = await demoPages();
      expectEveryPage(pages, (html) => [
        ...(html.includes('<html lang="cs">') ? [] : ['no <html lang="cs">']),
        ...(countOf(html, /<h1\b/) === 1 ? [] : [`${countOf(html, /<h1\b/)} h1 elements`]),
      ]);
    });

    it('carries no inline script and no inline style', async () => {
      const pages = await demoPages();
      expectEveryPage(pages, (html) => {
        const problems: string[] = [];
        const scripts = [...html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi)].map((match) => match[0]);
        for (const script of scripts) if (script !== APP_SCRIPT) problems.push(`script ${script.slice(0, 80)}`);
        if (countOf(html, /<script\b/i) !== scripts.length) problems.push('an unclosed <script>');
        if (scripts.length !== 1) problems.push(`${scripts.length} script elements`);
        if (/\sstyle\s*=/i.test(html)) problems.push(`style attribute near ${/.{0,60}\sstyle\s*=.{0,40}/i.exec(html)?.[0]}`);
        if (/<style\b/i.test(html)) problems.push('a <style> element');
        if (/\son[a-z]+\s*=\s*["']/i.test(html)) problems.push(`inline event handler near ${/.{0,60}\son[a-z]+\s*=.{0,40}/i.exec(html)?.[0]}`);
        return problems;
      });
    });

    it('labels every form control', async () => {
      const pages = await demoPages();
      expect(pages.some(({ html }) => /<(?:input|select|textarea)\b/.test(html.replace(/<input type="hidden"[^>]*>/g, '')))).to.equal(true);
      expectEveryPage(pages, (html) => unlabelledControls(html).map((tag) => `unlabelled ${tag.slice(0, 100)}`));
    });

    it('shows no untranslated message key', async () => {
      const pages = await demoPages();
      expectEveryPage(pages, (html) => {
        const leak = KEY_LEAK.exec(visibleText(html));
        return leak ? [`shows "${leak[0]}"`] : [];
      });
    });
  });

  describe('the demo 10th meeting', () => {
    it('shows the minutes with heading, agenda, venue and dates in Czech', async () => {
      const { app, db } = makeApp();
      const { tenthMeetingId } = loadDemoData(db);
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
      ]) {
        expect(html, text).to.contain(text);
      }
    });

    it('switches the interface to English but keeps the Czech content', async () => {
      const { app, db } = makeApp();
      const { tenthMeetingId } = loadDemoData(db);
      const html = await fetchTenthMeeting(app, tenthMeetingId, 'lang=en');
      expect(html).to.contain('<html lang="en">');
      expect(html).to.contain('>Agenda<');
      expect(html).to.contain('>Proceedings<');
      expect(html).to.not.contain('Průběh jednání');
      expect(html).to.contain('Filantropická burza');
      expect(html).to.contain('U Nisy 362/6, 460 01 Liberec');
    });
  });
});
