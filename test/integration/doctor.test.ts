import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PRODUCTION_ENV, runCli } from '../support/cli.js';
import { type FakeOff, startFakeOff } from '../support/fake-off-server.js';
import { type FakeSentry, startFakeSentry } from '../support/fake-sentry-server.js';
import { type FakeSmtp, startFakeSmtp } from '../support/fake-smtp-server.js';
import { Resources } from '../support/resources.js';
import { createTestDb, databaseUrl, requireTestEnv, type TestDb, withAdmin } from '../support/test-db.js';

/** A loopback URL where nothing listens (a port just released). */
async function deadUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
}

describe('pur-beurre doctor', () => {
  let testDb: TestDb;
  let off: FakeOff;
  let sentry: FakeSentry;
  let smtp: FakeSmtp;
  let env: Record<string, string>;

  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    off = resources.add(await startFakeOff(), (o) => o.close());
    off.files.set('/data/delta/index.txt', Buffer.from('products_1_2.json.gz\n'));
    sentry = resources.add(await startFakeSentry(), (s) => s.close());
    smtp = resources.add(await startFakeSmtp(), (s) => s.close());
    env = {
      ...PRODUCTION_ENV,
      DATABASE_URL: testDb.url ?? '',
      OFF_BASE_URL: off.url,
      OFF_STATIC_URL: off.url,
      SENTRY_DSN: sentry.dsn,
      SMTP_URL: smtp.url,
      RELEASE: 'c0ffee1',
    };
  });
  after(() => resources.close());

  it('passes every check on a healthy installation, and Sentry receives its test event', async () => {
    const result = await runCli(['doctor'], env);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    for (const check of [
      /ok {4}configuration .*PostgreSQL at 127\.0\.0\.1:\d+; release c0ffee1/,
      /ok {4}database .*connected to PostgreSQL \d+/,
      /ok {4}migrations .*up to date/,
      /ok {4}Open Food Facts API .*reachable: HTTP 200/,
      /ok {4}Open Food Facts files .*reachable: HTTP 200/,
      /ok {4}Sentry .*test event accepted \(HTTP 200\)/,
      /ok {4}SMTP .*127\.0\.0\.1:\d+ accepts connections/,
    ])
      assert.match(result.stdout, check);
    assert.match(result.stdout, /All checks passed/);
    assert.ok(
      off.requests.every((request) => request.userAgent === 'PurBeurre/0.1.0 (tests@pur-beurre.invalid)'),
    );
    const [event] = sentry.events();
    assert.equal(event?.release, 'c0ffee1');
    assert.match(JSON.stringify(event?.message), /pur-beurre doctor: test event/);
  });

  it('exits 1 and names each failure: OFF unreachable, Sentry refusing, migrations pending', async () => {
    const adminUrl = requireTestEnv('TEST_DATABASE_URL');
    const name = `pur_beurre_doctor_${process.pid}`;
    await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
    sentry.status = 429;
    const offDown = await deadUrl();
    try {
      const result = await runCli(['doctor'], {
        ...env,
        DATABASE_URL: databaseUrl(adminUrl, name),
        OFF_BASE_URL: offDown,
        SMTP_URL: offDown.replace(/^http/, 'smtp'),
      });
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stdout, /ok {4}database /);
      assert.match(result.stdout, /FAIL {2}migrations .*pending: schema 0/);
      assert.match(result.stdout, new RegExp(`FAIL {2}Open Food Facts API .*unreachable: ${offDown}`));
      assert.match(result.stdout, /ok {4}Open Food Facts files /);
      assert.match(result.stdout, /FAIL {2}Sentry .*refused with HTTP 429/);
      assert.match(result.stdout, /FAIL {2}SMTP /);
      assert.equal(result.stderr, 'pur-beurre: 4 check(s) failed\n');
    } finally {
      sentry.status = 200;
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });

  it('reports an unreachable database and an invalid configuration without a stack trace', async () => {
    const down = await runCli(['doctor'], {
      ...env,
      DATABASE_URL: `${(await deadUrl()).replace('http', 'postgres')}/none`,
    });
    assert.equal(down.code, 1);
    assert.match(down.stdout, /FAIL {2}database .*ECONNREFUSED|FAIL {2}database .*connect/);
    assert.match(down.stdout, /FAIL {2}migrations .*not checked/);

    const invalid = await runCli(['doctor'], { ...env, PORT: 'eighty', SENTRY_DSN: 'nope' });
    assert.equal(invalid.code, 1);
    assert.match(invalid.stdout, /FAIL {2}configuration .*PORT.*SENTRY_DSN/);
    assert.doesNotMatch(invalid.stdout + invalid.stderr, /\n\s+at /);
  });
});
