// A visitor mix over a gen-off catalogue (`../shared/gen-off.mjs`, seed 1): search terms of every
// kind, autocomplete keystroke prefixes, product sheets and substitutes pages (random products,
// pages 1–3, so some are past the last page: a 404 a visitor can meet), and a few home pages.
// Drawn from hundreds of terms and codes so the page cache cannot answer most of it: the reads
// reach the database. Shared by the soak and overload tests and the memory benchmark.
import { execFileSync, spawn } from 'node:child_process';
import { importCatalogue } from '../../src/catalogue/import.js';
import type { Db } from '../../src/db/db.js';
import { createJsonlSource } from '../../src/off/record-source.js';
import { SHARED_DIR } from './shared.js';

export const GENERATOR = `${SHARED_DIR}gen-off.mjs`;

export interface SiteMixInput {
  terms: string[];
  prefixes: string[];
  codes: string[];
}

/**
 * Imports `gen-off --n n --seed 1` into `db`, streamed from the generator (no file), then
 * gathers the planner's statistics, as autovacuum has long done on a production database: without
 * them the first minute's plans depend on when autoanalyze happens to run mid-test.
 */
export async function importGeneratedCatalogue(db: Db, n: number): Promise<void> {
  const generator = spawn(process.execPath, [GENERATOR, '--n', String(n), '--seed', '1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await importCatalogue(db, createJsonlSource(`gen-off --n ${n}`, generator.stdout, null));
  await db.exec('ANALYZE');
}

/**
 * What gen-off lists for its `n`-product catalogue: `count` queries (a kind, a tab, the term) or
 * product codes, one per line.
 */
export function listGenerated(n: number, flag: '--queries' | '--codes', count = 600): string[] {
  return execFileSync(process.execPath, [
    GENERATOR,
    '--n',
    String(n),
    '--seed',
    '1',
    flag,
    '--count',
    String(count),
  ])
    .toString()
    .trim()
    .split('\n');
}

/** Search terms, prefixes and product codes of the `n`-product catalogue, as gen-off lists them. */
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
