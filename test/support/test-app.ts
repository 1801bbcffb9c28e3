import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../../src/app.js';
import { importCatalogue } from '../../src/catalogue/import.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { openJsonlFile } from '../../src/off/record-source.js';
import { readTaxonomyFixture, samplePath } from './off-samples.js';
import type { Resources } from './resources.js';
import { createTestDb, type Driver, type TestDb } from './test-db.js';

/**
 * The app as production builds it, on a test database, with an isolated configuration.
 * One difference: no load shedding on event-loop delay unless a test asks for it. Test files run
 * in parallel next to PGlite's synchronous WebAssembly, so a loop blocked for a whole sampling
 * interval is normal here, and every request would get a 503 (load shedding has its own test).
 */
export function buildTestApp(
  db: Db,
  env: Record<string, string> = {},
  deps: Omit<AppDeps, 'config' | 'db'> = {},
): Promise<FastifyInstance> {
  const config = loadConfig({ PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', ...env }, '/nonexistent/.env');
  return buildApp({ config, db, ...deps });
}

export interface TestSite {
  testDb: TestDb;
  app: FastifyInstance;
}

/**
 * The setup most site tests share: a database of their own (`driver`, PGlite unless said),
 * filled with the named real OFF fixtures (`test/fixtures/off/`, with OFF's taxonomy if asked), and the app on it
 * (`buildTestApp` with `env` and `deps`); both are registered with `resources`, which closes them.
 */
export async function startTestSite(
  resources: Resources,
  options: {
    driver?: Driver;
    fixtures?: readonly string[];
    /** Store OFF's category taxonomy (the trimmed real one) with the first fixture, as `import --taxonomy` does. */
    taxonomy?: boolean;
    env?: Record<string, string>;
    deps?: Omit<AppDeps, 'config' | 'db'>;
  } = {},
): Promise<TestSite> {
  const testDb = resources.add(await createTestDb(options.driver ?? 'pglite'), (t) => t.drop());
  for (const [index, name] of (options.fixtures ?? []).entries()) {
    await importCatalogue(testDb.db, await openJsonlFile(samplePath(name)), {
      ...(index === 0 && options.taxonomy === true ? { taxonomy: readTaxonomyFixture() } : {}),
    });
  }
  const app = resources.add(await buildTestApp(testDb.db, options.env, options.deps), (a) => a.close());
  return { testDb, app };
}

/** scrypt at 1 MiB: for suites that sign up or log in thousands of times (production: 32 MiB). */
export const CHEAP_PASSWORD_COST = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });
