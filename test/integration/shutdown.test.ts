import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { importCatalogue } from '../../src/catalogue/import.js';
import { openJsonlFile } from '../../src/off/record-source.js';
import { PRODUCTION_ENV, startCli, waitForExit, waitForOutput, waitForServer } from '../support/cli.js';
import { samplePath } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const SERVER_ENV = { ...PRODUCTION_ENV, PORT: '0' };

/**
 * Real slow requests without a test-only route: the test holds an exclusive lock on
 * `import_runs` (the home page reads the latest run), so every home page request waits inside
 * its database query until the test releases it.
 */
async function lockImportRuns(
  url: string,
): Promise<{ waiting: () => Promise<number>; release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE import_runs IN ACCESS EXCLUSIVE MODE');
  return {
    async waiting() {
      const { rows } = await client.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM pg_locks
         WHERE NOT granted AND relation = 'import_runs'::regclass`,
      );
      return rows[0]?.count ?? 0;
    },
    async release() {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

/** Polls a condition the test cannot be told about (another process's lock queue). */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await delay(20);
  }
}

describe('stopping the server', () => {
  let testDb: TestDb;
  let env: Record<string, string>;

  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    await importCatalogue(testDb.db, await openJsonlFile(samplePath('purbeurre-guillaumeoj-fixture.jsonl')));
    env = { ...SERVER_ENV, DATABASE_URL: testDb.url ?? '' };
  });
  after(() => resources.close());

  it('finishes the requests in flight on SIGTERM, refuses new ones, then exits 0', async () => {
    const server = startCli(['serve'], env);
    const lock = await lockImportRuns(testDb.url ?? '');
    let released = false;
    try {
      const { url } = await waitForServer(server);
      // Three different addresses: the page cache makes visitors of one page wait for its first
      // rendering, and here each must wait on the lock itself.
      const inFlight = [1, 2, 3].map((visit) =>
        fetch(`${url}?visite=${visit}`).then(async (r) => ({ status: r.status, body: await r.text() })),
      );
      await until(async () => (await lock.waiting()) >= 3, 'three home page requests wait on the lock');

      server.kill('SIGTERM');
      await waitForOutput(server, /stopping: finishing in-flight requests/);
      const late = await fetch(url).then(
        (r) => r.status,
        () => 'refused',
      );
      assert.ok(late === 'refused' || late === 503, `a request after SIGTERM got ${late}`);
      assert.equal(server.exitCode, null, 'the server waits for its requests');

      await lock.release();
      released = true;
      for (const response of await Promise.all(inFlight)) {
        assert.equal(response.status, 200);
        assert.match(response.body, /49 produits dans notre catalogue/);
      }
      assert.equal(await waitForExit(server), 0, server.output());
      assert.match(server.output(), /"msg":"stopped"/);
    } finally {
      if (!released) await lock.release();
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  });

  it('cuts requests still running after SHUTDOWN_TIMEOUT_MS and exits 1, without waiting for them', async () => {
    const server = startCli(['serve'], { ...env, SHUTDOWN_TIMEOUT_MS: '300' });
    const lock = await lockImportRuns(testDb.url ?? '');
    try {
      const { url } = await waitForServer(server);
      const stuck = fetch(url).then(
        (r) => r.status,
        () => 'cut',
      );
      await until(async () => (await lock.waiting()) >= 1, 'a home page request waits on the lock');
      server.kill('SIGTERM');
      assert.equal(await waitForExit(server), 1, server.output());
      assert.equal(await stuck, 'cut');
      assert.match(server.output(), /closing their connections/);
    } finally {
      await lock.release();
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  });
});
