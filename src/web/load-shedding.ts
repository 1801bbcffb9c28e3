import { getHeapStatistics } from 'node:v8';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import type { Config } from '../config.js';

const MB = 1024 * 1024;
/** How often @fastify/under-pressure samples the event loop, the heap and the RSS. */
const SAMPLE_INTERVAL_MS = 500;
/**
 * An instance's first samples measure its own start (loading modules, compiling routes, a busy
 * machine's scheduling), not a saturated loop: a restarted instance shed its first requests for
 * it (issue 14's e2e, kill -9 under load). The delay check begins two samples after ready.
 */
const START_GRACE_MS = 2 * SAMPLE_INTERVAL_MS;
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

  let readyAt = Number.POSITIVE_INFINITY;
  app.addHook('onReady', async () => {
    readyAt = performance.now();
  });
  const starting = () => performance.now() - readyAt < START_GRACE_MS;

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
    sampleInterval: SAMPLE_INTERVAL_MS,
    pressureHandler: async (_request, reply, type) => {
      if (type === 'eventLoopDelay' && starting()) return;
      return refuse(reply, type);
    },
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
