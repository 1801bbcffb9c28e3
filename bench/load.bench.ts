// Load benchmark (issue 5, "Scale"): the site as deployed — nginx in front of 2 app instances
// (`pur-beurre serve`, each its own process) on a PostgreSQL catalogue of `gen-catalogue.ts --n N
// --seed 1` — driven by wrk at concurrency 32 on the home page, search (the generator's mixed terms),
// substitutes (random products, random pages 1–3), product sheets and autocomplete (keystroke
// prefixes), each after one visit of its every distinct page (steady state), plus substitutes
// pages that are all different (30,000 products: no cache can answer). Yardsticks in the same
// run, through the same nginx: a static file served by nginx itself, and a Fastify hello world in
// its own process. Loopback only. Every target is measured in each of --runs rounds; the report
// gives each run and each target's median.
//
//   npm run bench:load -- [--n 1000000] [--seconds 15] [--connections 32] [--nginx-cache off]
//     [--runs 3] [--only search --only autocomplete]
//   npm run bench:load -- --n 1000000 --database-url postgres://… (on a catalogue already imported
//     from the generator with that size: not imported again, not dropped; e.g. after bench:scale's
//     reads on the same database, so that one 1M import serves both)
//
// Runs through test/support/with-postgres.ts, which provides a throwaway PostgreSQL server. nginx and wrk
// are Debian's (`apt-get install nginx wrk`): wrk, written in C, costs the 2 cores a fraction of
// what a Node.js load client took from the servers it measured (autocannon's hello world: p99
// 20 ms; wrk's: 3 ms). Answers of 400 and more are counted from nginx's own log.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listGenerated } from '../test/support/site-mix.js';
import { createTestDb } from '../test/support/test-db.js';
import { ensureCatalogueFile } from './support/catalogue-file.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    // off: measure the instances' own page cache alone, as before the kit's nginx cache.
    'nginx-cache': { type: 'string', default: 'on' },
    'database-url': { type: 'string' },
    // A target's label, e.g. --only autocomplete (repeatable): the yardsticks are always measured.
    only: { type: 'string', multiple: true },
    // Rounds of timed runs, each reported, and each target's median: a p99 at saturation on this
    // shared machine swings from run to run.
    runs: { type: 'string', default: '3' },
  },
});
const NGINX_CACHE = values['nginx-cache'] !== 'off';
const n = Number(values.n);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const RUNS = Number(values.runs);

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

interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  timeouts: number;
  /** connect, read and write errors: the load client's connections, not answers the site gave. */
  socketErrors: number;
}

const DURATION_UNITS_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** wrk's --latency report, e.g. "    99%    3.24ms", in milliseconds. */
function parseWrk(output: string): WrkResult {
  const percentile = (p: number) => {
    // wrk pads a value in seconds with a space ("1.90s "), which once failed a run.
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
    if (match === null) throw new Error(`no ${p}th percentile in wrk's output:\n${output}`);
    return Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? ''] ?? Number.NaN);
  };
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    rps: Number(/^Requests\/sec:\s+([\d.]+)/m.exec(output)?.[1] ?? Number.NaN),
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    timeouts: Number(errors?.[4] ?? 0),
    socketErrors: Number(errors?.[1] ?? 0) + Number(errors?.[2] ?? 0) + Number(errors?.[3] ?? 0),
  };
}

function runWrk(base: string, pathsFile: string, seconds: number): Promise<WrkResult> {
  const args = ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '-s', WRK_SCRIPT, base];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { env: { ...process.env, PATHS: pathsFile } }, (error, stdout) => {
      if (error !== null) reject(error);
      else resolve(parseWrk(stdout));
    });
  });
}

