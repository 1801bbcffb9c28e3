// Each test file gets its own database, copied from a migrated template in milliseconds:
// PostgreSQL with CREATE DATABASE … TEMPLATE, PGlite from a data-folder tarball.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Db } from '../../src/db/db.js';
import { createPgliteDb } from '../../src/db/pglite.js';
import { createPostgresDb } from '../../src/db/postgres.js';

export type Driver = Db['driver'];
export const DRIVERS: readonly Driver[] = ['pglite', 'postgres'];

export const POSTGRES_TEMPLATE = 'pur_beurre_template';
export const PGLITE_TEMPLATE_FILE = 'pglite-template.tar';

export function requireTestEnv(name: 'TEST_DATABASE_URL' | 'TEST_TEMPLATES_DIR'): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: run the tests through \`npm test\` (test/support/with-postgres.ts prepares it)`,
    );
  }
  return value;
}

export interface TestDb {
  db: Db;
  /** For the CLI under test: where this database lives. */
  url: string | null;
  drop(): Promise<void>;
}

export async function createTestDb(driver: Driver): Promise<TestDb> {
  if (driver === 'pglite') {
    const tarball = await readFile(join(requireTestEnv('TEST_TEMPLATES_DIR'), PGLITE_TEMPLATE_FILE));
    const db = await createPgliteDb(null, { loadDataDir: new Blob([tarball]) });
    return { db, url: null, drop: () => db.close() };
  }
  const adminUrl = requireTestEnv('TEST_DATABASE_URL');
  const name = `pur_beurre_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${POSTGRES_TEMPLATE}`));
  const url = databaseUrl(adminUrl, name);
  const db = createPostgresDb(url);
  return {
    db,
    url,
    async drop() {
      await db.close();
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A server that does not answer fails the test in seconds rather than hanging it. */
const CONNECT_TIMEOUT_MS = 10_000;

export async function withAdmin<T>(adminUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await admin.connect();
  } catch (error) {
    const where = new URL(adminUrl);
    where.password = '';
    throw new Error(
      `The tests' PostgreSQL server (${where.host}, TEST_DATABASE_URL) cannot be reached: ${(error as Error).message}`,
    );
  }
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
