// A seeded fuzzing pass over every route and form: random and hostile strings, huge values, wrong
// types, arrays for scalars, invalid UTF-8 and percent-encoding, with and without a session and
// CSRF token. Only 2xx/3xx/4xx may come back, never a 5xx, and the app keeps answering.
// Reproduce a failure with the seed it prints: RELIABILITY_SEED=<seed> npm test.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { importCatalogue } from '../../src/catalogue/import.js';
import { openJsonlFile } from '../../src/off/record-source.js';
import { samplePath } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { buildTestApp, CHEAP_PASSWORD_COST } from '../support/test-app.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const LONG = process.env.RELIABILITY_LONG === '1';
const SEED = Number(process.env.RELIABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Cases per route and mode: the CI form stays within seconds, the long form digs deeper. */
const CASES = LONG ? 400 : 25;

/** mulberry32: tiny, good enough to make every case reproducible from one number. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
type Random = ReturnType<typeof createRandom>;

const HOSTILE = [
  '',
  ' ',
  "' OR '1'='1",
  "'; DROP TABLE products; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0301\ufeff',
  '😀'.repeat(50),
  '%',
  '%%',
  '%zz',
  '\\',
  '../../../../etc/passwd',
  '//evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '0x10',
  '9'.repeat(40),
  '3017620429484',
  '3017620429484\n',
  '%_%',
  '\r\nSet-Cookie: x=1',
  '$' + '{jndi:ldap://x}',
  '{{7*7}}',
];

/** Return addresses that resolve to another site once dot segments are removed. */
const NEXT_VARIANTS = [
  '/.//evil.example',
  '/x/..//evil.example',
  '/%2e//evil.example',
  '/x/%252e%252e//evil.example',
  '/.\\evil.example',
  '/./%2F/evil.example',
];
/** One address spelled many ways: full-width, zero-width characters, a BOM, upper case. */
const EMAIL_VARIANTS = [
  'ｆｕｚｚ-1@example.org',
  'fuzz-1\u200b@example.org',
  '\ufeffFUZZ-1@EXAMPLE.ORG ',
  'fuzz-1＠example.org',
  'a@b.c\u0000',
  '\u200b',
];

/** Percent-encoded fragments a browser would never send: broken escapes and invalid UTF-8. */
const RAW_ENCODED = [
  '%',
  '%E0%A4%A',
  '%C0%AF',
  '%FF%FE',
  '%ED%A0%80',
  '%F4%90%80%80',
  '%00',
  '%C3%28',
  '%2e%2e%2f',
  '%252e',
  '%u0041',
  '+%2B+',
];

function randomString(random: Random): string {
  switch (random.int(6)) {
    case 0:
      return random.pick(HOSTILE);
    case 1:
      return random.pick(HOSTILE).repeat(1 + random.int(200));
    case 2: {
      // Any code unit, lone surrogates included.
      const length = random.int(64);
      return String.fromCharCode(...Array.from({ length }, () => random.int(0x10000)));
    }
    case 3:
      return 'x'.repeat(random.pick([999, 1000, 1001, 2001, 5000, 70_000]));
    case 4:
      return String(random.pick([-1, 0, 1, 2, 2 ** 31, 2 ** 53 + 1, 1.5, -0.0001]));
    default: {
      const length = 1 + random.int(20);
      return Array.from({ length }, () => String.fromCharCode(32 + random.int(95))).join('');
    }
  }
}

/** A query or urlencoded value: well-encoded random text or a raw broken fragment. */
function randomEncoded(random: Random): string {
  if (random.next() < 0.3) return random.pick(RAW_ENCODED) + random.pick(RAW_ENCODED);
  return toEncoded(randomString(random));
}

/** Lone surrogates cannot be percent-encoded; their UTF-8 forms are in RAW_ENCODED already. */
function toEncoded(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
}

/** Fields as a urlencoded body or query: sometimes repeated (arrays), bracketed, or unknown. */
function randomFields(random: Random, fields: readonly string[]): string {
  const parts: string[] = [];
  for (const field of fields) {
    const roll = random.next();
    if (roll < 0.15) continue;
    const name = roll < 0.25 ? `${field}[]` : roll < 0.3 ? `${field}[a]` : field;
    const times = random.next() < 0.15 ? 2 + random.int(3) : 1;
    for (let i = 0; i < times; i++) parts.push(`${name}=${randomEncoded(random)}`);
  }
  if (random.next() < 0.2)
    parts.push(`${random.pick(['__proto__[x]', 'constructor[prototype][x]', randomEncoded(random)])}=1`);
  return parts.join('&');
}

interface GetRoute {
  /** `{x}` is a path segment the visitor controls. */
  url: string;
  query: readonly string[];
}
const GETS: GetRoute[] = [
  { url: '/', query: ['q'] },
  { url: '/recherche', query: ['q', 'page'] },
  { url: '/api/autocomplete', query: ['q'] },
  { url: '/produit/{x}', query: [] },
  { url: '/produit/{x}/substituts', query: ['page'] },
  { url: '/produit/{known}/substituts', query: ['page'] },
  { url: '/produit/{known}/comparer/{x}', query: [] },
  { url: '/produit/{x}/comparer/{known}', query: [] },
  { url: '/inscription', query: ['next', 'sauver'] },
  { url: '/connexion', query: ['next', 'sauver'] },
  { url: '/mon-compte', query: [] },
  { url: '/mes-aliments', query: [] },
  { url: '/mentions-legales', query: [] },
  { url: '/mot-de-passe-oublie', query: [] },
  { url: '/nouveau-mot-de-passe', query: ['jeton'] },
  { url: '/confirmer-email', query: ['jeton'] },
  { url: '/healthz', query: [] },
  { url: '/readyz', query: [] },
  { url: '/metrics', query: [] },
  { url: '/static/{x}', query: [] },
  { url: '/{x}', query: ['q', 'next'] },
];

const ACCOUNT_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'password',
  'passwordConfirm',
  'currentPassword',
  'confirm',
  'next',
];
const FORMS: { url: string; fields: readonly string[] }[] = [
  { url: '/inscription', fields: ACCOUNT_FIELDS },
  { url: '/connexion', fields: ACCOUNT_FIELDS },
  { url: '/mon-compte', fields: ACCOUNT_FIELDS },
  { url: '/mon-compte/mot-de-passe', fields: ACCOUNT_FIELDS },
  { url: '/mon-compte/supprimer', fields: ACCOUNT_FIELDS },
  { url: '/mes-aliments', fields: ['product', 'substitute', 'next'] },
  { url: '/mes-aliments/retirer', fields: ['product', 'substitute', 'next'] },
  { url: '/deconnexion', fields: [] },
  { url: '/mot-de-passe-oublie', fields: ['email'] },
  { url: '/nouveau-mot-de-passe', fields: ['jeton', 'password', 'passwordConfirm'] },
  { url: '/mon-compte/confirmer-email', fields: [] },
];

