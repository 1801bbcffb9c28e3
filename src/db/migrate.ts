import { fileURLToPath } from 'node:url';
import Postgrator from 'postgrator';
import { PACKAGE_ROOT } from '../version.js';
import type { Db, Queryable } from './db.js';

const MIGRATIONS = fileURLToPath(new URL('migrations/*', PACKAGE_ROOT));
// Any constant shared by all instances: two `migrate` at once wait for each other.
const MIGRATION_LOCK = 718_201;

export interface MigrationStatus {
  current: number;
  latest: number;
  pending: number;
}

/** Applies every pending migration in one transaction: all of them or none. */
export async function migrate(db: Db): Promise<{ applied: string[]; version: number }> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const postgrator = await createPostgrator(tx);
    const applied = await postgrator.migrate();
    return {
      applied: applied.map((migration) => `${migration.version} ${migration.name}`),
      version: Number(await postgrator.getDatabaseVersion()),
    };
  });
}

/** `current > latest` is fine: a newer release migrated ahead of this one (widen, then narrow). */
export async function readMigrationStatus(db: Db): Promise<MigrationStatus> {
  const postgrator = await createPostgrator(db);
  const [current, latest] = await Promise.all([postgrator.getDatabaseVersion(), postgrator.getMaxVersion()]);
  const currentVersion = Number(current ?? 0);
  const migrations = await postgrator.getMigrations();
  const pending = migrations.filter((m) => m.action === 'do' && m.version > currentVersion).length;
  return { current: currentVersion, latest: Number(latest), pending };
}

async function createPostgrator(db: Queryable): Promise<Postgrator> {
  // Postgrator looks its table up in information_schema by database name.
  const [row] = await db.query<{ name: string }>('SELECT current_database() AS name');
  return new Postgrator({
    migrationPattern: MIGRATIONS,
    driver: 'pg',
    database: row?.name ?? 'postgres',
    schemaTable: 'schema_migrations',
    execQuery: async (sql) => ({ rows: await db.exec(sql) }),
  });
}
