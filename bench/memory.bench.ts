// Memory benchmark (issue 5, "Scale"): the resident memory of ONE app instance (`pur-beurre
// serve`, its own process, no nginx: the target is per instance and nginx holds none of the
// app's memory) on a PostgreSQL catalogue of `gen-catalogue.ts --n N --seed 1`, under the soak
// test's visitor mix (test/support/site-mix.ts) for M minutes. Its capacity is measured first
// (closed loop, 16 connections, 5 s); the run then offers 70 % of it (open loop), as a busy but
// unsaturated site sees. RSS (/proc/<pid>/status) and V8's heap used (/metrics) are sampled every
// few seconds; the table gives the median of each minute.
//
//   npm run bench:memory -- [--n 1000000] [--minutes 10] [--sample-seconds 5] [--heap-max-mb N]
//
// The instance runs with the deploy kit's V8 heap limit (`app_heap_max_mb` in
// deploy/roles/app/defaults/main.yml) unless --heap-max-mb says otherwise (0: none).
//
// Target (issue 5): RSS < 200 MB after 10 minutes, and not growing.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { captureOutput, waitForOutput } from '../test/support/cli.js';
import { median, readRssMb } from '../test/support/process-memory.js';
import { createSiteMix, generateSiteMixInput } from '../test/support/site-mix.js';
import { createTestDb } from '../test/support/test-db.js';
import { ensureCatalogueFile } from './support/catalogue-file.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    minutes: { type: 'string', default: '10' },
    'sample-seconds': { type: 'string', default: '5' },
    'heap-max-mb': { type: 'string' },
  },
});
const n = Number(values.n);
const MINUTES = Number(values.minutes);
const SAMPLE_S = Number(values['sample-seconds']);
const kitHeapMaxMb = /^app_heap_max_mb: (\d+)$/m.exec(
  readFileSync(join(ROOT, 'deploy/roles/app/defaults/main.yml'), 'utf8'),
)?.[1];
const HEAP_MAX_MB = Number(values['heap-max-mb'] ?? kitHeapMaxMb);
const heapLimit = HEAP_MAX_MB > 0 ? [`--max-old-space-size=${HEAP_MAX_MB}`] : [];
const TARGET_MB = 200;
// "Not growing": the median RSS of the last third of the run within this of the first third's,
// minute 1 (warm-up: JIT, pool connections, page cache filling) left out. Not a leak: V8 sizes its
// heap to the garbage it sees and collects when it chooses, so per-minute medians of a steady
// load swing by 20–50 MB (first run: 167–223 MB, heap used 58–97 MB, while other jobs shared the
// machine). Thirds of the run smooth that; a leak of 1 KB a request at ~30 req/s is +18 MB a
// third of ten minutes, on top of whatever the first third held.
const GROWTH_TOLERANCE_MB = 20;

