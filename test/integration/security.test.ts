// The OWASP classics, tried on every route of the site. Add a route to ROUTES (and a form to
// FORMS, a redirect parameter to REDIRECTS) when you add one: every attack below runs against it.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { ErrorReporter } from '../../src/web/error-reporter.js';
import { createLoggerOptions } from '../../src/web/logger.js';
import { toSafeNext } from '../../src/web/safe-next.js';
import { createLogCapture } from '../support/log-capture.js';
import { Resources } from '../support/resources.js';
import { buildTestApp, startTestSite } from '../support/test-app.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

interface RouteCase {
  /** A concrete URL of the route; `{input}` marks a path segment the user controls. */
  url: string;
  /** Query parameters the route reads. */
  query?: string[];
  /** Routes answering 404 to the public on purpose (metrics) still must not leak or fail. */
  html: boolean;
}

/** Every GET route. */
const ROUTES: RouteCase[] = [
  { url: '/', query: ['q'], html: true },
  { url: '/recherche', query: ['q'], html: true },
  { url: '/api/autocomplete', query: ['q'], html: false },
  { url: '/produit/{input}', html: true },
  { url: '/produit/{input}/substituts', query: ['page'], html: true },
  { url: '/inscription', query: ['next', 'sauver'], html: true },
  { url: '/connexion', query: ['next', 'sauver'], html: true },
  { url: '/mon-compte', html: true },
  { url: '/mes-aliments', html: true },
  { url: '/mentions-legales', html: true },
  { url: '/mot-de-passe-oublie', html: true },
  { url: '/nouveau-mot-de-passe', query: ['jeton'], html: true },
  { url: '/confirmer-email', query: ['jeton'], html: true },
  { url: '/healthz', html: false },
  { url: '/readyz', html: false },
  { url: '/metrics', html: false },
  { url: '/static/{input}', html: false },
  { url: '/static/vendor/{input}', html: false },
  // An unknown address: the 404 page echoes nothing but must stay safe.
  { url: '/{input}', query: ['q', 'next'], html: true },
];

interface FormCase {
  url: string;
  fields: string[];
  /** Forms post urlencoded; the stand-in below has no form parser on this branch, so JSON. */
  json?: boolean;
}

/** Every form (POST route). */
const FORMS: FormCase[] = [
  {
    url: '/inscription',
    fields: ['email', 'firstName', 'lastName', 'password', 'passwordConfirm', 'next', 'sauver'],
  },
  { url: '/connexion', fields: ['email', 'password', 'next', 'sauver'] },
  { url: '/deconnexion', fields: ['_csrf'] },
  { url: '/mon-compte', fields: ['email', 'firstName', 'lastName', 'currentPassword'] },
  { url: '/mon-compte/mot-de-passe', fields: ['currentPassword', 'password', 'passwordConfirm'] },
  { url: '/mon-compte/supprimer', fields: ['currentPassword', 'confirm'] },
  { url: '/mes-aliments', fields: ['product', 'substitute', 'next'] },
  { url: '/mes-aliments/retirer', fields: ['product', 'substitute', 'next'] },
  { url: '/mot-de-passe-oublie', fields: ['email'] },
  { url: '/nouveau-mot-de-passe', fields: ['jeton', 'password', 'passwordConfirm'] },
  { url: '/mon-compte/confirmer-email', fields: ['_csrf'] },
];
const STAND_IN_FORM: FormCase = { url: '/security-test-form', fields: ['name'], json: true };

interface RedirectCase {
  /** A request that redirects to a target taken from the user (e.g. `/connexion?next=`). */
  url: (target: string) => string;
}

/**
 * Every route that redirects to a user-given target through a GET. The log-in and sign-up
 * forms' `next` needs a session and a CSRF token: test/integration/site.test.ts forges it there.
 */
const REDIRECTS: RedirectCase[] = [];

const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE products; --",
  "1' UNION SELECT email, password_hash FROM users --",
  "3017620422003' AND pg_sleep(5) --",
  '\\x00\u0000',
];
const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">x</a>',
];
const TRAVERSALS = [
  '../package.json',
  '..%2fpackage.json',
  '%2e%2e/package.json',
  '%2e%2e%2fpackage.json',
  '%252e%252e%252fpackage.json',
  '....//package.json',
  '..%5cpackage.json',
  '..%c0%afpackage.json',
  '../../../../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'pur-beurre.css%00.js',
];

function fill(route: RouteCase, input: string): string {
  return route.url.replace('{input}', encodeURIComponent(input));
}

function withQuery(url: string, names: string[], value: string): string {
  const query = new URLSearchParams(names.map((name) => [name, value]));
  return `${url}?${query}`;
}

