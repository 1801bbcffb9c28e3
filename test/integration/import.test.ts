import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type ImportError, importCatalogue } from '../../src/catalogue/import.js';
import { findLatestImportRun } from '../../src/catalogue/import-runs.repository.js';
import type { Db } from '../../src/db/db.js';
import { createOffClient } from '../../src/off/off-client.js';
import {
  createApiSearchSource,
  createJsonlSource,
  openJsonlFile,
  openJsonlUrl,
} from '../../src/off/record-source.js';
import { countProducts } from '../../src/products/products.repository.js';
import { type FakeOff, startFakeOff } from '../support/fake-off-server.js';
import { readSample, readSampleRecords, samplePath } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { createTestDb, DRIVERS, type TestDb } from '../support/test-db.js';

const DUMP = 'off-dump-min-1000.jsonl.gz';
const USER_AGENT = 'PurBeurre/0.0.0-test (tests@pur-beurre.invalid)';

function jsonlSource(lines: string[], label = 'test') {
  return createJsonlSource(label, Readable.from([Buffer.from(lines.join('\n'))]), null);
}

async function readCatalogue(db: Db) {
  return db.query<{ code: string; name: string; nutriscore_grade: string | null }>(
    'SELECT code, name, nutriscore_grade FROM products ORDER BY code',
  );
}

