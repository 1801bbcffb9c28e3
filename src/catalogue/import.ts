import type { Db, Queryable } from '../db/db.js';
import { toCatalogueProduct } from '../off/off-record.js';
import type { RecordSource } from '../off/record-source.js';
import type { CatalogueProduct } from '../product/product.js';
import {
  loadCategoryIndex,
  refreshReadModels,
  saveNewCategories,
  upsertProducts,
  type WriteCounts,
} from './catalogue-writer.repository.js';
import {
  failImportRun,
  finishImportRun,
  type ImportKind,
  type ImportRunResult,
  startImportRun,
} from './import-runs.repository.js';
import { type LoadedTaxonomy, loadTaxonomyIndex, saveTaxonomy } from './taxonomy.repository.js';
import { saveSeenCodes } from './update-runs.repository.js';

const BATCH_SIZE = 2_000;
/** Rejections reported one by one; the rest are counted by reason. */
const REJECTIONS_SHOWN = 20;

export interface Rejection {
  line: number;
  reason: string;
}

export interface ImportSummary extends ImportRunResult {
  runId: number;
  rejections: Rejection[];
  rejectionsByReason: Map<string, number>;
  seconds: number;
}

export interface ImportObserver {
  /** Called after each staged batch (and once at the end of reading). */
  onProgress?(progress: { recordsRead: number; done: number; total: number | null }): void;
  /** Called once reading is over, before the last steps and the commit. */
  onFinishing?(): void;
}

export interface ImportCatalogueOptions extends WriteRecordsOptions {
  kind?: ImportKind;
  /** A source without any record is a success (a delta chain with nothing new), not an error. */
  allowEmpty?: boolean;
  /** Do everything, then roll back: the run changes nothing and leaves no trace in import_runs. */
  dryRun?: boolean;
  /** OFF's category taxonomy, stored in the run before its records are read (they are mapped with it). */
  taxonomy?: LoadedTaxonomy;
}

