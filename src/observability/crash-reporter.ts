import type { ErrorReporter } from '../web/error-reporter.js';

/**
 * What nobody caught (an uncaught exception, or an unhandled rejection, which Node 20 turns into
 * one): log it, report it, give the report two seconds to leave, then exit 1 as Node would.
 */
export function reportCrashes(
  reporter: ErrorReporter,
  log: { fatal: (obj: object, msg: string) => void },
): void {
  process.once('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception');
    reporter.reportProcessError(error);
    void reporter.close(2_000).finally(() => process.exit(1));
  });
}
