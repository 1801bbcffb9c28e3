import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { toFavouritesCsv } from '../../src/favourites/favourites-export.js';
import { createInjectBrowser, type InjectBrowser } from '../support/inject-browser.js';
import { Resources } from '../support/resources.js';
import { startTestSite } from '../support/test-app.js';

const NUTELLA = '3017620429484';
const PASSWORD = 'du-beurre-de-qualite';

/** Splits RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('exports of Mes aliments and of the account', () => {
  let app: FastifyInstance;
  let browser: InjectBrowser;
  let substitute = '';

  const resources = new Resources();
  before(async () => {
    ({ app } = await startTestSite(resources, { fixtures: ['purbeurre-aspidistras-fr-2019.jsonl.gz'] }));
    browser = createInjectBrowser(app);
    await browser.get('/inscription');
    await browser.post('/inscription', {
      email: 'colette@example.org',
      firstName: 'Colette',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    const page = await browser.get(`/produit/${NUTELLA}/substituts`);
    substitute = page.body.match(/name="substitute" value="(\d+)"/)?.[1] ?? '';
    assert.notEqual(substitute, '');
    await browser.post('/mes-aliments', { product: NUTELLA, substitute });
  });
  after(() => resources.close());

  it('offers Mes aliments as CSV and JSON files that parse back to the saved pairs', async () => {
    const list = await browser.get('/mes-aliments');
    assert.match(list.body, /href="\/mes-aliments\/export\.csv"/);
    assert.match(list.body, /href="\/mes-aliments\/export\.json"/);

    const csv = await browser.get('/mes-aliments/export.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="mes-aliments\.csv"/);
    assert.match(String(csv.headers['cache-control']), /no-store/);
    const rows = parseCsv(csv.body.replace(/^\ufeff/, ''));
    assert.deepEqual(rows[0]?.slice(0, 4), [
      'code_produit',
      'produit',
      'nutriscore_produit',
      'code_substitut',
    ]);
    assert.equal(rows.length, 2);
    assert.equal(rows[1]?.[0], NUTELLA);
    assert.equal(rows[1]?.[3], substitute);

    const json = await browser.get('/mes-aliments/export.json');
    assert.match(String(json.headers['content-disposition']), /filename="mes-aliments\.json"/);
    const parsed = JSON.parse(json.body) as {
      favourites: { product: { code: string }; substitute: { code: string } }[];
    };
    assert.deepEqual(
      parsed.favourites.map((f) => [f.product.code, f.substitute.code]),
      [[NUTELLA, substitute]],
    );
  });

  it('exports the whole account as JSON from Mon compte', async () => {
    const account = await browser.get('/mon-compte');
    assert.match(account.body, /href="\/mon-compte\/export\.json"/);
    const response = await browser.get('/mon-compte/export.json');
    assert.equal(response.statusCode, 200);
    const data = JSON.parse(response.body) as {
      account: { email: string; firstName: string; createdAt: string };
      favourites: unknown[];
    };
    assert.equal(data.account.email, 'colette@example.org');
    assert.equal(data.account.firstName, 'Colette');
    assert.ok(!Number.isNaN(Date.parse(data.account.createdAt)));
    assert.equal(data.favourites.length, 1);
    assert.doesNotMatch(response.body, /password|scrypt/);
  });

  it('sends visitors to log in instead', async () => {
    for (const url of ['/mes-aliments/export.csv', '/mes-aliments/export.json', '/mon-compte/export.json']) {
      const response = await app.inject(url);
      assert.equal(response.statusCode, 303, url);
      assert.match(String(response.headers.location), /^\/connexion\?next=/);
    }
  });

  it('never lets a spreadsheet run a product name as a formula', () => {
    const product = {
      id: 1,
      code: '1',
      name: '=HYPERLINK("http://evil.example","clic")',
      brands: '+cmd, "x"',
      quantity: null,
      nutriscoreGrade: 'e' as const,
      imageSmallUrl: null,
    };
    const csv = toFavouritesCsv([
      { product, substitute: { ...product, code: '2', name: '@SUM(1)' }, savedAt: new Date(0) },
    ] as unknown as Parameters<typeof toFavouritesCsv>[0]);
    const [, row] = parseCsv(csv.replace(/^\ufeff/, ''));
    assert.equal(row?.[1], `'=HYPERLINK("http://evil.example","clic")`);
    assert.equal(row?.[4], `'@SUM(1)`);
    assert.equal(row?.[5], `'+cmd, "x"`);
  });
});
