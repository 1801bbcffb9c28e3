// `pur-beurre doctor`: is this installation able to serve? Each check says what it found; the
// exit code is 0 only when every one passed (deploy scripts and operators can rely on it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMailer } from '../accounts/mailer.js';
import { type Config, ConfigError } from '../config.js';
import type { Db } from '../db/db.js';
import { readMigrationStatus } from '../db/migrate.js';
import { openDb } from '../db/open-db.js';
import { withTimeout } from '../db/with-timeout.js';
import { createSentryReporter } from '../observability/sentry.js';
import { CliError } from './cli-error.js';

const TIMEOUT_MS = 5_000;

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export async function runDoctor(readConfig: () => Config): Promise<void> {
  const results: CheckResult[] = [];
  const report = (result: CheckResult) => {
    results.push(result);
    process.stdout.write(
      `${(result.ok ? 'ok' : 'FAIL').padEnd(4)}  ${result.name.padEnd(22)} ${result.detail}\n`,
    );
  };

  let config: Config;
  try {
    config = readConfig();
    report({ name: 'configuration', ok: true, detail: describeConfig(config) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    report({ name: 'configuration', ok: false, detail: error.problems.join('; ') });
    throw new CliError('the configuration is invalid: nothing else was checked');
  }

  await checkDatabase(config, report);
  report(
    await checkUrl(
      'Open Food Facts API',
      `${config.off.baseUrl}/api/v2/search?page_size=1&fields=code`,
      config,
    ),
  );
  report(
    await checkUrl('Open Food Facts files', `${config.off.staticUrl}/data/delta/index.txt`, config, 'HEAD'),
  );
  report(await checkSentry(config));
  report(await checkSmtp(config));

  const failed = results.filter((result) => !result.ok).length;
  if (failed > 0) throw new CliError(`${failed} check(s) failed`);
  process.stdout.write('All checks passed.\n');
}

function describeConfig(config: Config): string {
  const database =
    config.databaseUrl === null
      ? `embedded database in ${config.dataDir}`
      : `PostgreSQL at ${new URL(config.databaseUrl).host}`;
  return `valid; ${database}; release ${config.release}`;
}

async function checkDatabase(config: Config, report: (result: CheckResult) => void): Promise<void> {
  if (config.databaseUrl === null && !existsSync(join(config.dataDir, 'pglite'))) {
    report({
      name: 'database',
      ok: false,
      detail: `no embedded database in ${config.dataDir} yet (\`pur-beurre serve\` or \`migrate\` creates it)`,
    });
    return;
  }
  let db: Db | undefined;
  try {
    const started = Date.now();
    db = await withTimeout(openDb(config), TIMEOUT_MS);
    const [row] = await withTimeout(
      db.query<{ version: string }>("SELECT current_setting('server_version') AS version"),
      TIMEOUT_MS,
    );
    report({
      name: 'database',
      ok: true,
      detail: `connected to PostgreSQL ${row?.version ?? '?'} (${db.driver}) in ${Date.now() - started} ms`,
    });
    const status = await withTimeout(readMigrationStatus(db), TIMEOUT_MS);
    report(
      status.pending > 0
        ? {
            name: 'migrations',
            ok: false,
            detail: `${status.pending} pending: schema ${status.current}, this release needs ${status.latest} (run \`pur-beurre migrate\`)`,
          }
        : { name: 'migrations', ok: true, detail: `up to date (schema ${status.current})` },
    );
  } catch (error) {
    report({ name: 'database', ok: false, detail: messageOf(error) });
    report({ name: 'migrations', ok: false, detail: 'not checked: no database connection' });
  } finally {
    await db?.close().catch(() => {});
  }
}

async function checkUrl(name: string, url: string, config: Config, method = 'GET'): Promise<CheckResult> {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method,
      headers: { 'User-Agent': config.off.userAgent },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    const detail = `HTTP ${response.status} in ${Date.now() - started} ms from ${new URL(url).origin}`;
    return { name, ok: response.ok, detail: response.ok ? `reachable: ${detail}` : `refused: ${detail}` };
  } catch (error) {
    return { name, ok: false, detail: `unreachable: ${new URL(url).origin}: ${messageOf(error)}` };
  }
}

async function checkSentry(config: Config): Promise<CheckResult> {
  const reporter = await createSentryReporter(config);
  if (reporter === null) return { name: 'Sentry', ok: true, detail: 'off (SENTRY_DSN is not set)' };
  try {
    const result = await reporter.sendTestEvent(
      `pur-beurre doctor: test event from release ${config.release}`,
      TIMEOUT_MS,
    );
    return { name: 'Sentry', ok: result.accepted, detail: `test event ${result.detail}` };
  } finally {
    await reporter.close(1_000);
  }
}

/** Connects to SMTP_URL and says hello (and logs in when the URL has credentials); sends nothing. */
async function checkSmtp(config: Config): Promise<CheckResult> {
  const mailer = createMailer(config);
  if (mailer === null)
    return {
      name: 'SMTP',
      ok: true,
      detail: 'off (SMTP_URL is not set): password resets say whom to write to',
    };
  const where = new URL(config.mail.smtpUrl ?? '').host;
  try {
    await withTimeout(mailer.verify(), TIMEOUT_MS);
    return { name: 'SMTP', ok: true, detail: `${where} accepts connections` };
  } catch (error) {
    return { name: 'SMTP', ok: false, detail: `${where}: ${messageOf(error)}` };
  } finally {
    mailer.close();
  }
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
