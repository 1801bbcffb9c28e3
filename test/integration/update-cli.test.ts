import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PRODUCTION_ENV, runCli, startCli, waitForExit } from '../support/cli.js';
import { type FakeOff, startFakeOff } from '../support/fake-off-server.js';
import { type FakeSentry, startFakeSentry } from '../support/fake-sentry-server.js';
import {
  DAY,
  deltaName,
  publishDeltas,
  publishFullExport,
  T0,
  type TestProduct,
  toJsonlGz,
} from '../support/off-deltas.js';
import { Resources } from '../support/resources.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const PRODUCTS: TestProduct[] = Array.from({ length: 20 }, (_, i) => ({
  code: `40000000000${String(i + 1).padStart(2, '0')}`,
  name: `Biscuit ${i + 1}`,
  grade: 'abcde'[i % 5] ?? null,
}));

/** Every stdout line is one JSON log event. */
function readLogs(stdout: string): { level: number; msg: string; command: string; [key: string]: unknown }[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

describe('the pur-beurre update command (postgres)', () => {
  let testDb: TestDb;
  let off: FakeOff;
  let sentry: FakeSentry;
  let env: Record<string, string>;
  const deltas = new Map<string, Buffer>();
  const publish = (name: string, body: Buffer) => {
    deltas.set(name, body);
    publishDeltas(off, deltas);
  };
  const readCatalogue = () =>
    testDb.db.query('SELECT code, name, nutriscore_grade, delisted_at FROM products ORDER BY code');
  const latestRun = async () => {
    const [run] = await testDb.db.query<{ id: number; status: string; error: string | null }>(
      'SELECT id, status, error FROM import_runs ORDER BY id DESC LIMIT 1',
    );
    return run;
  };

  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    off = resources.add(await startFakeOff(), (o) => o.close());
    sentry = resources.add(await startFakeSentry(), (s) => s.close());
    env = {
      DATABASE_URL: testDb.url ?? '',
      ...PRODUCTION_ENV,
      OFF_STATIC_URL: off.url,
      SENTRY_DSN: sentry.dsn,
      SENTRY_UPDATE_MONITOR_SLUG: 'weekly-refresh',
    };
    publishFullExport(off, PRODUCTS);
    publish(deltaName(T0, T0 + DAY), toJsonlGz([]));
  });
  after(() => resources.close());

  it('logs JSON events and checks in with Sentry as in progress, then ok', async () => {
    const result = await runCli(['update'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '', 'off a terminal: no progress bar, nothing but the logs');
    const logs = readLogs(result.stdout);
    assert.ok(logs.every((log) => log.command === 'update'));
    assert.deepEqual(
      logs.map((log) => log.msg.replace(/:.*/, '')),
      [
        'update started',
        'reading the full export',
        'update succeeded (run #1) from the full export (no successful update yet)',
      ],
    );
    assert.equal(logs.at(-1)?.productsAdded, 20);
    assert.deepEqual(
      sentry.checkIns().map((checkIn) => [checkIn.monitor_slug, checkIn.status]),
      [
        ['weekly-refresh', 'in_progress'],
        ['weekly-refresh', 'ok'],
      ],
    );
    const [started, finished] = sentry.checkIns();
    assert.equal(finished?.check_in_id, started?.check_in_id);
    assert.equal(typeof finished?.duration, 'number');
  });

  it('exits non-zero, keeps the catalogue and checks in an error when a delta is missing', async () => {
    sentry.envelopes.length = 0;
    const before = await readCatalogue();
    const missing = deltaName(T0 + DAY, T0 + 2 * DAY);
    publish(missing, toJsonlGz(PRODUCTS.map((product) => ({ ...product, grade: 'a' }))));
    off.files.delete(`/data/delta/${missing}`);

    const result = await runCli(['update'], env);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^pur-beurre: update failed, the catalogue is unchanged \(run #\d+\): .*HTTP 404.*products_\d+_\d+\.json\.gz\n$/,
    );
    assert.equal(readLogs(result.stdout).at(-1)?.level, 50);
    assert.deepEqual(await readCatalogue(), before);
    assert.equal((await latestRun())?.status, 'failed');
    assert.deepEqual(
      sentry.checkIns().map((checkIn) => checkIn.status),
      ['in_progress', 'error'],
    );
    assert.equal(sentry.events().length, 1);
  });

  it('refuses a full export that would delist half the catalogue, unless forced', async () => {
    deltas.clear();
    publish(deltaName(T0, T0 + DAY), toJsonlGz([]));
    publishFullExport(off, PRODUCTS.slice(0, 10));
    const before = await readCatalogue();

    const refused = await runCli(['update', '--full'], env);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /refused: the update would take listed products from 20 to 10 \(−50 %, more than the 10 % allowed by UPDATE_MAX_SHRINK\).*--force/,
    );
    assert.deepEqual(await readCatalogue(), before);
    assert.match((await latestRun())?.error ?? '', /refused/);
  });

  it('commits a big shrink with --force, and reports a dry run without changing anything', async () => {
    sentry.envelopes.length = 0;
    const dry = await runCli(['update', '--full', '--force', '--dry-run'], env);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(sentry.checkIns(), [], 'a dry run is not the scheduled run');
    assert.match(readLogs(dry.stdout).at(-1)?.msg ?? '', /^dry run, nothing was changed: .*delisted 10/);
    const [listed] = await testDb.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM products WHERE delisted_at IS NULL',
    );
    assert.equal(listed?.count, 20);

    const forced = await runCli(['update', '--full', '--force'], env);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readLogs(forced.stdout).at(-1)?.msg ?? '', /delisted 10/);
  });

  it('refuses to run while another update runs', async () => {
    const held = deltaName(T0 + DAY, T0 + 2 * DAY);
    let release = () => {};
    const until = new Promise<void>((resolve) => {
      release = resolve;
    });
    publish(held, toJsonlGz([PRODUCTS[0] as TestProduct]));
    off.faults.set(`/data/delta/${held}`, { kind: 'hold', until });
    const arrived = off.nextRequest(`/data/delta/${held}`);
    const first = startCli(['update'], env);
    try {
      await arrived;
      const second = await runCli(['update'], env);
      assert.equal(second.code, 1);
      assert.equal(second.stderr, 'pur-beurre: another update is running: this one did nothing\n');
    } finally {
      release();
    }
    assert.equal(await waitForExit(first), 0, first.output());
  });

  it('fails on lines that are not JSON, unless told to tolerate them', async () => {
    publish(
      deltaName(T0 + 2 * DAY, T0 + 3 * DAY),
      toJsonlGz([{ ...(PRODUCTS[1] as TestProduct), grade: 'a' }], ['{"code": "4000']),
    );
    const strict = await runCli(['update'], env);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /is corrupt: line 2: .*not valid JSON/);
    const tolerant = await runCli(['update', '--max-malformed', '1'], env);
    assert.equal(tolerant.code, 0, tolerant.stderr);
    assert.match(
      readLogs(tolerant.stdout).at(-1)?.msg ?? '',
      /1 delta\(s\): added 0, updated 1, delisted 0, rejected 1/,
    );
  });

  it('says what is wrong with --since', async () => {
    const result = await runCli(['update', '--since', 'last tuesday'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /--since <time>.*expected unix seconds or an ISO date/);
    const future = await runCli(['update', '--since', String(Math.floor(Date.now() / 1000) + DAY)], env);
    assert.equal(future.code, 1);
    assert.match(future.stderr, /--since <time>.*that is in the future/);
    const both = await runCli(['update', '--since', '2026-11-20', '--full'], env);
    assert.equal(both.code, 1);
    assert.match(both.stderr, /cannot be used with option '--full'/);
  });
});