for (const driver of DRIVERS) {
  describe(`importing Open Food Facts data (${driver})`, () => {
    let testDb: TestDb;
    let db: Db;
    let off: FakeOff;

    const resources = new Resources();
    before(async () => {
      testDb = resources.add(await createTestDb(driver), (t) => t.drop());
      db = testDb.db;
      off = resources.add(await startFakeOff(), (o) => o.close());
    });
    after(() => resources.close());

    it('imports the real OFF export file, and a second run changes nothing', async () => {
      const first = await importCatalogue(db, await openJsonlFile(samplePath(DUMP)));
      assert.equal(first.recordsRead, 1000);
      assert.equal(first.productsAdded + first.recordsRejected, 1000);
      assert.ok(first.productsAdded > 950, `added ${first.productsAdded}`);
      assert.equal(await countProducts(db), first.productsAdded);

      const [spread] = await db.query<{ name: string; nutriscore_grade: string; categories: string[] }>(
        `SELECT p.name, p.nutriscore_grade,
           array(SELECT c.tag FROM unnest(p.category_ids) WITH ORDINALITY AS i(id, ord)
                 JOIN categories c ON c.id = i.id ORDER BY i.ord) AS categories
         FROM products p WHERE p.code = '0000101209159'`,
      );
      assert.equal(spread?.name, 'Véritable pâte à tartiner noisettes chocolat noir');
      assert.equal(spread?.nutriscore_grade, 'e');
      assert.deepEqual(spread?.categories, [
        'en:breakfasts',
        'en:spreads',
        'en:sweet-spreads',
        'fr:pates-a-tartiner',
        'en:hazelnut-spreads',
        'en:chocolate-spreads',
        'en:cocoa-and-hazelnuts-spreads',
      ]);
      const [sweetSpreads] = await db.query<{ name: string; product_count: number }>(
        "SELECT name, product_count FROM categories WHERE tag = 'en:sweet-spreads'",
      );
      assert.equal(sweetSpreads?.name, 'Sweet spreads');
      assert.ok((sweetSpreads?.product_count ?? 0) >= 1);

      const second = await importCatalogue(db, await openJsonlFile(samplePath(DUMP)));
      assert.deepEqual(
        [second.productsAdded, second.productsUpdated, second.productsUnchanged],
        [0, 0, first.productsAdded],
      );
      const run = await findLatestImportRun(db);
      assert.equal(run?.status, 'succeeded');
      assert.equal(run?.productsUnchanged, first.productsAdded);
    });

    it('counts bad records with their line and reason, and imports the rest', async () => {
      const summary = await importCatalogue(
        db,
        jsonlSource([
          JSON.stringify({ code: '2000000000015', product_name: 'Tartine du test', nutriscore_grade: 'b' }),
          '{"code": "2000000000022", "product_name": ',
          JSON.stringify({ code: 'not-a-barcode', product_name: 'Nameless code' }),
          '',
          JSON.stringify({ code: '2000000000039', product_name: '' }),
          JSON.stringify({
            code: '2000000000046',
            product_name: 'Brioche du test',
            nutriscore_grade: 'unknown',
          }),
        ]),
      );
      assert.equal(summary.recordsRead, 5);
      assert.equal(summary.productsAdded, 2);
      assert.deepEqual(
        summary.rejections.map((rejection) => rejection.line),
        [2, 3, 5],
      );
      assert.match(summary.rejections[0]?.reason ?? '', /JSON/);
      assert.match(summary.rejections[1]?.reason ?? '', /barcode/);
      assert.match(summary.rejections[2]?.reason ?? '', /name/);
      const [brioche] = await db.query<{ nutriscore_grade: string | null }>(
        "SELECT nutriscore_grade FROM products WHERE code = '2000000000046'",
      );
      assert.equal(brioche?.nutriscore_grade, null);
    });

    it('updates a product whose data changed upstream, by barcode', async () => {
      const summary = await importCatalogue(
        db,
        jsonlSource([
          JSON.stringify({ code: '2000000000015', product_name: 'Tartine du test', nutriscore_grade: 'a' }),
        ]),
      );
      assert.deepEqual([summary.productsAdded, summary.productsUpdated], [0, 1]);
      const [tartine] = await db.query<{ nutriscore_grade: string }>(
        "SELECT nutriscore_grade FROM products WHERE code = '2000000000015'",
      );
      assert.equal(tartine?.nutriscore_grade, 'a');
    });

    it('keeps the record OFF changed last for one barcode, and never lets an undated copy replace a dated one', async () => {
      // Bovetti's spread, a real dump record: 7 categories, last modified 2023-04-29.
      const real = readSampleRecords(DUMP).find(
        (record) => (record as { code?: string }).code === '0000101209159',
      ) as Record<string, unknown>;
      const categoriesOf = async () => {
        const [row] = await db.query<{ name: string; categories: number }>(
          "SELECT name, cardinality(category_ids) AS categories FROM products WHERE code = '0000101209159'",
        );
        return row;
      };
      const poorer = {
        code: '0000101209159',
        product_name: 'Pâte à tartiner',
        categories_tags: ['en:spreads'],
      };
      await importCatalogue(db, jsonlSource([JSON.stringify(real)]));
      assert.deepEqual(await categoriesOf(), { name: real.product_name, categories: 7 });
      // An undated poorer copy, then an older one, in later runs: the dated record stays.
      await importCatalogue(db, jsonlSource([JSON.stringify(poorer)]));
      await importCatalogue(db, jsonlSource([JSON.stringify({ ...poorer, last_modified_t: 1600000000 })]));
      assert.deepEqual(await categoriesOf(), { name: real.product_name, categories: 7 });
      // Within one file too, whatever the order.
      await importCatalogue(
        db,
        jsonlSource([JSON.stringify(real), JSON.stringify({ ...poorer, last_modified_t: 1600000000 })]),
      );
      assert.deepEqual(await categoriesOf(), { name: real.product_name, categories: 7 });
      // A later change wins.
      await importCatalogue(db, jsonlSource([JSON.stringify({ ...poorer, last_modified_t: 1700000000 })]));
      assert.deepEqual(await categoriesOf(), { name: 'Pâte à tartiner', categories: 1 });
    });

    it('leaves the catalogue as it was when the gzip file is truncated, and records the failure', async () => {
      const before = await readCatalogue(db);
      const dump = readSample(DUMP);
      const truncated = dump.subarray(0, Math.floor(dump.length * 0.6));
      const source = createJsonlSource('truncated', Readable.from([truncated]), truncated.length);
      await assert.rejects(importCatalogue(db, source), (error: ImportError) => {
        assert.match(error.message, /unexpected end of file/);
        return true;
      });
      assert.deepEqual(await readCatalogue(db), before);
      const run = await findLatestImportRun(db);
      assert.equal(run?.status, 'failed');
      assert.match(run?.error ?? '', /unexpected end of file/);
    });

    it('streams an export from a URL with our User-Agent, retrying a server that answers 503', async () => {
      const records = [
        { code: '2000000000053', product_name: 'Compote du réseau', nutriscore_grade: 'a' },
        { code: '2000000000060', product_name: 'Biscuit du réseau', nutriscore_grade: 'd' },
      ];
      off.files.set('/data/export.jsonl.gz', gzipSync(records.map((r) => JSON.stringify(r)).join('\n')));
      off.faults.set('/data/export.jsonl.gz', { kind: 'status', status: 503, times: 2 });
      const client = createOffClient({ userAgent: USER_AGENT, retryDelayMs: 10 });
      const summary = await importCatalogue(
        db,
        await openJsonlUrl(client, `${off.url}/data/export.jsonl.gz`),
      );
      assert.equal(summary.productsAdded, 2);
      const downloads = off.requests.filter((request) => request.path === '/data/export.jsonl.gz');
      assert.equal(downloads.length, 3);
      assert.ok(downloads.every((request) => request.userAgent === USER_AGENT));
    });

    it('gives up with a clear error when the server keeps failing', async () => {
      off.faults.set('/data/export.jsonl.gz', { kind: 'status', status: 503, times: 10 });
      const client = createOffClient({ userAgent: USER_AGENT, retries: 2, retryDelayMs: 10 });
      await assert.rejects(
        openJsonlUrl(client, `${off.url}/data/export.jsonl.gz`),
        /HTTP 503.*export\.jsonl\.gz/,
      );
      off.faults.delete('/data/export.jsonl.gz');
    });

    for (const fault of [
      { kind: 'stall', afterBytes: 40_000, expected: /stopped sending data/ },
      { kind: 'reset', afterBytes: 40_000, expected: /terminated|reset|aborted|closed/i },
    ] as const) {
      it(`leaves the catalogue as it was when the server ${fault.kind === 'stall' ? 'goes silent' : 'cuts the connection'} mid-stream`, async () => {
        const before = await readCatalogue(db);
        off.files.set('/data/big.jsonl.gz', readSample(DUMP));
        off.faults.set('/data/big.jsonl.gz', { kind: fault.kind, afterBytes: fault.afterBytes });
        const client = createOffClient({ userAgent: USER_AGENT, timeoutMs: 300, retries: 0 });
        const source = await openJsonlUrl(client, `${off.url}/data/big.jsonl.gz`);
        await assert.rejects(importCatalogue(db, source), fault.expected);
        assert.deepEqual(await readCatalogue(db), before);
        assert.equal((await findLatestImportRun(db))?.status, 'failed');
      });
    }

    it('pages through the OFF search API as the original did (country, sort, page size, pages)', async () => {
      off.searchProducts = readSampleRecords('purbeurre-aspidistras-fr-2019.jsonl.gz');
      const client = createOffClient({ userAgent: USER_AGENT });
      const source = createApiSearchSource(client, {
        baseUrl: off.url,
        country: 'france',
        pageSize: 1000,
        pages: 3,
        sort: 'unique_scans_n',
      });
      const summary = await importCatalogue(db, source);
      assert.equal(summary.recordsRead, 3000);
      const searches = off.requests.filter((request) => request.path === '/api/v2/search');
      assert.deepEqual(
        searches.map((request) => request.query.get('page')),
        ['1', '2', '3'],
      );
      for (const request of searches) {
        assert.equal(request.query.get('countries_tags'), 'en:france');
        assert.equal(request.query.get('sort_by'), 'unique_scans_n');
        assert.equal(request.query.get('page_size'), '1000');
        assert.match(request.query.get('fields') ?? '', /categories_tags/);
        assert.equal(request.userAgent, USER_AGENT);
      }
    });
  });
}
