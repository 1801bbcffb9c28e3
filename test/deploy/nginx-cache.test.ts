// The kit's shared page cache and 429 page, on the real nginx: the rendered http settings, proxy
// snippet and site (TLS included), run in a temporary folder in front of a stand-in for the app
// that answers what each test asks for and counts the requests reaching it.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { request } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  DEPLOY_DIR,
  makeSelfSignedCertificate,
  makeTempDir,
  missingTool,
  renderKit,
} from '../support/deploy-kit.js';

const DOMAIN = 'pur-beurre.test';
// nginx_rate_limit_exempt: the cache tests come from 127.0.0.1, the 429 tests from another
// loopback address, limited at 1 page a minute after a burst of 1.
const LIMITED_ADDRESS = '127.0.0.2';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Header names as received, once per occurrence (lower-cased). */
  names: string[];
  body: string;
  /** The body's bytes as received (gzipped when the answer says so). */
  raw: Buffer;
}

// What the app sets on each answer itself (src/web/security.ts): nginx must not add its own.
const APP_HEADERS = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
};

async function findFreePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/**
 * The app as nginx sees it. Paths say what to answer: /marked/… carries X-Accel-Expires: 30
 * (whoever asks: nginx, not the app, must keep sessions out), /short/… X-Accel-Expires: 1,
 * /browser-cache/… only Cache-Control and Expires, /sets-cookie/… X-Accel-Expires with a
 * Set-Cookie, /gzipped/… X-Accel-Expires with the page gzipped when the request accepts it (as
 * the app's page cache does; `acceptEncodings` keeps the header each path arrived with). Paths in `failing` answer 503 as load shedding does; a path `held` answers only
 * when the test releases it. Each answer carries the app's own security headers, and
 * `requestIds` keeps the X-Request-Id each path arrived with.
 */
function startUpstream(port: number) {
  const hits = new Map<string, number>();
  const requestIds = new Map<string, string | undefined>();
  const acceptEncodings = new Map<string, string | undefined>();
  const failing = new Set<string>();
  const held = new Map<string, { arrived: () => void; released: Promise<void> }>();
  /** The next request for `path` waits: `arrived` resolves when it reaches the app. */
  const hold = (path: string) => {
    let arrived = () => {};
    let release = () => {};
    const gate = {
      arrived: new Promise<void>((resolve) => {
        arrived = resolve;
      }),
      release: () => release(),
    };
    held.set(path, {
      arrived: () => arrived(),
      released: new Promise<void>((resolve) => (release = resolve)),
    });
    return gate;
  };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const count = (hits.get(url) ?? 0) + 1;
    hits.set(url, count);
    const requestId = req.headers['x-request-id'];
    requestIds.set(url, typeof requestId === 'string' ? requestId : undefined);
    acceptEncodings.set(url, req.headers['accept-encoding']);
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', ...APP_HEADERS };
    if (failing.has(url)) {
      res.writeHead(503, { ...headers, 'retry-after': '5' }).end('instance unavailable');
      return;
    }
    if (url.startsWith('/marked/')) headers['x-accel-expires'] = '30';
    if (url.startsWith('/short/')) headers['x-accel-expires'] = '1';
    if (url.startsWith('/browser-cache/')) {
      headers['cache-control'] = 'public, max-age=300';
      headers.expires = new Date(Date.now() + 300_000).toUTCString();
    }
    if (url.startsWith('/sets-cookie/')) {
      headers['x-accel-expires'] = '30';
      headers['set-cookie'] = 'pb_session=s%3Anew-session; Path=/; HttpOnly';
    }
    if (url.startsWith('/gzipped/')) {
      headers['x-accel-expires'] = '30';
      headers.vary = 'Accept-Encoding';
      const page = `<p>${url} answer ${count}</p>`.repeat(20);
      if (!/\bgzip\b/.test(req.headers['accept-encoding'] ?? ''))
        return res.writeHead(200, headers).end(page);
      return res.writeHead(200, { ...headers, 'content-encoding': 'gzip' }).end(gzipSync(page));
    }
    const answer = () => res.writeHead(200, headers).end(`${url} answer ${count}`);
    const gate = held.get(url);
    if (gate === undefined) return answer();
    held.delete(url);
    gate.arrived();
    void gate.released.then(answer);
  });
  const listening = new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, hits, requestIds, acceptEncodings, failing, hold, listening };
}

