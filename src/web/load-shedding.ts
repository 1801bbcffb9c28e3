import { getHeapStatistics } from 'node:v8';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

const MB = 1024 * 1024;

/**
 * A saturated instance answers 503 + Retry-After at once instead of queueing requests it cannot
 * serve in time; nginx (or the client) tries again, possibly on another instance.
 */
export async function registerLoadShedding(app: FastifyInstance, config: Config): Promise<void> {
  const { pressure } = config;
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
  });
}
