import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { resolveSessionSecrets } from '../../src/web/session-secret.js';
import { createInjectBrowser } from '../support/inject-browser.js';
import { Resources } from '../support/resources.js';
import { buildTestApp } from '../support/test-app.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const OLD_SECRET = 'an-old-secret-that-is-at-least-32-characters';
const NEW_SECRET = 'a-new-secret-that-is-at-least-32-characters-too';
const PASSWORD = 'du-beurre-de-qualite';

describe('sessions shared by several instances', () => {
  let testDb: TestDb;
  let first: FastifyInstance;
  let second: FastifyInstance;

  const resources = new Resources();
  before(async () => {
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    first = resources.add(await buildTestApp(testDb.db, { SESSION_SECRET: NEW_SECRET }), (a) => a.close());
    second = resources.add(await buildTestApp(testDb.db, { SESSION_SECRET: NEW_SECRET }), (a) => a.close());
  });
  after(() => resources.close());

  it('logs a user in on every instance, and out of every instance', async () => {
    const browser = createInjectBrowser(first);
    await browser.get('/inscription');
    await browser.post('/inscription', {
      email: 'colette@example.org',
      firstName: 'Colette',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    const cookie = browser.cookie() ?? '';
    const onSecond = await second.inject({ url: '/mon-compte', cookies: { pb_session: cookie } });
    assert.equal(onSecond.statusCode, 200);
    assert.match(onSecond.body, /colette@example.org/);
    assert.match(String(onSecond.headers['cache-control']), /no-store/);

    await browser.get('/mon-compte');
    await browser.post('/deconnexion', {});
    for (const app of [first, second]) {
      const after = await app.inject({ url: '/mon-compte', cookies: { pb_session: cookie } });
      assert.equal(after.statusCode, 303);
    }
  });

  it('still accepts cookies signed with a retired secret during a rotation', async () => {
    const before = await buildTestApp(testDb.db, { SESSION_SECRET: OLD_SECRET });
    const rotated = await buildTestApp(testDb.db, { SESSION_SECRET: `${NEW_SECRET},${OLD_SECRET}` });
    const stranger = await buildTestApp(testDb.db, { SESSION_SECRET: NEW_SECRET });
    try {
      const browser = createInjectBrowser(before);
      await browser.get('/connexion');
      await browser.post('/connexion', { email: 'colette@example.org', password: PASSWORD });
      const cookie = browser.cookie() ?? '';
      assert.equal(
        (await rotated.inject({ url: '/mon-compte', cookies: { pb_session: cookie } })).statusCode,
        200,
      );
      assert.equal(
        (await stranger.inject({ url: '/mon-compte', cookies: { pb_session: cookie } })).statusCode,
        303,
      );
    } finally {
      await Promise.all([before.close(), rotated.close(), stranger.close()]);
    }
  });

  it('marks the cookie Secure when the trusted proxy says the request came over HTTPS', async () => {
    const behindProxy = await buildTestApp(testDb.db, {
      SESSION_SECRET: NEW_SECRET,
      TRUST_PROXY: '127.0.0.1',
    });
    try {
      const https = await behindProxy.inject({
        url: '/connexion',
        headers: { 'x-forwarded-proto': 'https' },
      });
      const cookie = https.cookies.find((c) => c.name === 'pb_session');
      assert.equal(cookie?.secure, true);
      assert.equal(cookie?.httpOnly, true);
      assert.equal(cookie?.sameSite, 'Lax');
      const plain = await first.inject({ url: '/connexion', headers: { 'x-forwarded-proto': 'https' } });
      assert.notEqual(
        plain.cookies.find((c) => c.name === 'pb_session')?.secure,
        true,
        'untrusted header ignored',
      );
    } finally {
      await behindProxy.close();
    }
  });

  it('serves visitors a cached page, and never caches or serves it to a session', async () => {
    const first = await second.inject('/mentions-legales');
    assert.equal(first.headers['x-page-cache'], undefined);
    // The shared cache in nginx may keep it for the time the instance keeps it (20–30 s by default).
    const keptFor = Number(first.headers['x-accel-expires']);
    assert.ok(keptFor >= 19 && keptFor <= 30, String(keptFor));
    const again = await second.inject('/mentions-legales');
    assert.equal(again.headers['x-page-cache'], 'hit');
    assert.ok(Number(again.headers['x-accel-expires']) <= Number(first.headers['x-accel-expires']));
    assert.equal(again.body, first.body);

    const browser = createInjectBrowser(second);
    await browser.get('/connexion');
    await browser.post('/connexion', { email: 'colette@example.org', password: PASSWORD });
    const personal = await browser.get('/mentions-legales');
    assert.equal(personal.headers['x-page-cache'], undefined);
    assert.equal(personal.headers['x-accel-expires'], undefined, 'never kept by nginx either');
    assert.match(personal.body, /Se déconnecter/);
    const visitor = await second.inject('/mentions-legales');
    assert.doesNotMatch(visitor.body, /Se déconnecter|href="\/mon-compte"/);
  });

  it('keeps the home page under 100 KB compressed, with its CSS and JS', async () => {
    let total = 0;
    for (const url of [
      '/',
      '/static/vendor/bootstrap.min.css',
      '/static/pur-beurre.css',
      '/static/autocomplete.js',
      // The scan's decoder (about 1 MB) is fetched only when "Scanner" is pressed, so not here.
      '/static/scanner.js',
    ]) {
      const response = await first.inject(url);
      assert.equal(response.statusCode, 200, url);
      total += gzipSync(response.rawPayload).length;
    }
    assert.ok(total < 100 * 1024, `${total} bytes`);
  });
});

describe('the embedded session secret', () => {
  it('is made once, kept in DATA_DIR readable by its owner only, and reused', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pur-beurre-secret-'));
    const [secret] = resolveSessionSecrets({ sessionSecrets: [], dataDir });
    assert.ok(secret !== undefined && secret.length >= 32);
    assert.equal(statSync(join(dataDir, 'session-secret')).mode & 0o777, 0o600);
    assert.deepEqual(resolveSessionSecrets({ sessionSecrets: [], dataDir }), [secret]);
    assert.deepEqual(resolveSessionSecrets({ sessionSecrets: [NEW_SECRET], dataDir }), [NEW_SECRET]);
  });

  it('creates DATA_DIR readable by its owner only, whatever the umask', () => {
    const parent = mkdtempSync(join(tmpdir(), 'pur-beurre-data-'));
    const dataDir = join(parent, 'data', 'nested');
    const umask = process.umask(0o022);
    try {
      resolveSessionSecrets({ sessionSecrets: [], dataDir });
    } finally {
      process.umask(umask);
    }
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  });
});