describe('OWASP classics on every route', () => {
  let testDb: TestDb;
  let app: FastifyInstance;
  const inject = (options: InjectOptions | string) => app.inject(options);

  const resources = new Resources();
  before(async () => {
    ({ testDb, app } = await startTestSite(resources, {
      fixtures: ['purbeurre-guillaumeoj-fixture.jsonl'],
      // Attack volume must not trip the rate limits this test is not about.
      env: { RATE_LIMIT_MAX: '100000', RATE_LIMIT_NOT_FOUND_MAX: '100000' },
    }));
    // Until the site has forms, a stand-in POST route shows the app-wide body limit applies to any.
    if (FORMS.length === 0) app.post(STAND_IN_FORM.url, async () => ({ ok: true }));
  });
  after(() => resources.close());

  it('survives SQL injection strings in every path segment and query parameter, data intact', async () => {
    for (const route of ROUTES) {
      for (const payload of SQL_INJECTIONS) {
        const urls = [fill(route, payload), withQuery(fill(route, 'x'), route.query ?? ['q'], payload)];
        for (const url of urls) {
          const response = await inject(url);
          assert.ok(response.statusCode < 500, `${url} → ${response.statusCode}`);
          // The search page shows the query back (escaped): only what remains may not leak.
          const body = response.body.replaceAll(payload, '');
          assert.doesNotMatch(body, /syntax error|pg_|postgres|SQLSTATE|stack/i, url);
        }
      }
    }
    const [row] = await testDb.db.query<{ count: number }>('SELECT count(*)::int AS count FROM products');
    assert.equal(row?.count, 49);
  });

  it('never reflects XSS payloads unescaped, and every HTML page carries the CSP', async () => {
    for (const route of ROUTES) {
      for (const payload of XSS_PAYLOADS) {
        const urls = [fill(route, payload), withQuery(fill(route, 'x'), route.query ?? ['q'], payload)];
        for (const url of urls) {
          const response = await inject(url);
          assert.ok(response.statusCode < 500, `${url} → ${response.statusCode}`);
          // JSON (autocomplete) carries the text as data, never as markup: HTML is what must escape it.
          if (!String(response.headers['content-type']).startsWith('text/html')) continue;
          assert.doesNotMatch(
            response.body,
            /<script>alert|<img src=x onerror|<svg\/onload|href="javascript:/i,
            url,
          );
          assert.match(String(response.headers['content-security-policy']), /script-src 'self'/, url);
        }
      }
    }
  });

  it('serves nothing outside the static folders, whatever the encoding of the path', async () => {
    for (const prefix of [
      '/static/',
      '/static/vendor/',
      '/static/vendor/barcode-detector/',
      '/static/vendor/zxing/',
    ]) {
      for (const traversal of TRAVERSALS) {
        const url = `${prefix}${traversal}`;
        const response = await inject(url);
        assert.ok([400, 403, 404].includes(response.statusCode), `${url} → ${response.statusCode}`);
        assert.doesNotMatch(response.body, /"name": "pur-beurre"|root:x:0:0/, url);
      }
    }
  });

  it('refuses request bodies over 64 KiB on every form with 413', async () => {
    const forms = FORMS.length > 0 ? FORMS : [STAND_IN_FORM];
    for (const form of forms) {
      const fields = form.fields.map((field) => [field, 'a'.repeat(70 * 1024)]);
      const response = await inject({
        method: 'POST',
        url: form.url,
        headers: { 'content-type': form.json ? 'application/json' : 'application/x-www-form-urlencoded' },
        payload: form.json
          ? JSON.stringify(Object.fromEntries(fields))
          : new URLSearchParams(fields).toString(),
      });
      assert.equal(response.statusCode, 413, form.url);
      assert.doesNotMatch(response.body, /FST_|stack/);
    }
  });

  it('only ever redirects to this site', async () => {
    for (const page of ['/connexion', '/inscription']) {
      for (const target of OPEN_REDIRECTS) {
        const response = await inject(`${page}?${new URLSearchParams({ next: target })}`);
        const next = response.body.match(/name="next" value="([^"]*)"/)?.[1];
        assert.equal(next, '/', `${page} next=${JSON.stringify(target)} → ${next}`);
      }
    }
    for (const redirect of REDIRECTS) {
      for (const target of OPEN_REDIRECTS) {
        const response = await inject(redirect.url(target));
        const location = String(response.headers.location ?? '/');
        assert.match(location, /^\/(?![/\\])/, `${target} → ${location}`);
      }
    }
  });
});

