// The weekly refresh: brings the catalogue up to date with Open Food Facts from its daily delta
// files (or its full export when they do not reach back far enough), as one import run — one
// transaction, one `import_runs` row of kind 'update' — so readers see the previous catalogue
// until the new one is complete, and a failure changes nothing.
import type { Db } from '../db/db.js';
import {
  type DeltaFile,
  FULL_EXPORT_PATH,
  fetchDeltaIndex,
  openDeltaChain,
  planUpdate,
  type UpdatePlan,
} from '../off/deltas.js';
import type { OffClient } from '../off/off-client.js';
import { openJsonlUrl, type RecordSource, type SourceRecord } from '../off/record-source.js';
import { ImportError, type ImportObserver, type ImportSummary, importCatalogue } from './import.js';
import {
  countListedProducts,
  createSeenCodes,
  delistUnseenProducts,
  findUpdateCoverage,
  type ListedCounts,
  saveSeenCodes,
  saveUpdateRecord,
} from './update-runs.repository.js';

// Any constant of its own: the migration runner uses 718_201.
const UPDATE_LOCK = 718_202;

export interface UpdateOptions {
  client: OffClient;
  /** OFF's static server, e.g. https://static.openfoodfacts.org */
  staticUrl: string;
  /** Read the full export and delist the products it no longer holds. */
  full?: boolean;
  /** Apply the deltas after this time instead of after the last successful update. */
  since?: Date;
  dryRun?: boolean;
  /** Share of listed (or graded) products a run may remove before it is refused, 0–1. */
  maxShrink: number;
  /** Commit even a result that shrinks the catalogue more than `maxShrink`. */
  force?: boolean;
  /** Lines that are not JSON tolerated before the run fails (a corrupt download): default 0. */
  maxMalformed?: number;
  observer?: ImportObserver;
  signal?: AbortSignal;
  /** Called once the update lock is held, before anything is read. */
  onStarted?(): void;
  /** Called once the plan is known (which files will be read, and why). */
  onPlanned?(plan: UpdatePlan): void;
}

export interface UpdateSummary extends ImportSummary {
  mode: UpdatePlan['mode'];
  /** Why a full export was read. */
  fullReason: string | null;
  deltasApplied: string[];
  coveredUntil: Date | null;
  before: ListedCounts;
  after: ListedCounts;
  dryRun: boolean;
}

/** Another update holds the lock: this one did nothing and recorded nothing. */
export class UpdateBusyError extends Error {
  constructor() {
    super('another update is running: this one did nothing');
    this.name = 'UpdateBusyError';
  }
}

/** The result would remove too much of the catalogue: a broken export, not a real change. */
export class ShrinkRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShrinkRefusedError';
  }
}

export async function updateCatalogue(db: Db, options: UpdateOptions): Promise<UpdateSummary> {
  return withUpdateLock(db, async () => {
    options.onStarted?.();
    const coverage = options.since ?? (await findUpdateCoverage(db));
    let plan: UpdatePlan | null = null;
    let before: ListedCounts = { listed: 0, graded: 0 };
    let after: ListedCounts = { listed: 0, graded: 0 };

    const source = createUpdateSource(options, async (deltas) => {
      plan = choosePlan(deltas, coverage, options);
      options.onPlanned?.(plan);
      return plan;
    });

    try {
      const summary = await importCatalogue(db, source, {
        kind: 'update',
        ...(options.observer === undefined ? {} : { observer: options.observer }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        maxMalformed: options.maxMalformed ?? 0,
        dryRun: options.dryRun === true,
        allowEmpty: true,
        steps: {
          async begin(tx) {
            before = await countListedProducts(tx);
            await createSeenCodes(tx);
          },
          async afterBatch(tx, codes) {
            if (plan?.mode === 'full') await saveSeenCodes(tx, codes);
          },
          async beforeCommit(tx, result, runId) {
            const chosen = requirePlan(plan);
            if (chosen.mode === 'full' && result.recordsRead === 0)
              throw new Error('the full export holds no record: nothing was changed');
            const productsDelisted = chosen.mode === 'full' ? await delistUnseenProducts(tx) : 0;
            after = await countListedProducts(tx);
            if (options.force !== true) requireNoBigShrink(before, after, options.maxShrink);
            await saveUpdateRecord(tx, runId, toUpdateRecord(chosen));
            return { productsDelisted };
          },
        },
      });
      const chosen = requirePlan(plan);
      return {
        ...summary,
        mode: chosen.mode,
        fullReason: chosen.mode === 'full' ? chosen.reason : null,
        deltasApplied: appliedDeltas(chosen),
        coveredUntil: toDate(chosen.coveredUntil),
        before,
        after,
        dryRun: options.dryRun === true,
      };
    } catch (error) {
      // The failed run keeps which files it tried, never a coverage: the next run starts over.
      if (error instanceof ImportError && plan !== null && options.dryRun !== true) {
        const tried: UpdatePlan = plan;
        await saveUpdateRecord(db, error.runId, { ...toUpdateRecord(tried), coveredUntil: null }).catch(
          () => {},
        );
      }
      throw error;
    }
  });
}

/**
 * At most one update at a time. On PostgreSQL a transaction-level advisory lock held on its own
 * connection for the whole run (the run's work uses other connections of the pool); the embedded
 * database is already one process at a time (its data-folder lock), and PGlite runs one
 * transaction at a time.
 */
async function withUpdateLock<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (db.driver === 'pglite') return work();
  return db.transaction(async (lock) => {
    const [row] = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
      UPDATE_LOCK,
    ]);
    if (row?.locked !== true) throw new UpdateBusyError();
    return work();
  });
}

