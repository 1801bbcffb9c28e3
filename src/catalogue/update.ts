// The weekly refresh: brings the catalogue up to date with Open Food Facts from its daily delta
// files (or its full export when they do not reach back far enough), as one import run — one
// transaction, one `import_runs` row of kind 'update' — so readers see the previous catalogue
// until the new one is complete, and a failure changes nothing.
import type { Db, Queryable } from '../db/db.js';
import {
  FULL_EXPORT_PATH,
  fetchDeltaIndex,
  openDeltaChain,
  planUpdate,
  type UpdatePlan,
} from '../off/deltas.js';
import { type OffClient, OffRequestError } from '../off/off-client.js';
import { openJsonlUrl, type RecordSource } from '../off/record-source.js';
import { fetchTaxonomyText, TAXONOMY_PATH, TaxonomyError } from '../off/taxonomy.js';
import {
  ImportError,
  type ImportObserver,
  type ImportSummary,
  runImport,
  toRunResult,
  writeRecords,
} from './import.js';
import { saveTaxonomy, toLoadedTaxonomy } from './taxonomy.repository.js';
import {
  countListedProducts,
  createSeenCodes,
  delistUnseenProducts,
  findUpdateCoverage,
  type ListedCounts,
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
  /** OFF's category taxonomy: stored anew, the same as stored, or kept because the download failed (why). */
  taxonomy: TaxonomyOutcome;
}

export type TaxonomyOutcome = { kind: 'updated' | 'unchanged' } | { kind: 'kept'; reason: string };

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

/**
 * The update as a pipeline: the plan is chosen first, from OFF's delta index, as a value; then
 * one import run (runImport) counts the listed products, writes the planned files' records
 * (writeRecords), delists what a full export no longer holds, refuses a big shrink and records
 * the plan with the run.
 */
export async function updateCatalogue(db: Db, options: UpdateOptions): Promise<UpdateSummary> {
  return withUpdateLock(db, async () => {
    options.onStarted?.();
    const coverage = options.since ?? (await findUpdateCoverage(db));
    // A plan that cannot be made (an unreachable index, a --since too old) is a failed run too.
    const planned = await findPlan(options, coverage).then(
      (plan) => ({ plan }),
      (error: unknown) => ({ error }),
    );
    if ('plan' in planned) options.onPlanned?.(planned.plan);
    const dryRun = options.dryRun === true;
    try {
      const { plan, ...summary } = await runImport(
        db,
        { kind: 'update', label: `update:${options.staticUrl}`, dryRun },
        async (tx, tally, runId) => {
          if ('error' in planned) throw planned.error;
          const { plan } = planned;
          const before = await countListedProducts(tx);
          // Before the records, which are mapped with it.
          const taxonomy = await refreshTaxonomy(tx, options);
          await createSeenCodes(tx);
          const written = await writeRecords(tx, await openPlannedSource(options, plan), tally, {
            ...(options.observer === undefined ? {} : { observer: options.observer }),
            ...(options.signal === undefined ? {} : { signal: options.signal }),
            maxMalformed: options.maxMalformed ?? 0,
            keepSeenCodes: plan.mode === 'full',
          });
          options.observer?.onFinishing?.();
          if (plan.mode === 'full' && tally.recordsRead === 0)
            throw new Error('the full export holds no record: nothing was changed');
          const productsDelisted = plan.mode === 'full' ? await delistUnseenProducts(tx) : 0;
          const after = await countListedProducts(tx);
          if (options.force !== true) requireNoBigShrink(before, after, options.maxShrink);
          await saveUpdateRecord(tx, runId, toUpdateRecord(plan));
          return { result: toRunResult(tally, written, productsDelisted), before, after, plan, taxonomy };
        },
      );
      return {
        ...summary,
        mode: plan.mode,
        fullReason: plan.mode === 'full' ? plan.reason : null,
        deltasApplied: appliedDeltas(plan),
        coveredUntil: toDate(plan.coveredUntil),
        dryRun,
      };
    } catch (error) {
      // The failed run keeps which files it tried, never a coverage: the next run starts over.
      if (error instanceof ImportError && 'plan' in planned && !dryRun) {
        await saveUpdateRecord(db, error.runId, {
          ...toUpdateRecord(planned.plan),
          coveredUntil: null,
        }).catch(() => {});
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
 * Downloads OFF's category taxonomy and stores it when it changed. The products come first: a
 * taxonomy that cannot be downloaded or read keeps the stored one and says why, never fails the run.
 */
async function refreshTaxonomy(
  tx: Queryable,
  options: Pick<UpdateOptions, 'client' | 'staticUrl'>,
): Promise<TaxonomyOutcome> {
  const url = `${options.staticUrl}${TAXONOMY_PATH}`;
  let text: string;
  try {
    text = await fetchTaxonomyText(options.client, options.staticUrl);
  } catch (error) {
    if (!(error instanceof OffRequestError)) throw error;
    return { kind: 'kept', reason: error.message };
  }
  try {
    const saved = await saveTaxonomy(tx, toLoadedTaxonomy(text, url));
    return { kind: saved ? 'updated' : 'unchanged' };
  } catch (error) {
    if (!(error instanceof TaxonomyError)) throw error;
    return { kind: 'kept', reason: error.message };
  }
}

/** From OFF's delta index: the deltas to apply, or the full export to read, and why. */
async function findPlan(options: UpdateOptions, coverage: Date | null): Promise<UpdatePlan> {
  const deltas = await fetchDeltaIndex(options.client, options.staticUrl);
  const plan = planUpdate(deltas, coverage === null ? null : toUnixSeconds(coverage), options.full === true);
  // An operator's --since asks for deltas: downloading the whole export instead would surprise.
  if (options.since !== undefined && options.full !== true && plan.mode === 'full') {
    throw new Error(
      `--since ${options.since.toISOString()}: ${plan.reason}; run with --full to read the whole export`,
    );
  }
  return plan;
}

/** The records the plan reads: its deltas in order, or the full export, streamed. */
async function openPlannedSource(
  options: Pick<UpdateOptions, 'client' | 'staticUrl'>,
  plan: UpdatePlan,
): Promise<RecordSource> {
  return plan.mode === 'full'
    ? openJsonlUrl(options.client, `${options.staticUrl}${FULL_EXPORT_PATH}`)
    : openDeltaChain(options.client, options.staticUrl, plan.deltas);
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
