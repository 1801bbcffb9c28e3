// The benchmarks' input: the generated catalogue (test/support/catalogue-generator.ts, seed 1) of
// N products, written once to bench/data/ and reused.
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { generateJsonlChunks } from '../../test/support/catalogue-generator.js';
import { CATALOGUE_SEED } from '../../test/support/site-mix.js';

const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/**
 * The path of an N-product catalogue file, generated on first use (via a temporary name, so a cut
 * run leaves no half file). Named apart from the files an earlier generator wrote there, which
 * hold other products.
 */
export async function ensureCatalogueFile(count: number): Promise<string> {
  const path = `${DATA_DIR}catalogue-${count}-seed${CATALOGUE_SEED}.jsonl`;
  if (existsSync(path)) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  await pipeline(Readable.from(generateJsonlChunks(count, CATALOGUE_SEED)), createWriteStream(`${path}.tmp`));
  renameSync(`${path}.tmp`, path);
  return path;
}
