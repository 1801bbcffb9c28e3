import type { Queryable } from '../db/db.js';

export async function countProducts(db: Queryable): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM products');
  return row?.count ?? 0;
}
