// Real Open Food Facts records kept in the repository (test/fixtures/off/, ODbL: see its README).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type LoadedTaxonomy, toLoadedTaxonomy } from '../../src/catalogue/taxonomy.repository.js';

export const OFF_SAMPLES = fileURLToPath(new URL('../fixtures/off/', import.meta.url));

/** Every JSONL fixture of real records: the catalogue the issue-12 tests import whole. */
export const REAL_FIXTURES = [
  'off-dump-min-1000.jsonl.gz',
  'purbeurre-aspidistras-fr-2019.jsonl.gz',
  'purbeurre-davidbarat-fr-2021.jsonl.gz',
  'purbeurre-guillaumeoj-fixture.jsonl',
];

/** The path of a fixture; a missing one fails at once, naming the file and how to get it back. */
export function samplePath(name: string): string {
  const path = `${OFF_SAMPLES}${name}`;
  if (!existsSync(path)) {
    throw new Error(
      `Missing test fixture ${path}: it is part of the repository (git checkout -- test/fixtures/off/${name}); see test/fixtures/off/README.md.`,
    );
  }
  return path;
}

export function readSample(name: string): Buffer {
  return readFileSync(samplePath(name));
}

/** The text of a sample, gunzipped when its name ends in `.gz`. */
export function readSampleText(name: string): string {
  const bytes = readSample(name);
  return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** The records of a JSONL sample, gzip or not. */
export function readSampleRecords(name: string): unknown[] {
  return readSampleText(name)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/**
 * The fixtures listed in test/fixtures/off/SHA256SUMS that are missing or changed, as one message
 * per file; `npm test` checks them before starting anything, so a lost fixture fails the run in
 * seconds instead of failing test files one by one.
 */
export function checkFixtures(): string[] {
  const sums = readFileSync(`${OFF_SAMPLES}SHA256SUMS`, 'utf8').trim().split('\n');
  return sums.flatMap((line) => {
    const [sum, name] = line.split(/\s+\*?/);
    const path = `${OFF_SAMPLES}${name}`;
    if (!existsSync(path))
      return [`missing test fixture ${path} (git checkout -- test/fixtures/off/${name})`];
    const actual = createHash('sha256').update(readFileSync(path)).digest('hex');
    return actual === sum
      ? []
      : [`test fixture ${path} differs from SHA256SUMS (git checkout -- test/fixtures/off/${name})`];
  });
}

/** OFF's real category taxonomy trimmed to the fixtures' categories (README.md), as the import reads it. */
export const TAXONOMY_FIXTURE = 'off-categories-taxonomy.json.gz';

export function readTaxonomyFixture(): LoadedTaxonomy {
  return toLoadedTaxonomy(gunzipSync(readSample(TAXONOMY_FIXTURE)).toString('utf8'), TAXONOMY_FIXTURE);
}
