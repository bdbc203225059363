import { testClock } from '../factories.js';
import { expect } from 'chai';
import request from 'supertest';
import { loadDemoData } from '../../src/demo-data.js';
import { makeApp } from '../helpers.js';
import { getBytes, unzipEntry } from './binary.js';

describe('export: the zápis as Word', () => {
  it('is a .docx (a zip) holding the demo zápis in Czech, with download headers', async () => {
    const world = makeApp();
    const demo = loadDemoData(world.db, testClock);
    const res = await getBytes(request(world.app), `/meetings/${demo.tenthMeetingId}.docx`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['cache-control']).to.equal('private, no-store');
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="zapis-[a-z0-9-]+-10-2018-03-20\.docx"; filename\*=UTF-8''/);
    const xml = unzipEntry(res.body, 'word/document.xml');
    expect(xml).to.be.a('string');
    const text = (xml ?? '').replace(/<[^>]+>/g, '').replace(/[\s\u00a0]+/g, ' ');
    for (const expected of ['Zápis z 10. setkání Odborné pracovní skupiny Sociální služby', 'Průběh jednání', 'Sociální podnikání v Libereckém kraji', 'Filantropická burza', 'Usnesení č. 1/2018']) {
      expect(text).to.contain(expected);
    }
    const footers = ['word/footer1.xml', 'word/footer2.xml'].map((name) => unzipEntry(res.body, name) ?? '').join('');
    expect(footers).to.contain('PAGE').and.to.contain('NUMPAGES');
  }).timeout(20_000);
});
