// Issue 12, "every search under 20 ms alone at 1M": a search ranks the hits of the catalogue's
// 10,000 most popular products when they hold enough of them (migration 015's bands), and
// widens to every product when they do not. Past 10,000 products, on PostgreSQL: a catalogue of
// 10,060 biscuits, the most popular first, whose 60 least popular lie beyond the first band.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { importCatalogue } from '../../src/catalogue/import.js';
import { createJsonlSource } from '../../src/off/record-source.js';
import { toMarkets } from '../../src/product/product-rows.js';
import { searchCatalogue } from '../../src/search/search.js';
import { ean13CheckDigit } from '../support/catalogue-generator.js';
import { toText } from '../support/html-text.js';
import { Resources } from '../support/resources.js';
import { buildTestApp } from '../support/test-app.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const PRODUCTS = 10_060;
const MARKETS = toMarkets('en:france');
const toCode = (i: number) => {
  const digits = `200${String(i).padStart(9, '0')}`;
  return `${digits}${ean13CheckDigit(digits)}`;
};
/** Product i: scanned i times, so product 0 is the least popular; five of the tail are sablés. */
const toRecord = (i: number) =>
  JSON.stringify({
    code: toCode(i),
    product_name: i === 3 ? 'Biscuit rarissime au sarrasin' : i < 5 ? `Biscuit sablé ${i}` : `Biscuit ${i}`,
    brands: 'Biscuiterie témoin',
    countries_tags: ['en:france'],
    unique_scans_n: i,
    last_modified_t: 1_700_000_000,
  });

describe('search past 10,000 products: the most popular first, bounded work', () => {
  let testDb: TestDb;
  let app: FastifyInstance;
  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    const lines = Array.from({ length: PRODUCTS }, (_, i) => `${toRecord(i)}\n`);
    await importCatalogue(testDb.db, createJsonlSource('biscuits.jsonl', Readable.from(lines), null));
    app = resources.add(await buildTestApp(testDb.db), (a) => a.close());
  });
  after(() => resources.close());

  const search = (query: string, page = 1) => searchCatalogue(testDb.db, query, MARKETS, page);

  it('ranks a word held by every product among the 10,000 most popular, and says so', async () => {
    const outcome = await search('biscuit');
    assert.equal(outcome.kind, 'results');
    assert.ok(outcome.kind === 'results');
    assert.equal(outcome.capped, true);
    assert.equal(outcome.pages, 10_000 / 20, 'the 60 least popular are beyond the first band');
    assert.deepEqual(
      outcome.matches.map((match) => match.code),
      Array.from({ length: 20 }, (_, i) => toCode(PRODUCTS - 1 - i)),
      'most popular first',
    );
    const last = await search('biscuit', 500);
    assert.ok(last.kind === 'results');
    assert.equal(
      last.matches.at(-1)?.code,
      toCode(PRODUCTS - 10_000),
      'the 10,000th most popular ends the list',
    );
    assert.deepEqual(await search('biscuit', 501), { kind: 'past-end', page: 501 });

    const page = await app.inject('/recherche?q=biscuit');
    assert.equal(page.statusCode, 200);
    assert.match(toText(page.body), /Page 1 sur 500/);
    assert.match(toText(page.body), /seuls les plus consultés sont listés\. Ajoutez un mot/);
  });

  it('finds every product of a rarer word, however unpopular ("sablé": 5 of the 60 least popular)', async () => {
    const outcome = await search('sablé');
    assert.ok(outcome.kind === 'results');
    assert.equal(outcome.capped, false);
    assert.deepEqual(
      outcome.matches.map((match) => match.code),
      [4, 2, 1, 0].map(toCode),
      'product 3 is "rarissime", not "sablé"',
    );
    const page = await app.inject('/recherche?q=sabl%C3%A9');
    assert.doesNotMatch(toText(page.body), /seuls les plus consultés/);
  });

  it('finds the least popular product by its own words, beside a word every product holds', async () => {
    assert.deepEqual(await search('Biscuit rarissime au sarrasin'), {
      kind: 'redirect',
      location: `/produit/${toCode(3)}/substituts`,
    });
    const listed = await search('rarissime biscuit');
    assert.ok(listed.kind === 'results');
    assert.equal(listed.capped, false);
    assert.deepEqual(
      listed.matches.map((match) => match.code),
      [toCode(3)],
    );
  });
});
