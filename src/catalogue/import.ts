import type { Db } from '../db/db.js';
import { toCatalogueProduct } from '../off/off-record.js';
import type { RecordSource } from '../off/record-source.js';
import {
  loadCategoryIndex,
  refreshCategoryCounts,
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
import type { CatalogueProduct } from './product.js';

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
  options: { kind?: ImportKind; observer?: ImportObserver; signal?: AbortSignal } = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const runId = await startImportRun(db, options.kind ?? 'import', source.label);
  const tally = { recordsRead: 0, recordsRejected: 0 };
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
    const counts = await db.transaction(async (tx) => {
      const categories = await loadCategoryIndex(tx);
      const written: WriteCounts = { written: 0, added: 0, updated: 0 };
      const write = async (products: CatalogueProduct[]) => {
        await saveNewCategories(tx, categories, products);
        const batch = await upsertProducts(tx, categories, products);
        written.written += batch.written;
        written.added += batch.added;
        written.updated += batch.updated;
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
      if (tally.recordsRead === 0) throw new Error(`${source.label} holds no record: nothing was imported`);

      options.observer?.onFinishing?.();
      await refreshCategoryCounts(tx);
      const result: ImportRunResult = {
        ...tally,
        productsAdded: written.added,
        productsUpdated: written.updated,
        productsUnchanged: written.written - written.added - written.updated,
      };
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
    await failImportRun(db, runId, message, tally).catch(() => {});
    throw new ImportError(message, runId, { cause: error });
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'AbortError') return 'interrupted';
  return error instanceof Error ? error.message : String(error);
}
