// Runs `pur-beurre` as an operator would: the built command (`dist/`, which `npm ci` and every
// test script build first), a child process with its own environment, in an empty working
// directory (so no developer's .env leaks in). Not through a TypeScript loader: it cost each start
// seconds, and these tests start a hundred. After changing `src/`, `npm run build` before running
// one test file alone.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** The settings a production start insists on (no DATABASE_URL: the embedded database). */
export const PRODUCTION_ENV = {
  SESSION_SECRET: 'a-test-secret-that-is-at-least-32-characters-long',
  OFF_USER_AGENT_CONTACT: 'tests@pur-beurre.invalid',
};

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything a child process writes on stdout and stderr, interleaved, so far. */
export function captureOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => output;
}

export function startCli(
  args: string[],
  env: Record<string, string>,
): ChildProcess & { output: () => string } {
  const cwd = mkdtempSync(join(tmpdir(), 'pur-beurre-cli-'));
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      // No shedding on event-loop delay unless a test asks: beside other test files on two cores a
      // start's loop lags past the limit and every page would be a 503 (shedding has its own tests).
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return Object.assign(child, { output: captureOutput(child) });
}

export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = startCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr };
}

/** Resolves with the output so far once `pattern` appears; rejects if the process ends first. */
export function waitForOutput(child: ReturnType<typeof startCli>, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(child.output())) {
        cleanup();
        resolve(child.output());
      }
    };
    const onClose = (code: number | null) => {
      cleanup();
      reject(new Error(`process ended (code ${code}) before ${pattern}:\n${child.output()}`));
    };
    const cleanup = () => {
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('close', onClose);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('close', onClose);
    check();
  });
}

/** Waits for `serve` to say it is ready; returns its base URL (no trailing slash) and output so far. */
export async function waitForServer(
  child: ReturnType<typeof startCli>,
): Promise<{ url: string; output: string }> {
  const output = await waitForOutput(child, READY);
  return { url: (output.match(READY)?.[1] ?? '').replace(/\/$/, ''), output };
}

const READY = /ready: (http:\/\/\S+)/;

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('close', resolve));
}
