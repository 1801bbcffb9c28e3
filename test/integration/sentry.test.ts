import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { createSentryReporter, type SentryReporter } from '../../src/observability/sentry.js';
import { type FakeSentry, startFakeSentry } from '../support/fake-sentry-server.js';
import { Resources } from '../support/resources.js';
import { buildTestApp } from '../support/test-app.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const SECRETS = ['alice@example.org', 's3cr3t-session', 'hunter2', '203.0.113.7', 'Basic dG9rZW4='];

/** The app with test routes that fail the ways real handlers do. */
async function buildReportingApp(db: TestDb['db'], env: Record<string, string>) {
  const reporter = await createSentryReporter(loadConfig(env, '/nonexistent/.env'));
  assert.ok(reporter !== null);
  const app = await buildTestApp(db, env, { errorReporter: reporter });
  app.get<{ Params: { code: string } }>('/boom/:code', async (request) => {
    // Database errors quote the offending values: the e-mail must not reach Sentry.
    throw new Error(
      `duplicate key value violates unique constraint: Key (email)=(alice@example.org) on ${request.params.code}`,
    );
  });
  // A health check failing inside the app (not a 503 it chose): still not worth a report.
  app.addHook('onRequest', async (request) => {
    if (request.headers['x-test-fail'] === 'yes') throw new Error('health check broke');
  });
  app.get('/refused', async () => {
    throw Object.assign(new Error('bad input'), { statusCode: 400 });
  });
  return { app, reporter };
}

const request = (url: string, userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0') => ({
  url,
  remoteAddress: '203.0.113.7',
  headers: {
    'user-agent': userAgent,
    cookie: 'session=s3cr3t-session',
    authorization: 'Basic dG9rZW4=',
    'x-forwarded-for': '203.0.113.7',
  },
});

describe('Sentry error reports', () => {
  let testDb: TestDb;
  let sentry: FakeSentry;
  let app: FastifyInstance;
  let reporter: SentryReporter;

  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('pglite'), (t) => t.drop());
    sentry = resources.add(await startFakeSentry(), (s) => s.close());
    ({ app, reporter } = await buildReportingApp(testDb.db, {
      SENTRY_DSN: sentry.dsn,
      SENTRY_ENVIRONMENT: 'staging',
      RELEASE: '1f3e5a7',
    }));
    resources.add(reporter, (r) => r.close(2_000));
    resources.add(app, (a) => a.close());
  });
  beforeEach(() => {
    sentry.envelopes.length = 0;
  });
  after(() => resources.close());

  it('reports a 500 with its route, method, release and environment, and the user still gets the friendly page', async () => {
    const response = await app.inject(
      request('/boom/3017620422003?email=alice@example.org&password=hunter2'),
    );
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /Oups, une erreur est survenue/);
    assert.equal(await reporter.flush(5_000), true);

    const [event, ...others] = sentry.events();
    assert.equal(others.length, 0);
    assert.ok(event !== undefined);
    assert.equal(event.release, '1f3e5a7');
    assert.equal(event.environment, 'staging');
    assert.equal(event.level, 'error');
    assert.deepEqual(
      {
        route: event?.tags?.route,
        method: event?.tags?.method,
      },
      { route: '/boom/:code', method: 'GET' },
    );
    const exception = event?.exception?.values[0];
    assert.equal(exception?.type, 'Error');
    assert.match(exception?.value ?? '', /duplicate key value .* \(email\)=\(\[email\]\)/);
    const requestData = event.request;
    assert.equal(requestData?.method, 'GET');
    assert.match(requestData?.url ?? '', /\/boom\/3017620422003$/);
  });

  it('sends no personal data: no e-mail, IP, cookie, authorization, password or query string', async () => {
    await app.inject(request('/boom/1?email=alice@example.org&password=hunter2'));
    await reporter.flush(5_000);
    assert.equal(sentry.events().length, 1);
    const raw = sentry.envelopes.map((envelope) => envelope.raw).join('\n');
    for (const secret of SECRETS) assert.ok(!raw.includes(secret), `${secret} was sent to Sentry`);
    assert.doesNotMatch(raw, /"cookies"|"query_string"|"ip_address"/);
  });

  it('does not report 4xx answers, the 404 page, health checks or errors only bots trigger', async () => {
    await app.inject(request('/refused'));
    await app.inject(request('/nulle-part'));
    const health = request('/readyz');
    const brokenHealth = await app.inject({
      ...health,
      headers: { ...health.headers, 'x-test-fail': 'yes' },
    });
    assert.equal(brokenHealth.statusCode, 500);
    await app.inject(
      request('/boom/2', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'),
    );
    // A sentinel: once it has arrived, anything sent before it has too.
    await app.inject(request('/boom/sentinel'));
    await reporter.flush(5_000);
    const events = sentry.events();
    assert.equal(events.length, 1);
    assert.match(String(events[0]?.request?.url), /\/boom\/sentinel$/);
  });

  it('reports errors nobody caught, marked as unhandled', async () => {
    reporter.reportProcessError(new TypeError('cannot read properties of undefined'));
    await reporter.flush(5_000);
    const [event] = sentry.events();
    assert.equal(event?.tags?.handled, 'no');
    assert.equal(event?.exception?.values[0]?.type, 'TypeError');
  });
});

describe('Sentry configuration', () => {
  it('stays off without SENTRY_DSN', async () => {
    assert.equal(await createSentryReporter(loadConfig({}, '/nonexistent/.env')), null);
  });

  it('uses the package version as release when no commit is configured', async () => {
    const testDb = await createTestDb('pglite');
    const sentry = await startFakeSentry();
    const { app, reporter } = await buildReportingApp(testDb.db, { SENTRY_DSN: sentry.dsn });
    try {
      await app.inject(request('/boom/1'));
      await reporter.flush(5_000);
      assert.match(String(sentry.events()[0]?.release), /^pur-beurre@\d+\.\d+\.\d+/);
      assert.equal(sentry.events()[0]?.environment, 'production');
    } finally {
      await app.close();
      await reporter.close(2_000);
      await sentry.close();
      await testDb.drop();
    }
  });

  it('sends the query string and client IP only when SENTRY_SEND_PII=true, and never the cookies', async () => {
    const testDb = await createTestDb('pglite');
    const sentry = await startFakeSentry();
    const { app, reporter } = await buildReportingApp(testDb.db, {
      SENTRY_DSN: sentry.dsn,
      SENTRY_SEND_PII: 'true',
    });
    try {
      await app.inject(request('/boom/1?q=nutella'));
      await reporter.flush(5_000);
      const [event] = sentry.events();
      assert.equal(event?.request?.query_string, 'q=nutella');
      assert.equal(event?.user?.ip_address, '203.0.113.7');
      assert.ok(!sentry.envelopes[0]?.raw.includes('s3cr3t-session'));
    } finally {
      await app.close();
      await reporter.close(2_000);
      await sentry.close();
      await testDb.drop();
    }
  });
});
