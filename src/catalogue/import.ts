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

/** Work of a caller (the weekly update) inside the run's transaction. */
export interface ImportSteps {
  /** First, before any record is read. */
  begin?(tx: Queryable, runId: number): Promise<void>;
  /** After each batch is written, with the barcodes it held. */
  afterBatch?(tx: Queryable, codes: string[]): Promise<void>;
  /** After the last batch, before the commit; may throw to refuse the result. */
  beforeCommit?(tx: Queryable, result: ImportRunResult, runId: number): Promise<{ productsDelisted: number }>;
}

export interface ImportCatalogueOptions {
  kind?: ImportKind;
  observer?: ImportObserver;
  signal?: AbortSignal;
  steps?: ImportSteps;
  /**
   * Lines that are not JSON at all (a corrupt download, not a bad product) tolerated before the
   * run fails. Default: no limit, each is rejected like a bad product.
   */
  maxMalformed?: number;
  /** A source without any record is a success (a delta chain with nothing new), not an error. */
  allowEmpty?: boolean;
  /** Do everything, then roll back: the run changes nothing and leaves no trace in import_runs. */
  dryRun?: boolean;
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
  const started = performance.now();
  const kind = options.kind ?? 'import';
  let runId = options.dryRun === true ? 0 : await startImportRun(db, kind, source.label);
  const tally = { recordsRead: 0, recordsRejected: 0 };
  let malformed = 0;
  const rejections: Rejection[] = [];
  const rejectionsByReason = new Map<string, number>();
  const reject = (line: number, reason: string) => {
    tally.recordsRejected++;
    if (rejections.length < REJECTIONS_SHOWN) rejections.push({ line, reason });
    rejectionsByReason.set(reason, (rejectionsByReason.get(reason) ?? 0) + 1);
  };
  const report = () =>
    options.observer?.onProgress?.({ recordsRead: tally.recordsRead, ...source.position() });

  try {
    const counts = await runTransaction(db, options.dryRun === true, async (tx) => {
      // A dry run's record is rolled back with everything else.
      if (options.dryRun === true) runId = await startImportRun(tx, kind, source.label);
      await options.steps?.begin?.(tx, runId);
      const categories = await loadCategoryIndex(tx);
      const written: WriteCounts = { written: 0, added: 0, updated: 0 };
      const write = async (products: CatalogueProduct[]) => {
        await saveNewCategories(tx, categories, products);
        const batch = await upsertProducts(tx, categories, products);
        written.written += batch.written;
        written.added += batch.added;
        written.updated += batch.updated;
        await options.steps?.afterBatch?.(
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
          const mapped = toCatalogueProduct(record.raw);
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
      if (tally.recordsRead === 0 && options.allowEmpty !== true)
        throw new Error(`${source.label} holds no record: nothing was imported`);

      options.observer?.onFinishing?.();
      const result: ImportRunResult = {
        ...tally,
        productsAdded: written.added,
        productsUpdated: written.updated,
        productsUnchanged: written.written - written.added - written.updated,
        productsDelisted: 0,
      };
      const finished = await options.steps?.beforeCommit?.(tx, result, runId);
      result.productsDelisted = finished?.productsDelisted ?? 0;
      await refreshReadModels(tx);
      await finishImportRun(tx, runId, result);
      return result;
    });
    return {
      runId,
      ...counts,
      rejections,
      rejectionsByReason,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    const message = describeFailure(error);
    if (options.dryRun !== true) await failImportRun(db, runId, message, tally).catch(() => {});
    throw new ImportError(message, runId, { cause: error });
  }
}

/** `db.transaction`, or for a dry run the same work rolled back at the end, its result kept. */
async function runTransaction<T>(db: Db, dryRun: boolean, work: (tx: Queryable) => Promise<T>): Promise<T> {
  if (!dryRun) return db.transaction(work);
  const rolledBack = await db
    .transaction(async (tx) => {
      throw new DryRunRollback(await work(tx));
    })
    .catch((error: unknown) => {
      if (error instanceof DryRunRollback) return error;
      throw error;
    });
  return rolledBack.result as T;
}

/** Thrown at the end of a dry run so that the transaction rolls back with its result. */
class DryRunRollback extends Error {
  constructor(readonly result: unknown) {
    super('dry run: rolled back');
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'AbortError') return 'interrupted';
  return error instanceof Error ? error.message : String(error);
}
