import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';

/** The app as production builds it, on a test database, with an isolated configuration. */
export function buildTestApp(
  db: Db,
  env: Record<string, string> = {},
  deps: Omit<AppDeps, 'config' | 'db'> = {},
): Promise<FastifyInstance> {
  const config = loadConfig(env, '/nonexistent/.env');
  return buildApp({ config, db, ...deps });
}
