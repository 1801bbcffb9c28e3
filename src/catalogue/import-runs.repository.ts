import type { Queryable } from '../db/db.js';

export type ImportKind = 'import' | 'update';

export interface ImportRunResult {
  recordsRead: number;
  recordsRejected: number;
  productsAdded: number;
  productsUpdated: number;
  productsUnchanged: number;
  /** Products no longer in Open Food Facts, hidden from search (full update runs only). */
  productsDelisted: number;
}

export interface ImportRun extends ImportRunResult {
  id: number;
  kind: ImportKind;
  source: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

/** Recorded outside the import's transaction, so a crash still leaves a trace. */
export async function startImportRun(db: Queryable, kind: ImportKind, source: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO import_runs (kind, source) VALUES ($1, $2) RETURNING id',
    [kind, source],
  );
  if (row === undefined) throw new Error('import run was not recorded');
  return row.id;
}

/** Inside the import's transaction: the success and the data commit together. */
export async function finishImportRun(db: Queryable, id: number, result: ImportRunResult): Promise<void> {
  await db.query(
    `UPDATE import_runs SET status = 'succeeded', finished_at = clock_timestamp(),
       records_read = $2, records_rejected = $3, products_added = $4, products_updated = $5,
       products_unchanged = $6, products_delisted = $7
     WHERE id = $1`,
    [
      id,
      result.recordsRead,
      result.recordsRejected,
      result.productsAdded,
      result.productsUpdated,
      result.productsUnchanged,
      result.productsDelisted,
    ],
  );
}

export async function failImportRun(
  db: Queryable,
  id: number,
  error: string,
  progress: Pick<ImportRunResult, 'recordsRead' | 'recordsRejected'>,
): Promise<void> {
  await db.query(
    `UPDATE import_runs SET status = 'failed', finished_at = clock_timestamp(), error = $2,
       records_read = $3, records_rejected = $4
     WHERE id = $1`,
    [id, error, progress.recordsRead, progress.recordsRejected],
  );
}

/** The latest run, or the latest with the given status. */
export async function findLatestImportRun(
  db: Queryable,
  status?: ImportRun['status'],
): Promise<ImportRun | null> {
  const [row] = await db.query<{
    id: number;
    kind: ImportKind;
    source: string;
    status: ImportRun['status'];
    started_at: Date;
    finished_at: Date | null;
    records_read: number;
    records_rejected: number;
    products_added: number;
    products_updated: number;
    products_unchanged: number;
    products_delisted: number;
    error: string | null;
  }>(
    `SELECT * FROM import_runs WHERE $1::text IS NULL OR status = $1
     ORDER BY started_at DESC, id DESC LIMIT 1`,
    [status ?? null],
  );
  if (row === undefined) return null;
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    recordsRead: row.records_read,
    recordsRejected: row.records_rejected,
    productsAdded: row.products_added,
    productsUpdated: row.products_updated,
    productsUnchanged: row.products_unchanged,
    productsDelisted: row.products_delisted,
    error: row.error,
  };
}