function randomBody(
  random: Random,
  fields: readonly string[],
  csrf: string | null,
): Pick<InjectOptions, 'headers' | 'payload'> {
  const token = csrf === null ? '' : `_csrf=${toEncoded(csrf)}&`;
  switch (random.int(8)) {
    case 0: {
      // Wrong types as JSON: numbers, arrays, objects, null where strings are expected.
      const value = () =>
        random.pick<unknown>([1, -1, null, true, [], ['a', 'b'], { a: 1 }, randomString(random), 1e308]);
      const json = Object.fromEntries(
        [...fields, '_csrf'].map((f) => [f, f === '_csrf' && csrf !== null ? csrf : value()]),
      );
      return { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(json) };
    }
    case 1:
      return {
        headers: { 'content-type': 'application/json' },
        payload: random.pick(['{', '[]', 'null', '"x"', '{"a":', '1'.repeat(100)]),
      };
    case 2:
      return {
        headers: {
          'content-type': random.pick([
            'text/plain',
            'multipart/form-data; boundary=x',
            'application/xml',
            'x/y; charset=utf-7',
          ]),
        },
        payload: `${token}${randomFields(random, fields)}`,
      };
    case 3:
      // Invalid UTF-8 bytes in the body itself.
      return {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: Buffer.concat([
          Buffer.from(`${token}${random.pick(fields.length > 0 ? fields : ['x'])}=`),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
        ]),
      };
    case 4:
      // Past the body limit.
      return {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `${token}next=${'a'.repeat(2_000_000)}`,
      };
    default:
      return {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `${token}${randomFields(random, fields)}`,
      };
  }
}

