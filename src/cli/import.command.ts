import { ImportError, importCatalogue } from '../catalogue/import.js';
import type { Config } from '../config.js';
import { createOffClient } from '../off/off-client.js';
import {
  createApiSearchSource,
  openJsonlFile,
  openJsonlUrl,
  type RecordSource,
} from '../off/record-source.js';
import { CliError } from './cli-error.js';
import { openReadyDb } from './database.js';
import { formatImportSummary } from './import-summary.js';
import { createProgressBar } from './progress.js';
import { onInterrupt } from './signals.js';

export interface ImportOptions {
  api?: boolean;
  file?: string;
  url?: string;
  country: string;
  pageSize: number;
  pages: number;
  sort: string;
}

export async function runImport(config: Config, options: ImportOptions): Promise<void> {
  const chosen = [options.api === true, options.file !== undefined, options.url !== undefined].filter(
    Boolean,
  );
  if (chosen.length !== 1)
    throw new CliError('import needs exactly one source: --api, --file PATH or --url URL');

  const controller = new AbortController();
  const stopListening = onInterrupt(() => controller.abort());
  const db = await openReadyDb(config);
  const progress = createProgressBar();
  try {
    const source = await openSource(config, options, controller.signal);
    const summary = await importCatalogue(db, source, { observer: progress, signal: controller.signal });
    progress.stop();
    process.stdout.write(`${formatImportSummary(summary, source.label)}\n`);
  } catch (error) {
    progress.stop();
    if (error instanceof ImportError) {
      throw new CliError(`import failed, the catalogue is unchanged (run #${error.runId}): ${error.message}`);
    }
    throw error;
  } finally {
    stopListening();
    await db.close();
  }
}

async function openSource(
  config: Config,
  options: ImportOptions,
  signal: AbortSignal,
): Promise<RecordSource> {
  const client = createOffClient({ userAgent: config.off.userAgent, signal });
  if (options.file !== undefined) {
    return openJsonlFile(options.file).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(
        `cannot read ${options.file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
      );
    });
  }
  if (options.url !== undefined) {
    if (!URL.canParse(options.url)) throw new CliError(`--url: not a URL: ${options.url}`);
    return openJsonlUrl(client, options.url).catch((error: Error) => {
      throw new CliError(`import failed, the catalogue is unchanged: ${error.message}`);
    });
  }
  return createApiSearchSource(client, {
    baseUrl: config.off.baseUrl,
    country: options.country,
    pageSize: options.pageSize,
    pages: options.pages,
    sort: options.sort,
  });
}
