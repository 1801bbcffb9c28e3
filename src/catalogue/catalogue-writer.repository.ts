// How an import writes the catalogue: batches of products upserted by barcode, inside the import's
// single transaction (readers keep the previous catalogue until it commits; a failure changes
// nothing). Category tags are resolved to ids in memory, so each batch costs two statements.
import type { Queryable } from '../db/db.js';
import type { CatalogueProduct } from '../product/product.js';
import { type ProductCategoryIds, toProductRow, WRITTEN_COLUMNS } from '../product/product-rows.js';

const COLUMNS = Object.keys(WRITTEN_COLUMNS) as (keyof typeof WRITTEN_COLUMNS)[];
/** What an update replaces and compares: every written column but the conflict key. */
const REPLACED = COLUMNS.filter((column) => column !== 'code');
const RECORD_TYPE = COLUMNS.map((column) => `${column} ${WRITTEN_COLUMNS[column]}`).join(', ');
const from = (table: string, columns: readonly string[]) =>
  columns.map((column) => `${table}.${column}`).join(', ');

export interface WriteCounts {
  /** Product rows sent, after merging duplicates within a batch. */
  written: number;
  added: number;
  updated: number;
}

interface KnownCategory {
  id: number;
  official: boolean;
}

/** Tag → id of every category, loaded once per import and grown as new tags arrive. */
export type CategoryIndex = Map<string, KnownCategory>;

export async function loadCategoryIndex(tx: Queryable): Promise<CategoryIndex> {
  const rows = await tx.query<{ id: number; tag: string; name_is_official: boolean }>(
    'SELECT id, tag, name_is_official FROM categories',
  );
  return new Map(rows.map((row) => [row.tag, { id: row.id, official: row.name_is_official }]));
}

/**
 * Creates the categories this batch brings, and replaces a name derived from the tag by the
 * French name OFF gives, never the reverse.
 */
export async function saveNewCategories(
  tx: Queryable,
  index: CategoryIndex,
  products: readonly CatalogueProduct[],
): Promise<void> {
  const changes = new Map<string, { tag: string; name: string; official: boolean }>();
  for (const product of products) {
    for (const { tag, name } of product.categories) {
      const known = index.get(tag);
      const official = name !== null;
      if ((known === undefined || (official && !known.official)) && !changes.get(tag)?.official) {
        changes.set(tag, { tag, name: name ?? toCategoryName(tag), official });
      }
    }
  }
  if (changes.size === 0) return;
  const saved = await tx.query<{ id: number; tag: string; name_is_official: boolean }>(
    `INSERT INTO categories (tag, name, name_is_official)
     SELECT tag, name, official FROM jsonb_to_recordset($1::jsonb) AS r(tag text, name text, official boolean)
     ON CONFLICT (tag) DO UPDATE SET name = EXCLUDED.name, name_is_official = true
     WHERE EXCLUDED.name_is_official AND NOT categories.name_is_official
     RETURNING id, tag, name_is_official`,
    [JSON.stringify([...changes.values()])],
  );
  for (const row of saved) index.set(row.tag, { id: row.id, official: row.name_is_official });
}

/**
 * Upserts by barcode: one statement per batch, the rows travelling as a single JSON parameter
 * that both drivers send as-is. Rows whose data did not change are left alone (no dead tuples,
 * no index churn), so the counts tell what really changed. For one barcode the best record wins
 * (isNewerRecord), within a batch and against the stored row. A delisted product that Open Food
 * Facts sends again is listed again (counted as updated).
 */
export async function upsertProducts(
  tx: Queryable,
  index: CategoryIndex,
  products: readonly CatalogueProduct[],
): Promise<WriteCounts> {
  const best = new Map<string, CatalogueProduct>();
  for (const product of products) {
    const known = best.get(product.code);
    if (known === undefined || isNewerRecord(product.lastModifiedT, known.lastModifiedT)) {
      best.set(product.code, product);
    }
  }
  const rows = [...best.values()].map((product) => toProductRow(product, toCategoryIds(product, index)));
  const [counts] = await tx.query<{ added: number; updated: number }>(
    `WITH merged AS (
       INSERT INTO products (${COLUMNS.join(', ')})
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_TYPE})
       ON CONFLICT (code) DO UPDATE SET
         (${REPLACED.join(', ')}, updated_at) = (${from('EXCLUDED', REPLACED)}, now()),
         delisted_at = NULL
       -- isNewerRecord, in SQL: NULL >= x is not true, so an undated record never replaces a dated one.
       WHERE (products.last_modified_at IS NULL OR EXCLUDED.last_modified_at >= products.last_modified_at)
         AND (products.delisted_at IS NOT NULL
          OR (${from('products', REPLACED)}) IS DISTINCT FROM (${from('EXCLUDED', REPLACED)}))
       RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS added,
            count(*) FILTER (WHERE NOT inserted)::int AS updated
     FROM merged`,
    [JSON.stringify(rows)],
  );
  return { written: rows.length, added: counts?.added ?? 0, updated: counts?.updated ?? 0 };
}

