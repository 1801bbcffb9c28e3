import { Worker } from 'node:worker_threads';
import { ImportError, type ImportObserver, importCatalogue } from '../catalogue/import.js';
import { type LoadedTaxonomy, toLoadedTaxonomy } from '../catalogue/taxonomy.repository.js';
import type { Config } from '../config.js';
import { createOffClient } from '../off/off-client.js';
import {
  createApiSearchSource,
  openJsonlFile,
  openJsonlUrl,
  type RecordSource,
} from '../off/record-source.js';
import { readTaxonomyFile } from '../off/taxonomy.js';
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
  /** OFF's `categories.full.json` (or gzipped) to store before the records are read. */
  taxonomy?: string;
}

/**
 * The embedded database runs inside this process: its import goes to a worker thread whose V8
 * heap is capped, since V8 otherwise lets the garbage of parsing grow the heap by hundreds of MB
 * beside PGlite's own memory (200,000 products peaked at 436 MB, 283–296 MB in the worker:
 * bench/results-log/2026-12-02-import-memory.md).
 * A kill -9 still ends it all at once; PostgreSQL imports stay in the main thread.
 */
const EMBEDDED_IMPORT_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 12 };

export type WorkerMessage =
  | { kind: 'progress'; progress: Parameters<NonNullable<ImportObserver['onProgress']>>[0] }
  | { kind: 'finishing' }
  | { kind: 'done'; summary: string }
  | { kind: 'failed'; expected: boolean; message: string };

export async function runImport(config: Config, options: ImportOptions): Promise<void> {
  const chosen = [options.api === true, options.file !== undefined, options.url !== undefined].filter(
    Boolean,
  );
  if (chosen.length !== 1)
    throw new CliError('import needs exactly one source: --api, --file PATH or --url URL');

  const controller = new AbortController();
  const stopListening = onInterrupt(() => controller.abort());
  const progress = createProgressBar();
  try {
    const summary =
      config.databaseUrl === null
        ? await importInWorker(config, options, controller.signal, progress)
        : await importAndSummarise(config, options, controller.signal, progress);
    progress.stop();
    process.stdout.write(`${summary}\n`);
  } catch (error) {
    progress.stop();
    throw error;
  } finally {
    stopListening();
  }
}

/** Opens the database and the source, imports, and returns the summary to print. */
export async function importAndSummarise(
  config: Config,
  options: ImportOptions,
  signal: AbortSignal,
  observer: ImportObserver,
): Promise<string> {
  const db = await openReadyDb(config);
  try {
    const taxonomy = options.taxonomy === undefined ? undefined : await readTaxonomy(options.taxonomy);
    const source = await openSource(config, options, signal);
    const summary = await importCatalogue(db, source, {
      observer,
      signal,
      ...(taxonomy === undefined ? {} : { taxonomy }),
    });
    return formatImportSummary(summary, source.label);
  } catch (error) {
    if (error instanceof ImportError) {
      throw new CliError(`import failed, the catalogue is unchanged (run #${error.runId}): ${error.message}`);
    }
    throw error;
  } finally {
    await db.close();
  }
}

function importInWorker(
  config: Config,
  options: ImportOptions,
  signal: AbortSignal,
  observer: ImportObserver,
): Promise<string> {
  const worker = new Worker(new URL('./import-worker.js', import.meta.url), {
    workerData: { config, options },
    resourceLimits: EMBEDDED_IMPORT_LIMITS,
  });
  const abort = () => worker.postMessage('abort');
  signal.addEventListener('abort', abort, { once: true });
  return new Promise<string>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') observer.onProgress?.(message.progress);
      else if (message.kind === 'finishing') observer.onFinishing?.();
      else if (message.kind === 'done') resolve(message.summary);
      else reject(message.expected ? new CliError(message.message) : new Error(message.message));
    });
    worker.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new CliError(
              `import failed, the catalogue is unchanged: it needed more than the embedded database's ${EMBEDDED_IMPORT_LIMITS.maxOldGenerationSizeMb} MB of JavaScript heap; import this catalogue into PostgreSQL (DATABASE_URL) instead`,
            )
          : error,
      ),
    );
    worker.on('exit', (code) => reject(new Error(`the import worker stopped (exit code ${code})`)));
  }).finally(() => signal.removeEventListener('abort', abort));
}

async function readTaxonomy(path: string): Promise<LoadedTaxonomy> {
  try {
    return toLoadedTaxonomy(await readTaxonomyFile(path), path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new CliError(`--taxonomy: cannot read ${path}: ${reason}; nothing was imported`);
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
