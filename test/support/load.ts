// autocannon driven by a path generator, keeping what its summary loses: each response's status
// with the path that got it (to tell an expected 404 from a broken page), and the latency of every
// response by status (its own histogram records 2xx only). And the server those load tests run.
import type { ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { PRODUCTION_ENV, startCli, waitForExit, waitForServer } from './cli.js';

export interface LoadOptions {
  url: string;
  nextPath: () => string;
  connections: number;
  durationS: number;
  /** Open loop at this many requests/s in all; closed loop (as fast as answered) without it. */
  overallRate?: number;
  /** Statuses a path may get; anything else is listed in `unexpected`. */
  isExpected: (status: number, path: string) => boolean;
}

export interface LoadRun {
  result: autocannon.Result;
  /** Response times in ms, by status. */
  latencies: Map<number, number[]>;
  /** Every response: when it came (ms since the start) and how long it took. */
  timeline: { status: number; at: number; ms: number }[];
  /** `status path` of the first unexpected answers. */
  unexpected: string[];
  unexpectedCount: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const latencies = new Map<number, number[]>();
  const timeline: LoadRun['timeline'] = [];
  const startedAt = performance.now();
  const unexpected: string[] = [];
  let unexpectedCount = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
        timeout: 10,
        requests: [
          {
            // One request at a time per connection: the context holds the path being answered.
            setupRequest: (request, context) => {
              const path = options.nextPath();
              (context as { path?: string }).path = path;
              return { ...request, path };
            },
            onResponse: (status, _body, context) => {
              const path = (context as { path?: string }).path ?? '?';
              if (options.isExpected(status, path)) return;
              unexpectedCount++;
              if (unexpected.length < 10) unexpected.push(`${status} ${path}`);
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // The instance emits (client, status, bytes, ms) here (lib/run.js), an event @types/autocannon
    // does not declare on it.
    (instance as EventEmitter).on(
      'response',
      (_client: unknown, status: number, _bytes: number, ms: number) => {
        const list = latencies.get(status) ?? [];
        list.push(ms);
        latencies.set(status, list);
        timeline.push({ status, at: performance.now() - startedAt, ms });
      },
    );
  });
  return { result, latencies, timeline, unexpected, unexpectedCount };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** `{ "200": 1234, "404": 5 }` from an autocannon result. */
export function countStatuses(result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
  );
}

/**
 * The real `pur-beurre serve` on `databaseUrl`, as deployed except the per-address rate limits:
 * one client address makes all the load. Stop it with `stopServer`.
 */
export async function startServerForLoad(
  databaseUrl: string,
): Promise<{ server: ChildProcess; base: string }> {
  const server = startCli(['serve'], {
    DATABASE_URL: databaseUrl,
    ...PRODUCTION_ENV,
    PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '100000000',
    RATE_LIMIT_NOT_FOUND_MAX: '100000000',
  });
  return { server, base: (await waitForServer(server)).url };
}

export async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (server === undefined || server.exitCode !== null) return;
  server.kill('SIGTERM');
  await waitForExit(server);
}
