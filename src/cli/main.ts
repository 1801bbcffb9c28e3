#!/usr/bin/env node
// `pur-beurre`: the one entry point of the server and of the operator's commands. Each command's
// module is loaded when it runs: an import or a migration needs neither the web server nor the views.
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { DataDirBusyError } from '../db/data-dir-lock.js';
import { APP_VERSION } from '../version.js';
import { CliError } from './cli-error.js';

const positiveInteger = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('expected a positive whole number');
  return parsed;
};

const wholeNumber = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number');
  return parsed;
};

/** Unix seconds (`1764201600`) or an ISO 8601 date (`2026-11-20`, `2026-11-20T03:00:00Z`). */
const pointInTime = (value: string) => {
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('expected unix seconds or an ISO date (2026-11-20T03:00:00Z)');
  // The catalogue would then claim to cover changes that have not happened yet, and skip them.
  if (date.getTime() > Date.now()) throw new InvalidArgumentError('that is in the future');
  return date;
};

const program = new Command('pur-beurre')
  .description('Pur Beurre: healthier food substitutes from Open Food Facts')
  .version(APP_VERSION)
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the site (embedded database: migrated and filled on first start)')
  .action(async () => (await import('./serve.command.js')).runServe(loadConfig()));

program
  .command('migrate')
  .description('apply pending database migrations (all of them, in one transaction)')
  .option('--status', 'only show the migration status; exit 1 if migrations are pending')
  .action(async (options: { status?: boolean }) =>
    (await import('./migrate.command.js')).runMigrate(loadConfig(), options.status === true),
  );

program
  .command('import')
  .description('import Open Food Facts products into the catalogue (upsert by barcode, all or nothing)')
  .addOption(new Option('--api', 'from the OFF search API (a few pages of the most-scanned products)'))
  .addOption(new Option('--file <path>', 'from an OFF JSONL export file (.jsonl or .jsonl.gz)'))
  .addOption(new Option('--url <url>', 'from an OFF JSONL export at a URL (.jsonl or .jsonl.gz), streamed'))
  .option('--country <name>', 'with --api: OFF country', 'france')
  .option('--page-size <n>', 'with --api: products per page', positiveInteger, 1000)
  .option('--pages <n>', 'with --api: number of pages', positiveInteger, 3)
  .option('--sort <field>', 'with --api: OFF sort_by field', 'unique_scans_n')
  .option(
    '--taxonomy <path>',
    "OFF's category taxonomy (categories.full.json, or .json.gz) to store first: display-name categories are matched to its tags",
  )
  .action(async (options) => (await import('./import.command.js')).runImport(loadConfig(), options));

program
  .command('update')
  .description(
    'bring the catalogue up to date with Open Food Facts (daily deltas, or the full export), all or nothing',
  )
  .addOption(
    new Option('--full', 'read the full export and delist the products Open Food Facts no longer has'),
  )
  .addOption(
    new Option(
      '--since <time>',
      'apply the deltas after this time (unix seconds or ISO date) instead of after the last successful update',
    )
      .argParser(pointInTime)
      .conflicts('full'),
  )
  .option('--dry-run', 'do everything, report what would change, then roll back')
  .option('--force', 'commit even a result that shrinks the catalogue more than UPDATE_MAX_SHRINK allows')
  .option(
    '--max-malformed <n>',
    'lines that are not JSON (a corrupt download) tolerated before the run fails',
    wholeNumber,
    0,
  )
  .action(async (options) => (await import('./update.command.js')).runUpdate(loadConfig(), options));

program
  .command('doctor')
  .description(
    'check the configuration, database, migrations, Open Food Facts and Sentry; exit 1 if any fails',
  )
  .action(async () => (await import('./doctor.command.js')).runDoctor(() => loadConfig()));

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ConfigError || error instanceof CliError || error instanceof DataDirBusyError) {
    process.stderr.write(`pur-beurre: ${error.message}\n`);
  } else {
    process.stderr.write(
      `pur-beurre: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
}
