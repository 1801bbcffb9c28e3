import type { Config } from '../config.js';
import { migrate, readMigrationStatus } from '../db/migrate.js';
import { openDb } from '../db/open-db.js';
import { CliError } from './cli-error.js';

/** SQLSTATE lock_not_available: `lock_timeout` (the deploy sets it) ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

export async function runMigrate(config: Config, statusOnly: boolean): Promise<void> {
  const db = await openDb(config);
  try {
    if (statusOnly) {
      const status = await readMigrationStatus(db);
      process.stdout.write(
        `schema version ${status.current}, latest ${status.latest}, ${status.pending} pending migration(s)\n`,
      );
      if (status.pending > 0) process.exitCode = 1;
      return;
    }
    const { applied, version } = await migrate(db).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw error;
      throw new CliError(
        'gave up waiting for a lock (lock timeout): another migration or a long job holds what this one needs; nothing was applied, try again',
      );
    });
    process.stdout.write(
      applied.length === 0
        ? `Database schema already up to date (version ${version}).\n`
        : `Applied ${applied.length} migration(s): ${applied.join(', ')}. Schema version ${version}.\n`,
    );
  } finally {
    await db.close();
  }
}
