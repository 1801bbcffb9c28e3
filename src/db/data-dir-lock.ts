import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirBusyError extends Error {}

/**
 * DATA_DIR holds the embedded database (users and password hashes) and the session secret:
 * created readable by this user only (0700), whatever the umask. PGlite writes its files with the
 * umask's 0644, so the folder is what keeps other local users out. A folder that already exists
 * is left as its owner set it.
 */
export function createDataDir(dataDir: string): void {
  const created = mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (created !== undefined) chmodSync(dataDir, 0o700);
}

/**
 * PGlite does not guard its folder: two processes writing it would corrupt it. A lock file with
 * the holder's pid refuses a second opener and is taken over when its holder is gone.
 * Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, 'pur-beurre.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (isAlive(holder) && holder !== process.pid) {
        throw new DataDirBusyError(
          `The embedded database in ${dataDir} is in use by process ${holder} (is the server running?). ` +
            'Stop it first, or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirBusyError(`Could not lock ${dataDir}: another process keeps taking it.`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
