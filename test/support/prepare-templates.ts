// Run once by test/support/with-postgres.ts before the test files: migrates one template per driver.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { migrate } from '../../src/db/migrate.js';
import { createPgliteDb, dumpPgliteDb } from '../../src/db/pglite.js';
import { createPostgresDb } from '../../src/db/postgres.js';
import {
  databaseUrl,
  PGLITE_TEMPLATE_FILE,
  POSTGRES_TEMPLATE,
  requireTestEnv,
  withAdmin,
} from './test-db.js';

const adminUrl = requireTestEnv('TEST_DATABASE_URL');
const templatesDir = requireTestEnv('TEST_TEMPLATES_DIR');

async function preparePostgres(): Promise<void> {
  await withAdmin(adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${POSTGRES_TEMPLATE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${POSTGRES_TEMPLATE}`);
  });
  const db = createPostgresDb(databaseUrl(adminUrl, POSTGRES_TEMPLATE));
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

async function preparePglite(): Promise<void> {
  const db = await createPgliteDb(null);
  try {
    await migrate(db);
    const tarball = await dumpPgliteDb(db);
    await writeFile(join(templatesDir, PGLITE_TEMPLATE_FILE), Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await db.close();
  }
}

/**
 * A freshly started cluster on a loaded machine can take longer than the pool's 5 s to accept a
 * connection ("Connection terminated due to connection timeout"): try again twice before failing.
 */
async function withRetries(work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 3 || !/connection timeout|Connection terminated/i.test(String(error))) throw error;
      console.error(`prepare-templates: ${(error as Error).message}; trying again (${attempt + 1}/3)`);
    }
  }
}

await Promise.all([withRetries(preparePostgres), preparePglite()]);