export class ImportError extends Error {
  constructor(
    message: string,
    readonly runId: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}

/**
 * Streams a source into the catalogue: every record is validated (bad ones are counted and
 * reported, never fatal), products are upserted by barcode, and the whole run is one
 * transaction, so a failed or interrupted run leaves the catalogue as it was.
 */
export async function importCatalogue(
  db: Db,
  source: RecordSource,
  options: ImportCatalogueOptions = {},
): Promise<ImportSummary> {
  const run = { kind: options.kind ?? 'import', label: source.label, dryRun: options.dryRun === true };
  return runImport(db, run, async (tx, tally) => {
    if (options.taxonomy !== undefined) await saveTaxonomy(tx, options.taxonomy);
    const written = await writeRecords(tx, source, tally, options);
    if (tally.recordsRead === 0 && options.allowEmpty !== true)
      throw new Error(`${source.label} holds no record: nothing was imported`);
    options.observer?.onFinishing?.();
    return { result: toRunResult(tally, written) };
  });
}

/** What a run has read so far: kept by `runImport`, so that a failed run records it too. */
export interface RunTally {
  recordsRead: number;
  recordsRejected: number;
  rejections: Rejection[];
  rejectionsByReason: Map<string, number>;
}

/**
 * One run, all or nothing: its `import_runs` row, then `work` in one transaction (rolled back
 * at the end for a dry run, whose row goes with it), the read models refreshed and the success
 * recorded with the data. A failure is recorded on the row and thrown as an ImportError.
 * `work` returns the run's result, and anything the caller wants back beside the summary.
 */
export async function runImport<T extends { result: ImportRunResult }>(
  db: Db,
  run: { kind: ImportKind; label: string; dryRun: boolean },
  work: (tx: Queryable, tally: RunTally, runId: number) => Promise<T>,
): Promise<ImportSummary & Omit<T, 'result'>> {
  const started = performance.now();
  let runId = run.dryRun ? 0 : await startImportRun(db, run.kind, run.label);
  const tally: RunTally = {
    recordsRead: 0,
    recordsRejected: 0,
    rejections: [],
    rejectionsByReason: new Map(),
  };
  try {
    const { result, ...rest } = await db.transaction(
      async (tx) => {
        // A dry run's record is rolled back with everything else.
        if (run.dryRun) runId = await startImportRun(tx, run.kind, run.label);
        const done = await work(tx, tally, runId);
        await refreshReadModels(tx);
        await finishImportRun(tx, runId, done.result);
        return done;
      },
      { rollback: run.dryRun },
    );
    return {
      runId,
      ...result,
      rejections: tally.rejections,
      rejectionsByReason: tally.rejectionsByReason,
      seconds: (performance.now() - started) / 1000,
      ...rest,
    };
  } catch (error) {
    const message = describeFailure(error);
    const counts = { recordsRead: tally.recordsRead, recordsRejected: tally.recordsRejected };
    if (!run.dryRun) await failImportRun(db, runId, message, counts).catch(() => {});
    throw new ImportError(message, runId, { cause: error });
  }
}

export interface WriteRecordsOptions {
  observer?: ImportObserver;
  signal?: AbortSignal;
  /**
   * Lines that are not JSON at all (a corrupt download, not a bad product) tolerated before the
   * run fails. Default: no limit, each is rejected like a bad product.
   */
  maxMalformed?: number;
  /** Keep every barcode read in `seen_codes` (a full update delists the others). */
  keepSeenCodes?: boolean;
}

/**
 * Reads `source` into the catalogue inside the run's transaction, in batches: each record mapped
 * (the rejected ones counted in `tally`), new categories created, products upserted.
 */
export async function writeRecords(
  tx: Queryable,
  source: RecordSource,
  tally: RunTally,
  options: WriteRecordsOptions = {},
): Promise<WriteCounts> {
  let malformed = 0;
  const reject = (line: number, reason: string) => {
    tally.recordsRejected++;
    if (tally.rejections.length < REJECTIONS_SHOWN) tally.rejections.push({ line, reason });
    tally.rejectionsByReason.set(reason, (tally.rejectionsByReason.get(reason) ?? 0) + 1);
  };
  const report = () =>
    options.observer?.onProgress?.({ recordsRead: tally.recordsRead, ...source.position() });

  const categories = await loadCategoryIndex(tx);
  const taxonomy = await loadTaxonomyIndex(tx);
  const written: WriteCounts = { written: 0, added: 0, updated: 0 };
  const write = async (products: CatalogueProduct[]) => {
    await saveNewCategories(tx, categories, products);
    const batch = await upsertProducts(tx, categories, products);
    written.written += batch.written;
    written.added += batch.added;
    written.updated += batch.updated;
    if (options.keepSeenCodes === true)
      await saveSeenCodes(
        tx,
        products.map((product) => product.code),
      );
  };
  // One batch in flight: JavaScript parses the next batch while the database writes this one.
  let inFlight: Promise<void> = Promise.resolve();
  const send = async (products: CatalogueProduct[]) => {
    await inFlight;
    inFlight = write(products);
    report();
  };
  let batch: CatalogueProduct[] = [];
  try {
    for await (const record of source.records) {
      options.signal?.throwIfAborted();
      tally.recordsRead++;
      if ('invalid' in record) {
        reject(record.line, record.invalid);
        if (++malformed > (options.maxMalformed ?? Number.POSITIVE_INFINITY)) {
          throw new Error(
            `${source.label} is corrupt: line ${record.line}: ${record.invalid} (${malformed} malformed line(s), ${options.maxMalformed} tolerated)`,
          );
        }
        continue;
      }
      const mapped = toCatalogueProduct(record.raw, taxonomy);
      if (!mapped.ok) {
        reject(record.line, mapped.reason);
        continue;
      }
      batch.push(mapped.product);
      if (batch.length >= BATCH_SIZE) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await send(batch);
  } finally {
    // Never end the transaction with a statement still running, whatever happened.
    await inFlight.catch(() => {});
  }
  await inFlight;
  report();
  options.signal?.throwIfAborted();
  return written;
}

/** The run's counts from what was read and written; `productsDelisted` by a full update only. */
export function toRunResult(tally: RunTally, written: WriteCounts, productsDelisted = 0): ImportRunResult {
  return {
    recordsRead: tally.recordsRead,
    recordsRejected: tally.recordsRejected,
    productsAdded: written.added,
    productsUpdated: written.updated,
    productsUnchanged: written.written - written.added - written.updated,
    productsDelisted,
  };
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'AbortError') return 'interrupted';
  return error instanceof Error ? error.message : String(error);
}
