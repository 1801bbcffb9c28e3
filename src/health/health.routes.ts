import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { readMigrationStatus } from '../db/migrate.js';
import { withTimeout } from '../db/with-timeout.js';

/** A load balancer gives up on a check after a few seconds: answer before it does. */
const READY_TIMEOUT_MS = 2_000;

export interface HealthDeps {
  config: Config;
  db: Db;
}

/**
 * `/healthz`: the process answers (no database: a database outage must not get every instance
 * restarted). `/readyz`: this instance can serve pages (database reachable, schema up to date).
 */
export function registerHealthRoutes(app: FastifyInstance, { config, db }: HealthDeps): void {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok', release: config.release };
  });

  app.get('/readyz', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      const status = await withTimeout(readMigrationStatus(db), READY_TIMEOUT_MS);
      if (status.pending > 0) {
        return reply.code(503).send({
          status: 'unavailable',
          reason: `migrations pending: schema ${status.current}, release needs ${status.latest}`,
          release: config.release,
        });
      }
      return { status: 'ok', release: config.release, schema: status.current };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply
        .code(503)
        .send({ status: 'unavailable', reason: 'database unreachable', release: config.release });
    }
  });
}
