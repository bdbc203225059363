import { now } from '../factories.js';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ejs from 'ejs';
import sharp from 'sharp';
import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import type { Test } from 'supertest';
import { findAttachment, findGroupLogo, listAttachmentsOfMeeting } from '../../src/db/attachments.js';
import { scaleStoredLogos } from '../../src/logos.js';
import { findGroup } from '../../src/db/groups.js';
import { setMinutesPublished } from '../../src/db/minutes.js';
import { translator } from '../../src/i18n/index.js';
import { contentDisposition } from '../../src/routes/download.js';
import { cleanFileName, formatOf, nameForType, fileTypes } from '../../src/uploads.js';
import { findMeetingDetail } from '../../src/db/meetings.js';
import { langOf } from '../../src/i18n/index.js';
import { zapisFor } from '../../src/zapis/index.js';
import { presentFunding } from '../../src/zapis/present.js';
import { createAgendaItem, createGroup, createMeeting } from '../factories.js';
import { docxBytes, exeBytes, filesInUploads, imageBytes, odtBytes, oleBytes, pdfBytes, pngBytes, pngClaiming, storeTestAttachment, storeTestLogo, zipBytes } from '../files.js';
import { capturingLogger, countRows, csrfFrom, fieldError, makeAdminApp, makeApp, sessionCookieOf, signIn } from '../helpers.js';
import type { TestAgent, TestWorld } from '../helpers.js';

const CZECH_NAME = 'Zápis z jednání – příloha č. 1.pdf';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** GETs a file and keeps its body as bytes, whatever its type. */
function download(agent: TestAgent, url: string): Test {
  return agent
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/** The file name a Content-Disposition header gives in its filename* (RFC 5987) part. */
function utf8FileName(disposition: string): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  return encoded === undefined ? undefined : decodeURIComponent(encoded);
}

/** Waits (up to two seconds) until the condition holds, and fails the test if it never does. */
async function until(condition: () => boolean): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (Date.now() - started > 2000) throw new Error('the condition never held');
  }
}

const nothingStored = (world: TestWorld) => {
  expect(countRows(world.db, 'attachments'), 'rows').to.equal(0);
  expect(filesInUploads(world), 'files in DATA_DIR/uploads').to.deep.equal([]);
};

