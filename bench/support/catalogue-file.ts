// The benchmarks' input: `gen-off.mjs --n N --seed 1` written once to bench/data/ and reused.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GENERATOR } from '../../test/support/site-mix.js';

const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** The path of an N-product catalogue file, generated on first use (via a temporary name, so a cut run leaves no half file). */
export async function ensureCatalogueFile(count: number): Promise<string> {
  const path = `${DATA_DIR}products-${count}.jsonl`;
  if (existsSync(path)) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  const out = openSync(`${path}.tmp`, 'w');
  const child = spawn(process.execPath, [GENERATOR, '--n', String(count), '--seed', '1'], {
    stdio: ['ignore', out, 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`gen-off exited ${code}`);
  renameSync(`${path}.tmp`, path);
  return path;
}
