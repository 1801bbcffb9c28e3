// How long `pur-beurre update` takes to apply a 20,000-product delta (new grades and nutriments,
// new codes) to a 200,000-product catalogue on PostgreSQL, and what it does to the latency of
// readers (the site's sheet, name search and substitutes, on their own connections) meanwhile;
// then a full reconciliation of the same catalogue against an export that lost 1 % of it.
// Run: `npm run bench:update` (a throwaway PostgreSQL cluster, see test/support/with-postgres.ts).
// The catalogue comes from `bench/gen-catalogue.ts --n 200000 --seed 1`, cached in bench/data/.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { importCatalogue } from '../src/catalogue/import.js';
import { type UpdateSummary, updateCatalogue } from '../src/catalogue/update.js';
import type { Db } from '../src/db/db.js';
import { createPostgresDb } from '../src/db/postgres.js';
import { createOffClient } from '../src/off/off-client.js';
import { openJsonlFile } from '../src/off/record-source.js';
import { toMarkets } from '../src/product/product-rows.js';
import { findProductByCode, findSubstitutes } from '../src/products/products.repository.js';
import { findProducts } from '../src/search/search.repository.js';

/** The site's default market (config COUNTRY). */
const MARKETS = toMarkets('en:france');

import { startFakeOff } from '../test/support/fake-off-server.js';
import { createTestDb } from '../test/support/test-db.js';
import { ensureCatalogueFile } from './support/catalogue-file.js';

const SIZE = 200_000;
const CHANGED = 18_000;
const ADDED = 2_000;
const T0 = 1_764_000_000;
const DAY = 86_400;

type OffRecord = {
  code: string;
  nutriscore_grade?: string;
  nutriments?: { [key: string]: unknown };
  product_name?: string;
};

/** 18,000 products with a new grade and new nutriments (every 11th), and 2,000 new codes. */
function buildDelta(lines: string[]): Buffer {
  const grades = 'abcde';
  const out: string[] = [];
  for (let i = 0; out.length < CHANGED; i += 11) {
    const record = JSON.parse(lines[i] ?? '{}') as OffRecord;
    const grade = grades[(grades.indexOf(record.nutriscore_grade ?? 'c') + 1) % 5] ?? 'c';
    const sugars = Number(record.nutriments?.sugars_100g ?? 10) + 1;
    out.push(
      JSON.stringify({
        ...record,
        nutriscore_grade: grade,
        nutrition_grades: grade,
        nutriments: { ...record.nutriments, sugars_100g: sugars, sugars },
        last_modified_t: T0 + DAY / 2,
      }),
    );
  }
  for (let i = 0; i < ADDED; i++) {
    const record = JSON.parse(lines[i * 7 + 3] ?? '{}') as OffRecord;
    out.push(
      JSON.stringify({
        ...record,
        code: `99${String(i).padStart(11, '0')}`,
        product_name: `${record.product_name} nouveau`,
      }),
    );
  }
  return gzipSync(out.join('\n'), { level: 6 });
}

interface Term {
  code: string;
  prefix: string;
}

interface Percentiles {
  count: number;
  p50: number;
  p99: number;
}

interface Latencies {
  sheet: Percentiles;
  search: Percentiles;
  substitutes: Percentiles;
}

/**
 * Runs the site's three hot reads, through the site's own functions, one after the other until
 * `done` says stop: a product sheet (by barcode), a name search (the name's first letters) and
 * the product's substitutes (first page).
 */
async function measureReaders(db: Db, terms: Term[], done: () => boolean): Promise<Latencies> {
  const times: Record<keyof Latencies, number[]> = { sheet: [], search: [], substitutes: [] };
  const timed = async <T>(what: keyof Latencies, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    times[what].push(performance.now() - started);
    return result;
  };
  for (let i = 0; !done(); i++) {
    const term = terms[i % terms.length] as Term;
    const product = await timed('sheet', () => findProductByCode(db, term.code));
    await timed('search', () => findProducts(db, term.prefix, MARKETS, { limit: 20, offset: 0 }));
    if (product !== null) {
      await timed('substitutes', () => findSubstitutes(db, product, MARKETS, { limit: 6, offset: 0 }));
    }
  }
  const summarise = (values: number[]): Percentiles => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { count: sorted.length, p50: at(0.5), p99: at(0.99) };
  };
  return {
    sheet: summarise(times.sheet),
    search: summarise(times.search),
    substitutes: summarise(times.substitutes),
  };
}