describe(`bad input on every route and form (seed ${SEED}${LONG ? ', long form' : ''})`, () => {
  let testDb: TestDb;
  let app: FastifyInstance;
  const random = createRandom(SEED);
  let requests = 0;
  /** A product of the catalogue with substitutes, so its pages reach the deepest code. */
  let known = '';

  /** Every request comes from a different address so the per-address limits stay out of the way. */
  const send = async (options: InjectOptions): Promise<LightMyRequestResponse> => {
    requests++;
    const remoteAddress = `10.${requests >> 16}.${(requests >> 8) & 255}.${requests & 255}`;
    const response = await app.inject({ remoteAddress, ...options });
    const body = typeof options.payload === 'string' ? options.payload.slice(0, 300) : '(bytes/json)';
    assert.ok(
      response.statusCode < 500,
      `seed ${SEED}: ${options.method ?? 'GET'} ${String(options.url).slice(0, 300)} body ${body} → ${response.statusCode} ${response.body.slice(0, 300)}`,
    );
    return response;
  };

  /** A signed-up visitor: session cookie and the CSRF token of a page. */
  let session: { cookie: string; csrf: string } | null = null;
  let accounts = 0;
  const requireSession = async () => {
    if (session !== null) return session;
    const password = 'un-mot-de-passe-solide';
    const form = await send({ method: 'GET', url: '/inscription' });
    const token = form.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? '';
    const first = form.cookies.find((c) => c.name === 'pb_session')?.value ?? '';
    const signUp = await send({
      method: 'POST',
      url: '/inscription',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: { pb_session: first },
      payload: new URLSearchParams({
        _csrf: token,
        email: `fuzz-${++accounts}@example.org`,
        firstName: 'Fuzz',
        password,
        passwordConfirm: password,
      }).toString(),
    });
    assert.equal(signUp.statusCode, 303, signUp.body.slice(0, 500));
    const cookie = signUp.cookies.find((c) => c.name === 'pb_session')?.value ?? first;
    const account = await send({ method: 'GET', url: '/mon-compte', cookies: { pb_session: cookie } });
    const csrf = account.body.match(/name="_csrf" value="([^"]*)"/)?.[1];
    assert.ok(csrf !== undefined, account.body.slice(0, 500));
    session = { cookie, csrf };
    return session;
  };

  const resources = new Resources();
  before(async () => {
    console.log(`bad-input fuzz seed: ${SEED} (RELIABILITY_SEED=${SEED} to replay)`);
    testDb = resources.add(await createTestDb('postgres'), (t) => t.drop());
    await importCatalogue(testDb.db, await openJsonlFile(samplePath('purbeurre-guillaumeoj-fixture.jsonl')));
    // Both kinds of rate limit would answer 429 long before the handlers see the input.
    const [worst] = await testDb.db.query<{ code: string }>(
      "SELECT code FROM products WHERE nutriscore_grade = 'e' ORDER BY code LIMIT 1",
    );
    known = worst?.code ?? '';
    assert.notEqual(known, '');
    app = resources.add(
      await buildTestApp(
        testDb.db,
        { RATE_LIMIT_MAX: '1000000', RATE_LIMIT_NOT_FOUND_MAX: '1000000' },
        // Thousands of sign-ups and log-ins: at OWASP's cost (32 MiB, ~0.1 s a hash) scrypt alone
        // took 7 of this file's 8 minutes. The input handling under test is the same at any cost.
        { passwordCost: CHEAP_PASSWORD_COST },
      ),
      (a) => a.close(),
    );
  });
  after(() => resources.close());

  for (const signedIn of [false, true]) {
    const who = signedIn ? 'a signed-in visitor' : 'an anonymous visitor';

    it(`answers every GET route with a page or a 4xx for ${who}`, async () => {
      for (const route of GETS) {
        for (let i = 0; i < CASES; i++) {
          const url = route.url.replace('{x}', () => randomEncoded(random)).replace('{known}', known);
          const query = randomFields(random, route.query.length > 0 ? route.query : ['q']);
          const cookies = signedIn
            ? { pb_session: (await requireSession()).cookie }
            : random.next() < 0.2
              ? { pb_session: toEncoded(randomString(random)) }
              : undefined;
          await send({
            method: random.next() < 0.9 ? 'GET' : random.pick(['HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']),
            url: `${url}?${query}`,
            ...(cookies === undefined ? {} : { cookies }),
          });
        }
      }
    });

    it(`answers every form with a page, a redirect or a 4xx for ${who}`, async () => {
      for (const form of FORMS) {
        for (let i = 0; i < CASES; i++) {
          const current = signedIn ? await requireSession() : null;
          // A valid token most of the time, so the input reaches the handler; a forged one else.
          const csrf =
            current === null
              ? random.next() < 0.5
                ? randomString(random)
                : null
              : random.next() < 0.85
                ? current.csrf
                : randomString(random);
          const response = await send({
            method: 'POST',
            url: form.url,
            ...randomBody(random, form.fields, csrf),
            ...(current === null ? {} : { cookies: { pb_session: current.cookie } }),
          });
          // Logging out or a deleted account ends the session: sign up again for the next case.
          if (
            signedIn &&
            response.statusCode === 303 &&
            (form.url === '/deconnexion' || form.url === '/mon-compte/supprimer')
          )
            session = null;
        }
      }
    });
  }

  // Not left to chance: each hostile string in each field of each form, signed in with a valid
  // token, so that it reaches the handler and the database (a NUL byte once gave a 500 there).
  it('answers every hostile string in every field of every form with a page, a redirect or a 4xx', async () => {
    for (const form of FORMS) {
      for (const field of form.fields) {
        for (const value of HOSTILE) {
          const current = await requireSession();
          const fields = new URLSearchParams(form.fields.map((name) => [name, name === field ? value : 'a']));
          const response = await send({
            method: 'POST',
            url: form.url,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: `_csrf=${toEncoded(current.csrf)}&${fields}`,
            cookies: { pb_session: current.cookie },
          });
          if (
            response.statusCode === 303 &&
            (form.url === '/deconnexion' || form.url === '/mon-compte/supprimer')
          )
            session = null;
        }
      }
    }
  });

  it('answers the `next` and e-mail variants in every form and page that reads them', async () => {
    for (const value of NEXT_VARIANTS) {
      for (const page of ['/connexion', '/inscription']) {
        const response = await send({ method: 'GET', url: `${page}?next=${toEncoded(value)}` });
        assert.match(response.body, /name="next" value="\/"/, `${page} next=${value}`);
      }
    }
    const extra = [
      { url: '/connexion', fields: ['email', 'password', 'next', 'sauver'] },
      { url: '/mot-de-passe-oublie', fields: ['email'] },
      { url: '/nouveau-mot-de-passe', fields: ['jeton', 'password', 'passwordConfirm'] },
    ];
    for (const form of [...FORMS, ...extra]) {
      for (const field of ['next', 'email', 'sauver', 'jeton'].filter((name) => form.fields.includes(name))) {
        for (const value of [
          ...(field === 'email' ? EMAIL_VARIANTS : NEXT_VARIANTS),
          ...HOSTILE.slice(0, 8),
        ]) {
          const current = await requireSession();
          const fields = new URLSearchParams(form.fields.map((name) => [name, name === field ? value : 'a']));
          const response = await send({
            method: 'POST',
            url: form.url,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: `_csrf=${toEncoded(current.csrf)}&${fields}`,
            cookies: { pb_session: current.cookie },
          });
          const location = String(response.headers.location ?? '/');
          assert.match(
            location,
            /^\/(?![/\\])/,
            `${form.url} ${field}=${JSON.stringify(value)} → ${location}`,
          );
          // Signing up, logging in or deleting the account changes the session: start a new one.
          if (response.statusCode === 303 && form.url !== '/mes-aliments' && form.url !== '/mon-compte')
            session = null;
        }
      }
    }
  });

  // A client that resets its connection right after sending once made every such request a 500
  // (request.ip is undefined without a socket, and the rate limiter's key threw).
  it('answers clients that reset their connection with no 5xx', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const sendThenReset = (bytes: string) =>
      new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(bytes, () => {
            socket.resetAndDestroy();
            resolve();
          });
        });
        socket.on('error', () => resolve());
      });
    for (const route of GETS) {
      const url = route.url.replace('{x}', 'x').replace('{known}', known);
      await sendThenReset(`GET ${url} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    }
    for (const form of FORMS) {
      const current = await requireSession();
      const body = `_csrf=${toEncoded(current.csrf)}&${form.fields.map((f) => `${f}=a`).join('&')}`;
      await sendThenReset(
        `POST ${form.url} HTTP/1.1\r\nHost: localhost\r\nCookie: pb_session=${current.cookie}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    }
    // Read the metrics once every reset socket is closed and no request is still being handled
    // (this read is the one in flight), rather than after a guessed delay.
    const openConnections = () =>
      new Promise<number>((resolve, reject) =>
        app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      );
    for (;;) {
      const metrics = await send({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
      assert.equal(metrics.statusCode, 200);
      const inFlight = Number(/^pur_beurre_http_requests_in_flight (\S+)$/m.exec(metrics.body)?.[1]);
      assert.ok(Number.isFinite(inFlight), 'pur_beurre_http_requests_in_flight is missing from /metrics');
      if ((await openConnections()) === 0 && inFlight <= 1) {
        assert.doesNotMatch(metrics.body, /status="5\d\d"/);
        break;
      }
      await new Promise(setImmediate);
    }
  });

  it('still answers and still holds the catalogue after the whole pass', async () => {
    assert.equal((await send({ method: 'GET', url: '/healthz' })).statusCode, 200);
    assert.equal((await send({ method: 'GET', url: '/readyz' })).statusCode, 200);
    const page = await send({ method: 'GET', url: `/produit/${known}/substituts` });
    assert.equal(page.statusCode, 200);
    const [row] = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
    assert.ok((row?.n ?? 0) > 0);
    console.log(`bad-input fuzz: ${requests} requests, seed ${SEED}`);
  });
});
