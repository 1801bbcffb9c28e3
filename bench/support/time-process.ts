// A command run as its own Node process: wall time from spawn to exit, and its peak RSS as
// report-rss.mjs prints it at exit.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureOutput } from '../../test/support/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ProcessCost {
  label: string;
  seconds: number;
  maxRssMb: number;
}

/** `node <args>` in an empty folder with only PATH and `env`; throws with its output if it fails. */
export async function timeProcess(
  label: string,
  args: string[],
  env: Record<string, string>,
): Promise<ProcessCost> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', join(ROOT, 'bench/support/report-rss.mjs'), ...args], {
    cwd: mkdtempSync(join(tmpdir(), 'pur-beurre-bench-')),
    env: { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${label} failed (${code}):\n${output().slice(-4000)}`);
  const rss = Number(output().match(/bench:max-rss-kb=(\d+)/)?.[1] ?? Number.NaN);
  return { label, seconds, maxRssMb: rss / 1024 };
}
