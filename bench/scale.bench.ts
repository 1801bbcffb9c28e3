// Growth benchmark (issue 5, "Scale"): how import and the site's hot reads cost as the catalogue
// grows, on PostgreSQL. For each size, `pur-beurre import --file` of `gen-catalogue.ts --n N --seed 1`
// (its own process: time, products/s, peak RSS), the database's size on disk, then a few hundred
// in-process calls of each of the site's reads, through the site's own functions (no SQL here):
// search (`searchCatalogue`, the generator's mixed terms; then each of its common words and typo
// terms once, with the slowest call), substitutes (`findSubstitutes`, random
// products, random pages 1–5), product sheet (`findProductByCode`), autocomplete
// (`toSuggestionKey` + `findNameSuggestions`, keystroke prefixes). Yardstick in the same run:
// `SELECT 1` on the same pool. With --explain, the largest size also prints
// EXPLAIN (ANALYZE, BUFFERS) of every statement those functions send for one sample call.
//
//   npm run bench:scale -- [--sizes 10000,100000,1000000] [--calls 300] [--explain]
//   npm run bench:scale -- --sizes 1000000 --database-url postgres://… (reads only, on a catalogue
//     already imported from the generator with that size: to compare the same data before and after a
//     migration or a settings change)
//
// Runs through test/support/with-postgres.ts, which provides a throwaway PostgreSQL server.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Db, Queryable, Row } from '../src/db/db.js';
import { createPostgresDb } from '../src/db/postgres.js';
import type { ProductSheet } from '../src/product/product.js';
import { toMarkets } from '../src/product/product-rows.js';
import { findProductByCode, findSubstitutes } from '../src/products/products.repository.js';
import { SUBSTITUTES_PER_PAGE } from '../src/products/products.routes.js';
import { searchCatalogue } from '../src/search/search.js';
import { findNameSuggestions, toSuggestionKey } from '../src/search/search.repository.js';

/** The site's default market (config COUNTRY): the generator sells 82 % of products there. */
const MARKETS = toMarkets('en:france');

import { listGenerated } from '../test/support/site-mix.js';
import { createTestDb } from '../test/support/test-db.js';
import { ensureCatalogueFile } from './support/catalogue-file.js';
import { type ProcessCost, timeProcess } from './support/time-process.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    calls: { type: 'string', default: '300' },
    explain: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const CALLS = Number(values.calls);
const SUGGESTIONS = 8;

function importFile(file: string, url: string): Promise<ProcessCost> {
  return timeProcess('import', [join(ROOT, 'dist/cli/main.js'), 'import', '--file', file], {
    DATABASE_URL: url,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret!',
    OFF_USER_AGENT_CONTACT: 'bench@pur-beurre.invalid',
  });
}

interface Cost {
  p50: number;
  p99: number;
  max: number;
  calls: number;
}

async function timeCalls(count: number, call: (i: number) => Promise<unknown>): Promise<Cost> {
  // A few untimed calls first: the pool's connections, the plan cache.
  for (let i = 0; i < 5; i++) await call(i);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: times.at(-1) ?? 0, calls: count };
}

/** Runs each statement the site's functions send, and EXPLAIN (ANALYZE, BUFFERS) of it beside. */
function explaining(db: Queryable, plans: string[]): Queryable {
  return {
    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      // The accent folding is a function call, not a table read: no plan worth showing.
      if (sql.includes('f_unaccent($1) AS folded')) return db.query<R>(sql, params);
      const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plans.push(
        `${sql.replace(/\s+/g, ' ').trim()}\n-- params: ${JSON.stringify(params ?? [])}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`,
      );
      return db.query<R>(sql, params);
    },
    exec: (script) => db.exec(script),
  };
}

/** The catalogue already in that database: read, never dropped. */
function existingDb(url: string): { db: Db; url: string; drop: () => Promise<void> } {
  const db = createPostgresDb(url);
  return { db, url, drop: () => db.close() };
}

interface SizeResult {
  size: number;
  products: number;
  seconds: number;
  maxRssMb: number;
  dbMb: number;
  costs: Record<string, Cost>;
}

// Fixed seed for the random choices, so runs pick the same products and pages.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;

