// The real `pur-beurre serve` pushed far past what one instance can serve (many connections on
// uncached pages, on this machine's two cores): load shedding answers 503 + Retry-After fast
// instead of queueing, the process never crashes nor drops a connection, and once the load
// drops every page is served again without a restart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import autocannon from 'autocannon';
import { importCatalogue } from '../../src/catalogue/import.js';
import { openJsonlFile } from '../../src/off/record-source.js';
import { startCli, waitForExit, waitForServer } from '../support/cli.js';
import { samplePath } from '../support/off-samples.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const LONG = process.env.RELIABILITY_LONG === '1';
const OVERLOAD_S = LONG ? 30 : 4;
const CONNECTIONS = 100;
const RETRY_AFTER_S = '3';

interface Probe {
  status: number | 'failed';
  retryAfter: string | null;
  ms: number;
}

async function probe(url: string): Promise<Probe> {
  const at = Date.now();
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), ms: Date.now() - at };
  } catch {
    return { status: 'failed', retryAfter: null, ms: Date.now() - at };
  }
}

async function untilServed(url: string, timeoutMs: number, what: string): Promise<void> {
  const from = Date.now();
  for (let attempt = 0; attempt < 500; attempt++) {
    if ((await probe(url)).status === 200) return;
    if (Date.now() - from > timeoutMs) break;
    await delay(50);
  }
  assert.fail(`timed out: ${what}`);
}

describe('overload of one instance (real serve)', () => {
  let testDb: TestDb;
  let server: ReturnType<typeof startCli>;
  let base = '';
  let codes: string[] = [];

  before(async () => {
    testDb = await createTestDb('postgres');
    await importCatalogue(testDb.db, await openJsonlFile(samplePath('purbeurre-guillaumeoj-fixture.jsonl')));
    codes = (await testDb.db.query<{ code: string }>('SELECT code FROM products ORDER BY code')).map(
      (row) => row.code,
    );
    server = startCli(['serve'], {
      DATABASE_URL: testDb.url ?? '',
      SESSION_SECRET: 'a-test-secret-that-is-at-least-32-characters-long',
      OFF_USER_AGENT_CONTACT: 'tests@pur-beurre.invalid',
      PORT: '0',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '100000000',
      RATE_LIMIT_NOT_FOUND_MAX: '100000000',
      // Low thresholds so that "5× capacity" is reachable from a test on a small machine; the
      // behaviour past the threshold is the production one.
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '5',
      PRESSURE_RETRY_AFTER_S: RETRY_AFTER_S,
    });
    base = (await waitForServer(server)).url;
  });
  after(async () => {
    if (server !== undefined && server.exitCode === null) {
      server.kill('SIGTERM');
      await waitForExit(server);
    }
    await testDb?.drop();
  });

  it('sheds load with fast 503s and Retry-After, never crashes, and serves again once load drops', async () => {
    // Calm first: a start-up (or a machine busy with other test files) can trip the sampler.
    await untilServed(base, 10_000, 'the instance serves before the load');
    let n = 0;
    // Each URL is new, so every request renders a page from the database (no page cache).
    const nextPath = () => {
      n++;
      return n % 2 === 0
        ? `/produit/${codes[n % codes.length]}/substituts?v=${n}`
        : `/recherche?q=${encodeURIComponent(`choco ${n}`)}`;
    };

    const probes: Probe[] = [];
    let loading = true;
    const prober = (async () => {
      for (let i = 0; i < 2_000 && loading; i++) {
        probes.push(await probe(`${base}${nextPath()}`));
        await delay(50);
      }
    })();
    const result = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: OVERLOAD_S,
      timeout: 10,
      requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }],
    });
    loading = false;
    await prober;

    const statuses = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
    );
    console.log(
      `${result.requests.total} requests in ${OVERLOAD_S} s from ${CONNECTIONS} connections: ${JSON.stringify(statuses)}, ` +
        `p99 ${result.latency.p99} ms, errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    assert.equal(server.exitCode, null, 'the server is still running');
    assert.equal(result.errors, 0, 'no connection refused, reset or timed out');
    assert.deepEqual(
      Object.keys(statuses).filter((status) => !['200', '303', '503'].includes(status)),
      [],
      'pages, redirects and 503s only',
    );
    assert.ok((statuses['503'] ?? 0) > 0, 'the overload was shed');

    const shed = probes.filter((p) => p.status === 503);
    assert.ok(shed.length > 0, 'a visitor saw the 503 page');
    assert.ok(
      shed.every((p) => p.retryAfter === RETRY_AFTER_S),
      'each 503 says when to retry',
    );
    const slowestShed = Math.max(...shed.map((p) => p.ms));
    console.log(`${probes.length} probes, ${shed.length} shed, slowest 503 in ${slowestShed} ms`);
    assert.ok(slowestShed < 2_000, `503s are fast: slowest ${slowestShed} ms`);

    // Recovery: the sampler looks every 500 ms; give it a few samples, then a calm run all 200.
    const calmFrom = Date.now();
    await untilServed(`${base}${nextPath()}`, 5_000, 'serving again within 5 s of the load dropping');
    // Every page served again; on a CI machine busy with other test files a stray 503 from the
    // 5 ms threshold is retried, but each page must come within 2 s.
    for (let i = 0; i < 20; i++)
      await untilServed(`${base}${nextPath()}`, 2_000, `calm page ${i + 1} served`);
    console.log(`serving again ${Date.now() - calmFrom} ms after the load dropped`);
  });
});
