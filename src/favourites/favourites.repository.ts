import type { Queryable } from '../db/db.js';
import type { ProductSummary } from '../product/product.js';
import { type SummaryRow, selectSummaryObject, toProductSummary } from '../product/product-rows.js';

export interface FavouritePair {
  product: ProductSummary;
  substitute: ProductSummary;
  savedAt: Date;
}

/**
 * Saves the pair by barcodes. 'saved', 'already' when the user had it, or 'unknown' when a code is
 * not in the catalogue or the substitute is not strictly better (never save a pair we would not show).
 */
export async function saveFavourite(
  db: Queryable,
  userId: number,
  productCode: string,
  substituteCode: string,
): Promise<'saved' | 'already' | 'unknown'> {
  const [result] = await db.query<{ inserted: boolean; exists: boolean }>(
    `WITH pair AS (
       SELECT p.id AS product_id, s.id AS substitute_id
       FROM products p JOIN products s ON s.code = $3
       WHERE p.code = $2 AND s.id <> p.id AND s.nutriscore_grade < p.nutriscore_grade
     ), inserted AS (
       INSERT INTO favourites (user_id, product_id, substitute_id)
       SELECT $1, product_id, substitute_id FROM pair
       ON CONFLICT DO NOTHING RETURNING 1
     )
     SELECT (SELECT count(*) FROM inserted) > 0 AS inserted, (SELECT count(*) FROM pair) > 0 AS exists`,
    [userId, productCode, substituteCode],
  );
  if (result === undefined || !result.exists) return 'unknown';
  return result.inserted ? 'saved' : 'already';
}

/** True when a pair was removed. */
export async function removeFavourite(
  db: Queryable,
  userId: number,
  productCode: string,
  substituteCode: string,
): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM favourites f USING products p, products s
     WHERE f.user_id = $1 AND f.product_id = p.id AND f.substitute_id = s.id AND p.code = $2 AND s.code = $3
     RETURNING 1`,
    [userId, productCode, substituteCode],
  );
  return rows.length > 0;
}

/** The substitutes of one product the user saved (favourites_pkey, then products' code index). */
export async function listSavedSubstituteCodes(
  db: Queryable,
  userId: number,
  productCode: string,
): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `SELECT s.code FROM favourites f JOIN products p ON p.id = f.product_id JOIN products s ON s.id = f.substitute_id
     WHERE f.user_id = $1 AND p.code = $2`,
    [userId, productCode],
  );
  return rows.map((row) => row.code);
}

/** The user's pairs, grouped by the product they replace (newest first); favourites_pkey. */
export async function listFavourites(db: Queryable, userId: number): Promise<FavouritePair[]> {
  const rows = await db.query<{ product: SummaryRow; substitute: SummaryRow; created_at: Date | string }>(
    `SELECT ${selectSummaryObject('p')} AS product, ${selectSummaryObject('s')} AS substitute, f.created_at
     FROM favourites f JOIN products p ON p.id = f.product_id JOIN products s ON s.id = f.substitute_id
     WHERE f.user_id = $1
     ORDER BY max(f.created_at) OVER (PARTITION BY f.product_id) DESC, p.id, f.created_at DESC`,
    [userId],
  );
  return rows.map((row) => ({
    product: toProductSummary(row.product),
    substitute: toProductSummary(row.substitute),
    savedAt: new Date(row.created_at),
  }));
}
