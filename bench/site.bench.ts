// Site benchmark (issue 3 "Speed"): a 100,000-product catalogue from bench/gen-catalogue.ts in
// PostgreSQL, autocannon at concurrency 16 on the home page, a search, a substitutes page, a
// product sheet and an autocomplete call, with a minimal Fastify "hello world" in the same run
// as the yardstick. Run it with `npm run bench:site` (a throwaway PostgreSQL is started).
//   BENCH_PRODUCTS (default 100000), BENCH_SECONDS per target (default 10).
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { importCatalogue } from '../src/catalogue/import.js';
import { loadConfig } from '../src/config.js';
import { createPostgresDb } from '../src/db/postgres.js';
import { openJsonlFile } from '../src/off/record-source.js';
import { generateSiteMixInput } from '../test/support/site-mix.js';
import { databaseUrl, POSTGRES_TEMPLATE, withAdmin } from '../test/support/test-db.js';
import { ensureCatalogueFile } from './support/catalogue-file.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const adminUrl = process.env.TEST_DATABASE_URL ?? '';
if (adminUrl === '') throw new Error('run through `npm run bench:site` (it starts PostgreSQL)');

const productsFile = await ensureCatalogueFile(PRODUCTS);
const { terms: searchTerms, prefixes, codes } = generateSiteMixInput(PRODUCTS, 500);

const name = 'pur_beurre_bench';
await withAdmin(adminUrl, async (admin) => {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${POSTGRES_TEMPLATE}`);
});
const db = createPostgresDb(databaseUrl(adminUrl, name), { max: 10 });
const started = Date.now();
await importCatalogue(db, await openJsonlFile(productsFile));
await db.exec('ANALYZE');
process.stdout.write(`imported ${PRODUCTS} products in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

const config = loadConfig({ SESSION_SECRET: 'x'.repeat(32) }, '/nonexistent/.env');
// As production runs (visitors' pages micro-cached), and with the cache off: every request renders.
const app = await buildApp({ config, db });
const uncached = await buildApp({ config, db, pageCache: { ttlMs: 0, maxEntries: 0 } });
const hello = Fastify();
hello.get('/', async () => ({ hello: 'world' }));

async function listen(server: FastifyInstance): Promise<string> {
  await server.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}
const [siteUrl, uncachedUrl, helloUrl] = await Promise.all([listen(app), listen(uncached), listen(hello)]);

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)] as T;
const pages: { label: string; path: () => string }[] = [
  { label: 'home page', path: () => '/' },
  { label: 'search', path: () => `/recherche?q=${encodeURIComponent(pick(searchTerms))}` },
  { label: 'substitutes', path: () => `/produit/${pick(codes)}/substituts` },
  { label: 'product sheet', path: () => `/produit/${pick(codes)}` },
  { label: 'autocomplete', path: () => `/api/autocomplete?q=${encodeURIComponent(pick(prefixes))}` },
];
const targets: { label: string; url: string; path: () => string }[] = [
  { label: 'hello world (Fastify)', url: helloUrl, path: () => '/' },
  ...pages.map((page) => ({ ...page, url: siteUrl })),
  ...pages.map((page) => ({ ...page, label: `${page.label}, no page cache`, url: uncachedUrl })),
];

const rows: { label: string; rps: number; p50: number; p99: number; errors: number }[] = [];
for (const target of targets) {
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: (request) => ({ ...request, path: target.path() }) }],
  });
  rows.push({
    label: target.label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result['5xx'],
  });
}

const helloRps = rows[0]?.rps ?? 1;
process.stdout.write(
  `\n${PRODUCTS} products, PostgreSQL, ${CONNECTIONS} connections, ${SECONDS} s each\n\n` +
    '| target | req/s | % of hello | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|---:|\n' +
    rows
      .map(
        (row) =>
          `| ${row.label} | ${Math.round(row.rps)} | ${Math.round((row.rps / helloRps) * 100)} % | ${row.p50} | ${row.p99} | ${row.errors} |`,
      )
      .join('\n') +
    '\n',
);
await Promise.all([app.close(), uncached.close(), hello.close()]);
await db.close();
await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
