import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createUser } from '../../src/accounts/users.repository.js';
import type { ImportError } from '../../src/catalogue/import.js';
import { findLatestImportRun } from '../../src/catalogue/import-runs.repository.js';
import { UpdateBusyError, type UpdateOptions, updateCatalogue } from '../../src/catalogue/update.js';
import type { Db } from '../../src/db/db.js';
import { listFavourites, saveFavourite } from '../../src/favourites/favourites.repository.js';
import { createOffClient } from '../../src/off/off-client.js';
import { TAXONOMY_PATH } from '../../src/off/taxonomy.js';
import { findProductByCode } from '../../src/products/products.repository.js';
import { findProducts, foldForSearch } from '../../src/search/search.repository.js';
import { type FakeOff, startFakeOff } from '../support/fake-off-server.js';
import {
  DAY,
  deltaDownloads,
  deltaName,
  publishDeltas,
  publishFullExport,
  T0,
  type TestProduct,
  toJsonlGz,
} from '../support/off-deltas.js';
import { readSample, TAXONOMY_FIXTURE } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { createTestDb, DRIVERS, type TestDb } from '../support/test-db.js';

const USER_AGENT = 'PurBeurre/0.0.0-test (tests@pur-beurre.invalid)';
const SPREADS = ['en:spreads', 'en:sweet-spreads'];

const code = (n: number) => `30000000000${String(n).padStart(2, '0')}`;
const BASE: TestProduct[] = Array.from({ length: 20 }, (_, i) => ({
  code: code(i + 1),
  name: `Produit ${i + 1}`,
  grade: 'abcde'[i % 5] ?? null,
}));
// Two spreads: B (grade e) has a better substitute, C (grade c), sharing its categories.
const SPREAD_B: TestProduct = { code: code(1), name: 'Pâte à tartiner B', grade: 'e', categories: SPREADS };
const SPREAD_C: TestProduct = { code: code(2), name: 'Pâte à tartiner C', grade: 'c', categories: SPREADS };
const START: TestProduct[] = [SPREAD_B, SPREAD_C, ...BASE.slice(2)];
const PRODUCT_A = BASE[2] as TestProduct;

interface Catalogue {
  code: string;
  name: string;
  nutriscore_grade: string | null;
  delisted_at: Date | null;
}

async function readCatalogue(db: Db): Promise<Catalogue[]> {
  return db.query<Catalogue & Record<string, unknown>>(
    'SELECT code, name, nutriscore_grade, delisted_at FROM products ORDER BY code',
  );
}

async function countRuns(db: Db): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM import_runs');
  return row?.count ?? 0;
}

async function readGrade(db: Db, productCode: string): Promise<string | null | undefined> {
  const [row] = await db.query<{ nutriscore_grade: string | null }>(
    'SELECT nutriscore_grade FROM products WHERE code = $1',
    [productCode],
  );
  return row?.nutriscore_grade;
}