const file = await ensureCatalogueFile(n);
const mix = createSiteMix(generateSiteMixInput(n));
const testDb = await createTestDb('postgres');
const env = {
  PATH: process.env.PATH ?? '',
  DATABASE_URL: testDb.url ?? '',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret!',
  OFF_USER_AGENT_CONTACT: 'bench@pur-beurre.invalid',
  HOST: '127.0.0.1',
  PORT: '0',
  // One client address makes all the load: the per-address limits would answer 429.
  RATE_LIMIT_MAX: '100000000',
  RATE_LIMIT_NOT_FOUND_MAX: '100000000',
  LOG_LEVEL: 'warn',
};
try {
  process.stdout.write(`importing ${n.toLocaleString('en')} products…\n`);
  const importedAt = performance.now();
  execFileSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'import', '--file', file], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await testDb.db.exec('VACUUM ANALYZE');
  process.stdout.write(`imported in ${((performance.now() - importedAt) / 1000).toFixed(0)} s\n`);

  const child = spawn(process.execPath, [...heapLimit, join(ROOT, 'dist/cli/main.js'), 'serve'], {
    cwd: ROOT,
    env,
    stdio: 'pipe',
  });
  const server = Object.assign(child, { output: captureOutput(child) });
  try {
    const base =
      (await waitForOutput(server, /ready: (http:\/\/\S+)/)).match(/ready: (http:\/\/\S+)/)?.[1] ?? '';
    const url = base.replace(/\/$/, '');
    const pid = server.pid ?? 0;
    const requests = [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: mix() }) }];

    const capacity = await autocannon({ url, connections: 16, duration: 5, requests });
    const rate = Math.max(1, Math.round(capacity.requests.average * 0.7));
    process.stdout.write(
      `capacity ${Math.round(capacity.requests.average)} req/s (16 connections); offering ${rate} req/s for ${MINUTES} min\n`,
    );

    const startedAt = Date.now();
    let responses = 0;
    const samples: { s: number; rssMb: number; heapMb: number; rps: number }[] = [];
    const heapUsedMb = async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return (
        Number(text.match(/^pur_beurre_nodejs_heap_size_used_bytes (\S+)$/m)?.[1] ?? Number.NaN) / 2 ** 20
      );
    };
    const sampler = setInterval(() => {
      const counted = responses;
      responses = 0;
      const rssMb = readRssMb(pid);
      // /metrics is shed too when the instance is saturated: the heap is then unknown for this sample.
      void heapUsedMb()
        .catch(() => Number.NaN)
        .then((heapMb) => {
          samples.push({ s: (Date.now() - startedAt) / 1000, rssMb, heapMb, rps: counted / SAMPLE_S });
        });
    }, SAMPLE_S * 1000);
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url, connections: 32, overallRate: rate, duration: MINUTES * 60, timeout: 10, requests },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on('response', () => {
        responses++;
      });
    });
    clearInterval(sampler);

    const minutes = Array.from({ length: MINUTES }, (_, i) => {
      const inMinute = samples.filter((sample) => sample.s > i * 60 && sample.s <= (i + 1) * 60);
      return {
        minute: i + 1,
        rssMb: median(inMinute.map((sample) => sample.rssMb)),
        heapMb: median(inMinute.map((sample) => sample.heapMb).filter((mb) => !Number.isNaN(mb))),
        rps: inMinute.reduce((sum, sample) => sum + sample.rps, 0) / Math.max(1, inMinute.length),
      };
    });
    const last = minutes.at(-1)?.rssMb ?? Number.NaN;
    const afterWarmUp = samples.filter((sample) => sample.s > Math.min(60, (MINUTES * 60) / 2));
    const third = Math.max(1, Math.floor(afterWarmUp.length / 3));
    const reference = median(afterWarmUp.slice(0, third).map((sample) => sample.rssMb));
    const end = median(afterWarmUp.slice(-third).map((sample) => sample.rssMb));
    const peak = Math.max(...samples.map((sample) => sample.rssMb));
    const underTarget = last < TARGET_MB;
    const flat = end - reference <= GROWTH_TOLERANCE_MB;
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([status, stats]) => `${status}: ${stats.count}`)
      .join(', ');
    const lines = [
      `One instance, ${n.toLocaleString('en')} products (PostgreSQL), ${MINUTES} min of mixed load at ${rate} req/s offered (70 % of ${Math.round(capacity.requests.average)} measured), ${HEAP_MAX_MB > 0 ? `--max-old-space-size=${HEAP_MAX_MB}` : 'no heap limit'}, RSS sampled every ${SAMPLE_S} s, ${new Date().toISOString().slice(0, 16)}Z`,
      '',
      '| minute | RSS MB (median) | heap used MB (median) | req/s |',
      '|---:|---:|---:|---:|',
      ...minutes.map(
        (row) =>
          `| ${row.minute} | ${row.rssMb.toFixed(0)} | ${row.heapMb.toFixed(0)} | ${row.rps.toFixed(0)} |`,
      ),
      '',
      `Requests: ${result.requests.total} (${statuses}), errors ${result.errors}, timeouts ${result.timeouts}, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms. Peak RSS sample: ${peak.toFixed(0)} MB.`,
      '',
      `Verdict: RSS after ${MINUTES} min ${last.toFixed(0)} MB ${underTarget ? '<' : '≥'} ${TARGET_MB} MB (${underTarget ? 'met' : 'NOT met'}); ` +
        `last third vs first third after minute 1 (medians ${end.toFixed(0)} and ${reference.toFixed(0)} MB): ` +
        `${end - reference >= 0 ? '+' : ''}${(end - reference).toFixed(1)} MB ` +
        `(${flat ? 'flat' : 'GROWING'}, tolerance ${GROWTH_TOLERANCE_MB} MB).`,
    ];
    console.log(`\n${lines.join('\n')}`);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results', `memory-${n}.md`), `${lines.join('\n')}\n`);
    if (!underTarget || !flat) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('close', resolve));
  }
} finally {
  await testDb.drop();
}