const results: SizeResult[] = [];
const explained: string[] = [];
for (const size of sizes) {
  const file = await ensureCatalogueFile(size);
  const queries = listGenerated(size, '--queries').map((line) => line.split('\t') as [string, string]);
  const codes = listGenerated(size, '--codes');
  const terms = queries.filter(([kind]) => kind !== 'prefix').map(([, term]) => term);
  const prefixes = queries.filter(([kind]) => kind === 'prefix').map(([, term]) => term);

  const existing = values['database-url'];
  const testDb = existing === undefined ? await createTestDb('postgres') : existingDb(existing);
  try {
    if (existing === undefined)
      process.stdout.write(`${size}: importing ${(statSync(file).size / 2 ** 20).toFixed(0)} MB…\n`);
    const imported =
      existing === undefined
        ? await importFile(file, testDb.url ?? '')
        : { seconds: Number.NaN, maxRssMb: Number.NaN };
    const { db } = testDb;
    await db.exec('VACUUM ANALYZE');
    const [stats] = await db.query<{ bytes: string; products: string }>(
      'SELECT pg_database_size(current_database()) AS bytes, (SELECT count(*) FROM products) AS products',
    );
    const sheets = new Map<string, ProductSheet>();
    for (const code of codes) {
      const sheet = await findProductByCode(db, code);
      if (sheet !== null) sheets.set(code, sheet);
    }
    const productSheets = [...sheets.values()];
    const substitutesOf = (q: Queryable, sheet: ProductSheet) =>
      findSubstitutes(q, sheet, MARKETS, {
        limit: SUBSTITUTES_PER_PAGE,
        offset: Math.floor(random() * 5) * SUBSTITUTES_PER_PAGE,
      });
    const suggest = async (q: Queryable, prefix: string) =>
      findNameSuggestions(q, await toSuggestionKey(q, prefix), SUGGESTIONS, MARKETS);
    // Every term of a kind once, in the generator's order: the slowest of them is the "max".
    const ofKind = (kind: string) => queries.filter(([k]) => k === kind).map(([, term]) => term);
    const eachOf = (list: readonly string[]) =>
      timeCalls(list.length, (i) => searchCatalogue(db, list[i % list.length] as string, MARKETS));
    const costs: Record<string, Cost> = {
      'yardstick: SELECT 1': await timeCalls(CALLS, () => db.query('SELECT 1')),
      search: await timeCalls(CALLS, () => searchCatalogue(db, pick(terms), MARKETS)),
      'search: every common word once': await eachOf(ofKind('word')),
      'search: every typo term once': await eachOf(ofKind('typo')),
      substitutes: await timeCalls(CALLS, () => substitutesOf(db, pick(productSheets))),
      'product sheet': await timeCalls(CALLS, () => findProductByCode(db, pick(codes))),
      autocomplete: await timeCalls(CALLS, () => suggest(db, pick(prefixes))),
    };
    results.push({
      size,
      products: Number(stats?.products),
      ...imported,
      dbMb: Number(stats?.bytes) / 2 ** 20,
      costs,
    });
    process.stdout.write(
      `${size}: done in ${imported.seconds.toFixed(1)} s, load ${loadavg()[0]?.toFixed(1)}\n`,
    );

    if (values.explain && size === Math.max(...sizes)) {
      const plans: string[] = [];
      const q = explaining(db, plans);
      const sample = (label: string) => plans.push(`=== ${label}`);
      for (const term of queries.filter(([kind]) => kind !== 'prefix').slice(0, 12)) {
        sample(`search ${term[0]} "${term[1]}"`);
        await searchCatalogue(q, term[1], MARKETS);
      }
      for (const sheet of productSheets.slice(0, 3)) {
        sample(`substitutes of product ${sheet.id}`);
        await findSubstitutes(q, sheet, MARKETS, { limit: SUBSTITUTES_PER_PAGE, offset: 0 });
      }
      sample('product sheet');
      await findProductByCode(q, codes[0] ?? '');
      for (const prefix of prefixes.slice(0, 3)) {
        sample(`autocomplete "${prefix}"`);
        await suggest(q, prefix);
      }
      explained.push(...plans);
    }
  } finally {
    await testDb.drop();
  }
}

const first = results[0] as SizeResult;
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const load = loadavg()
  .map((value) => value.toFixed(1))
  .join(' ');
const lines = [
  `Growth on PostgreSQL, ${new Date().toISOString().slice(0, 16)}Z, ${CALLS} calls per read, load average at the end ${load}`,
  '',
  '| records | products kept | import s | records/s | peak RSS MB | DB size MB |',
  '|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.size.toLocaleString('en')} | ${r.products.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${Math.round(r.size / r.seconds).toLocaleString('en')} | ${r.maxRssMb.toFixed(0)} | ${r.dbMb.toFixed(0)} |`,
  ),
  '',
  `| read (ms) | ${results.map((r) => `${r.size.toLocaleString('en')}: p50 / p99 / max`).join(' | ')} | p50 × at ${results.at(-1)?.size.toLocaleString('en')} vs ${first.size.toLocaleString('en')} |`,
  `|---|${results.map(() => '---:').join('|')}|---:|`,
  ...Object.keys(first.costs).map((label) => {
    const cells = results.map((r) => {
      const cost = r.costs[label] as Cost;
      return `${ms(cost.p50)} / ${ms(cost.p99)} / ${ms(cost.max)}`;
    });
    const growth = (results.at(-1)?.costs[label]?.p50 ?? 0) / (first.costs[label]?.p50 ?? 1);
    return `| ${label} | ${cells.join(' | ')} | ${growth.toFixed(2)} |`;
  }),
];
console.log(lines.join('\n'));
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results', `scale-${sizes.join('-')}.md`), `${lines.join('\n')}\n`);
if (explained.length > 0) {
  writeFileSync(
    join(ROOT, 'bench/results', `scale-explain-${Math.max(...sizes)}.txt`),
    `${explained.join('\n\n')}\n`,
  );
  console.log(`plans: bench/results/scale-explain-${Math.max(...sizes)}.txt`);
}
