// What the weekly update needs beyond an import: how far the catalogue follows Open Food Facts,
// which products are listed, and the delisting of products OFF no longer has.
import type { Queryable } from '../db/db.js';

export interface UpdateRecord {
  mode: 'deltas' | 'full';
  deltasApplied: readonly string[];
  /** OFF changes up to this time are in the catalogue; null on a failed run. */
  coveredUntil: Date | null;
}

/** Up to when OFF's changes are in the catalogue, from the latest successful update (null: none). */
export async function findUpdateCoverage(db: Queryable): Promise<Date | null> {
  // Served by import_runs_update_success_idx.
  const [row] = await db.query<{ covered_until: Date }>(
    `SELECT covered_until FROM import_runs
     WHERE kind = 'update' AND status = 'succeeded' AND covered_until IS NOT NULL
     ORDER BY covered_until DESC LIMIT 1`,
  );
  return row?.covered_until ?? null;
}

export async function saveUpdateRecord(db: Queryable, runId: number, record: UpdateRecord): Promise<void> {
  await db.query(
    'UPDATE import_runs SET update_mode = $2, deltas_applied = $3, covered_until = $4 WHERE id = $1',
    [runId, record.mode, record.deltasApplied, record.coveredUntil?.toISOString() ?? null],
  );
}

export interface ListedCounts {
  /** Products shown in search. */
  listed: number;
  /** Of those, the ones with a Nutri-Score: what substitutes are made of. */
  graded: number;
}

export async function countListedProducts(db: Queryable): Promise<ListedCounts> {
  const [row] = await db.query<{ listed: number; graded: number }>(
    `SELECT count(*)::int AS listed, count(nutriscore_grade)::int AS graded
     FROM products WHERE delisted_at IS NULL`,
  );
  return { listed: row?.listed ?? 0, graded: row?.graded ?? 0 };
}

/**
 * A full reconciliation remembers every barcode the export holds, in a table private to the
 * run's transaction (gone at commit or rollback).
 */
export async function createSeenCodes(tx: Queryable): Promise<void> {
  await tx.query('CREATE TEMP TABLE update_seen_codes (code text PRIMARY KEY) ON COMMIT DROP');
}

export async function saveSeenCodes(tx: Queryable, codes: readonly string[]): Promise<void> {
  await tx.query('INSERT INTO update_seen_codes SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [codes]);
}

/** Delists the listed products the export did not hold; returns how many. */
export async function delistUnseenProducts(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ count: number }>(
    `WITH delisted AS (
       UPDATE products SET delisted_at = now()
       WHERE delisted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM update_seen_codes seen WHERE seen.code = products.code)
       RETURNING 1
     )
     SELECT count(*)::int AS count FROM delisted`,
  );
  return rows[0]?.count ?? 0;
}
