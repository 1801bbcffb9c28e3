import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../src/accounts/users.repository.js';
import { importCatalogue } from '../../src/catalogue/import.js';
import { listFavourites, saveFavourite } from '../../src/favourites/favourites.repository.js';
import { openJsonlFile } from '../../src/off/record-source.js';
import { toMarkets } from '../../src/product/product-rows.js';
import { findProductByCode, findSubstitutes } from '../../src/products/products.repository.js';
import { correctSpelling } from '../../src/search/search.js';
import {
  findNameSuggestions,
  findProducts,
  foldForSearch,
  toSuggestionKey,
} from '../../src/search/search.repository.js';
import { createSessionStore } from '../../src/web/session-store.js';
import { samplePath } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { createTestDb, DRIVERS, type TestDb } from '../support/test-db.js';

const NUTELLA = '3017620429484';
const MARKETS = toMarkets('en:france');

for (const driver of DRIVERS) {
  describe(`site repositories on ${driver}`, () => {
    let testDb: TestDb;
    const resources = new Resources();
    before(async () => {
      testDb = resources.add(await createTestDb(driver), (t) => t.drop());
      await importCatalogue(
        testDb.db,
        await openJsonlFile(samplePath('purbeurre-aspidistras-fr-2019.jsonl.gz')),
      );
    });
    after(() => resources.close());

    it('folds accents and case as the stored column does, and ranks names before categories', async () => {
      const folded = await foldForSearch(testDb.db, 'PÂTE À Tartiner');
      assert.equal(folded, 'pate a tartiner');
      const found = await findProducts(testDb.db, folded, MARKETS, { limit: 100, offset: 0 });
      assert.ok(found.items.length > 1);
      assert.ok(found.total >= found.items.length);
      const ranks = found.items.map((m) => m.rank);
      assert.deepEqual(ranks, [...ranks].sort());
      assert.ok(found.items.every((m) => m.rank === 3 || /p[âa]tes? .*tartiner/i.test(m.name)));
    });

    it('treats LIKE and tsquery syntax in the query as text', async () => {
      for (const text of ['%', "'", '&|!:*', '(']) {
        const found = await findProducts(testDb.db, await foldForSearch(testDb.db, text), MARKETS, {
          limit: 5,
          offset: 0,
        });
        assert.deepEqual(found.items, [], text);
        const key = await toSuggestionKey(testDb.db, `_${text}`);
        assert.deepEqual(await findNameSuggestions(testDb.db, key, 5, MARKETS), [], text);
      }
    });

    it("spells a typo right against the catalogue's words, and leaves known words and prefixes alone", async () => {
      assert.equal(await correctSpelling(testDb.db, 'nutela'), 'nutella');
      assert.equal(await correctSpelling(testDb.db, 'pate a tartiner nutela'), 'pate a tartiner nutella');
      assert.equal(await correctSpelling(testDb.db, 'nutella'), null);
      assert.equal(await correctSpelling(testDb.db, 'nute'), null);
      assert.equal(await correctSpelling(testDb.db, 'zzzzqqq'), null);
    });

    it('returns only strictly better products sharing the searched category, never padding', async () => {
      const nutella = await findProductByCode(testDb.db, NUTELLA);
      assert.ok(nutella !== null);
      const page = await findSubstitutes(testDb.db, nutella, MARKETS, { limit: 500, offset: 0 });
      assert.ok(page.total >= 1);
      assert.equal(page.category?.tag, 'en:cocoa-and-hazelnuts-spreads');
      const searched = page.category?.id;
      assert.ok(searched !== undefined);
      assert.equal(page.items.length, page.total);
      const rows = await testDb.db.query<{ code: string; nutriscore_grade: string; category_ids: number[] }>(
        'SELECT code, nutriscore_grade, category_ids FROM products WHERE code = ANY ($1::text[])',
        [page.items.map((item) => item.code)],
      );
      for (const row of rows) {
        assert.ok(row.nutriscore_grade < 'e', row.code);
        assert.ok(row.category_ids.includes(searched), row.code);
      }
      const second = await findSubstitutes(testDb.db, nutella, MARKETS, { limit: 6, offset: 6 });
      assert.deepEqual(
        second.items.map((item) => item.code),
        page.items.slice(6, 12).map((item) => item.code),
      );
    });

    it('keeps a favourite’s products: deleting one a favourite points at is refused', async () => {
      const userId = await createUser(testDb.db, {
        email: 'colette@example.org',
        firstName: 'Colette',
        lastName: null,
        passwordHash: 'x',
      });
      assert.ok(userId !== null);
      const nutella = await findProductByCode(testDb.db, NUTELLA);
      assert.ok(nutella !== null);
      const [substitute] = (await findSubstitutes(testDb.db, nutella, MARKETS, { limit: 1, offset: 0 }))
        .items;
      assert.ok(substitute !== undefined);
      assert.equal(await saveFavourite(testDb.db, userId, NUTELLA, substitute.code), 'saved');
      assert.equal(await saveFavourite(testDb.db, userId, NUTELLA, substitute.code), 'already');
      assert.equal(
        await saveFavourite(testDb.db, userId, substitute.code, NUTELLA),
        'unknown',
        'not a better product',
      );
      assert.equal((await listFavourites(testDb.db, userId)).length, 1);
      await assert.rejects(
        testDb.db.query('DELETE FROM products WHERE code = $1', [substitute.code]),
        /foreign key/,
      );
    });

    it('stores sessions with their expiry and forgets expired ones', async () => {
      const store = createSessionStore(testDb.db, 60_000);
      const call = <T>(fn: (cb: (error?: unknown, value?: T) => void) => void) =>
        new Promise<T | undefined>((resolve, reject) =>
          fn((error, value) => (error ? reject(error) : resolve(value))),
        );
      const session = {
        cookie: { expires: new Date(Date.now() + 30 * 86_400_000) },
        userId: undefined,
      } as never;
      const expired = { cookie: { expires: new Date(Date.now() - 1000) } } as never;
      await call((cb) => store.set('live', session, cb));
      await call((cb) => store.set('old', expired, cb));
      assert.ok(await call((cb) => store.get('live', cb as never)));
      assert.equal(await call((cb) => store.get('old', cb as never)), null);
      assert.equal(await store.deleteExpired(), 1);
      const [visitor] = await testDb.db.query<{ hours: number }>(
        "SELECT extract(epoch FROM expires_at - now()) / 3600 AS hours FROM sessions WHERE sid = 'live'",
      );
      assert.ok(visitor !== undefined && visitor.hours <= 2, 'a visitor’s session lasts two hours at most');
      await call((cb) => store.destroy('live', cb));
      assert.equal(await call((cb) => store.get('live', cb as never)), null);
    });
  });
}
