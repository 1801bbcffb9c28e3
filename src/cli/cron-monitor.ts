// Sentry cron check-ins for scheduled commands: "in progress" when the work starts, "ok" or
// "error" with its duration when it ends, so that a run that fails, hangs or never happens
// raises an alert (Sentry Crons). Off without SENTRY_DSN.
// https://docs.sentry.io/platforms/javascript/guides/node/crons/
import type { Config } from '../config.js';

export interface CronMonitor {
  started(): void;
  /** Without `started()` first, a lone check-in (e.g. the database was unreachable). */
  finished(status: 'ok' | 'error', error?: unknown): void;
  /** Sends what is queued; call before the process exits. */
  flush(): Promise<void>;
}

const FLUSH_TIMEOUT_MS = 5_000;

/** Without a DSN or a monitor slug: a monitor that sends nothing. */
export async function createCronMonitor(config: Config, monitorSlug: string | null): Promise<CronMonitor> {
  if (config.sentry.dsn === null || monitorSlug === null)
    return { started() {}, finished() {}, flush: async () => {} };
  // Loaded only when used: the SDK is the biggest module of a start.
  const Sentry = await import('@sentry/node');
  Sentry.init({
    dsn: config.sentry.dsn,
    environment: config.sentry.environment,
    release: config.release,
    // A command, not a server: no tracing, no global handlers; errors are reported below.
    tracesSampleRate: 0,
    defaultIntegrations: false,
  });
  let checkInId: string | null = null;
  let startedAt = 0;
  return {
    started() {
      startedAt = performance.now();
      checkInId = Sentry.captureCheckIn({ monitorSlug, status: 'in_progress' });
    },
    finished(status, error) {
      if (status === 'error' && error !== undefined) Sentry.captureException(error);
      Sentry.captureCheckIn({
        monitorSlug,
        status,
        ...(checkInId === null ? {} : { checkInId, duration: (performance.now() - startedAt) / 1000 }),
      });
    },
    async flush() {
      await Sentry.flush(FLUSH_TIMEOUT_MS);
    },
  };
}
