// A visitor mix over a generated catalogue (test/support/catalogue-generator.ts, seed 1): search
// terms of every kind, autocomplete keystroke prefixes, product sheets and substitutes pages (random
// products, pages 1–3, so some are past the last page: a 404 a visitor can meet), and a few home
// pages. Drawn from hundreds of terms and codes so the page cache cannot answer most of it: the
// reads reach the database. Shared by the soak and overload tests and the memory benchmark.
import { Readable } from 'node:stream';
import { importCatalogue } from '../../src/catalogue/import.js';
import type { Db } from '../../src/db/db.js';
import { createJsonlSource } from '../../src/off/record-source.js';
import { generateJsonlChunks, listCodes, listQueries } from './catalogue-generator.js';

/** The seed of every generated catalogue the tests and benchmarks use. */
export const CATALOGUE_SEED = 1;

export interface SiteMixInput {
  terms: string[];
  prefixes: string[];
  codes: string[];
}

/**
 * Imports the generated `n`-product catalogue into `db`, streamed as JSONL from the generator (no
 * file), then gathers the planner's statistics, as autovacuum has long done on a production
 * database: without them the first minute's plans depend on when autoanalyze happens to run mid-test.
 */
export async function importGeneratedCatalogue(db: Db, n: number): Promise<void> {
  const jsonl = Readable.from(generateJsonlChunks(n, CATALOGUE_SEED));
  await importCatalogue(db, createJsonlSource(`generated --n ${n} --seed ${CATALOGUE_SEED}`, jsonl, null));
  await db.exec('ANALYZE');
}

/**
 * What the generator lists for its `n`-product catalogue (the flags of bench/gen-catalogue.ts):
 * `count` queries (a kind, a tab, the term) then as many prefixes, or `count` product codes.
 */
export function listGenerated(n: number, flag: '--queries' | '--codes', count = 600): string[] {
  return flag === '--queries' ? listQueries(n, CATALOGUE_SEED, count) : listCodes(n, CATALOGUE_SEED, count);
}

/** Search terms, prefixes and product codes of the generated `n`-product catalogue. */
export function generateSiteMixInput(n: number, count = 600): SiteMixInput {
  const queries = listGenerated(n, '--queries', count).map((line) => line.split('\t') as [string, string]);
  return {
    terms: queries.filter(([kind]) => kind !== 'prefix').map(([, term]) => term),
    prefixes: queries.filter(([kind]) => kind === 'prefix').map(([, term]) => term),
    codes: listGenerated(n, '--codes', count),
  };
}

/** A deterministic stream of paths: 30 % search, 25 % substitutes, 25 % sheets, 15 % autocomplete, 5 % home. */
export function createSiteMix({ terms, prefixes, codes }: SiteMixInput, seed = 42): () => string {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return () => {
    const roll = random();
    if (roll < 0.3) return `/recherche?q=${encodeURIComponent(pick(terms))}`;
    if (roll < 0.55) return `/produit/${pick(codes)}/substituts?page=${1 + Math.floor(random() * 3)}`;
    if (roll < 0.8) return `/produit/${pick(codes)}`;
    if (roll < 0.95) return `/api/autocomplete?q=${encodeURIComponent(pick(prefixes))}`;
    return '/';
  };
}
