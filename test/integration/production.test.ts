import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { createLoggerOptions } from '../../src/web/logger.js';
import { createLogCapture } from '../support/log-capture.js';
import { Resources } from '../support/resources.js';
import { buildTestApp, startTestSite } from '../support/test-app.js';
import { createTestDb, DRIVERS, type TestDb } from '../support/test-db.js';

const PUBLIC_CLIENT = '203.0.113.7';
const OTHER_CLIENT = '198.51.100.4';

describe('security headers', () => {
  let app: FastifyInstance;
  const resources = new Resources();
  before(async () => {
    ({ app } = await startTestSite(resources, { env: { TRUST_PROXY: '127.0.0.1' } }));
  });
  after(() => resources.close());

  it('sends a strict Content-Security-Policy that forbids inline scripts and styles and framing', async () => {
    // Pages, the 404 page, static files and a cached page alike.
    for (const url of ['/', '/nulle-part', '/static/pur-beurre.css', '/']) {
      const response = await app.inject(url);
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, url);
      // WebAssembly compilation only (the camera scan's decoder), no eval or inline script.
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /object-src 'none'/);
      assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
      assert.equal(response.headers['referrer-policy'], 'same-origin', url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(response.headers['x-frame-options'], 'DENY', url);
      assert.match(String(response.headers['permissions-policy']), /geolocation=\(\).*microphone=\(\)/, url);
      // The camera for the site's own barcode scan, for nothing it embeds.
      assert.match(String(response.headers['permissions-policy']), /(^|, )camera=\(self\)(,|$)/, url);
    }
  });

  it('has pages that need no inline style or script under that policy', async () => {
    for (const url of ['/', '/nulle-part']) {
      const body = (await app.inject(url)).body;
      assert.doesNotMatch(body, /\sstyle=/, url);
      assert.doesNotMatch(body, /<script(?![^>]*\ssrc=)[^>]*>/, url);
      assert.doesNotMatch(body, /\son[a-z]+=/, url);
    }
  });

  it('asks for HTTPS only when the request came over HTTPS through the trusted proxy', async () => {
    const plain = await app.inject('/healthz');
    assert.equal(plain.headers['strict-transport-security'], undefined);
    const viaProxy = await app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    assert.match(String(viaProxy.headers['strict-transport-security']), /max-age=31536000/);
    const forged = await app.inject({
      url: '/healthz',
      remoteAddress: PUBLIC_CLIENT,
      headers: { 'x-forwarded-proto': 'https' },
    });
    assert.equal(forged.headers['strict-transport-security'], undefined);
  });

  it('gives every answer a request id, keeping a well-formed one from the proxy', async () => {
    const fresh = await app.inject('/healthz');
    assert.match(String(fresh.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const kept = await app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
    });
    assert.equal(kept.headers['x-request-id'], 'a1b2c3d4e5f60718293a4b5c6d7e8f90');
    const refused = await app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>"\n' } });
    assert.match(String(refused.headers['x-request-id']), /^[0-9a-f-]{36}$/); // Only a TRUST_PROXY address may name the request: anyone else gets a new id.
    const forged = await app.inject({
      url: '/healthz',
      remoteAddress: PUBLIC_CLIENT,
      headers: { 'x-request-id': 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
    });
    assert.match(String(forged.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });
});

describe('rate limits', () => {
  let testDb: TestDb;
  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('pglite'), (t) => t.drop());
  });
  after(() => resources.close());

  it('answers 429 with Retry-After and a friendly page once a client spends its budget', async () => {
    const app = await buildTestApp(testDb.db, { RATE_LIMIT_MAX: '3' });
    try {
      for (let i = 0; i < 3; i++)
        assert.equal((await app.inject({ url: '/', remoteAddress: PUBLIC_CLIENT })).statusCode, 200);
      const limited = await app.inject({ url: '/', remoteAddress: PUBLIC_CLIENT });
      assert.equal(limited.statusCode, 429);
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.match(limited.body, /Trop de requêtes/);
      assert.equal((await app.inject({ url: '/', remoteAddress: OTHER_CLIENT })).statusCode, 200);
      assert.equal((await app.inject({ url: '/healthz', remoteAddress: PUBLIC_CLIENT })).statusCode, 200);
    } finally {
      await app.close();
    }
  });

  it('ignores X-Forwarded-For from clients, and trusts it from the configured proxy', async () => {
    const app = await buildTestApp(testDb.db, { RATE_LIMIT_MAX: '2', TRUST_PROXY: '10.0.0.1' });
    try {
      // A client cannot get a fresh budget by inventing addresses.
      const forged = [];
      for (let i = 0; i < 3; i++) {
        const response = await app.inject({
          url: '/',
          remoteAddress: PUBLIC_CLIENT,
          headers: { 'x-forwarded-for': `192.0.2.${i}` },
        });
        forged.push(response.statusCode);
      }
      assert.deepEqual(forged, [200, 200, 429]);
      // Behind the proxy, each real client has its own budget.
      const viaProxy = [];
      for (const client of ['192.0.2.10', '192.0.2.11', '192.0.2.12']) {
        const response = await app.inject({
          url: '/',
          remoteAddress: '10.0.0.1',
          headers: { 'x-forwarded-for': client },
        });
        viaProxy.push(response.statusCode);
      }
      assert.deepEqual(viaProxy, [200, 200, 200]);
    } finally {
      await app.close();
    }
  });

  it('limits URL probing on the 404 page more tightly than the rest of the site', async () => {
    const app = await buildTestApp(testDb.db, { RATE_LIMIT_NOT_FOUND_MAX: '2' });
    try {
      const statuses = [];
      for (const path of ['/wp-admin', '/.env', '/phpmyadmin'])
        statuses.push((await app.inject({ url: path, remoteAddress: PUBLIC_CLIENT })).statusCode);
      assert.deepEqual(statuses, [404, 404, 429]);
      assert.equal((await app.inject({ url: '/', remoteAddress: PUBLIC_CLIENT })).statusCode, 200);
    } finally {
      await app.close();
    }
  });
});