describe('nginx shared page cache and 429 page', () => {
  let skip: string | false = false;
  let work = '';
  let httpsPort = 0;
  let nginx: ChildProcess | undefined;
  let upstream: ReturnType<typeof startUpstream> | undefined;

  const hitsOf = (path: string) => upstream?.hits.get(path) ?? 0;

  const send = (
    path: string,
    options: { cookie?: string; from?: string; method?: string; body?: string; acceptEncoding?: string } = {},
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { host: DOMAIN };
      if (options.cookie !== undefined) headers.cookie = options.cookie;
      if (options.acceptEncoding !== undefined) headers['accept-encoding'] = options.acceptEncoding;
      if (options.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const req = request(
        {
          host: '127.0.0.1',
          port: httpsPort,
          path,
          method: options.method ?? 'GET',
          headers,
          servername: DOMAIN,
          localAddress: options.from,
          // The site's self-signed certificate, on loopback.
          rejectUnauthorized: false,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              names: res.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase()),
              body: raw.toString('utf8'),
              raw,
            });
          });
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });

  before(async () => {
    skip = await missingTool('nginx');
    if (skip) return;
    work = makeTempDir('nginx-cache');
    // When started as root, nginx's workers run as www-data (Debian's nginx.conf): they must
    // reach the error page, and the cache directory becomes theirs as on the server.
    chmodSync(work, 0o755);
    const certificate = await makeSelfSignedCertificate(work, DOMAIN);
    const upstreamPort = await findFreePort();
    // The release nginx serves static files from: this checkout, with its node_modules.
    const appRoot = join(work, 'app');
    mkdirSync(appRoot);
    symlinkSync(fileURLToPath(new URL('../../', import.meta.url)), join(appRoot, 'current'));
    const kit = await renderKit({
      app_root: appRoot,
      app_domains: [DOMAIN],
      app_instances: 1,
      app_base_port: upstreamPort,
      // Nothing listens there: the surge instance is stopped, as between releases.
      app_surge_port: await findFreePort(),
      tls_certificate: certificate.cert,
      tls_certificate_key: certificate.key,
      nginx_cache_dir: join(work, 'cache'),
      nginx_error_pages_dir: join(work, 'errors'),
      nginx_maintenance_flag: join(work, 'maintenance'),
      nginx_rate_limit_exempt: ['127.0.0.1'],
      nginx_rate_limit: '1r/m',
      nginx_rate_limit_burst: 1,
    });
    for (const dir of ['conf.d', 'sites-enabled', 'snippets', 'errors', 'logs']) mkdirSync(join(work, dir));
    for (const page of ['429.html', 'maintenance.html'])
      copyFileSync(join(DEPLOY_DIR, 'roles/nginx/files', page), join(work, 'errors', page));
    // What the server's apps share (log format, 429 status), then the app's own.
    copyFileSync(join(kit, 'nginx/server-http.conf'), join(work, 'conf.d/server-http.conf'));
    copyFileSync(join(kit, 'nginx/pur-beurre-http.conf'), join(work, 'conf.d/pur-beurre-http.conf'));
    for (const snippet of ['tls', 'headers', 'proxy']) {
      const file = `pur-beurre-${snippet}.conf`;
      copyFileSync(join(kit, 'nginx', file), join(work, 'snippets', file));
    }
    // The site as rendered, on a loopback port instead of 80/443 and logging here.
    httpsPort = await findFreePort();
    const httpPort = await findFreePort();
    const site = readFileSync(join(kit, 'nginx/pur-beurre.conf'), 'utf8')
      .replace(/^\s*listen \[::\]:.*\n/gm, '')
      .replace(/listen 443\b/g, `listen 127.0.0.1:${httpsPort}`)
      .replace(/listen 80\b/g, `listen 127.0.0.1:${httpPort}`)
      .replaceAll('/var/log/nginx/', `${work}/logs/`);
    assert.match(site, new RegExp(`listen 127\\.0\\.0\\.1:${httpsPort} ssl http2;`));
    writeFileSync(join(work, 'sites-enabled/pur-beurre.conf'), site);
    const temp = (name: string) => `${name}_temp_path ${join(work, name)};`;
    writeFileSync(
      join(work, 'nginx.conf'),
      `${process.getuid?.() === 0 ? 'user www-data;\n' : ''}worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'logs/error.log')} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  include ${join(work, 'conf.d')}/*.conf;
  include ${join(work, 'sites-enabled')}/*;
}
`,
    );
    upstream = startUpstream(upstreamPort);
    await upstream.listening;
    nginx = spawn('nginx', ['-p', work, '-c', join(work, 'nginx.conf'), '-g', 'daemon off;'], {
      env: { ...process.env, PATH: `/usr/sbin:/sbin:${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    nginx.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    for (let attempt = 0; ; attempt++) {
      const ready = await send('/readiness-probe').then(
        () => true,
        () => false,
      );
      if (ready) break;
      assert.ok(attempt < 200 && nginx.exitCode === null, `nginx did not start:\n${stderr}`);
      await delay(25);
    }
  });

  after(async () => {
    if (nginx !== undefined && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    upstream?.server.close();
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  test('serves the camera scan’s decoder from the release, the WebAssembly as application/wasm', async (t) => {
    if (skip) return t.skip(skip);
    const script = await send('/static/vendor/barcode-detector/ponyfill.js');
    assert.equal(script.status, 200);
    assert.match(script.body, /BarcodeDetectionAPI/);
    const wasm = await send('/static/vendor/zxing/zxing_reader.wasm');
    assert.equal(wasm.status, 200);
    assert.match(String(wasm.headers['content-type']), /^application\/wasm/);
    assert.equal((await send('/static/vendor/bootstrap.min.css')).status, 200);
    assert.equal((await send('/static/scanner.js')).status, 200);
  });

  test('a visitor’s page marked X-Accel-Expires comes from the cache the second time', async (t) => {
    if (skip) return t.skip(skip);
    const first = await send('/marked/produit/3017620422003');
    assert.equal(first.status, 200);
    assert.equal(first.headers['x-cache-status'], 'MISS');
    const second = await send('/marked/produit/3017620422003');
    assert.equal(second.headers['x-cache-status'], 'HIT');
    assert.equal(second.body, first.body);
    assert.equal(hitsOf('/marked/produit/3017620422003'), 1);
    // nginx keeps the header to itself; the app's own headers are kept with the page.
    assert.equal(second.headers['x-accel-expires'], undefined);
    assert.equal(second.headers['strict-transport-security'], APP_HEADERS['strict-transport-security']);
  });

  test('a page the app gzipped is kept once, sent as is to browsers that accept gzip, gunzipped for the others', async (t) => {
    if (skip) return t.skip(skip);
    const path = '/gzipped/recherche?q=nutella';
    const page = `<p>${path} answer 1</p>`.repeat(20);
    const chrome = await send(path, { acceptEncoding: 'gzip, deflate, br, zstd' });
    assert.equal(chrome.headers['x-cache-status'], 'MISS');
    // nginx asks for gzip whatever the browser said.
    assert.equal(upstream?.acceptEncodings.get(path), 'gzip');
    assert.equal(chrome.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(chrome.raw).toString(), page);
    const curl = await send(path);
    assert.equal(curl.headers['x-cache-status'], 'HIT');
    assert.equal(curl.headers['content-encoding'], undefined);
    assert.equal(curl.body, page);
    const safari = await send(path, { acceptEncoding: 'gzip, deflate, br' });
    assert.equal(safari.headers['x-cache-status'], 'HIT', 'one copy, whatever the browser’s header');
    assert.equal(gunzipSync(safari.raw).toString(), page);
    assert.equal(hitsOf(path), 1);
    for (const answer of [chrome, curl, safari]) {
      assert.equal(answer.names.filter((name) => name === 'vary').length, 1, 'one Vary');
      assert.equal(answer.headers.vary, 'Accept-Encoding');
    }
  });

  test('a page carries the app’s security headers once: nginx adds no second HSTS or Referrer-Policy', async (t) => {
    if (skip) return t.skip(skip);
    for (const answer of [await send('/plain/produit/1'), await send('/marked/produit/2')]) {
      for (const [name, value] of Object.entries(APP_HEADERS)) {
        assert.equal(answer.names.filter((received) => received === name).length, 1, name);
        assert.equal(answer.headers[name], value);
      }
    }
    // nginx's own answers still get them (its 404 for /metrics, its 429 page: below).
    const own = await send('/metrics');
    assert.equal(own.status, 404);
    assert.match(String(own.headers['strict-transport-security']), /^max-age=\d+$/);
  });

  test('the app gets nginx’s request id (X-Request-Id), so both logs name the same request', async (t) => {
    if (skip) return t.skip(skip);
    await send('/plain/request-id');
    assert.match(upstream?.requestIds.get('/plain/request-id') ?? '', /^[0-9a-f]{32}$/);
    const log = readFileSync(join(work, 'logs/pur-beurre.access.log'), 'utf8');
    assert.match(
      log,
      new RegExp(
        `"GET /plain/request-id HTTP/[\\d.]+" 200 .* id=${upstream?.requestIds.get('/plain/request-id')} `,
      ),
    );
  });

  test('a load-shedding 503 reaches the visitor as is: nginx never sends it on to another instance', async (t) => {
    if (skip) return t.skip(skip);
    const path = '/plain/recherche?q=surcharge';
    upstream?.failing.add(path);
    // With a session: nothing from the cache, the instance's own answer.
    const shed = await send(path, { cookie: 'pb_session=s%3Aabc.def' });
    assert.equal(shed.status, 503);
    assert.equal(shed.headers['retry-after'], '5');
    assert.equal(shed.body, 'instance unavailable', 'the app’s own answer, not a page of nginx’s');
    assert.equal(hitsOf(path), 1);
    const log = readFileSync(join(work, 'logs/pur-beurre.error.log'), 'utf8');
    assert.doesNotMatch(log, /surcharge/, 'nginx logged a retry on the next server');
  });

  test('a request with the session cookie is never answered from the cache', async (t) => {
    if (skip) return t.skip(skip);
    await send('/marked/recherche?q=nutella');
    const signedIn = await send('/marked/recherche?q=nutella', { cookie: 'pb_session=s%3Aabc.def' });
    assert.equal(signedIn.headers['x-cache-status'], 'BYPASS');
    assert.equal(signedIn.body, '/marked/recherche?q=nutella answer 2');
    assert.equal(hitsOf('/marked/recherche?q=nutella'), 2);
  });

  test('an answer to a request with the session cookie is never stored, even marked', async (t) => {
    if (skip) return t.skip(skip);
    const path = '/marked/mes-aliments';
    await send(path, { cookie: 'other=1; pb_session=s%3Aabc.def' });
    const visitor = await send(path);
    assert.equal(visitor.headers['x-cache-status'], 'MISS');
    assert.equal(visitor.body, `${path} answer 2`, 'the visitor must not get the signed-in page');
    assert.equal((await send(path)).headers['x-cache-status'], 'HIT');
    assert.equal(hitsOf(path), 2);
  });

  test('an answer without X-Accel-Expires is never stored, even "public, max-age=300"', async (t) => {
    if (skip) return t.skip(skip);
    const path = '/browser-cache/api/autocomplete?q=nu';
    for (const expected of ['answer 1', 'answer 2', 'answer 3']) {
      const answer = await send(path);
      assert.equal(answer.headers['x-cache-status'], 'MISS');
      assert.equal(answer.body, `${path} ${expected}`);
      // Browsers still get the app's own caching headers.
      assert.equal(answer.headers['cache-control'], 'public, max-age=300');
    }
  });

  test('an answer that sets a cookie is never stored', async (t) => {
    if (skip) return t.skip(skip);
    const path = '/sets-cookie/connexion';
    for (const expected of ['answer 1', 'answer 2']) {
      const answer = await send(path);
      assert.equal(answer.headers['x-cache-status'], 'MISS');
      assert.equal(answer.body, `${path} ${expected}`);
    }
  });

  test('while one request refreshes an expired page, the others get the previous one at once', async (t) => {
    if (skip || upstream === undefined) return t.skip(skip || 'no upstream');
    const path = '/short/recherche?q=tarte';
    assert.equal((await send(path)).headers['x-cache-status'], 'MISS');
    // nginx counts whole seconds: kept for 1 s means expired within 2.
    await delay(2_100);
    const gate = upstream.hold(path);
    const refreshing = send(path);
    await gate.arrived;
    const meanwhile = await send(path);
    assert.equal(meanwhile.headers['x-cache-status'], 'UPDATING');
    assert.equal(meanwhile.body, `${path} answer 1`);
    gate.release();
    const refreshed = await refreshing;
    assert.equal(refreshed.headers['x-cache-status'], 'EXPIRED');
    assert.equal(refreshed.body, `${path} answer 2`);
    assert.equal(hitsOf(path), 2);
  });

  test('visitors get the last page kept when no instance answers', async (t) => {
    if (skip) return t.skip(skip);
    const path = '/short/mentions-legales';
    assert.equal((await send(path)).headers['x-cache-status'], 'MISS');
    // nginx counts whole seconds: kept for 1 s means expired within 2.
    await delay(2_100);
    upstream?.failing.add(path);
    const stale = await send(path);
    assert.equal(stale.status, 200);
    assert.equal(stale.headers['x-cache-status'], 'STALE');
    assert.equal(stale.body, `${path} answer 1`);
    // Signed-in users never get a page from the cache: the instance's own 503.
    const signedIn = await send(path, { cookie: 'pb_session=s%3Aabc.def' });
    assert.equal(signedIn.status, 503);
  });

  test('during maintenance (a live restore) every page is the French maintenance page, 503', async (t) => {
    if (skip) return t.skip(skip);
    writeFileSync(join(work, 'maintenance'), '');
    try {
      for (const answer of [
        await send('/marked/produit/3017620422003'),
        await send('/plain/mes-aliments', { cookie: 'pb_session=s%3Aabc.def' }),
        await send('/connexion', { method: 'POST', body: 'a=1' }),
      ]) {
        assert.equal(answer.status, 503);
        assert.equal(answer.headers['retry-after'], '60');
        assert.equal(answer.headers['cache-control'], 'no-store');
        assert.match(answer.body, /<h1>Site en maintenance<\/h1>/);
      }
      assert.equal(hitsOf('/plain/mes-aliments'), 0, 'no request reaches an instance');
    } finally {
      rmSync(join(work, 'maintenance'));
    }
    assert.equal((await send('/plain/mes-aliments')).status, 200);
    assert.equal((await send('/maintenance.html')).status, 404);
  });

  test('over the rate limit, pages and log-in POSTs get the HTML 429 page with Retry-After', async (t) => {
    if (skip) return t.skip(skip);
    const codes: number[] = [];
    let limited: Answer | undefined;
    while (limited === undefined && codes.length < 5) {
      const answer = await send('/marked/', { from: LIMITED_ADDRESS });
      codes.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    assert.deepEqual(codes, [200, 200, 429], 'a burst of 1 after the first request');
    const pages = [limited, await send('/connexion', { from: LIMITED_ADDRESS, method: 'POST', body: 'a=1' })];
    for (const page of pages) {
      assert.equal(page?.status, 429);
      assert.equal(page?.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(page?.headers['retry-after'], '10');
      assert.match(page?.body ?? '', /^<!doctype html>/);
      assert.match(page?.body ?? '', /<h1>Trop de requêtes<\/h1>/);
      assert.match(page?.body ?? '', /réessayez dans quelques secondes/);
      assert.match(page?.body ?? '', /<a class="button" href="\/">Retour à l’accueil<\/a>/);
    }
    // Only as nginx's error page: asked for directly, it does not exist.
    assert.equal((await send('/429.html')).status, 404);
  });
});
