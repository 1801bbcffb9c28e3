import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Db } from './db.js';
import { createPgliteDb } from './pglite.js';
import { createPostgresDb } from './postgres.js';

/** No `DATABASE_URL`: the embedded PostgreSQL in `DATA_DIR`, so a clone runs without a server. */
export function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl !== null) return Promise.resolve(createPostgresDb(config.databaseUrl));
  return createPgliteDb(join(config.dataDir, 'pglite'));
}
