import { getHeapStatistics } from 'node:v8';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import type { Config } from '../config.js';

const MB = 1024 * 1024;
/** Monitoring must still see an overloaded instance: these never count against the in-flight limit. */
const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);
// One error for every shed request, as @fastify/under-pressure does: no stack captured per request.
const SHED_ERROR = Object.assign(new Error('Service Unavailable'), {
  statusCode: 503,
  code: 'FST_UNDER_PRESSURE',
});

/**
 * A saturated instance answers 503 + Retry-After at once instead of queueing requests it cannot
 * serve in time; nginx (or the client) tries again, possibly on another instance.
 *
 * Two kinds of saturation. The event loop blocked (@fastify/under-pressure's delay, heap and RSS
 * samples). And, the usual one here, more requests than the instance can answer: rendering pages
 * and waiting for one of the pool's PostgreSQL connections, each request only takes a little
 * CPU, so the event-loop delay stays low while the queue, and every visitor's wait, grows without
 * bound (issue 5: at 5× capacity, p50 1.3 s and p99 5.4 s, nothing shed). Capping the requests in
 * flight bounds that wait to about `maxInFlight / capacity` and sheds the rest.
 */
export async function registerLoadShedding(
  app: FastifyInstance,
  config: Config,
  registry: Registry,
): Promise<void> {
  const { pressure } = config;
  const shed = new Counter({
    name: 'pur_beurre_load_shed_total',
    help: 'Requests answered 503 by load shedding, by reason (inFlight, eventLoopDelay, heapUsedBytes, rssBytes)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const refuse = async (reply: FastifyReply, reason: string) => {
    shed.inc({ reason });
    reply.code(503).header('retry-after', String(pressure.retryAfterS));
    throw SHED_ERROR;
  };

  const maxHeapUsedBytes =
    pressure.maxHeapUsedMb > 0
      ? pressure.maxHeapUsedMb * MB
      : Math.floor(getHeapStatistics().heap_size_limit * 0.9);
  await app.register(underPressure, {
    maxEventLoopDelay: pressure.maxEventLoopDelayMs,
    maxHeapUsedBytes,
    maxRssBytes: pressure.maxRssMb * MB,
    retryAfter: pressure.retryAfterS,
    // Sampled often enough to react within a second, cheap enough to be free.
    sampleInterval: 500,
    pressureHandler: (_request, reply, type) => refuse(reply, type),
  });

  if (pressure.maxInFlight === 0) return;
  const admitted = new WeakSet<FastifyRequest>();
  let inFlight = 0;
  app.addHook('onRequest', async (request, reply) => {
    if (UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')) return;
    if (inFlight >= pressure.maxInFlight) return refuse(reply, 'inFlight');
    inFlight++;
    admitted.add(request);
  });
  const release = async (request: FastifyRequest) => {
    if (admitted.delete(request)) inFlight--;
  };
  app.addHook('onResponse', release);
  // A request whose client went away never reaches onResponse.
  app.addHook('onRequestAbort', release);
}