/**
 * The run's source: reads OFF's delta index first (so an unreachable index is a recorded failed
 * run), then streams the chosen deltas, or the full export.
 */
function createUpdateSource(
  options: Pick<UpdateOptions, 'client' | 'staticUrl'>,
  decide: (deltas: DeltaFile[]) => Promise<UpdatePlan>,
): RecordSource {
  let inner: RecordSource | null = null;
  async function* records(): AsyncGenerator<SourceRecord> {
    const plan = await decide(await fetchDeltaIndex(options.client, options.staticUrl));
    inner =
      plan.mode === 'full'
        ? await openJsonlUrl(options.client, `${options.staticUrl}${FULL_EXPORT_PATH}`)
        : openDeltaChain(options.client, options.staticUrl, plan.deltas);
    yield* inner.records;
  }
  return {
    label: `update:${options.staticUrl}`,
    records: records(),
    position: () => (inner as RecordSource | null)?.position() ?? { done: 0, total: null },
  };
}

function choosePlan(deltas: DeltaFile[], coverage: Date | null, options: UpdateOptions): UpdatePlan {
  const plan = planUpdate(deltas, coverage === null ? null : toUnixSeconds(coverage), options.full === true);
  // An operator's --since asks for deltas: downloading the whole export instead would surprise.
  if (options.since !== undefined && options.full !== true && plan.mode === 'full') {
    throw new Error(
      `--since ${options.since.toISOString()}: ${plan.reason}; run with --full to read the whole export`,
    );
  }
  return plan;
}

function requireNoBigShrink(before: ListedCounts, after: ListedCounts, maxShrink: number): void {
  for (const [what, was, is] of [
    ['listed products', before.listed, after.listed],
    ['products with a Nutri-Score', before.graded, after.graded],
  ] as const) {
    if (was === 0 || is >= was) continue;
    const share = (was - is) / was;
    if (share > maxShrink) {
      throw new ShrinkRefusedError(
        `refused: the update would take ${what} from ${was} to ${is} (−${formatShare(share)}, more than the ${formatShare(maxShrink)} allowed by UPDATE_MAX_SHRINK); nothing was changed. If Open Food Facts really lost them, run again with --force`,
      );
    }
  }
}

function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

function requirePlan(plan: UpdatePlan | null): UpdatePlan {
  if (plan === null) throw new Error('the update ended before reading the delta index');
  return plan;
}

function appliedDeltas(plan: UpdatePlan): string[] {
  return plan.mode === 'deltas' ? plan.deltas.map((delta) => delta.name) : [];
}

function toUpdateRecord(plan: UpdatePlan) {
  return { mode: plan.mode, deltasApplied: appliedDeltas(plan), coveredUntil: toDate(plan.coveredUntil) };
}

function toDate(unixSeconds: number | null): Date | null {
  return unixSeconds === null ? null : new Date(unixSeconds * 1000);
}

function toUnixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
