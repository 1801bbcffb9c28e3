// `node --import tsx test/support/with-postgres.ts <command…>`: runs the command with
// TEST_DATABASE_URL pointing at a PostgreSQL server that accepts CREATE DATABASE (the one given,
// else a throwaway cluster on loopback for the duration of the command, see postgres-cluster.ts)
// and TEST_TEMPLATES_DIR holding the migrated templates (prepare-templates.ts). Exits with the
// command's code; the cluster and the templates are removed on exit, SIGINT and SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFixtures } from './off-samples.js';
import { type Cluster, startCluster } from './postgres-cluster.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PREPARE = fileURLToPath(new URL('./prepare-templates.ts', import.meta.url));
/** Once asked to stop, how long the command has before it is killed. */
const STOP_GRACE_MS = 10_000;

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: node --import tsx test/support/with-postgres.ts <command> [args…]');
  process.exit(2);
}

let cluster: Cluster | undefined;
let templatesDir: string | undefined;
let child: ChildProcess | undefined;
let stopping: NodeJS.Signals | undefined;

function cleanUp(): void {
  cluster?.removeSync();
  cluster = undefined;
  if (templatesDir !== undefined) rmSync(templatesDir, { recursive: true, force: true });
  templatesDir = undefined;
}
process.on('exit', cleanUp);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping !== undefined) return;
    stopping = signal;
    // Between commands (the cluster starting): main() stops at its next step, cleaning up.
    if (child === undefined) return;
    child.kill(signal);
    setTimeout(() => child?.kill('SIGKILL'), STOP_GRACE_MS).unref();
  });
}

/** Runs a command with the environment so far; resolves to its exit code (128 + signal if killed). */
function runCommand(file: string, argv: string[]): Promise<number> {
  return new Promise((resolve) => {
    child = spawn(file, argv, {
      cwd: ROOT,
      stdio: 'inherit',
      env: process.env,
      shell: process.platform === 'win32',
    });
    child.once('error', (error) => {
      console.error(`with-postgres: cannot run ${file}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      child = undefined;
      resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}

async function main(): Promise<number> {
  const fixtureProblems = checkFixtures();
  if (fixtureProblems.length > 0) {
    for (const problem of fixtureProblems) console.error(`with-postgres: ${problem}`);
    return 1;
  }
  if (process.env.TEST_DATABASE_URL === undefined || process.env.TEST_DATABASE_URL === '') {
    const started = Date.now();
    cluster = await startCluster([
      'fsync=off',
      'synchronous_commit=off',
      'full_page_writes=off',
      'max_connections=200',
    ]);
    console.error(
      `with-postgres: PostgreSQL (${cluster.binaries.source} binaries, ${cluster.binaries.bindir}) on 127.0.0.1:${cluster.port}, started in ${Date.now() - started} ms`,
    );
    process.env.TEST_DATABASE_URL = cluster.url;
  }
  if (stopping) return 128 + constants.signals[stopping];
  templatesDir = mkdtempSync(join(tmpdir(), 'pur-beurre-test-templates-'));
  process.env.TEST_TEMPLATES_DIR = templatesDir;
  const prepared = await runCommand(process.execPath, ['--import', 'tsx', PREPARE]);
  if (prepared !== 0) {
    if (stopping) return 128 + constants.signals[stopping];
    console.error(
      'with-postgres: preparing the template databases failed (test/support/prepare-templates.ts)',
    );
    return prepared;
  }
  if (stopping) return 128 + constants.signals[stopping];
  return runCommand(command as string, args);
}

main().then(
  (code) => {
    cleanUp();
    process.exit(code);
  },
  (error: unknown) => {
    console.error(`with-postgres: ${error instanceof Error ? error.message : String(error)}`);
    cleanUp();
    process.exit(1);
  },
);
