// Builds the starter snapshot (snapshot/off-fr-starter.jsonl.gz and its .json description) from
// the real Open Food Facts records in test/fixtures/off/: every named product sold in France,
// one record per barcode. Run it again when the fixtures change: `npx tsx snapshot/build-starter.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

type OffRecord = Record<string, unknown> & { code?: unknown };

const FIXTURES = fileURLToPath(new URL('../test/fixtures/off/', import.meta.url));
const OUT = fileURLToPath(new URL('./', import.meta.url));

/** Richest first: for a barcode found in several files, the first one wins. */
const SOURCES = [
  { file: 'off-dump-min-1000.jsonl.gz', collected: '2024-10-25' },
  { file: 'api-search-v1-response-nunomars.json', collected: '2021-01-31' },
  { file: 'api-v2-search-response-fragment-1-dylamn.json', collected: '2022-04-30' },
  { file: 'api-v2-search-response-fragment-2-dylamn.json', collected: '2022-04-30' },
  { file: 'purbeurre-davidbarat-fr-2021.jsonl.gz', collected: '2021-03-31' },
  { file: 'purbeurre-guillaumeoj-fixture.jsonl', collected: '2020-06-30' },
  { file: 'purbeurre-aspidistras-fr-2019.jsonl.gz', collected: '2019-11-30' },
] as const;

function readRecords(file: string): OffRecord[] {
  const bytes = readFileSync(`${FIXTURES}${file}`);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  if (file.endsWith('.json')) return (JSON.parse(text) as { products: OffRecord[] }).products;
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OffRecord);
}

/**
 * Sold in France: OFF's `countries_tags` when the record has them; the derived Pur Beurre files
 * have none, but they were read from fr.openfoodfacts.org, which lists only products sold in
 * France: their page URL says so.
 */
function withFrance(record: OffRecord): OffRecord | null {
  const countries = record.countries_tags;
  if (Array.isArray(countries)) return countries.includes('en:france') ? record : null;
  const url = typeof record.url === 'string' ? record.url : '';
  return url.startsWith('https://fr.openfoodfacts.org/')
    ? { ...record, countries_tags: ['en:france'] }
    : null;
}

/** The importer rejects a record without a name in any language: the snapshot leaves them out. */
function hasName(record: OffRecord): boolean {
  return Object.entries(record).some(
    ([key, value]) =>
      /^product_name(_[a-z]{2})?$/.test(key) && typeof value === 'string' && value.trim() !== '',
  );
}

const products = new Map<string, OffRecord>();
for (const { file } of SOURCES) {
  for (const record of readRecords(file)) {
    if (typeof record.code !== 'string' || products.has(record.code) || !hasName(record)) continue;
    const french = withFrance(record);
    if (french !== null) products.set(record.code, french);
  }
}

const lines = [...products.values()].map((record) => JSON.stringify(record)).join('\n');
writeFileSync(`${OUT}off-fr-starter.jsonl.gz`, gzipSync(`${lines}\n`, { level: 9 }));
const newest = SOURCES.map((source) => source.collected)
  .sort()
  .at(-1);
writeFileSync(
  `${OUT}off-fr-starter.json`,
  `${JSON.stringify({ date: newest, products: products.size, sources: SOURCES.map((s) => s.file) }, null, 2)}\n`,
);
process.stdout.write(`snapshot: ${products.size} products sold in France, newest data ${newest}\n`);