for (const driver of DRIVERS) {
  describe(`health and metrics (${driver})`, () => {
    let testDb: TestDb;
    let app: FastifyInstance;
    const resources = new Resources();
    before(async () => {
      ({ testDb, app } = await startTestSite(resources, {
        driver,
        fixtures: ['purbeurre-guillaumeoj-fixture.jsonl'],
        env: { RELEASE: 'abc1234', METRICS_ALLOW: '127.0.0.1,::1,10.8.0.0/16' },
      }));
    });
    after(() => resources.close());

    it('says it is alive and ready, with its release', async () => {
      const alive = await app.inject('/healthz');
      assert.equal(alive.statusCode, 200);
      assert.deepEqual(alive.json(), { status: 'ok', release: 'abc1234' });
      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.json().status, 'ok');
      assert.equal(ready.json().release, 'abc1234');
    });

    it('serves Prometheus metrics with route patterns, the pool, the catalogue and the last import', async () => {
      await app.inject('/');
      await app.inject('/static/pur-beurre.css');
      await app.inject('/nulle-part/123');
      const response = await app.inject('/metrics');
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      const text = response.body;
      assert.match(
        text,
        /pur_beurre_http_request_duration_seconds_count\{route="\/",method="GET",status="200"\} 1/,
      );
      assert.match(
        text,
        /pur_beurre_http_request_duration_seconds_count\{route="\/static\/\*",method="GET",status="200"\} 1/,
      );
      assert.match(text, /route="\(unmatched\)",method="GET",status="404"/);
      assert.doesNotMatch(text, /nulle-part/);
      // The scrape itself is in flight while it is rendered.
      assert.match(text, /pur_beurre_http_requests_in_flight 1/);
      const max = driver === 'pglite' ? 1 : 10;
      assert.match(text, new RegExp(`pur_beurre_db_pool_connections\\{state="max"\\} ${max}`));
      assert.match(text, /pur_beurre_catalogue_products 49/);
      assert.match(text, /pur_beurre_import_last_run_info\{kind="import",status="succeeded"\} 1/);
      assert.match(text, /pur_beurre_import_last_run_products\{outcome="added"\} 49/);
      assert.match(text, /pur_beurre_import_last_success_seconds \d{10}/);
      assert.match(text, /pur_beurre_nodejs_eventloop_lag_seconds/);
      assert.match(text, /pur_beurre_process_resident_memory_bytes/);
    });

    it('hides the metrics from the public, even with a forged X-Forwarded-For', async () => {
      const publicClient = await app.inject({ url: '/metrics', remoteAddress: PUBLIC_CLIENT });
      assert.equal(publicClient.statusCode, 404);
      assert.doesNotMatch(publicClient.body, /pur_beurre_/);
      const forged = await app.inject({
        url: '/metrics',
        remoteAddress: PUBLIC_CLIENT,
        headers: { 'x-forwarded-for': '127.0.0.1' },
      });
      assert.equal(forged.statusCode, 404);
      const allowed = await app.inject({ url: '/metrics', remoteAddress: '10.8.3.4' });
      assert.equal(allowed.statusCode, 200);
    });

    it('is not ready while migrations are pending', async () => {
      const [row] = await testDb.db.query<{ version: number }>(
        'SELECT max(version)::int AS version FROM schema_migrations',
      );
      await testDb.db.query('DELETE FROM schema_migrations WHERE version = $1', [row?.version]);
      try {
        const response = await app.inject('/readyz');
        assert.equal(response.statusCode, 503);
        assert.match(response.json().reason, /migrations pending/);
        assert.equal(response.json().release, 'abc1234');
      } finally {
        await testDb.db.query(
          `INSERT INTO schema_migrations (version, name, md5, run_at)
           SELECT $1, 'restored', '', now()`,
          [row?.version],
        );
      }
    });
  });
}