/** Whether a listed product with a strictly better grade shares a category with this one. */
async function hasBetterSubstitute(db: Db, productCode: string): Promise<boolean> {
  const [row] = await db.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM products p JOIN products s ON s.category_ids && p.category_ids
       WHERE p.code = $1 AND s.code <> p.code AND s.delisted_at IS NULL
         AND s.nutriscore_grade < p.nutriscore_grade) AS found`,
    [productCode],
  );
  return row?.found === true;
}

for (const driver of DRIVERS) {
  describe(`updating the catalogue from Open Food Facts deltas (${driver})`, () => {
    let testDb: TestDb;
    let db: Db;
    let off: FakeOff;
    const deltas = new Map<string, Buffer>();
    const publish = (name: string, body: Buffer) => {
      deltas.set(name, body);
      publishDeltas(off, deltas);
    };
    const update = (options: Partial<UpdateOptions> = {}) =>
      updateCatalogue(db, {
        client: createOffClient({ userAgent: USER_AGENT, retries: 2, retryDelayMs: 10, timeoutMs: 2_000 }),
        staticUrl: off.url,
        maxShrink: 0.1,
        ...options,
      });

    const resources = new Resources();
    before(async () => {
      testDb = resources.add(await createTestDb(driver), (t) => t.drop());
      db = testDb.db;
      off = resources.add(await startFakeOff(), (o) => o.close());
    });
    after(() => resources.close());

    it('starts from the full export when no update has succeeded yet', async () => {
      publishFullExport(off, START);
      publish(deltaName(T0, T0 + DAY), toJsonlGz([{ ...PRODUCT_A, grade: 'c' }]));
      const summary = await update();
      assert.equal(summary.mode, 'full');
      assert.match(summary.fullReason ?? '', /no successful update yet/);
      assert.equal(summary.productsAdded, 20);
      // The export may predate the newest delta a little: the next run applies that one again.
      assert.deepEqual(summary.coveredUntil, new Date(T0 * 1000));
      assert.deepEqual(deltaDownloads(off), []);
      const run = await findLatestImportRun(db);
      assert.equal(run?.kind, 'update');
      assert.equal(run?.status, 'succeeded');
    });

    it('applies two successive deltas in name order, and records them', async () => {
      publish(
        deltaName(T0 + DAY, T0 + 2 * DAY),
        toJsonlGz([
          { ...PRODUCT_A, grade: 'a' },
          { ...PRODUCT_A, code: code(21) },
        ]),
      );
      const summary = await update();
      assert.equal(summary.mode, 'deltas');
      assert.deepEqual(summary.deltasApplied, [deltaName(T0, T0 + DAY), deltaName(T0 + DAY, T0 + 2 * DAY)]);
      assert.deepEqual(deltaDownloads(off), summary.deltasApplied);
      // The older delta says c, the newer a: applied in order, the newer wins.
      assert.equal(await readGrade(db, PRODUCT_A.code), 'a');
      assert.equal(summary.productsAdded, 1);
      const [run] = await db.query<{ update_mode: string; deltas_applied: string[]; covered_until: Date }>(
        'SELECT update_mode, deltas_applied, covered_until FROM import_runs WHERE id = $1',
        [summary.runId],
      );
      assert.equal(run?.update_mode, 'deltas');
      assert.deepEqual(run?.deltas_applied, summary.deltasApplied);
      assert.deepEqual(run?.covered_until, new Date((T0 + 2 * DAY) * 1000));
    });

    it('does nothing when Open Food Facts has nothing new, and still records a successful run', async () => {
      const downloads = deltaDownloads(off).length;
      const before = await readCatalogue(db);
      const summary = await update();
      assert.deepEqual(summary.deltasApplied, []);
      assert.deepEqual([summary.recordsRead, summary.productsAdded, summary.productsUpdated], [0, 0, 0]);
      assert.equal(deltaDownloads(off).length, downloads);
      assert.deepEqual(await readCatalogue(db), before);
      const run = await findLatestImportRun(db);
      assert.equal(run?.id, summary.runId);
      assert.equal(run?.status, 'succeeded');
    });

    it('moves a product whose grade changed in substitutes', async () => {
      assert.equal(await hasBetterSubstitute(db, SPREAD_B.code), true);
      assert.equal(await hasBetterSubstitute(db, SPREAD_C.code), false);
      publish(
        deltaName(T0 + 2 * DAY, T0 + 3 * DAY),
        toJsonlGz([
          { ...SPREAD_C, grade: 'e' },
          { ...SPREAD_B, grade: 'b' },
        ]),
      );
      const summary = await update();
      assert.equal(summary.productsUpdated, 2);
      assert.equal(await readGrade(db, SPREAD_C.code), 'e');
      assert.equal(await hasBetterSubstitute(db, SPREAD_B.code), false);
      assert.equal(await hasBetterSubstitute(db, SPREAD_C.code), true);
    });

    it('reports what a dry run would change, and changes nothing', async () => {
      const before = await readCatalogue(db);
      const runs = await countRuns(db);
      publish(
        deltaName(T0 + 3 * DAY, T0 + 4 * DAY),
        toJsonlGz([
          { ...PRODUCT_A, grade: 'b' },
          { ...PRODUCT_A, code: code(22) },
        ]),
      );
      const dry = await update({ dryRun: true });
      assert.equal(dry.dryRun, true);
      assert.deepEqual([dry.productsAdded, dry.productsUpdated], [1, 1]);
      assert.deepEqual(await readCatalogue(db), before);
      assert.equal(await countRuns(db), runs);

      const real = await update();
      assert.deepEqual(real.deltasApplied, [deltaName(T0 + 3 * DAY, T0 + 4 * DAY)]);
      assert.equal(await readGrade(db, PRODUCT_A.code), 'b');
    });

    describe('faults: the catalogue stays as it was and the run is recorded as failed', () => {
      const next = deltaName(T0 + 4 * DAY, T0 + 5 * DAY);
      const good = toJsonlGz([{ ...PRODUCT_A, grade: 'd' }]);
      const faults: { name: string; arrange(): void; expected: RegExp; options?: Partial<UpdateOptions> }[] =
        [
          {
            name: 'the delta index cannot be reached',
            arrange: () => off.faults.set('/data/delta/index.txt', { kind: 'status', status: 500, times: 3 }),
            expected: /HTTP 500.*index\.txt/,
          },
          {
            name: 'a delta is missing (404)',
            arrange: () => {
              publish(next, good);
              off.files.delete(`/data/delta/${next}`);
            },
            expected: /HTTP 404.*products_/,
          },
          {
            name: 'a delta is a truncated gzip',
            arrange: () => publish(next, good.subarray(0, good.length - 12)),
            expected: /unexpected end of file/,
          },
          {
            name: 'the connection is cut in the middle of a delta',
            arrange: () => {
              publish(next, toJsonlGz(START.map((product) => ({ ...product, grade: 'a' }))));
              off.faults.set(`/data/delta/${next}`, { kind: 'reset', afterBytes: 100 });
            },
            expected: /terminated|reset|aborted|closed|unexpected end of file/i,
          },
          {
            name: 'a delta holds lines that are not JSON',
            arrange: () =>
              publish(next, toJsonlGz([{ ...PRODUCT_A, grade: 'd' }], ['{"code": "30000000000'])),
            expected: /is corrupt: line 2: products_\d+_\d+\.json\.gz: not valid JSON/,
          },
          {
            name: 'a delta would take the Nutri-Score from half the catalogue',
            arrange: () =>
              publish(next, toJsonlGz(START.slice(0, 11).map((product) => ({ ...product, grade: null })))),
            expected: /refused: .*products with a Nutri-Score from 2\d to 1\d .*--force/,
          },
        ];
      for (const fault of faults) {
        it(`when ${fault.name}`, async () => {
          const before = await readCatalogue(db);
          fault.arrange();
          await assert.rejects(update(fault.options), (error: ImportError) => {
            assert.equal(error.name, 'ImportError');
            assert.match(error.message, fault.expected);
            return true;
          });
          off.faults.clear();
          assert.deepEqual(await readCatalogue(db), before);
          const run = await findLatestImportRun(db);
          assert.equal(run?.status, 'failed');
          assert.match(run?.error ?? '', fault.expected);
        });
      }

      it('retries a delta answered with a 503, and downloads only what was not applied yet', async () => {
        publish(next, good);
        off.faults.set(`/data/delta/${next}`, { kind: 'status', status: 503, times: 1 });
        const downloadsBefore = deltaDownloads(off).length;
        const summary = await update();
        assert.deepEqual(summary.deltasApplied, [next]);
        assert.deepEqual(deltaDownloads(off).slice(downloadsBefore), [next, next]);
        assert.equal(await readGrade(db, PRODUCT_A.code), 'd');
      });

      it('tolerates lines that are not JSON when told how many', async () => {
        publish(
          deltaName(T0 + 5 * DAY, T0 + 6 * DAY),
          toJsonlGz([{ ...PRODUCT_A, grade: 'c' }], ['{"code": "300000']),
        );
        const summary = await update({ maxMalformed: 1 });
        assert.equal(summary.recordsRejected, 1);
        assert.equal(await readGrade(db, PRODUCT_A.code), 'c');
      });
    });

    it('delists the products a full export no longer holds, keeps them readable, and lists them again when they return', async () => {
      const gone = code(5);
      const current = await readCatalogue(db);
      const stillThere = current
        .filter((product) => product.code !== gone)
        .map((product) => ({ code: product.code, name: product.name, grade: product.nutriscore_grade }));
      // A shopper saved a pair involving the product about to disappear from OFF.
      const goneProduct = current.find((product) => product.code === gone);
      const partner = current.find(
        (product) =>
          product.nutriscore_grade !== null &&
          goneProduct?.nutriscore_grade !== null &&
          product.nutriscore_grade !== goneProduct?.nutriscore_grade,
      );
      assert.ok(goneProduct !== undefined && partner !== undefined, 'fixture has a pair to save');
      const [worse, better] =
        (partner.nutriscore_grade ?? '') > (goneProduct.nutriscore_grade ?? '')
          ? [partner, goneProduct]
          : [goneProduct, partner];
      const userId = await createUser(db, {
        email: `shopper-${driver}@example.org`,
        firstName: 'Colette',
        lastName: null,
        passwordHash: 'not-a-real-hash',
      });
      assert.ok(userId !== null);
      assert.equal(await saveFavourite(db, userId, worse.code, better.code), 'saved');

      publishFullExport(off, stillThere);
      const listedBefore = current.length;

      const summary = await update({ full: true });
      assert.equal(summary.mode, 'full');
      assert.equal(summary.productsDelisted, 1);
      assert.deepEqual([summary.before.listed, summary.after.listed], [listedBefore, listedBefore - 1]);
      const [product] = await db.query<{ name: string; delisted_at: Date | null }>(
        'SELECT name, delisted_at FROM products WHERE code = $1',
        [gone],
      );
      assert.equal(product?.name, 'Produit 5');
      assert.ok(product?.delisted_at instanceof Date);
      const [listed] = await db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM products WHERE delisted_at IS NULL',
      );
      assert.equal(listed?.count, listedBefore - 1);
      assert.equal((await findLatestImportRun(db))?.productsDelisted, 1);
      // Gone from search, still in "Mes aliments", marked on its sheet.
      const folded = await foldForSearch(db, 'Produit 5');
      assert.ok(
        !(await findProducts(db, folded, ['en:france', ''], { limit: 50, offset: 0 })).items.some(
          (match) => match.code === gone,
        ),
      );
      const favourites = await listFavourites(db, userId);
      assert.deepEqual(
        favourites.map((pair) => [pair.product.code, pair.substitute.code]),
        [[worse.code, better.code]],
      );
      assert.equal((await findProductByCode(db, gone))?.delisted, true);

      publish(
        deltaName(T0 + 6 * DAY, T0 + 7 * DAY),
        toJsonlGz([{ code: gone, name: 'Produit 5', grade: 'a' }]),
      );
      await update();
      const [back] = await db.query<{ delisted_at: Date | null }>(
        'SELECT delisted_at FROM products WHERE code = $1',
        [gone],
      );
      assert.equal(back?.delisted_at, null);
    });

    it('stores OFF’s category taxonomy when it changed, names categories and maps display names with it', async () => {
      const stored = async () =>
        db.query<{ tag: string; name_fr: string | null }>(
          `SELECT tag, name_fr FROM taxonomy_categories WHERE tag IN ('en:sweet-spreads', 'en:dairies') ORDER BY tag`,
        );
      const categoriesOf = async (productCode: string) => {
        const [row] = await db.query<{ tags: string[]; names: string[] }>(
          `SELECT ARRAY(SELECT c.tag FROM categories c WHERE c.id = ANY (p.category_ids) ORDER BY c.tag) AS tags,
             ARRAY(SELECT c.name FROM categories c WHERE c.id = ANY (p.category_ids) ORDER BY c.tag) AS names
           FROM products p WHERE p.code = $1`,
          [productCode],
        );
        return row;
      };
      // The fake serves the real (trimmed) taxonomy from the start: the earlier runs stored it.
      const first = await update();
      assert.equal(first.taxonomy.kind, 'unchanged');
      assert.deepEqual(await stored(), [
        { tag: 'en:dairies', name_fr: 'Produits laitiers' },
        { tag: 'en:sweet-spreads', name_fr: 'Produits à tartiner sucrés' },
      ]);
      const shown = async () =>
        db.query<{ name: string }>(`SELECT name FROM categories WHERE tag = 'en:sweet-spreads'`);
      assert.deepEqual(await shown(), [{ name: 'Produits à tartiner sucrés' }]);

      // OFF publishes a changed taxonomy, and a delta brings a record with display names only.
      const taxonomy = {
        'en:spreads': { name: { en: 'Spreads', fr: 'Produits à tartiner' }, parents: [] },
        'en:sweet-spreads': {
          name: { en: 'Sweet spreads', fr: 'Pâtes à tartiner sucrées' },
          parents: ['en:spreads'],
          synonyms: { fr: ['Pâtes à tartiner sucrées', 'Produits à tartiner sucrés'] },
        },
        'en:dairies': { name: { en: 'Dairies', fr: 'Produits laitiers' }, synonyms: { fr: ['laitages'] } },
        'en:broken': 'not an entry',
      };
      off.files.set(TAXONOMY_PATH, Buffer.from(JSON.stringify(taxonomy)));
      const derived = {
        code: code(40),
        product_name: 'Crème dessert',
        nutriscore_grade: 'c',
        categories: 'Laitages, Produits à tartiner sucrés',
      };
      publish(deltaName(T0 + 7 * DAY, T0 + 8 * DAY), toJsonlGz([], [JSON.stringify(derived)]));
      const changed = await update();
      assert.equal(changed.taxonomy.kind, 'updated');
      assert.deepEqual(await stored(), [
        { tag: 'en:dairies', name_fr: 'Produits laitiers' },
        { tag: 'en:sweet-spreads', name_fr: 'Pâtes à tartiner sucrées' },
      ]);
      assert.deepEqual(await shown(), [{ name: 'Pâtes à tartiner sucrées' }]);
      // The display names became OFF's tags, with their parents, shown by their French names.
      assert.deepEqual(await categoriesOf(derived.code), {
        tags: ['en:dairies', 'en:spreads', 'en:sweet-spreads'],
        names: ['Produits laitiers', 'Produits à tartiner', 'Pâtes à tartiner sucrées'],
      });
      const [source] = await db.query<{ categories: number; skipped: number }>(
        'SELECT categories, skipped FROM taxonomy_source',
      );
      assert.deepEqual(source, { categories: 3, skipped: 1 });

      // A taxonomy that cannot be downloaded keeps the stored one, and the products are updated all the same.
      off.files.delete(TAXONOMY_PATH);
      const kept = await update();
      assert.equal(kept.taxonomy.kind, 'kept');
      assert.match(kept.taxonomy.kind === 'kept' ? kept.taxonomy.reason : '', /HTTP 404/);
      assert.equal((await stored()).length, 2);
      off.files.set(TAXONOMY_PATH, gunzipSync(readSample(TAXONOMY_FIXTURE)));
    });

    it('refuses a --since older than the deltas Open Food Facts keeps', async () => {
      await assert.rejects(update({ since: new Date((T0 - DAY) * 1000) }), /--since .*run with --full/);
    });
  });
}

describe('updating while others use the catalogue (postgres)', () => {
  let testDb: TestDb;
  let db: Db;
  let off: FakeOff;
  const client = createOffClient({ userAgent: USER_AGENT, retries: 0, timeoutMs: 10_000 });
  const update = (options: Partial<UpdateOptions> = {}) =>
    updateCatalogue(db, { client, staticUrl: off.url, maxShrink: 0.1, ...options });

  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    db = testDb.db;
    off = resources.add(await startFakeOff(), (o) => o.close());
    publishFullExport(off, START);
    publishDeltas(off, new Map([[deltaName(T0, T0 + DAY), toJsonlGz([])]]));
    await update();
  });
  after(() => resources.close());

  it('refuses a second update while one runs, and records nothing for it', async () => {
    const second = deltaName(T0 + DAY, T0 + 2 * DAY);
    let release = () => {};
    const until = new Promise<void>((resolve) => {
      release = resolve;
    });
    publishDeltas(
      off,
      new Map([
        [deltaName(T0, T0 + DAY), toJsonlGz([])],
        [second, toJsonlGz([{ ...PRODUCT_A, grade: 'e' }])],
      ]),
    );
    off.faults.set(`/data/delta/${second}`, { kind: 'hold', until });
    const arrived = off.nextRequest(`/data/delta/${second}`);
    const first = update();
    await arrived;
    const runs = await countRuns(db);
    await assert.rejects(update(), UpdateBusyError);
    assert.equal(await countRuns(db), runs);
    release();
    const summary = await first;
    assert.deepEqual(summary.deltasApplied, [deltaName(T0, T0 + DAY), second]);
  });

  it('never shows a reader an empty result for a product that exists before and after', async () => {
    // The update is held mid-way: the first delta (more than two write batches, starting with
    // every product the reader looks for) is written, the second is still downloading. A reader
    // polls search and substitutes on its own connection before, meanwhile and after.
    const first = deltaName(T0 + 2 * DAY, T0 + 3 * DAY);
    const second = deltaName(T0 + 3 * DAY, T0 + 4 * DAY);
    const renamed = START.map((product) => ({ ...product, name: `${product.name} v2`, grade: 'b' }));
    const fillers = Array.from({ length: 4_080 }, (_, i) => ({
      code: `5${String(i).padStart(12, '0')}`,
      name: `Remplissage ${i}`,
      grade: 'c',
    }));
    let release = () => {};
    const until = new Promise<void>((resolve) => {
      release = resolve;
    });
    publishDeltas(
      off,
      new Map([
        [first, toJsonlGz([...renamed, ...fillers])],
        [second, toJsonlGz([{ ...PRODUCT_A, code: code(30) }])],
      ]),
    );
    off.faults.set(`/data/delta/${second}`, { kind: 'hold', until });
    const arrived = off.nextRequest(`/data/delta/${second}`);

    type Phase = 'before' | 'held' | 'committing' | 'after';
    let phase: Phase = 'before';
    let polling = true;
    const seen: { phase: Phase; search: number; substitutes: number; name: string }[] = [];
    let pollsWanted = 0;
    let onPolls = () => {};
    const poller = (async () => {
      while (polling) {
        const during = phase;
        const [search] = await db.query<{ count: number }>(
          "SELECT count(*)::int AS count FROM products WHERE delisted_at IS NULL AND name_search LIKE 'produit 1%'",
        );
        const [substitutes] = await db.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM products s JOIN products p ON s.category_ids && p.category_ids
           WHERE p.code = $1 AND s.code <> p.code AND s.delisted_at IS NULL`,
          [SPREAD_B.code],
        );
        const [sheet] = await db.query<{ name: string }>('SELECT name FROM products WHERE code = $1', [
          SPREAD_B.code,
        ]);
        seen.push({
          phase: during,
          search: search?.count ?? 0,
          substitutes: substitutes?.count ?? 0,
          name: sheet?.name ?? '',
        });
        if (seen.length >= pollsWanted) onPolls();
      }
    })();
    const pollsReached = (count: number) =>
      new Promise<void>((resolve) => {
        pollsWanted = seen.length + count;
        onPolls = resolve;
      });

    const running = update();
    await arrived;
    phase = 'held';
    await pollsReached(20);
    // Every read labelled 'held' ends before the update may go on.
    phase = 'committing';
    await pollsReached(1);
    release();
    const summary = await running;
    phase = 'after';
    await pollsReached(5);
    polling = false;
    await poller;

    assert.deepEqual(summary.deltasApplied, [first, second]);
    assert.equal(summary.productsAdded, fillers.length + 1);
    assert.ok(
      seen.every((read) => read.search > 0 && read.substitutes > 0),
      'a reader saw an empty result',
    );
    const names = (wanted: Phase) =>
      new Set(seen.filter((read) => read.phase === wanted).map((read) => read.name));
    // Meanwhile the previous catalogue, whole; the new one once committed.
    assert.deepEqual(names('held'), new Set(['Pâte à tartiner B']));
    assert.deepEqual(names('after'), new Set(['Pâte à tartiner B v2']));
  });
});
