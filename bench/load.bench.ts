// Load benchmark (issue 5, "Scale"): the site as deployed — nginx in front of 2 app instances
// (`pur-beurre serve`, each its own process) on a PostgreSQL catalogue of `gen-off.mjs --n N
// --seed 1` — driven by autocannon at concurrency 32 on the home page, search (gen-off's mixed
// terms), substitutes (random products, random pages 1–3), product sheets and autocomplete
// (keystroke prefixes). Yardsticks in the same run, through the same nginx: a static file served
// by nginx itself, and a Fastify hello world in its own process. Loopback only.
//
//   npm run bench:load -- [--n 1000000] [--seconds 15] [--connections 32]
//
// Runs through test/with-postgres.sh, which provides a throwaway PostgreSQL server. nginx is
// Debian's (`apt-get install nginx`), run in the foreground with a config in a temporary folder.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generateSiteMixInput } from '../test/support/site-mix.js';
import { createTestDb } from '../test/support/test-db.js';
import { ensureCatalogueFile } from './support/catalogue-file.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
  },
});
const n = Number(values.n);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const children: ChildProcess[] = [];
function launch(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.once('error', (error) => {
    process.stderr.write(`${command}: ${error.message}\n`);
  });
  return child;
}

/** Starts a process and waits until its output says it is ready. */
async function start(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<void> {
  const child = launch(command, args, env);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} not ready after 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited ${code}:\n${output}`)));
  });
}

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

const file = await ensureCatalogueFile(n);
const { terms, prefixes, codes } = generateSiteMixInput(n);

const testDb = await createTestDb('postgres');
const work = mkdtempSync(join(tmpdir(), 'pur-beurre-load-'));
// nginx's workers run as an unprivileged user when it is started as root: they read static.txt.
chmodSync(work, 0o755);
try {
  const appEnv = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: testDb.url ?? '',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret!',
    OFF_USER_AGENT_CONTACT: 'bench@pur-beurre.invalid',
    HOST: '127.0.0.1',
    TRUST_PROXY: '127.0.0.1',
    // One client address makes all the load: the per-address limit would answer 429.
    RATE_LIMIT_MAX: '100000000',
    RATE_LIMIT_NOT_FOUND_MAX: '100000000',
    LOG_LEVEL: 'warn',
  };
  process.stdout.write(`importing ${n.toLocaleString('en')} products…\n`);
  const started = performance.now();
  execFileSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'import', '--file', file], {
    env: appEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await testDb.db.exec('VACUUM ANALYZE');
  process.stdout.write(`imported in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);

  const appPorts = [await freePort(), await freePort()];
  for (const port of appPorts) {
    await start(
      process.execPath,
      [join(ROOT, 'dist/cli/main.js'), 'serve'],
      { ...appEnv, PORT: String(port) },
      /is ready/,
    );
  }
  const helloPort = await freePort();
  await start(
    process.execPath,
    [join(ROOT, 'bench/support/hello-server.mjs'), String(helloPort)],
    appEnv,
    /listening/,
  );

  // The deploy kit's proxy settings (deploy/roles/nginx/templates/), without TLS or the surge instance.
  const nginxPort = await freePort();
  writeFileSync(join(work, 'static.txt'), `${'Du gras, oui, mais de qualité ! '.repeat(30)}\n`);
  const proxy = `proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 3;`;
  writeFileSync(
    join(work, 'nginx.conf'),
    `daemon off;
worker_processes auto;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  gzip on;
  gzip_proxied any;
  gzip_comp_level 5;
  gzip_types text/css text/plain application/javascript application/json;
  keepalive_timeout 30s;
  upstream pur_beurre {
    ${appPorts.map((port) => `server 127.0.0.1:${port} max_fails=0;`).join('\n    ')}
    keepalive 16;
  }
  upstream hello { server 127.0.0.1:${helloPort}; keepalive 16; }
  server {
    listen 127.0.0.1:${nginxPort};
    location = /static.txt { root ${work}; }
    location = /hello { proxy_pass http://hello/; ${proxy} }
    location / { proxy_pass http://pur_beurre; ${proxy} }
  }
}
`,
  );
  launch('nginx', ['-p', work, '-c', join(work, 'nginx.conf'), '-e', join(work, 'error.log')], {
    PATH: `/usr/sbin:/sbin:${process.env.PATH ?? ''}`,
  });
  const base = `http://127.0.0.1:${nginxPort}`;
  await waitForHttp(`${base}/static.txt`);
  await waitForHttp(`${base}/hello`);
  await waitForHttp(`${base}/`);

  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const targets: { label: string; path: () => string }[] = [
    { label: 'yardstick: nginx static file', path: () => '/static.txt' },
    { label: 'yardstick: Fastify hello world', path: () => '/hello' },
    { label: 'home', path: () => '/' },
    { label: 'search', path: () => `/recherche?q=${encodeURIComponent(pick(terms))}` },
    {
      label: 'substitutes',
      path: () => `/produit/${pick(codes)}/substituts?page=${1 + Math.floor(random() * 3)}`,
    },
    { label: 'product sheet', path: () => `/produit/${pick(codes)}` },
    { label: 'autocomplete', path: () => `/api/autocomplete?q=${encodeURIComponent(pick(prefixes))}` },
  ];

  const measured: { label: string; result: autocannon.Result; load: number }[] = [];
  for (const target of targets) {
    const run = (duration: number) =>
      autocannon({
        url: base,
        connections: CONNECTIONS,
        duration,
        headers: { 'accept-encoding': 'gzip' },
        requests: [{ setupRequest: (request) => ({ ...request, path: target.path() }) }],
      });
    await run(2);
    measured.push({ label: target.label, result: await run(SECONDS), load: loadavg()[0] ?? 0 });
    process.stdout.write(
      `${target.label}: ${Math.round(measured.at(-1)?.result.requests.average ?? 0)} req/s\n`,
    );
  }
  const staticRps = measured[0]?.result.requests.average ?? 1;
  const helloRps = measured[1]?.result.requests.average ?? 1;
  const rows = measured.map(({ label, result, load }) => {
    const rps = result.requests.average;
    // Socket errors apart: they are the load client's connections, not answers the site gave.
    const failed = result.timeouts + result['5xx'];
    return `| ${label} | ${Math.round(rps).toLocaleString('en')} | ${(rps / staticRps).toFixed(3)} | ${(rps / helloRps).toFixed(3)} | ${result.latency.p50} | ${result.latency.p99} | ${failed} | ${result.errors} | ${result['4xx']} | ${load.toFixed(1)} |`;
  });
  const lines = [
    `nginx + 2 instances, ${n.toLocaleString('en')} products, ${CONNECTIONS} connections, ${SECONDS} s per target (after 2 s of warm-up), ${new Date().toISOString().slice(0, 16)}Z`,
    '',
    '| target | req/s | × static | × hello | p50 ms | p99 ms | 5xx + timeouts | socket errors | 4xx | load avg (1 min) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ];
  console.log(`\n${lines.join('\n')}`);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results', `load-${n}.md`), `${lines.join('\n')}\n`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await testDb.drop();
  rmSync(work, { recursive: true, force: true });
}
