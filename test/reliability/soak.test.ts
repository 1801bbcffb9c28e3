// Soak: the real `pur-beurre serve` under the visitor mix at ~70 % of the capacity measured in the
// same run, for a while: not one failed request, and memory that stays flat.
//
// One instance, reached directly rather than through nginx: nginx retries a GET that failed on
// another instance, which would hide exactly the errors this test looks for, and the memory
// measured is one process's (instance-loss.test.ts covers nginx in front of two). A generated
// catalogue of 10,000 products and ~5,000 distinct URLs (1,000 search terms and prefixes, sheets
// and substitutes pages 1–3 of 1,000 products) keeps the page cache (1,000 entries) from
// answering most requests: the reads hit PostgreSQL.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { countStatuses, percentile, runLoad, startServerForLoad, stopServer } from '../support/load.js';
import { median, readRssMb } from '../support/process-memory.js';
import { Resources } from '../support/resources.js';
import { createSiteMix, generateSiteMixInput, importGeneratedCatalogue } from '../support/site-mix.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const LONG = process.env.RELIABILITY_LONG === '1';
const PRODUCTS = 10_000;
const CAPACITY_S = LONG ? 10 : 4;
const SOAK_S = LONG ? 300 : 18;
const SHARE_OF_CAPACITY = 0.7;
// Memory is judged after a warm-up at the soak's rate (the capacity run before it allocates at a
// different rate): the median RSS of the last third of the remaining 1 s samples against the first
// third's. Growth that is not a leak: V8 sizes its young generation (semi-spaces up to 16 MB each)
// and old space to the allocation rate, in steps, over tens of seconds, and collects when it
// chooses; the page cache (1,000 pages, ~11 MB) fills too. Measured on the 2-core machine at
// ~295 req/s: +26, +71 and +80 MB within the short form's 13 judged seconds, while the 5-minute
// form at the same rate went 286 → 259 MB between its first and last quarters (min 237, max 412):
// a plateau reached late, not a leak. So the short form only catches a gross leak (120 MB is
// ~40 KB a request over its ~3,000 judged requests); the long form, after a minute of warm-up,
// is the flatness check (40 MB is 0.5 KB a request over its ~80,000).
const WARM_UP_S = LONG ? 60 : 5;
const RSS_GROWTH_TOLERANCE_MB = LONG ? 40 : 120;

/** 303: a search with one exact match goes to the product. 404: a substitutes page past the last. */
function isExpected(status: number, path: string): boolean {
  if (status === 200 || status === 303) return true;
  return status === 404 && /\/substituts\?page=[23]$/.test(path);
}

describe('soak of one instance at 70 % of its capacity (real serve)', () => {
  let testDb: TestDb;
  let server: ChildProcess;
  let base = '';
  let nextPath: () => string;

  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    await importGeneratedCatalogue(testDb.db, PRODUCTS);
    nextPath = createSiteMix(generateSiteMixInput(PRODUCTS, 1_000));
    ({ server, base } = await startServerForLoad(testDb.url ?? ''));
    resources.add(server, stopServer);
  });
  after(() => resources.close());

  it('serves every request of a long mixed load without an error, and its memory stays flat', async () => {
    const pid = server.pid ?? 0;
    // Capacity, closed loop; also the warm-up (JIT, pool connections, page cache, heap sizes).
    const capacity = await runLoad({
      url: base,
      nextPath,
      connections: 16,
      durationS: CAPACITY_S,
      isExpected,
    });
    const rate = Math.max(10, Math.round(capacity.result.requests.average * SHARE_OF_CAPACITY));
    console.log(
      `capacity ${Math.round(capacity.result.requests.average)} req/s; soak at ${rate} req/s for ${SOAK_S} s`,
    );

    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(readRssMb(pid)), 1_000);
    let soak: Awaited<ReturnType<typeof runLoad>>;
    try {
      soak = await runLoad({
        url: base,
        nextPath,
        connections: 32,
        durationS: SOAK_S,
        overallRate: rate,
        isExpected,
      });
    } finally {
      clearInterval(sampler);
    }
    const { result, latencies, unexpected, unexpectedCount } = soak;
    const all = [...latencies.values()].flat();
    const judged = samples.slice(WARM_UP_S);
    const third = Math.max(1, Math.floor(judged.length / 3));
    const first = median(judged.slice(0, third));
    const last = median(judged.slice(-third));
    console.log(
      `${result.requests.total} requests (${(result.requests.total / SOAK_S).toFixed(0)} req/s): ${JSON.stringify(countStatuses(result))}, ` +
        `p50 ${percentile(all, 50)} ms, p99 ${percentile(all, 99)} ms, errors ${result.errors}, timeouts ${result.timeouts}; ` +
        `RSS MB over ${samples.length} samples: min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)}, ` +
        `after ${WARM_UP_S} s of warm-up: first-third median ${first.toFixed(0)}, last-third median ${last.toFixed(0)} (${last - first >= 0 ? '+' : ''}${(last - first).toFixed(1)})`,
    );

    assert.equal(server.exitCode, null, 'the server is still running');
    assert.equal(result.errors, 0, 'no connection error or timeout');
    assert.equal(result.timeouts, 0, 'no timeout');
    assert.deepEqual(
      unexpected,
      [],
      `${unexpectedCount} unexpected answers (5xx, 4xx other than past-the-last pages)`,
    );
    // The load was real: most of what was offered got served (a slower machine serves less).
    assert.ok(
      result.requests.total >= rate * SOAK_S * 0.5,
      `served ${result.requests.total} of ${rate * SOAK_S}`,
    );
    assert.ok(samples.length >= SOAK_S - 2, 'RSS sampled every second');
    assert.ok(
      last - first <= RSS_GROWTH_TOLERANCE_MB,
      `RSS grew by ${(last - first).toFixed(1)} MB (tolerance ${RSS_GROWTH_TOLERANCE_MB} MB)`,
    );
  });
});
