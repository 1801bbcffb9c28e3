// Prometheus metrics with one Registry per app instance (tests build many apps in one process;
// prom-client's global registry would mix them up).

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { isInAddressList, toAddressList } from '../web/address-list.js';

const PREFIX = 'pur_beurre_';
/** Requests that matched no route share one label, so URL probing cannot explode the series. */
const UNMATCHED_ROUTE = '(unmatched)';

export interface Metrics {
  registry: Registry;
  duration: Histogram<'route' | 'method' | 'status'>;
  inFlight: Gauge;
  scrapeErrors: Counter;
}

/** What the catalogue gauges read at each scrape; `app.ts` passes the catalogue's own queries. */
export interface CatalogueReadings {
  countProducts(): Promise<number>;
  /** The latest run, or the latest with that status. */
  findLatestImportRun(status?: 'succeeded'): Promise<ImportRunReading | null>;
}

/** What the gauges show of an import or update run. */
export interface ImportRunReading {
  kind: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  productsAdded: number;
  productsUpdated: number;
  productsUnchanged: number;
  recordsRejected: number;
}

/** The registry of one app instance, with the database and catalogue gauges read at each scrape. */
export function createMetrics(db: Db, catalogue: CatalogueReadings): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });

  const duration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'Time to answer an HTTP request, by route pattern, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: `${PREFIX}http_requests_in_flight`,
    help: 'HTTP requests being answered',
    registers: [registry],
  });
  new Gauge({
    name: `${PREFIX}db_pool_connections`,
    help: 'Database connections by state (PGlite: one connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = db.stats();
      this.set({ state: 'max' }, stats.max);
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  new Gauge({
    name: `${PREFIX}catalogue_products`,
    help: 'Products in the catalogue',
    registers: [registry],
    async collect() {
      this.set(await catalogue.countProducts());
    },
  });
  registerImportRunMetrics(registry, catalogue);
  const scrapeErrors = new Counter({
    name: `${PREFIX}metrics_scrape_errors_total`,
    help: 'Scrapes of /metrics that failed (e.g. database unreachable)',
    registers: [registry],
  });
  return { registry, duration, inFlight, scrapeErrors };
}

/** Times every request, including those refused by load shedding or rate limits: register first. */
export function registerRequestMetrics(app: FastifyInstance, { duration, inFlight }: Metrics): void {
  const started = new WeakMap<FastifyRequest, bigint>();
  app.addHook('onRequest', async (request) => {
    started.set(request, process.hrtime.bigint());
    inFlight.inc();
  });
  app.addHook('onResponse', async (request, reply) => {
    const start = started.get(request);
    if (start === undefined) return;
    inFlight.dec();
    duration.observe(
      {
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        method: request.method,
        status: String(reply.statusCode),
      },
      Number(process.hrtime.bigint() - start) / 1e9,
    );
  });
  // A request whose client went away never reaches onResponse.
  app.addHook('onRequestAbort', async (request) => {
    if (started.delete(request)) inFlight.dec();
  });
}

/** `GET /metrics`, for the addresses in METRICS_ALLOW only; everyone else gets the 404 page. */
export function registerMetricsRoute(
  app: FastifyInstance,
  { registry, scrapeErrors }: Metrics,
  config: Pick<Config, 'metricsAllow'>,
): void {
  const allowed = toAddressList(config.metricsAllow, 'METRICS_ALLOW');
  app.get('/metrics', async (request, reply) => {
    // The socket's address, never X-Forwarded-For: behind nginx, a public client is the proxy's
    // forwarded address, and nginx itself must not expose this route (deploy/ blocks it too).
    if (!isInAddressList(allowed, request.raw.socket.remoteAddress)) return reply.callNotFound();
    try {
      const body = await registry.metrics();
      return reply.header('cache-control', 'no-store').type(registry.contentType).send(body);
    } catch (error) {
      scrapeErrors.inc();
      throw error;
    }
  });
}

function registerImportRunMetrics(registry: Registry, catalogue: CatalogueReadings): void {
  // prom-client collects every metric of a scrape concurrently: they share one pair of queries.
  let pending: Promise<[ImportRunReading | null, ImportRunReading | null]> | null = null;
  const loadRuns = () => {
    pending ??= Promise.all([
      catalogue.findLatestImportRun(),
      catalogue.findLatestImportRun('succeeded'),
    ]).finally(() => {
      pending = null;
    });
    return pending;
  };

  new Gauge({
    name: `${PREFIX}import_last_run_info`,
    help: 'The latest catalogue import or update (1), labelled with its kind and status',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      const [latest] = await loadRuns();
      this.reset();
      if (latest !== null) this.set({ kind: latest.kind, status: latest.status }, 1);
    },
  });
  new Gauge({
    name: `${PREFIX}import_last_run_started_seconds`,
    help: 'Start of the latest import run, Unix time',
    registers: [registry],
    async collect() {
      const [latest] = await loadRuns();
      this.set(latest === null ? 0 : latest.startedAt.getTime() / 1000);
    },
  });
  new Gauge({
    name: `${PREFIX}import_last_run_duration_seconds`,
    help: 'Duration of the latest import run (0 while it runs)',
    registers: [registry],
    async collect() {
      const [latest] = await loadRuns();
      this.set(
        latest?.finishedAt == null ? 0 : (latest.finishedAt.getTime() - latest.startedAt.getTime()) / 1000,
      );
    },
  });
  new Gauge({
    name: `${PREFIX}import_last_run_products`,
    help: 'Products of the latest import run, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
    async collect() {
      const [latest] = await loadRuns();
      this.reset();
      if (latest === null) return;
      this.set({ outcome: 'added' }, latest.productsAdded);
      this.set({ outcome: 'updated' }, latest.productsUpdated);
      this.set({ outcome: 'unchanged' }, latest.productsUnchanged);
      this.set({ outcome: 'rejected' }, latest.recordsRejected);
    },
  });
  new Gauge({
    name: `${PREFIX}import_last_success_seconds`,
    help: 'End of the latest successful import run, Unix time (alert when it gets old)',
    registers: [registry],
    async collect() {
      const [, succeeded] = await loadRuns();
      this.set(succeeded?.finishedAt == null ? 0 : succeeded.finishedAt.getTime() / 1000);
    },
  });
}