function countLines(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

/** Statuses nginx logged (one per line) after the first `skip` lines. */
function countStatuses(file: string, skip: number): Map<string, number> {
  const counts = new Map<string, number>();
  if (!existsSync(file)) return counts;
  for (const status of readFileSync(file, 'utf8').split('\n').slice(skip, -1)) {
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return counts;
}

/** GETs each path once, 8 at a time. */
async function visitOnce(base: string, paths: Set<string>): Promise<void> {
  const queue = [...paths];
  const worker = async () => {
    for (let path = queue.pop(); path !== undefined; path = queue.pop())
      await (await fetch(base + path)).text();
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const formatMs = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));

const WRK_SCRIPT = join(ROOT, 'bench/support/wrk-paths.lua');
try {
  execFileSync('wrk', ['--version'], { stdio: 'ignore' });
} catch (error) {
  // wrk --version prints its version and exits 1.
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    process.stderr.write('bench:load needs wrk (Debian: apt-get install wrk).\n');
    process.exit(1);
  }
}

const file = await ensureCatalogueFile(n);
// Two passes of the generator over the n products (each ~30 s at 1M on idle cores), not one per
// list: the first 600 search lines of a 60,000-query draw are the 600 of generateSiteMixInput
// (search lines are drawn first; the prefixes, drawn after them, are other ones), and the first
// 600 of 30,000 shuffled codes its 600 codes.
const queries = listGenerated(n, '--queries', 60_000).map((line) => line.split('\t') as [string, string]);
const searchLines = queries.filter(([kind]) => kind !== 'prefix');
const terms = searchLines.slice(0, 600).map(([, term]) => term);
const prefixes = queries
  .filter(([kind]) => kind === 'prefix')
  .slice(0, 600)
  .map(([, term]) => term);
const coldCodes = listGenerated(n, '--codes', 30_000);
const codes = coldCodes.slice(0, 600);
// Search terms by kind: the common words ("nutella", "jambon"…) and the typo terms, all different
// ones of the 60,000 queries, so that the typo row can be all different pages.
const ofKind = (kind: string) => [
  ...new Set(searchLines.filter(([k]) => k === kind).map(([, term]) => term)),
];
const commonWords = ofKind('word');
const typoTerms = ofKind('typo');
const someTypoTerms = typoTerms.slice(0, 600);

const existing = values['database-url'];
const testDb =
  existing === undefined
    ? await createTestDb('postgres')
    : { url: existing, drop: async () => {}, db: undefined };
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
  if (testDb.db !== undefined) {
    process.stdout.write(`importing ${n.toLocaleString('en')} products…\n`);
    const started = performance.now();
    execFileSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'import', '--file', file], {
      env: appEnv,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await testDb.db.exec('VACUUM ANALYZE');
    process.stdout.write(`imported in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }

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

  // The deploy kit's proxy and cache settings (deploy/roles/nginx/templates/), without TLS, rate
  // limits or the surge instance.
  const nginxPort = await freePort();
  writeFileSync(join(work, 'static.txt'), `${'Du gras, oui, mais de qualité ! '.repeat(30)}\n`);
  const cache = `proxy_cache pur_beurre_cache;
      proxy_cache_key $scheme$host$request_uri;
      proxy_ignore_headers Cache-Control Expires Vary;
      proxy_set_header Accept-Encoding gzip;
      gunzip on;
      proxy_hide_header Vary;
      proxy_cache_bypass $cookie_pb_session;
      proxy_no_cache $cookie_pb_session;
      proxy_cache_use_stale updating error timeout http_502 http_503 http_504;`;
  const errorLog = join(work, 'statuses.log');
  const missLog = join(work, 'cache-misses.log');
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
  # Only answers of 400 and more, one status per line: the benchmark counts them.
  log_format status_only '$status';
  # 499 is nginx's note of a client that closed first (wrk, when a run ends): not an answer.
  map $status $failed { 499 0; ~^[45] 1; default 0; }
  access_log ${errorLog} status_only if=$failed;
  # Answers of the site's pages that nginx's cache did not hold (MISS, EXPIRED…): the instances'.
  log_format cache_status '$upstream_cache_status';
  map $upstream_cache_status $missed { HIT 0; '' 0; default 1; }
  access_log ${missLog} cache_status if=$missed;
  proxy_cache_path ${work}/cache levels=1:2 keys_zone=pur_beurre_cache:10m max_size=256m inactive=2m use_temp_path=off;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  gzip on;
  gzip_proxied any;
  gzip_comp_level 1;
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
    location / { proxy_pass http://pur_beurre; ${proxy} ${NGINX_CACHE ? cache : ''} }
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
  // 20,000 paths per target, drawn once: wrk walks them in order.
  const draw = (path: () => string) => Array.from({ length: 20_000 }, path);
  const targets: { label: string; paths: string[]; uncached?: true }[] = [
    { label: 'yardstick: nginx static file', paths: ['/static.txt'] },
    { label: 'yardstick: Fastify hello world', paths: ['/hello'] },
    { label: 'home', paths: ['/'] },
    { label: 'search', paths: draw(() => `/recherche?q=${encodeURIComponent(pick(terms))}`) },
    {
      label: 'search, common words',
      paths: draw(() => `/recherche?q=${encodeURIComponent(pick(commonWords))}`),
    },
    {
      label: 'search, typo terms',
      paths: draw(() => `/recherche?q=${encodeURIComponent(pick(someTypoTerms))}`),
    },
    {
      // Each typo term once (thousands of them): every request a cache miss, a correction and a
      // second search, as a long tail of misspellings nobody typed in the last 30 s.
      label: 'search, typo terms, never the same page',
      paths: typoTerms.map((term) => `/recherche?q=${encodeURIComponent(term)}`),
      uncached: true,
    },
    {
      label: 'substitutes',
      paths: draw(() => `/produit/${pick(codes)}/substituts?page=${1 + Math.floor(random() * 3)}`),
    },
    {
      // Every page a different one: what neither cache can answer, as a long tail of visitors.
      label: 'substitutes, never the same page',
      paths: coldCodes.map((code) => `/produit/${code}/substituts?page=${1 + Math.floor(random() * 3)}`),
      uncached: true,
    },
    { label: 'product sheet', paths: draw(() => `/produit/${pick(codes)}`) },
    { label: 'autocomplete', paths: draw(() => `/api/autocomplete?q=${encodeURIComponent(pick(prefixes))}`) },
  ];

  const only = values.only ?? [];
  const unknown = only.filter((label) => !targets.some((target) => target.label === label));
  if (unknown.length > 0) throw new Error(`--only: no target labelled ${unknown.join(', ')}`);
  const measured: {
    label: string;
    result: WrkResult;
    statuses: Map<string, number>;
    misses: number;
    load: number;
  }[] = [];
  const chosen = targets.filter(
    (target) => only.length === 0 || target.label.startsWith('yardstick') || only.includes(target.label),
  );
  // Rounds of every target, not one target's runs in a row: a slow spell of this shared machine
  // (the static file's own p99 has reached 46 ms) then lands on one run of several targets.
  for (let round = 0; round < RUNS; round++) {
    for (const target of chosen) {
      const pathsFile = join(work, 'paths.txt');
      writeFileSync(pathsFile, `${target.paths.join('\n')}\n`);
      // Steady state: every distinct page asked once first, as a site's traffic has asked for it
      // before (a cold start is a different measure: bench/README.md). Then 2 s of warm-up.
      if (target.uncached === undefined) await visitOnce(base, new Set(target.paths));
      await runWrk(base, pathsFile, 2);
      const logged = countLines(errorLog);
      const missed = countLines(missLog);
      const result = await runWrk(base, pathsFile, SECONDS);
      measured.push({
        label: target.label,
        result,
        statuses: countStatuses(errorLog, logged),
        misses: countLines(missLog) - missed,
        load: loadavg()[0] ?? 0,
      });
      process.stdout.write(`${target.label}: ${Math.round(result.rps)} req/s, p99 ${result.p99Ms} ms\n`);
    }
  }
  const runsOf = (label: string) => measured.filter((run) => run.label === label);
  /** The median of a target's runs (the upper middle one for an even count). */
  const median = (label: string, of: (result: WrkResult) => number) => {
    const sorted = runsOf(label)
      .map((run) => of(run.result))
      .sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  const staticRps = median('yardstick: nginx static file', (result) => result.rps);
  const helloRps = median('yardstick: Fastify hello world', (result) => result.rps);
  const byTarget = chosen.flatMap((target) => runsOf(target.label));
  const rows = byTarget.map(({ label, result, statuses, misses, load }) => {
    const count = (prefix: string) =>
      [...statuses].filter(([status]) => status.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);
    const cells = [
      label,
      Math.round(result.rps).toLocaleString('en'),
      (result.rps / staticRps).toFixed(3),
      (result.rps / helloRps).toFixed(3),
      formatMs(result.p50Ms),
      formatMs(result.p99Ms),
      count('5'),
      result.timeouts,
      result.socketErrors,
      count('4'),
      misses.toLocaleString('en'),
      load.toFixed(1),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  const lines = [
    `nginx${NGINX_CACHE ? ' with its page cache' : ' without its page cache'} + 2 instances, ${n.toLocaleString('en')} products, wrk ${CONNECTIONS} connections, ${SECONDS} s per target (after 2 s of warm-up), ${new Date().toISOString().slice(0, 16)}Z`,
    '',
    '| target | req/s | × static | × hello | p50 ms | p99 ms | 5xx | timeouts (2 s) | socket errors | 4xx | nginx cache misses | load avg (1 min) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ];
  if (RUNS > 1) {
    lines.push(
      '',
      `Each target's ${RUNS} runs (its rows above, one per round, in order):`,
      '',
      '| target | req/s, median | p50 ms, median | p99 ms, median | p99 ms, each run |',
      '|---|---:|---:|---:|---:|',
      ...chosen.map(({ label }) => {
        const p99s = runsOf(label).map((run) => formatMs(run.result.p99Ms));
        const cells = [
          label,
          Math.round(median(label, (result) => result.rps)).toLocaleString('en'),
          formatMs(median(label, (result) => result.p50Ms)),
          formatMs(median(label, (result) => result.p99Ms)),
          p99s.join(', '),
        ];
        return `| ${cells.join(' | ')} |`;
      }),
    );
  }
  console.log(`\n${lines.join('\n')}`);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results', `load-${n}.md`), `${lines.join('\n')}\n`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await testDb.drop();
  rmSync(work, { recursive: true, force: true });
}
