import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { migrate, readMigrationStatus } from '../db/migrate.js';
import { openDb } from '../db/open-db.js';
import { CliError } from './cli-error.js';

/**
 * The embedded database migrates itself (nobody else would); a server database never does
 * implicitly: production migrates as its own deploy step, and refuses to run behind it.
 */
export async function openReadyDb(config: Config): Promise<Db> {
  const db = await openDb(config);
  try {
    if (db.driver === 'pglite') {
      await migrate(db);
      return db;
    }
    const status = await readMigrationStatus(db);
    if (status.pending > 0) {
      throw new CliError(
        `the database schema is at version ${status.current}, this release needs ${status.latest}: run \`pur-beurre migrate\` first`,
      );
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
