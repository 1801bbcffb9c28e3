import type { Db } from '../db/db.js';
import { toCatalogueProduct } from '../off/off-record.js';
import type { RecordSource } from '../off/record-source.js';
import {
  failImportRun,
  finishImportRun,
  type ImportKind,
  type ImportRunResult,
  startImportRun,
} from './import-runs.repository.js';
import type { CatalogueProduct } from './product.js';
import {
  createStagingTable,
  mergeStagedCategories,
  mergeStagedProducts,
  refreshCategoryCounts,
  replaceStagedProductCategories,
  stageProducts,
} from './staging.repository.js';

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
  /** Called once reading is over and the merge starts (it can take a while on big catalogues). */
  onMerging?(): void;
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
  const report = () => options.observer?.onProgress?.({ recordsRead: tally.recordsRead, ...source.position() });

  try {
    const counts = await db.transaction(async (tx) => {
      await createStagingTable(tx);
      let batch: CatalogueProduct[] = [];
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
          await stageProducts(tx, batch);
          batch = [];
          report();
        }
      }
      if (batch.length > 0) await stageProducts(tx, batch);
      report();
      options.signal?.throwIfAborted();
      if (tally.recordsRead === 0) throw new Error(`${source.label} holds no record: nothing was imported`);

      options.observer?.onMerging?.();
      await mergeStagedCategories(tx);
      const merged = await mergeStagedProducts(tx);
      await replaceStagedProductCategories(tx);
      await refreshCategoryCounts(tx);
      const result: ImportRunResult = {
        ...tally,
        productsAdded: merged.added,
        productsUpdated: merged.updated,
        productsUnchanged: merged.unchanged,
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
  if (error instanceof Error && error.name === 'AbortError') return 'interrupted: nothing was changed';
  return error instanceof Error ? error.message : String(error);
}
