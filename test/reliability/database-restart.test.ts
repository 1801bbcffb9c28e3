// The real `pur-beurre serve` on a PostgreSQL cluster of its own, stopped (`pg_ctl stop -m fast`,
// as a package upgrade or a failover does) and started again under load. While it is down every
// request gets a 503 fast, none hangs; once it is back the same process serves again by itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { importCatalogue } from '../../src/catalogue/import.js';
import { createPostgresDb } from '../../src/db/postgres.js';
import { openJsonlFile } from '../../src/off/record-source.js';
import { PRODUCTION_ENV, runCli, startCli, waitForExit, waitForServer } from '../support/cli.js';
import { samplePath } from '../support/off-samples.js';
import { type Cluster, startCluster } from '../support/postgres-cluster.js';

const LONG = process.env.RELIABILITY_LONG === '1';
const RESTARTS = LONG ? 5 : 1;
/** "Fast": well under a load balancer's timeout, and nothing like a hung request. */
const FAIL_FAST_MS = 2_500;
const RECOVERY_MS = 10_000;

interface Outcome {
  status: number | 'failed';
  retryAfter?: string | null;
  ms: number;
  at: number;
}

async function timedGet(url: string): Promise<Outcome> {
  const at = Date.now();
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      ms: Date.now() - at,
      at,
    };
  } catch {
    return { status: 'failed', ms: Date.now() - at, at };
  }
}

describe('database restart under load (real serve, its own PostgreSQL cluster)', () => {
  let cluster: Cluster;
  let server: ReturnType<typeof startCli>;
  let base = '';

  before(async () => {
    // The same binaries as test/support/with-postgres.ts (the machine's, else the npm package's).
    cluster = await startCluster(['fsync=off', 'synchronous_commit=off']);
    const env = {
      DATABASE_URL: cluster.url,
      ...PRODUCTION_ENV,
      PORT: '0',
      RATE_LIMIT_MAX: '1000000',
    };
    const migrated = await runCli(['migrate'], env);
    assert.equal(migrated.code, 0, migrated.stderr);
    const db = createPostgresDb(cluster.url);
    try {
      await importCatalogue(db, await openJsonlFile(samplePath('purbeurre-guillaumeoj-fixture.jsonl')));
    } finally {
      await db.close();
    }
    server = startCli(['serve'], env);
    base = (await waitForServer(server)).url;
  });
  after(async () => {
    if (server !== undefined && server.exitCode === null) {
      server.kill('SIGTERM');
      await waitForExit(server);
    }
    await cluster?.remove();
  });

  it('answers 503 fast while the database is down and recovers by itself once it is back', async () => {
    let n = 0;
    // Each URL is new, so the page cache cannot answer in the database's place.
    const page = () => `${base}/recherche?q=${encodeURIComponent(`chocolat ${n++}`)}`;
    assert.equal((await timedGet(`${base}/readyz`)).status, 200);
    assert.equal((await timedGet(page())).status, 200);

    // A steady background load through every phase: 4 visitors, bounded in time and count.
    const outcomes: Outcome[] = [];
    let loading = true;
    const visitor = async () => {
      for (let i = 0; i < 5_000 && loading; i++) {
        outcomes.push(await timedGet(page()));
        await delay(10);
      }
    };
    const load = Promise.all([visitor(), visitor(), visitor(), visitor()]);

    try {
      for (let restart = 0; restart < RESTARTS; restart++) {
        await delay(300);
        await cluster.stop('fast');
        const ready = await timedGet(`${base}/readyz`);
        assert.equal(ready.status, 503, 'readiness says the database is down');
        assert.ok(ready.ms < FAIL_FAST_MS, `readyz answered in ${ready.ms} ms`);
        const down = await timedGet(page());
        assert.equal(down.status, 503, 'a page asks to retry later');
        assert.match(down.retryAfter ?? '', /^\d+$/, 'with Retry-After');
        assert.ok(down.ms < FAIL_FAST_MS, `the page answered in ${down.ms} ms`);
        await delay(500);

        await cluster.start();
        const back = Date.now();
        let recovered = false;
        for (let attempt = 0; attempt < 500 && Date.now() - back < RECOVERY_MS; attempt++) {
          const [readyz, search] = [await timedGet(`${base}/readyz`), await timedGet(page())];
          if (readyz.status === 200 && search.status === 200) {
            recovered = true;
            break;
          }
          await delay(50);
        }
        assert.ok(
          recovered,
          `restart ${restart + 1}: still failing ${RECOVERY_MS} ms after the database came back`,
        );
        console.log(
          `restart ${restart + 1}: serving again ${Date.now() - back} ms after the database was back`,
        );
      }
      await delay(300);
    } finally {
      loading = false;
      await load;
    }

    assert.equal(server.exitCode, null, 'the server never stopped');
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    const statuses = [...new Set(outcomes.map((o) => o.status))].sort();
    console.log(
      `${outcomes.length} requests under load, statuses ${statuses.join(', ')}, slowest ${slowest} ms`,
    );
    assert.ok(slowest < FAIL_FAST_MS + 1_000, `no request hung: slowest ${slowest} ms`);
    assert.deepEqual(
      statuses.filter((status) => status !== 200 && status !== 503),
      [],
      'only pages and 503s, no 500 and no dropped connection',
    );
    // Back to normal at the end: the last requests of the load were served.
    assert.equal(outcomes.at(-1)?.status, 200);
  });
});
