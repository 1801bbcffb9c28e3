import { buildApp } from '../app.js';
import { loadStarterCatalogue } from '../catalogue/starter-catalogue.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { reportCrashes } from '../observability/crash-reporter.js';
import { createSentryReporter } from '../observability/sentry.js';
import { countProducts } from '../products/products.repository.js';
import { createLoggerOptions } from '../web/logger.js';
import { resolveSessionSecrets } from '../web/session-secret.js';
import { CliError } from './cli-error.js';
import { openReadyDb } from './database.js';
import { formatImportSummary } from './import-summary.js';
import { createProgressBar } from './progress.js';
import { onInterrupt } from './signals.js';

/** After cutting the last requests, how long closing the database and Sentry may take. */
const FORCED_EXIT_GRACE_MS = 3_000;

export async function runServe(config: Config): Promise<void> {
  const controller = new AbortController();
  const stopListening = onInterrupt(() => controller.abort());
  const db = await openReadyDb(config);
  try {
    if (db.driver === 'pglite') await fillEmptyCatalogue(db, config, controller.signal);
  } catch (error) {
    await db.close();
    stopListening();
    if (controller.signal.aborted)
      throw new CliError('interrupted before the site started; nothing was changed');
    throw error;
  }
  stopListening();

  const errorReporter = (await createSentryReporter(config)) ?? undefined;
  // The embedded mode keeps a generated secret in DATA_DIR; a server database requires SESSION_SECRET.
  const appConfig =
    db.driver === 'pglite' ? { ...config, sessionSecrets: resolveSessionSecrets(config) } : config;
  const app = await buildApp({ config: appConfig, db, logger: createLoggerOptions(config), errorReporter });
  if (errorReporter !== undefined) reportCrashes(errorReporter, app.log);
  await app.listen({ host: config.host, port: config.port });
  process.stdout.write(`Pur Beurre is ready: http://${formatHost(config.host)}:${listeningPort(app)}/\n`);

  onInterrupt(async (signal) => {
    // app.close() stops accepting at once, closes idle connections, serves what still arrives on
    // busy ones with Connection: close, and resolves when in-flight requests are done; past the
    // budget they are cut.
    app.log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'stopping: finishing in-flight requests');
    const cut = setTimeout(() => {
      app.log.warn('stopping: in-flight requests still running after the timeout, closing their connections');
      app.server.closeAllConnections();
      // Their handlers may still hold database connections that a clean close would wait for.
      setTimeout(() => {
        app.log.error('stopping: could not stop cleanly, exiting');
        process.exit(1);
      }, FORCED_EXIT_GRACE_MS).unref();
    }, config.shutdownTimeoutMs);
    try {
      await app.close();
    } finally {
      clearTimeout(cut);
      await db.close();
      await errorReporter?.close(2_000);
    }
    app.log.info('stopped');
  });
}

async function fillEmptyCatalogue(db: Db, config: Config, signal: AbortSignal): Promise<void> {
  if ((await countProducts(db)) > 0) return;
  process.stdout.write('The catalogue is empty: importing a starter catalogue from Open Food Facts…\n');
  const progress = createProgressBar();
  try {
    const summary = await loadStarterCatalogue(db, {
      offBaseUrl: config.off.baseUrl,
      userAgent: config.off.userAgent,
      observer: progress,
      signal,
      warn: (message) => {
        progress.stop();
        process.stdout.write(`${message}\n`);
      },
    });
    progress.stop();
    process.stdout.write(`${formatImportSummary(summary, 'the starter catalogue')}\n`);
  } finally {
    progress.stop();
  }
}

function listeningPort(app: Awaited<ReturnType<typeof buildApp>>): number {
  const address = app.server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