describe('readiness without a database', () => {
  it('answers 503 on /readyz but 200 on /healthz when the database is gone, and pages fail politely', async () => {
    const testDb = await createTestDb('postgres');
    const app = await buildTestApp(testDb.db);
    try {
      await testDb.drop();
      assert.equal((await app.inject('/healthz')).statusCode, 200);
      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.json().reason, 'database unreachable');
      const home = await app.inject('/');
      assert.equal(home.statusCode, 500);
      assert.match(home.body, /Oups, une erreur est survenue/);
      assert.doesNotMatch(home.body, /pool|ECONNREFUSED|Connection terminated|Error/);
    } finally {
      await app.close();
    }
  });
});

describe('load shedding', () => {
  it('answers 503 with Retry-After while the event loop is saturated', async () => {
    const testDb = await createTestDb('pglite');
    const app = await buildTestApp(testDb.db, {
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '20',
      PRESSURE_RETRY_AFTER_S: '7',
    });
    try {
      await app.ready();
      const started = performance.now();
      // Saturate the loop for real until the sampler notices (it samples every 500 ms), past the
      // instance's first second, whose delay is its own start.
      while (!app.isUnderPressure() || performance.now() - started < 1_000) {
        const until = Date.now() + 200;
        while (Date.now() < until) {
          /* busy: this is the saturation */
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      const response = await app.inject('/');
      assert.equal(response.statusCode, 503);
      assert.equal(response.headers['retry-after'], '7');
      assert.match(response.body, /Service momentanément indisponible/);
    } finally {
      await app.close();
      await testDb.drop();
    }
  });

  it('does not shed a just-started instance for the delay of its own start', async () => {
    const testDb = await createTestDb('pglite');
    const app = await buildTestApp(testDb.db, { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '20' });
    try {
      // What a restart on a busy machine does: the loop saturated while the instance starts.
      while (!app.isUnderPressure()) {
        const until = Date.now() + 200;
        while (Date.now() < until) {
          /* busy: the start */
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      await app.ready();
      const response = await app.inject('/');
      assert.equal(response.statusCode, 200);
    } finally {
      await app.close();
      await testDb.drop();
    }
  });
});

describe('load shedding of requests in flight', () => {
  it('answers 503 with Retry-After at once past PRESSURE_MAX_IN_FLIGHT, counts it, and serves again when one ends', async () => {
    const testDb = await createTestDb('pglite');
    const app = await buildTestApp(testDb.db, { PRESSURE_MAX_IN_FLIGHT: '2', PRESSURE_RETRY_AFTER_S: '7' });
    // Requests held in a handler until the test lets them go: the instance is busy for real.
    let entered = 0;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.get('/held', async () => {
      entered++;
      await released;
      return 'done';
    });
    try {
      const held = [app.inject('/held'), app.inject('/held')];
      while (entered < 2) await new Promise((resolve) => setImmediate(resolve));

      const shed = await app.inject('/');
      assert.equal(shed.statusCode, 503);
      assert.equal(shed.headers['retry-after'], '7');
      assert.match(shed.body, /Service momentanément indisponible/);
      assert.equal((await app.inject('/healthz')).statusCode, 200, 'health checks are never shed');
      const metrics = await app.inject('/metrics');
      assert.match(metrics.body, /^pur_beurre_load_shed_total\{reason="inFlight"\} 1$/m);

      release();
      assert.deepEqual(
        (await Promise.all(held)).map((response) => response.statusCode),
        [200, 200],
      );
      assert.equal((await app.inject('/')).statusCode, 200);
    } finally {
      release();
      await app.close();
      await testDb.drop();
    }
  });
});

describe('logs', () => {
  it('writes one JSON line per request with id, method, route, status and duration, and no secrets', async () => {
    const testDb = await createTestDb('pglite');
    const capture = createLogCapture();
    const config = loadConfig({}, '/nonexistent/.env');
    const logger = { ...(createLoggerOptions(config) as object), stream: capture.stream };
    const app = await buildTestApp(testDb.db, {}, { logger });
    app.get('/boom', async () => {
      throw new Error('the database said no');
    });
    try {
      const ok = await app.inject({ url: '/?q=nutella', headers: { cookie: 'session=s3cr3t-cookie' } });
      await app.inject({
        url: '/boom',
        headers: { cookie: 'session=s3cr3t-cookie', authorization: 'Basic c2VjcmV0' },
      });
      const completed = capture.lines().filter((line) => line.msg === 'request completed');
      assert.equal(completed.length, 2);
      assert.deepEqual(
        { ...completed[0], time: 0, durationMs: 0, pid: 0, hostname: '' },
        {
          level: 30,
          time: 0,
          pid: 0,
          hostname: '',
          reqId: ok.headers['x-request-id'],
          method: 'GET',
          route: '/',
          path: '/',
          statusCode: 200,
          durationMs: 0,
          msg: 'request completed',
        },
      );
      assert.equal(completed[1]?.statusCode, 500);
      assert.ok(capture.lines().some((line) => line.msg === 'request failed' && line.level === 50));
      // Whatever a handler logs later (a form body, headers), the redaction paths apply.
      app.log.info(
        { body: { email: 'a@b.fr', password: 'hunter2' }, headers: { cookie: 'session=s3cr3t-cookie' } },
        'form rejected',
      );
      const rejected = capture.lines().find((line) => line.msg === 'form rejected');
      assert.deepEqual(rejected?.body, { email: 'a@b.fr', password: '[redacted]' });
      assert.doesNotMatch(capture.text(), /s3cr3t-cookie|c2VjcmV0|nutella|hunter2/);
    } finally {
      await app.close();
      await testDb.drop();
    }
  });
});
