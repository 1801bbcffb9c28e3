// `kill -9` of the real `pur-beurre update` and `import` processes while they write to
// PostgreSQL: the catalogue, the accounts and their favourites are exactly as before, and the
// next run succeeds. The download is cut off mid-file (the fake OFF server's `stall` fault) and
// the kill only comes once PostgreSQL shows the process writing to `products`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../src/accounts/users.repository.js';
import { saveFavourite } from '../../src/favourites/favourites.repository.js';
import { PRODUCTION_ENV, runCli, startCli, waitForExit } from '../support/cli.js';
import { type FakeOff, startFakeOff } from '../support/fake-off-server.js';
import { DAY, deltaName, publishDeltas, T0, type TestProduct, toJsonlGz } from '../support/off-deltas.js';
import { Resources } from '../support/resources.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const LONG = process.env.RELIABILITY_LONG === '1';
/** Kills per command: each at a different point of the download. */
const KILLS = LONG ? 5 : 1;
const FULL_EXPORT = '/data/openfoodfacts-products.jsonl.gz';
const BIG_FILE = '/data/big-export.jsonl.gz';

/** Several write batches (2,000 products each), names random enough that gzip leaves a big file. */
function createProducts(count: number, version: number): TestProduct[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `50${String(i).padStart(11, '0')}`,
    name: `Produit ${i} v${version} ${Math.random().toString(36).slice(2)}`,
    grade: 'abcde'[(i + version) % 5] ?? null,
    lastModified: T0 + version,
  }));
}

async function pollUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; attempt < 1000; attempt++) {
    if (await check()) return;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('data safety: kill -9 of update and import mid-run (postgres)', () => {
  let testDb: TestDb;
  let off: FakeOff;
  let env: Record<string, string>;
  const BASE = createProducts(6_000, 1);

  /** Everything a user would miss, row for row. */
  const snapshot = async () => ({
    products: await testDb.db.query('SELECT * FROM products ORDER BY id'),
    categories: await testDb.db.query('SELECT * FROM categories ORDER BY id'),
    users: await testDb.db.query('SELECT * FROM users ORDER BY id'),
    favourites: await testDb.db.query('SELECT * FROM favourites ORDER BY 1, 2, 3'),
  });

  /** Another connection holds a write lock on `products`: the run is writing, uncommitted. */
  const someoneWritesProducts = async () => {
    const rows = await testDb.db.query(
      `SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
       WHERE c.relname = 'products' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()`,
    );
    return rows.length > 0;
  };
  /** PostgreSQL noticed the dead client: its transaction is rolled back, its locks (advisory too) gone. */
  const nobodyHoldsLocks = async () => {
    const rows = await testDb.db.query(
      `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE a.datname = current_database() AND l.pid <> pg_backend_pid()
         AND (l.locktype = 'advisory' OR l.mode = 'RowExclusiveLock')`,
    );
    return rows.length === 0;
  };

  async function killMidWrite(args: string[], path: string, body: Buffer, fraction: number): Promise<void> {
    off.files.set(path, body);
    off.faults.set(path, { kind: 'stall', afterBytes: Math.floor(body.length * fraction) });
    const child = startCli(args, env);
    try {
      await pollUntil(`${args.join(' ')} to write to products`, someoneWritesProducts);
    } finally {
      child.kill('SIGKILL');
    }
    assert.equal(await waitForExit(child), null, 'killed, not exited');
    off.faults.delete(path);
    await pollUntil('PostgreSQL to roll back the killed run', nobodyHoldsLocks);
  }

  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    off = resources.add(await startFakeOff(), (o) => o.close());
    env = {
      DATABASE_URL: testDb.url ?? '',
      ...PRODUCTION_ENV,
      OFF_STATIC_URL: off.url,
    };
    // `update --full` still reads the delta index, to know where the next run starts.
    publishDeltas(off, new Map([[deltaName(T0, T0 + DAY), toJsonlGz([])]]));
    off.files.set(FULL_EXPORT, toJsonlGz(BASE));
    const seeded = await runCli(['update', '--full'], env);
    assert.equal(seeded.code, 0, seeded.stderr);
    const userId = await createUser(testDb.db, {
      email: 'colette@example.org',
      firstName: 'Colette',
      lastName: 'Renard',
      passwordHash: 'not-a-real-hash',
    });
    assert.ok(userId !== null);
    // Product 3 is graded e, product 4 a.
    assert.equal(await saveFavourite(testDb.db, userId, '5000000000003', '5000000000004'), 'saved');
  });
  after(() => resources.close());

  it('keeps the catalogue and favourites when update is killed mid-run, and the next update succeeds', async () => {
    for (let kill = 0; kill < KILLS; kill++) {
      const before = await snapshot();
      const next = createProducts(7_000, 10 + kill);
      await killMidWrite(['update', '--full'], FULL_EXPORT, toJsonlGz(next), 0.5 + kill * 0.08);
      assert.deepEqual(await snapshot(), before, `kill ${kill + 1}: the database is exactly as before`);
    }
    const last = createProducts(7_000, 99);
    off.files.set(FULL_EXPORT, toJsonlGz(last));
    const result = await runCli(['update', '--full'], env);
    assert.equal(result.code, 0, result.stderr);
    const [listed] = await testDb.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM products WHERE name LIKE $1',
      ['% v99 %'],
    );
    assert.equal(listed?.n, 7_000);
    const favourites = await testDb.db.query('SELECT 1 FROM favourites');
    assert.equal(favourites.length, 1, 'the favourite survived the kills and the update');
  });

  it('keeps the catalogue and favourites when import is killed mid-run, and the next import succeeds', async () => {
    for (let kill = 0; kill < KILLS; kill++) {
      const before = await snapshot();
      const next = createProducts(7_000, 20 + kill);
      await killMidWrite(
        ['import', '--url', `${off.url}${BIG_FILE}`],
        BIG_FILE,
        toJsonlGz(next),
        0.5 + kill * 0.08,
      );
      assert.deepEqual(await snapshot(), before, `kill ${kill + 1}: the database is exactly as before`);
    }
    // Newer than every record so far (the update test's last is v99): an import keeps, for one
    // barcode, the record Open Food Facts changed last.
    off.files.set(BIG_FILE, toJsonlGz(createProducts(7_000, 177)));
    const result = await runCli(['import', '--url', `${off.url}${BIG_FILE}`], env);
    assert.equal(result.code, 0, result.stderr);
    const [listed] = await testDb.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM products WHERE name LIKE $1',
      ['% v177 %'],
    );
    assert.equal(listed?.n, 7_000);
    assert.equal((await testDb.db.query('SELECT 1 FROM favourites')).length, 1);
  });
});
