import type { Queryable } from '../db/db.js';

/** Products in the catalogue (delisted included), as of the last import or update (migration 005). */
export async function countProducts(db: Queryable): Promise<number> {
  const [row] = await db.query<{ products: number }>('SELECT products FROM catalogue_size');
  return row?.products ?? 0;
}