async function timeUpdate(
  run: () => Promise<UpdateSummary>,
  readers: Db,
  terms: Term[],
): Promise<{ summary: UpdateSummary; seconds: number; during: Latencies }> {
  let finished = false;
  const started = performance.now();
  const running = run().finally(() => {
    finished = true;
  });
  const [summary, during] = await Promise.all([running, measureReaders(readers, terms, () => finished)]);
  return { summary, seconds: (performance.now() - started) / 1000, during };
}

const catalogueFile = await ensureCatalogueFile(SIZE);
const lines = readFileSync(catalogueFile, 'utf8')
  .split('\n')
  .filter((line) => line !== '');
const testDb = await createTestDb('postgres');
const readers = createPostgresDb(testDb.url ?? '', { max: 2, applicationName: 'bench-readers' });
const off = await startFakeOff();
try {
  const db = testDb.db;
  let started = performance.now();
  const imported = await importCatalogue(db, await openJsonlFile(catalogueFile));
  const importSeconds = (performance.now() - started) / 1000;
  await db.exec('VACUUM ANALYZE products');

  const terms = lines
    .filter((_, i) => i % 997 === 0)
    .map((line) => JSON.parse(line) as OffRecord)
    .map((record) => ({
      code: record.code,
      prefix: (record.product_name ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().slice(0, 6),
    }));
  const idleUntil = performance.now() + 10_000;
  const idle = await measureReaders(readers, terms, () => performance.now() > idleUntil);

  const delta = buildDelta(lines);
  const deltaName = `products_${T0}_${T0 + DAY}.json.gz`;
  off.files.set(`/data/delta/${deltaName}`, delta);
  off.files.set('/data/delta/index.txt', Buffer.from(`${deltaName}\n`));
  const client = createOffClient({ userAgent: 'PurBeurre/bench (bench@pur-beurre.invalid)' });
  const options = { client, staticUrl: off.url, maxShrink: 0.1 };
  const deltaRun = await timeUpdate(
    () => updateCatalogue(db, { ...options, since: new Date(T0 * 1000) }),
    readers,
    terms,
  );

  // Full reconciliation: the export is the catalogue as it is now, less 1 % (every 100th line).
  started = performance.now();
  const exportLines = lines.filter((_, i) => i % 100 !== 50);
  off.files.set('/data/openfoodfacts-products.jsonl.gz', gzipSync(exportLines.join('\n'), { level: 1 }));
  const gzipSeconds = (performance.now() - started) / 1000;
  const fullRun = await timeUpdate(() => updateCatalogue(db, { ...options, full: true }), readers, terms);

  const ms = (value: number) => value.toFixed(1);
  const report = [
    `PostgreSQL ${(await db.query<{ v: string }>("SELECT current_setting('server_version') AS v"))[0]?.v}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
    `catalogue: ${imported.productsAdded.toLocaleString('en')} products imported in ${importSeconds.toFixed(1)} s`,
    `delta: ${deltaRun.summary.recordsRead.toLocaleString('en')} records (${(delta.length / 1e6).toFixed(1)} MB gz) → added ${deltaRun.summary.productsAdded}, updated ${deltaRun.summary.productsUpdated}, in ${deltaRun.seconds.toFixed(2)} s`,
    `full: ${fullRun.summary.recordsRead.toLocaleString('en')} records → updated ${fullRun.summary.productsUpdated}, delisted ${fullRun.summary.productsDelisted}, in ${fullRun.seconds.toFixed(2)} s (export gzipped beforehand in ${gzipSeconds.toFixed(1)} s)`,
    'readers, ms (p50 / p99, count): idle | during the delta | during the full run',
    ...(['sheet', 'search', 'substitutes'] as const).map((what) =>
      [idle, deltaRun.during, fullRun.during]
        .map(({ [what]: p }) => `${ms(p.p50)} / ${ms(p.p99)} (${p.count})`)
        .join(' | ')
        .replace(/^/, `  ${what}: `),
    ),
  ];
  process.stdout.write(`${report.join('\n')}\n`);
} finally {
  await off.close();
  await readers.close();
  await testDb.drop();
}
