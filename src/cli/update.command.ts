import { ImportError } from '../catalogue/import.js';
import {
  type TaxonomyOutcome,
  UpdateBusyError,
  type UpdateSummary,
  updateCatalogue,
} from '../catalogue/update.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { createOffClient } from '../off/off-client.js';
import { CliError } from './cli-error.js';
import { createCliLogger } from './cli-logger.js';
import { createCronMonitor } from './cron-monitor.js';
import { openReadyDb } from './database.js';
import { createProgressBar } from './progress.js';
import { onInterrupt } from './signals.js';

export interface UpdateCommandOptions {
  full?: boolean;
  since?: Date;
  dryRun?: boolean;
  force?: boolean;
  maxMalformed: number;
}

/**
 * `pur-beurre update`, meant for a weekly timer: JSON logs on stdout, a progress bar only on a
 * terminal, Sentry cron check-ins when configured, and a non-zero exit on any failure.
 */
export async function runUpdate(config: Config, options: UpdateCommandOptions): Promise<void> {
  const log = createCliLogger(config, 'update');
  // A dry run by hand must not tell the monitor that the scheduled run happened.
  const monitor = await createCronMonitor(
    config,
    options.dryRun === true ? null : config.sentry.updateMonitorSlug,
  );
  const controller = new AbortController();
  const stopListening = onInterrupt(() => controller.abort());
  const progress = process.stderr.isTTY === true ? createProgressBar() : null;
  let db: Db | null = null;
  try {
    db = await openReadyDb(config);
    const summary = await updateCatalogue(db, {
      client: createOffClient({ userAgent: config.off.userAgent, signal: controller.signal }),
      staticUrl: config.off.staticUrl,
      maxShrink: config.update.maxShrink,
      maxMalformed: options.maxMalformed,
      full: options.full === true,
      dryRun: options.dryRun === true,
      force: options.force === true,
      ...(options.since === undefined ? {} : { since: options.since }),
      ...(progress === null ? {} : { observer: progress }),
      signal: controller.signal,
      onStarted() {
        monitor.started();
        log.info({ dryRun: options.dryRun === true }, 'update started');
      },
      onPlanned(plan) {
        if (plan.mode === 'full') log.info({ mode: 'full', reason: plan.reason }, 'reading the full export');
        else log.info({ mode: 'deltas', deltas: plan.deltas.map((delta) => delta.name) }, 'applying deltas');
      },
    });
    progress?.stop();
    monitor.finished('ok');
    log.info(toLogFields(summary), describeSummary(summary));
  } catch (error) {
    progress?.stop();
    if (error instanceof UpdateBusyError) {
      // Not a failed run: the one holding the lock reports for both.
      log.warn(error.message);
      throw new CliError(error.message);
    }
    monitor.finished('error', error);
    if (error instanceof ImportError) {
      const run = options.dryRun === true ? 'dry run' : `run #${error.runId}`;
      log.error({ runId: error.runId, err: error.cause ?? error }, `update failed: ${error.message}`);
      throw new CliError(`update failed, the catalogue is unchanged (${run}): ${error.message}`);
    }
    log.error({ err: error }, 'update failed');
    throw error;
  } finally {
    stopListening();
    await db?.close();
    await monitor.flush();
  }
}

function describeSummary(summary: UpdateSummary): string {
  const source =
    summary.mode === 'full'
      ? `the full export (${summary.fullReason})`
      : summary.deltasApplied.length === 0
        ? 'no new delta: already up to date'
        : `${summary.deltasApplied.length} delta(s)`;
  const counts = `added ${summary.productsAdded}, updated ${summary.productsUpdated}, delisted ${summary.productsDelisted}, rejected ${summary.recordsRejected}; ${describeTaxonomy(summary.taxonomy)}`;
  return summary.dryRun
    ? `dry run, nothing was changed: from ${source}, would have ${counts}`
    : `update succeeded (run #${summary.runId}) from ${source}: ${counts}`;
}

function describeTaxonomy(taxonomy: TaxonomyOutcome): string {
  if (taxonomy.kind === 'kept') return `category taxonomy kept as it was (${taxonomy.reason})`;
  return taxonomy.kind === 'updated' ? 'category taxonomy updated' : 'category taxonomy unchanged';
}

function toLogFields(summary: UpdateSummary) {
  return {
    runId: summary.dryRun ? null : summary.runId,
    dryRun: summary.dryRun,
    mode: summary.mode,
    deltasApplied: summary.deltasApplied,
    coveredUntil: summary.coveredUntil?.toISOString() ?? null,
    recordsRead: summary.recordsRead,
    recordsRejected: summary.recordsRejected,
    productsAdded: summary.productsAdded,
    productsUpdated: summary.productsUpdated,
    productsUnchanged: summary.productsUnchanged,
    productsDelisted: summary.productsDelisted,
    taxonomy: summary.taxonomy.kind,
    listedBefore: summary.before.listed,
    listedAfter: summary.after.listed,
    seconds: Math.round(summary.seconds * 10) / 10,
  };
}