/**
 * Whether a record modified at `candidate` (OFF's `last_modified_t`) replaces one modified at
 * `known`: the later one wins, a tie goes to the one read last (OFF's export order), and a record
 * without the date never replaces one that has it (a poorer copy: an old student dump, a
 * `fields=` subset). Same rule as upsertProducts' WHERE clause.
 */
export function isNewerRecord(candidate: number | null, known: number | null): boolean {
  if (known === null) return true;
  return candidate !== null && candidate >= known;
}

/**
 * Brings everything derived from the products up to date, inside the run's transaction: category
 * counts and the read models of migrations 005, 007, 011, 014 and 015. CONCURRENTLY lets readers
 * use the previous version meanwhile; they see the new one when the run commits.
 */
export async function refreshReadModels(tx: Queryable): Promise<void> {
  await refreshCategoryCounts(tx);
  await tx.query('REFRESH MATERIALIZED VIEW CONCURRENTLY product_names');
  await tx.query('REFRESH MATERIALIZED VIEW CONCURRENTLY category_top_products');
  await tx.query('REFRESH MATERIALIZED VIEW CONCURRENTLY catalogue_size');
  // Empty (a first import): refreshed whole, which writes its rows in the view's popularity
  // order (migration 015: the 10,000 most popular products on ~500 neighbouring pages, not
  // scattered over 6,000 as a concurrent refresh's diff leaves them), and faster. Readers wait
  // for the commit, but they had no catalogue to search anyway.
  const [search] = await tx.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT FROM product_search) AS empty',
  );
  await tx.query(`REFRESH MATERIALIZED VIEW ${search?.empty ? '' : 'CONCURRENTLY '}product_search`);
  // Read from product_search: after it.
  await tx.query('REFRESH MATERIALIZED VIEW CONCURRENTLY search_words');
  await tx.query('REFRESH MATERIALIZED VIEW CONCURRENTLY search_bands');
  await tx.query('REFRESH MATERIALIZED VIEW CONCURRENTLY product_suggestions');
  // Fresh statistics at the commit (they count this transaction's rows): a first import would
  // otherwise be read with no statistics until autovacuum came by (~1 s at 1M products).
  await tx.query(
    'ANALYZE products, product_names, category_top_products, product_search, product_suggestions, search_words, search_bands',
  );
}

/** Keeps `categories.product_count` (listed products) true after an import: the fewer, the more specific. */
async function refreshCategoryCounts(tx: Queryable): Promise<void> {
  await tx.query(`
    UPDATE categories c SET product_count = coalesce(n.count, 0)
    FROM categories c2
    LEFT JOIN (
      SELECT category_id, count(*)::int AS count
      FROM products, unnest(products.category_ids) AS category_id
      WHERE products.delisted_at IS NULL
      GROUP BY category_id
    ) n ON n.category_id = c2.id
    WHERE c.id = c2.id AND c.product_count <> coalesce(n.count, 0)`);
}

function toCategoryIds(product: CatalogueProduct, index: CategoryIndex): ProductCategoryIds {
  return {
    categoryIds: product.categories.flatMap((category) => index.get(category.tag)?.id ?? []),
    referenceCategoryId:
      product.referenceCategory === null ? null : (index.get(product.referenceCategory)?.id ?? null),
  };
}

/** `en:sweet-spreads` → "Sweet spreads": a readable stand-in until OFF gives the French name. */
export function toCategoryName(tag: string): string {
  const words = tag
    .replace(/^[a-z]{2,3}:/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1) || tag;
}
