import type { FastifyRequest } from 'fastify';

/**
 * Where unexpected errors go besides the log: Sentry in production (`sentry.ts`), nothing when
 * no DSN is configured. Injected into `buildApp`, so tests pass one talking to a fake Sentry.
 */
export interface ErrorReporter {
  /** A request answered with a 5xx because of `error`. */
  reportRequestError(error: unknown, request: FastifyRequest): void;
  /** An error nobody caught (uncaught exception, unhandled rejection). */
  reportProcessError(error: unknown): void;
  /** Waits until queued reports are sent (or `timeoutMs` passes); false if some were not. */
  flush(timeoutMs: number): Promise<boolean>;
  /** Flushes, then stops; later reports are dropped. */
  close(timeoutMs: number): Promise<boolean>;
}

export const noErrorReporter: ErrorReporter = {
  reportRequestError: () => {},
  reportProcessError: () => {},
  flush: async () => true,
  close: async () => true,
};