const OPEN_REDIRECTS = [
  'https://evil.example/',
  '//evil.example/',
  '///evil.example/',
  '/\\evil.example/',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http:evil.example',
  ' //evil.example',
  '',
  // Dot segments that resolve to `//evil.example`, plain and percent-encoded.
  '/.//evil.example',
  '/x/..//evil.example',
  '/%2e//evil.example',
  '/x/%2e%2e//evil.example',
  '/x/%252e%252e//evil.example',
  '/.%2F%2Fevil.example',
  '/.\\evil.example',
];

describe('toSafeNext', () => {
  it('falls back for every target that would leave the site', () => {
    for (const target of OPEN_REDIRECTS)
      assert.equal(toSafeNext(target, '/compte'), '/compte', JSON.stringify(target));
    assert.equal(toSafeNext(undefined), '/');
    assert.equal(toSafeNext(['/a', '/b']), '/');
  });

  it('keeps same-site paths with their query, dot segments resolved', () => {
    assert.equal(toSafeNext('/mes-aliments?page=2'), '/mes-aliments?page=2');
    assert.equal(toSafeNext('/produit/3017620422003'), '/produit/3017620422003');
    assert.equal(toSafeNext('/a/../b'), '/b');
  });
});

describe('limits on the wire', () => {
  let app: FastifyInstance;
  let port: number;
  const resources = new Resources();
  before(async () => {
    ({ app } = await startTestSite(resources));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  after(() => resources.close());

  const get = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path: '/healthz', headers }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });

  /** What comes back for raw bytes: Node answers some requests before Fastify sees them. */
  const sendRaw = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      let answer = '';
      const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('end', () => resolve(answer));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });

  it('refuses request headers over 8 KiB with 431', async () => {
    assert.equal(await get({ 'x-small': 'a' }), 200);
    assert.equal(await get({ 'x-padding': 'a'.repeat(9 * 1024) }), 431);
  });

  it('answers what the HTTP parser refuses with our French page and headers', async () => {
    const cases = [
      { bytes: `GET / HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(9 * 1024)}\r\n\r\n`, status: 431 },
      { bytes: 'FROB / HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
      { bytes: 'GET / HTTP/9.9\r\n\r\n', status: 400 },
      { bytes: 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n', status: 400 },
    ];
    for (const { bytes, status } of cases) {
      const answer = await sendRaw(bytes);
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      assert.match(head, new RegExp(`^HTTP/1.1 ${status} `), bytes.slice(0, 40));
      assert.match(head, /content-type: text\/html; charset=utf-8/i);
      assert.match(head, /content-security-policy: default-src 'self'/i);
      assert.match(head, /x-content-type-options: nosniff/i);
      assert.match(head, /permissions-policy: /i);
      assert.match(body, /^<!doctype html><html lang="fr">/);
      assert.match(body, status === 431 ? /Requête trop volumineuse/ : /Requête invalide/);
      assert.doesNotMatch(body, /"statusCode"|Client Error/);
      assert.equal(Buffer.byteLength(body), Number(/content-length: (\d+)/i.exec(head)?.[1]));
    }
  });
});

describe('a client that resets its connection right after its request', () => {
  const capture = createLogCapture();
  const reported: unknown[] = [];
  const reporter: ErrorReporter = {
    reportRequestError: (error) => reported.push(error),
    reportProcessError: (error) => reported.push(error),
    flush: async () => true,
    close: async () => true,
  };
  let app: FastifyInstance;
  let port: number;
  const resources = new Resources();
  before(async () => {
    const testDb = resources.add(await createTestDb('pglite'), (t) => t.drop());
    const logger = {
      ...(createLoggerOptions(loadConfig({}, '/nonexistent/.env')) as object),
      stream: capture.stream,
    };
    app = resources.add(await buildTestApp(testDb.db, {}, { logger, errorReporter: reporter }), (a) =>
      a.close(),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  after(() => resources.close());

  /** Sends the request, then a TCP reset as soon as it is written: the socket is gone mid-request. */
  const sendThenReset = (lines: string) =>
    new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(lines, () => {
          socket.resetAndDestroy();
          resolve();
        });
      });
      socket.on('error', () => {});
    });

  it('costs no 5xx, no error log and no error report', async () => {
    for (let i = 0; i < 20; i++) {
      await sendThenReset('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
      await sendThenReset(
        'POST /connexion HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\nemail=a%40',
      );
    }
    // Let the server finish what it had started.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const problems = capture.lines().filter((line) => (line.level as number) >= 50);
    assert.deepEqual(problems, []);
    assert.deepEqual(reported, []);
    const metrics = await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    assert.equal(metrics.statusCode, 200);
    assert.doesNotMatch(metrics.body, /status="5\d\d"/);
    assert.ok(
      capture.lines().some((line) => line.msg === 'request completed'),
      'the server saw requests',
    );
  });
});