describe('attachments', () => {
  describe('upload and download', () => {
    it('stores a PDF with a Czech name and sends it back byte for byte, as a download with safe headers', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const bytes = pdfBytes();
      const res = await world.admin.post(`/meetings/${meetingId}/attachments`).attach('files', bytes, CZECH_NAME).expect(303);
      expect(res.headers.location).to.equal(`/meetings/${meetingId}#attachments`);
      const [row] = listAttachmentsOfMeeting(world.db, meetingId);
      expect(row).to.include({ title: 'Zápis z jednání – příloha č. 1', originalName: CZECH_NAME, mediaType: 'application/pdf', size: bytes.length, sha256: sha256(bytes) });
      expect(formatOf(row.mediaType)).to.equal('PDF');
      expect(row.storedName).to.match(/^[0-9a-f-]{36}$/);
      expect(filesInUploads(world)).to.deep.equal([row.storedName]);

      const file = await download(world.admin, `/attachments/${row.id}`).expect(200);
      expect(Buffer.compare(file.body as Buffer, bytes)).to.equal(0);
      expect(file.headers['content-type']).to.equal('application/pdf');
      expect(file.headers['x-content-type-options']).to.equal('nosniff');
      expect(file.headers['content-length']).to.equal(String(bytes.length));
      expect(file.headers['cache-control']).to.equal('private, no-store');
      const disposition = String(file.headers['content-disposition']);
      expect(disposition).to.match(/^attachment; filename="Zapis z jednani - priloha c\. 1\.pdf"; filename\*=UTF-8''/);
      expect(utf8FileName(disposition)).to.equal(CZECH_NAME);
      expect(String(file.headers['content-security-policy'])).to.contain("default-src 'none'; sandbox");
    });

    it('stores a Word document with a title and an agenda item, recognised by what is inside the zip', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const itemId = createAgendaItem(world.db, meetingId, { title: 'Rozpočet' });
      const bytes = docxBytes();
      await world.admin
        .post(`/meetings/${meetingId}/attachments`)
        .field('title', 'Návrh rozpočtu 2019')
        .field('agendaItemId', String(itemId))
        .attach('files', bytes, 'rozpocet.docx')
        .expect(303);
      const [row] = listAttachmentsOfMeeting(world.db, meetingId);
      expect(row).to.include({ title: 'Návrh rozpočtu 2019', mediaType: DOCX_TYPE, agendaItemId: itemId, agendaItemTitle: 'Rozpočet' });
      expect(formatOf(row.mediaType)).to.equal('DOCX');
      const file = await download(world.admin, `/attachments/${row.id}`).expect(200);
      expect(Buffer.compare(file.body as Buffer, bytes)).to.equal(0);
      expect(file.headers['content-type']).to.equal(DOCX_TYPE);
      expect(utf8FileName(String(file.headers['content-disposition']))).to.equal('rozpocet.docx');
      const manager = await world.admin.get(`/meetings/${meetingId}/attachments`).expect(200);
      expect(manager.text).to.contain('enctype="multipart/form-data"').and.to.contain('Návrh rozpočtu 2019').and.to.contain('DOCX').and.to.contain('1 kB');
    });

    it('stores several files at once (PDF, OpenDocument, an image, CSV), each named after its file', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      await world.admin
        .post(`/meetings/${meetingId}/attachments`)
        .attach('files', pdfBytes(), 'pozvánka.pdf')
        .attach('files', odtBytes(), 'zápis.odt')
        .attach('files', pngBytes(), 'foto.png')
        .attach('files', Buffer.from('jméno;organizace\nJana;ANNOLK\n'), 'prezence.csv')
        .expect(303);
      const rows = listAttachmentsOfMeeting(world.db, meetingId);
      expect(rows.map((row) => [row.title, row.mediaType])).to.deep.equal([
        ['pozvánka', 'application/pdf'],
        ['zápis', 'application/vnd.oasis.opendocument.text'],
        ['foto', 'image/png'],
        ['prezence', 'text/csv; charset=utf-8'],
      ]);
      expect(filesInUploads(world)).to.have.length(4);
      // Images may be shown in the browser; the rest is downloaded.
      const image = await download(world.admin, `/attachments/${rows[2].id}`).expect(200);
      expect(String(image.headers['content-disposition'])).to.match(/^inline; filename="foto\.png"/);
    });

    it('refuses a name with ../ and leaves no file and no row', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      // form-data reduces a `filename` to its base name; `filepath` (missing from supertest's types) sends it as is.
      const rawName = { filepath: '../../etc/passwd' } as unknown as { filename: string };
      const res = await world.admin.post(`/meetings/${meetingId}/attachments`).attach('files', Buffer.from('root:x:0:0\n'), rawName).expect(422);
      expect(res.text).to.contain('Název souboru je neplatný');
      expect(countRows(world.db, 'attachments')).to.equal(0);
      expect(fs.readdirSync(world.config.uploadsDir).filter((name) => !name.startsWith('.'))).to.deep.equal([]);
    });

    it('accepts a legacy Word document and refuses one carrying macros', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      await world.admin.post(`/meetings/${meetingId}/attachments`).attach('files', oleBytes(['Root Entry', 'WordDocument']), 'zápis.doc').expect(303);
      const res = await world.admin.post(`/meetings/${meetingId}/attachments`).attach('files', oleBytes(['Root Entry', 'WordDocument', 'Macros', '_VBA_PROJECT']), 'makro.doc').expect(422);
      expect(res.text).to.contain('Tento typ souboru nelze nahrát');
      expect(listAttachmentsOfMeeting(world.db, meetingId).map((row) => row.originalName)).to.deep.equal(['zápis.doc']);
    });

    it('gives text an extension that fits, so that it never runs as a program', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      await world.admin.post(`/meetings/${meetingId}/attachments`).attach('files', Buffer.from('WScript.Echo("ahoj")\n'), 'spust.vbs').expect(303);
      expect(listAttachmentsOfMeeting(world.db, meetingId).map((row) => [row.originalName, row.mediaType])).to.deep.equal([['spust.vbs.txt', 'text/plain; charset=utf-8']]);
    });
  });

  describe('refused files', () => {
    const cases: [string, Buffer, string, string][] = [
      ['a Windows program', exeBytes(), 'program.exe', 'Tento typ souboru nelze nahrát.'],
      ['HTML named .pdf', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'x.pdf', 'Tento typ souboru nelze nahrát.'],
      ['an SVG image', Buffer.from('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'obrazek.svg', 'Tento typ souboru nelze nahrát.'],
      ['a zip that is no Office document', zipBytes([['readme.txt', 'ahoj']]), 'archiv.docx', 'Tento typ souboru nelze nahrát.'],
      ['a Word document with macros', zipBytes([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w/>'], ['word/vbaProject.bin', 'x']]), 'makra.docx', 'Tento typ souboru nelze nahrát.'],
      ['text that is not UTF-8', Buffer.from([0x50, 0xf8, 0xed, 0x6c, 0x6f, 0x68, 0x61]), 'priloha.txt', 'Tento typ souboru nelze nahrát.'],
      ['an empty file', Buffer.alloc(0), 'prazdny.pdf', 'Soubor je prázdný.'],
      ['a name that is nothing but invisible characters', pdfBytes(), '\u202e\u202e . ', 'Název souboru je neplatný.'],
    ];
    for (const [label, bytes, name, message] of cases) {
      it(`refuses ${label}, keeps the typed title, and leaves no file and no row`, async () => {
        const world = await makeAdminApp();
        const meetingId = createMeeting(world.db);
        const res = await world.admin.post(`/meetings/${meetingId}/attachments`).field('title', 'Můj název').attach('files', bytes, name).expect(422);
        expect(fieldError(res.text, 'files')).to.contain(message);
        expect(res.text).to.contain('value="Můj název"');
        nothingStored(world);
      });
    }

    it('refuses a file over the limit with the limit in the message (413)', async () => {
      const world = await makeAdminApp({ UPLOAD_MAX_MB: '1' });
      const meetingId = createMeeting(world.db);
      const big = Buffer.concat([pdfBytes(), Buffer.alloc(Math.round(1.1 * 1024 * 1024), 0x20)]);
      const res = await world.admin.post(`/meetings/${meetingId}/attachments`).field('title', 'Velký').attach('files', big, 'velky.pdf').expect(413);
      expect(fieldError(res.text, 'files')).to.equal('Soubor je příliš velký (nejvýš 1 MB).');
      expect(res.text).to.contain('value="Velký"');
      nothingStored(world);
    });

    it('refuses more files than allowed (413)', async () => {
      const world = await makeAdminApp({ UPLOAD_MAX_FILES: '2' });
      const meetingId = createMeeting(world.db);
      const res = await world.admin
        .post(`/meetings/${meetingId}/attachments`)
        .attach('files', pdfBytes(), 'a.pdf')
        .attach('files', pdfBytes(), 'b.pdf')
        .attach('files', pdfBytes(), 'c.pdf')
        .expect(413);
      expect(fieldError(res.text, 'files')).to.equal('Najednou lze nahrát nejvýš 2 soubory.');
      nothingStored(world);
    });

    it('stores none of several files when one of them is refused, and names that one', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const res = await world.admin
        .post(`/meetings/${meetingId}/attachments`)
        .attach('files', pdfBytes(), 'dobry.pdf')
        .attach('files', exeBytes(), 'program.exe')
        .attach('files', docxBytes(), 'dobry.docx')
        .expect(422);
      expect(fieldError(res.text, 'files')).to.match(/^Soubor „program\.exe“: Tento typ souboru nelze nahrát/);
      nothingStored(world);
    });

    it('asks for a file when none was chosen, and refuses an agenda item of another meeting', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const foreignItem = createAgendaItem(world.db, createMeeting(world.db));
      let res = await world.admin.post(`/meetings/${meetingId}/attachments`).field('title', 'Bez souboru').expect(422);
      expect(fieldError(res.text, 'files')).to.equal('Vyberte alespoň jeden soubor.');
      res = await world.admin.post(`/meetings/${meetingId}/attachments`).field('agendaItemId', String(foreignItem)).attach('files', pdfBytes(), 'a.pdf').expect(422);
      expect(fieldError(res.text, 'agendaItemId')).to.equal('Vybraný záznam neexistuje (mohl být mezitím smazán).');
      nothingStored(world);
    });
  });

  describe('CSRF', () => {
    it('refuses a multipart upload without the token (403) and leaves nothing behind', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const cookie = sessionCookieOf(world.admin);
      const forged = request.agent(world.app);
      await forged.post(`/meetings/${meetingId}/attachments`).set('Cookie', cookie).attach('files', pdfBytes(), 'a.pdf').expect(403);
      await forged.post(`/meetings/${meetingId}/attachments`).set('Cookie', cookie).field('_csrf', 'nesprávný').attach('files', pdfBytes(), 'a.pdf').expect(403);
      nothingStored(world);
    });

    it('accepts the token as the first field of the form, as the browser sends it', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const cookie = sessionCookieOf(world.admin);
      const page = await world.admin.get(`/meetings/${meetingId}/attachments`).expect(200);
      const browser = request.agent(world.app);
      await browser.post(`/meetings/${meetingId}/attachments`).set('Cookie', cookie).field('_csrf', csrfFrom(page.text)).attach('files', pdfBytes(), 'a.pdf').expect(303);
      expect(countRows(world.db, 'attachments')).to.equal(1);
    });

    it('refuses a multipart POST to any other route before it runs (a forged form cannot skip the token that way)', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const cookie = sessionCookieOf(world.admin);
      const forged = request.agent(world.app);
      // Only the upload routes take multipart: elsewhere the body is refused (415) before the CSRF check and the handler.
      await forged.post(`/meetings/${meetingId}/delete`).set('Cookie', cookie).field('x', '1').expect(415);
      expect(countRows(world.db, 'meetings')).to.equal(1);
    });
  });

  describe('who may download', () => {
    it('follows the minutes: members of another group and the public see no attachment of hidden or draft minutes', async () => {
      const world = makeApp();
      const hidden = createGroup(world.db, { visibility: 'members' });
      const open = createGroup(world.db);
      const hiddenMeeting = createMeeting(world.db, { leadGroupId: hidden });
      const draftMeeting = createMeeting(world.db, { leadGroupId: open });
      const publishedMeeting = createMeeting(world.db, { leadGroupId: open });
      setMinutesPublished(world.db, hiddenMeeting, true, now());
      setMinutesPublished(world.db, publishedMeeting, true, now());
      const ofHidden = storeTestAttachment(world, hiddenMeeting);
      const ofDraft = storeTestAttachment(world, draftMeeting);
      const ofPublished = storeTestAttachment(world, publishedMeeting);
      const otherMember = await signIn(world, { roles: [{ groupId: createGroup(world.db, { visibility: 'members' }), role: 'member' }] });
      await download(otherMember, `/attachments/${ofHidden}`).expect(404);
      const anonymous = request.agent(world.app);
      await download(anonymous, `/attachments/${ofDraft}`).expect(404);
      await download(anonymous, `/attachments/${ofHidden}`).expect(404);
      await download(anonymous, `/attachments/${ofPublished}`).expect(200);
      const writer = await signIn(world, { roles: [{ groupId: open, role: 'secretary' }] });
      await download(writer, `/attachments/${ofDraft}`).expect(200);
    });
  });

  describe('rename and delete', () => {
    it('renames, refuses an empty title (422) and a stale version (409)', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const id = storeTestAttachment(world, meetingId, { title: 'Podklady' });
      await world.admin.post(`/attachments/${id}`).type('form').send({ title: 'Podklady k rozpočtu', version: '1' }).expect(303);
      expect(findAttachment(world.db, id)?.title).to.equal('Podklady k rozpočtu');
      const empty = await world.admin.post(`/attachments/${id}`).type('form').send({ title: '  ', version: '2' }).expect(422);
      expect(fieldError(empty.text, `title-${id}`)).to.equal('Toto pole je povinné.');
      const stale = await world.admin.post(`/attachments/${id}`).type('form').send({ title: 'Jiný', version: '1' }).expect(409);
      expect(stale.text).to.contain('Mezitím záznam upravil někdo jiný.');
      expect(findAttachment(world.db, id)?.title).to.equal('Podklady k rozpočtu');
    });

    it('deletes the row and then its file', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const keep = storeTestAttachment(world, meetingId);
      const id = storeTestAttachment(world, meetingId);
      const storedName = findAttachment(world.db, id)?.storedName;
      await world.admin.post(`/attachments/${id}/delete`).expect(303);
      expect(findAttachment(world.db, id)).to.equal(undefined);
      expect(filesInUploads(world)).to.deep.equal([findAttachment(world.db, keep)?.storedName]).and.not.to.include(storedName);
    });

    it('deletes the files of a deleted meeting, and only those', async () => {
      const world = await makeAdminApp();
      const meetingId = createMeeting(world.db);
      const other = storeTestAttachment(world, createMeeting(world.db));
      storeTestAttachment(world, meetingId);
      storeTestAttachment(world, meetingId, { bytes: docxBytes(), name: 'a.docx', mediaType: DOCX_TYPE });
      await world.admin.post(`/meetings/${meetingId}/delete`).expect(303);
      expect(countRows(world.db, 'attachments')).to.equal(1);
      expect(filesInUploads(world)).to.deep.equal([findAttachment(world.db, other)?.storedName]);
    });
  });

  describe('the logo and funding footer of a group', () => {
    it('takes a PNG as the logo, serves it inline, and replaces it with the previous file gone', async () => {
      const world = await makeAdminApp();
      const groupId = createGroup(world.db, { slug: 'zamestnanost' });
      await world.admin.post('/groups/zamestnanost/logo').attach('logo', pngBytes(), 'logo OPZ.png').expect(303);
      const first = findGroup(world.db, groupId)?.logoAttachmentId;
      expect(first).to.be.a('number');
      const logo = await download(request.agent(world.app), '/groups/zamestnanost/logo').expect(200);
      // What is served is the copy scaled at upload: here as small as it came, re-encoded.
      expect(await sharp(logo.body as Buffer).metadata()).to.include({ format: 'png', width: 1, height: 1 });
      expect(logo.headers['content-type']).to.equal('image/png');
      expect(logo.headers['x-content-type-options']).to.equal('nosniff');
      expect(String(logo.headers['content-disposition'])).to.match(/^inline; filename="logo OPZ\.png"/);
      await request(world.app).get('/groups/zamestnanost/logo').set('If-None-Match', String(logo.headers.etag)).expect(304);
      const edit = await world.admin.get('/groups/zamestnanost/edit').expect(200);
      expect(edit.text).to.contain('src="/groups/zamestnanost/logo"').and.to.contain('enctype="multipart/form-data"');

      await world.admin.post('/groups/zamestnanost/logo').attach('logo', pngBytes(), 'nove.png').expect(303);
      const second = findGroup(world.db, groupId)?.logoAttachmentId;
      expect(second).to.not.equal(first);
      expect(countRows(world.db, 'attachments')).to.equal(1);
      expect(filesInUploads(world)).to.deep.equal([findAttachment(world.db, second ?? 0)?.storedName]);

      await world.admin.post('/groups/zamestnanost/logo/delete').expect(303);
      expect(findGroup(world.db, groupId)?.logoAttachmentId).to.equal(null);
      nothingStored(world);
      await request(world.app).get('/groups/zamestnanost/logo').expect(404);
    });

    it('refuses a logo that is not an image, or over 2 MB', async () => {
      const world = await makeAdminApp();
      const groupId = createGroup(world.db, { slug: 'zamestnanost' });
      let res = await world.admin.post('/groups/zamestnanost/logo').attach('logo', pdfBytes(), 'logo.png').expect(422);
      expect(fieldError(res.text, 'logo')).to.equal('Logo musí být obrázek PNG, JPEG, GIF nebo WebP.');
      res = await world.admin.post('/groups/zamestnanost/logo').attach('logo', Buffer.concat([pngBytes(), Buffer.alloc(2 * 1024 * 1024)]), 'logo.png').expect(413);
      expect(fieldError(res.text, 'logo')).to.equal('Logo je příliš velké (nejvýš 2 MB).');
      expect(findGroup(world.db, groupId)?.logoAttachmentId).to.equal(null);
      nothingStored(world);
    });

    it('refuses an image beyond 20 megapixels or 10 000 pixels a side, as a logo and as an attachment, storing nothing', async () => {
      const world = await makeAdminApp();
      const groupId = createGroup(world.db, { slug: 'zamestnanost' });
      const meetingId = createMeeting(world.db);
      for (const [width, height] of [[16_000, 16_000], [5_000, 5_000], [12_000, 100]]) {
        const res = await world.admin.post('/groups/zamestnanost/logo').attach('logo', pngClaiming(width, height), 'logo.png').expect(422);
        expect(fieldError(res.text, 'logo')).to.equal('Logo je příliš velké (nejvýš 20 megapixelů a 10\u00a0000 pixelů na každé straně). Zmenšete jej; v zápatí se tiskne nejvýš 3 cm široké.');
        const upload = await world.admin.post(`/meetings/${meetingId}/attachments`).attach('files', pngClaiming(width, height), 'plakát.png').expect(422);
        expect(fieldError(upload.text, 'files')).to.equal('Soubor „plakát.png“: Obrázek je příliš velký (nejvýš 20 megapixelů a 10\u00a0000 pixelů na každé straně). Zmenšete jej a nahrajte znovu.');
      }
      expect(findGroup(world.db, groupId)?.logoAttachmentId).to.equal(null);
      nothingStored(world);
      // At the bounds: a 4,000 × 4,000 photo or a 6,000 × 2,000 banner is taken.
      await world.admin.post(`/meetings/${meetingId}/attachments`).attach('files', pngClaiming(4_000, 4_000), 'fotka.png').expect(303);
      await world.admin.post(`/meetings/${meetingId}/attachments`).attach('files', pngClaiming(6_000, 2_000), 'banner.png').expect(303);
      expect(countRows(world.db, 'attachments')).to.equal(2);
    });

    it('refuses, as no image, a logo whose header reads but whose pixels do not', async () => {
      const world = await makeAdminApp();
      createGroup(world.db, { slug: 'zamestnanost' });
      const refused = await world.admin.post('/groups/zamestnanost/logo').attach('logo', pngClaiming(3_000, 1_000), 'logo.png').expect(422);
      expect(fieldError(refused.text, 'logo')).to.equal('Logo musí být obrázek PNG, JPEG, GIF nebo WebP.');
      nothingStored(world);
    });

    it('scales a logo once at upload to the footer at 600 dpi, and the PDF embeds that copy', async () => {
      const world = await makeAdminApp();
      const groupId = createGroup(world.db, { slug: 'zamestnanost', fundingProject: 'Podpora procesů', fundingRegistration: 'CZ.03.2.63/0.0/0.0/15_004' });
      await world.admin.post('/groups/zamestnanost/logo').attach('logo', await imageBytes(3_000, 1_000, 'webp', true), 'logolink OPZ.webp').expect(303);
      const stored = findAttachment(world.db, findGroup(world.db, groupId)?.logoAttachmentId ?? 0);
      expect(stored).to.include({ mediaType: 'image/png', originalName: 'logolink OPZ.png' });
      const served = await download(request.agent(world.app), '/groups/zamestnanost/logo').expect(200);
      // 90 × 28 pt at 600 dpi is 750 × 233 pixels; 3 : 1 fits it at 699 × 233, transparency kept.
      expect(await sharp(served.body as Buffer).metadata()).to.include({ format: 'png', width: 699, height: 233, hasAlpha: true });
      expect(stored?.size).to.equal((served.body as Buffer).length);
      expect(stored?.sha256).to.equal(sha256(served.body as Buffer));

      const meetingId = createMeeting(world.db, { leadGroupId: groupId });
      const pdf = await download(world.admin, `/meetings/${meetingId}.pdf`).expect(200);
      const images = [...(pdf.body as Buffer).toString('latin1').matchAll(/\/Subtype \/Image[\s\S]*?\/Width (\d+)[\s\S]*?\/Height (\d+)/g)].map((m) => `${m[1]}×${m[2]}`);
      expect(images).to.include('699×233');

      // A photo stays a JPEG, scaled the same way; a small logo is never enlarged.
      await world.admin.post('/groups/zamestnanost/logo').attach('logo', await imageBytes(2_000, 2_000, 'jpeg'), 'logo.jpg').expect(303);
      expect(await sharp((await download(request.agent(world.app), '/groups/zamestnanost/logo')).body as Buffer).metadata()).to.include({ format: 'jpeg', width: 233, height: 233 });
      await world.admin.post('/groups/zamestnanost/logo').attach('logo', await imageBytes(120, 40, 'gif'), 'maly.gif').expect(303);
      expect(await sharp((await download(request.agent(world.app), '/groups/zamestnanost/logo')).body as Buffer).metadata()).to.include({ format: 'png', width: 120, height: 40 });
      expect(filesInUploads(world)).to.have.length(1);
    }).timeout(20_000);

    it('scales, once at start, the logos stored at their uploaded size before logos were scaled', async () => {
      const world = makeApp();
      const big = createGroup(world.db, { slug: 'velke-logo' });
      const poster = createGroup(world.db, { slug: 'plakat' });
      const small = createGroup(world.db, { slug: 'male-logo' });
      const broken = createGroup(world.db, { slug: 'rozbite-logo', fundingProject: 'Projekt s rozbitým logem' });
      storeTestLogo(world, big, { bytes: await imageBytes(4_000, 4_000, 'webp'), name: 'logo.webp', mediaType: 'image/webp' });
      // Over the 20 megapixels an upload may have now, as the first wave took it.
      const posterBytes = await sharp({ create: { width: 6_000, height: 4_000, channels: 3, background: '#003399' } }).png().toBuffer();
      storeTestLogo(world, poster, { bytes: posterBytes, name: 'plakát.png' });
      storeTestLogo(world, small, { bytes: await imageBytes(300, 100) });
      storeTestLogo(world, broken, { bytes: pngClaiming(3_000, 1_000) });
      const original = findGroupLogo(world.db, big)?.storedName;
      const lines: string[] = [];
      const scaled = await scaleStoredLogos(world.db, world.config.uploadsDir, () => world.clock.now(), capturingLogger(lines));
      expect(scaled).to.equal(2);
      const logo = findGroupLogo(world.db, big);
      expect(logo).to.include({ mediaType: 'image/png', originalName: 'logo.png' });
      expect(await sharp(path.join(world.config.uploadsDir, logo?.storedName ?? '')).metadata()).to.include({ format: 'png', width: 233, height: 233 });
      expect(await sharp(path.join(world.config.uploadsDir, findGroupLogo(world.db, poster)?.storedName ?? '')).metadata()).to.include({ width: 350, height: 233 });
      // The small one is as printed already, the broken one is left (and said so in the log)…
      expect(filesInUploads(world)).to.have.length(4).and.not.to.include(original);
      expect(lines.join('\n')).to.contain('cannot be scaled to print');
      expect(await scaleStoredLogos(world.db, world.config.uploadsDir, () => world.clock.now(), capturingLogger([]))).to.equal(0);
      // …and out of the exports, which never decode more than the footer prints.
      const pdf = await download(request.agent(world.app), `/meetings/${createMeeting(world.db, { leadGroupId: broken })}.pdf`).expect(200);
      expect((pdf.body as Buffer).toString('latin1')).not.to.contain('/Subtype /Image');
    }).timeout(20_000);

    it('keeps the project name and registration number from the group form, within their limits', async () => {
      const world = await makeAdminApp();
      const groupId = createGroup(world.db, { name: 'Zaměstnanost', slug: 'zamestnanost' });
      const form = { name: 'Zaměstnanost', slug: 'zamestnanost', visibility: 'public', version: '1' };
      const project = 'Podpora procesů v sociálních službách';
      const registration = 'CZ.03.2.63/0.0/0.0/15_004/0000535';
      await world.admin.post('/groups/zamestnanost').type('form').send({ ...form, fundingProject: project, fundingRegistration: registration }).expect(303);
      expect(findGroup(world.db, groupId)).to.include({ fundingProject: project, fundingRegistration: registration });
      const res = await world.admin.post('/groups/zamestnanost').type('form').send({ ...form, version: '2', fundingRegistration: 'x'.repeat(101) }).expect(422);
      expect(fieldError(res.text, 'fundingRegistration')).to.equal('Text je příliš dlouhý.');
    });

    it('renders the funding footer with the logo, the project and "Reg. č.", and nothing for a group without funding', async () => {
      const world = makeApp();
      const groupId = createGroup(world.db, { slug: 'zamestnanost', fundingProject: 'Podpora <procesů>', fundingRegistration: 'CZ.03.2.63/0.0/0.0/15_004/0000535' });
      storeTestLogo(world, groupId);
      const views = path.resolve(import.meta.dirname, '../../views');
      // The presenter decides whether there is a footer; the partial lays it out.
      const render = async (id: number) => {
        const group = findGroup(world.db, id);
        const funding = group && presentFunding(group, langOf('cs'));
        return funding ? ejs.renderFile(path.join(views, 'groups/_funding.ejs'), { funding, t: translator('cs') }, { root: views }) : '';
      };
      const html = await render(groupId);
      expect(html).to.contain('<div class="funding">').and.to.contain('<img class="funding__logo" src="/groups/zamestnanost/logo" alt="Logo projektu">');
      expect(html).to.contain('Podpora &lt;procesů&gt;').and.to.contain('Reg. č. CZ.03.2.63/0.0/0.0/15_004/0000535');
      expect((await render(createGroup(world.db))).trim()).to.equal('');
    });
  });

  describe('the list on the meeting page', () => {
    it('lists title, file name, size in Czech units and format, and offers writers the manager', async () => {
      const world = makeApp();
      const meetingId = createMeeting(world.db);
      const itemId = createAgendaItem(world.db, meetingId, { title: 'Rozpočet' });
      storeTestAttachment(world, meetingId, { title: 'Velká příloha', bytes: Buffer.concat([pdfBytes(), Buffer.alloc(1_258_291 - pdfBytes().length)]) });
      storeTestAttachment(world, meetingId, { title: 'Malá příloha', name: 'mala.pdf', agendaItemId: itemId });
      const views = path.resolve(import.meta.dirname, '../../views');
      const meeting = findMeetingDetail(world.db, meetingId);
      if (!meeting) throw new Error('no meeting');
      const admin = { kind: 'account', accountId: 0, personId: 0, name: '', isAdmin: true, roles: new Map() } as const;
      const section = zapisFor(world.db, meeting, admin, langOf('cs'), '2018-03-20').attachments;
      const render = (canWrite: boolean) => ejs.renderFile(path.join(views, 'attachments/_list.ejs'), { section, canWrite, meetingId, t: translator('cs'), locale: 'cs' }, { root: views });
      const html = await render(true);
      expect(html).to.contain('id="attachments"').and.to.contain('>Přílohy</h2>');
      expect(html).to.match(/<a class="attachment-list__title" href="\/attachments\/\d+">Velká příloha<\/a>/);
      expect(html).to.contain('1,2 MB').and.to.contain('1 kB').and.to.contain('PDF').and.to.contain('mala.pdf').and.to.contain('k bodu „Rozpočet“');
      expect(html).to.contain(`href="/meetings/${meetingId}/attachments">Spravovat přílohy`);
      expect(await render(false)).not.to.contain('Spravovat přílohy');
    });
  });

  describe('names and headers', () => {
    it('cleans file names for display', () => {
      expect(cleanFileName('../../etc/passwd')).to.equal(undefined);
      expect(cleanFileName('zápis/../x.pdf')).to.equal(undefined);
      expect(cleanFileName('C:\\Users\\jana\\zápis.pdf')).to.equal('zápis.pdf');
      expect(cleanFileName('za\u0301pis\u0007.pdf')).to.equal('zápis.pdf');
      expect(cleanFileName('faktura\u202Efdp.exe')).to.equal('fakturafdp.exe');
      expect(cleanFileName('zápis. . ')).to.equal('zápis');
      expect(cleanFileName('..')).to.equal(undefined);
      expect(cleanFileName('\u0001\u0002')).to.equal(undefined);
      expect([...(cleanFileName(`${'á'.repeat(300)}.pdf`) ?? '')]).to.have.length(200);
    });

    it('gives a name the extension of its content when it has another', () => {
      expect(nameForType('zápis.PDF', fileTypes.pdf)).to.equal('zápis.PDF');
      expect(nameForType('zápis', fileTypes.pdf)).to.equal('zápis.pdf');
      expect(nameForType('setup.exe', fileTypes.pdf)).to.equal('setup.exe.pdf');
    });

    it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
      expect(contentDisposition('Zápis "1" (návrh)*.pdf', false)).to.equal(
        `attachment; filename="Zapis _1_ (navrh)*.pdf"; filename*=UTF-8''Z%C3%A1pis%20%221%22%20%28n%C3%A1vrh%29%2A.pdf`,
      );
      expect(contentDisposition('logo.png', true)).to.equal(`inline; filename="logo.png"; filename*=UTF-8''logo.png`);
    });
  });

  it('leaves no temporary file behind after refused and accepted uploads', async () => {
    const world = await makeAdminApp();
    const meetingId = createMeeting(world.db);
    await world.admin.post(`/meetings/${meetingId}/attachments`).attach('files', exeBytes(), 'a.exe').expect(422);
    await world.admin.post(`/meetings/${meetingId}/attachments`).attach('files', pdfBytes(), 'a.pdf').expect(303);
    expect(fs.readdirSync(path.join(world.config.uploadsDir, '.incoming'))).to.deep.equal([]);
  });

  it('empties the temporary folder when the app starts, whatever a killed process left there', () => {
    const world = makeApp();
    const incoming = path.join(world.config.uploadsDir, '.incoming');
    fs.writeFileSync(path.join(incoming, 'a1b2c3'), 'half of an upload');
    fs.writeFileSync(path.join(incoming, 'd4e5f6'), '');
    createApp({ db: world.db, config: world.config, logger: createLogger(world.config), clock: world.clock }).shutdown();
    expect(fs.readdirSync(incoming)).to.deep.equal([]);
  });

  it('leaves no temporary file behind when the browser goes away in the middle of an upload', async () => {
    const world = await makeAdminApp();
    const meetingId = createMeeting(world.db);
    const token = csrfFrom((await world.admin.get(`/meetings/${meetingId}/attachments`).expect(200)).text);
    const cookie = sessionCookieOf(world.admin);
    const incoming = path.join(world.config.uploadsDir, '.incoming');
    const server = world.app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const boundary = 'zapisnik-test-boundary';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="velky.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
      const upload = http.request({ port, method: 'POST', path: `/meetings/${meetingId}/attachments`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': 5_000_000 } });
      upload.on('error', () => undefined);
      upload.write(head);
      upload.write(Buffer.concat([pdfBytes(), Buffer.alloc(256 * 1024, 0x20)]));
      await until(() => fs.readdirSync(incoming).length > 0);
      upload.destroy();
      await until(() => fs.readdirSync(incoming).length === 0);
    } finally {
      server.close();
    }
    nothingStored(world);
  });
});
