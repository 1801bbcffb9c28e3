import type { Queryable } from '../db/db.js';
import { type ProductSummary, toProductSummary } from '../products/products.repository.js';
import { escapeLike, toSearchWords } from './search-query.js';

/** 0 exact name, 1 name starts with the query, 2 every word appears, 3 close spelling (typo). */
export type MatchRank = 0 | 1 | 2 | 3;
export interface SearchMatch extends ProductSummary {
  rank: MatchRank;
}

const COLUMNS =
  'p.id, p.code, p.name, p.brands, p.quantity, p.nutriscore_grade, p.nutriscore_not_applicable, p.image_small_url';

/** Folded exactly as `products.name_search` is (the same immutable function). */
export async function foldForSearch(db: Queryable, text: string): Promise<string> {
  const [row] = await db.query<{ folded: string }>('SELECT lower(f_unaccent($1)) AS folded', [text]);
  return row?.folded ?? '';
}

/** products_code_key */
export async function findProductCodeByBarcode(
  db: Queryable,
  codes: readonly string[],
): Promise<string | null> {
  const [row] = await db.query<{ code: string }>(
    'SELECT code FROM products WHERE code = ANY ($1::text[]) LIMIT 1',
    [codes],
  );
  return row?.code ?? null;
}

/**
 * The products of the best names, most popular first within a name. `names` is a statement over
 * product_names (distinct folded names of listed products) that yields `name_search`, `rank` and
 * `sort_key` (lower first: the typo's distance, else 0), ordered and limited: ranking narrow name
 * rows and reading only the products of the winners is what keeps search bounded at a million
 * products. Taking as many names as products wanted is enough: each name ranked ahead holds a
 * product that beats the best product of any name behind it (names rank by their most popular
 * product).
 */
function productsOfNames(names: string): string {
  return `WITH names AS (${names})
    SELECT ${COLUMNS}, n.rank
    FROM names n
    CROSS JOIN LATERAL (
      SELECT * FROM products p
      WHERE p.name_search = n.name_search AND p.delisted_at IS NULL
      ORDER BY p.unique_scans_n DESC, p.code
      LIMIT $2
    ) p
    ORDER BY n.rank, n.sort_key, p.unique_scans_n DESC, p.name_search, p.code
    LIMIT $2`;
}

/**
 * Search never shows delisted products (gone from OFF, kept for favourites).
 * Exact, then prefix, then all-words matches on the folded name, most popular first within a rank.
 * Two statements so the costlier one runs only when needed: the prefix arm
 * (product_names_name_search_key, text_pattern_ops) fills most lists alone; the words arm
 * (`LIKE '%word%'` per word on product_names_trgm_idx) tops the list up only when it is short.
 */
export async function findProductsByName(
  db: Queryable,
  folded: string,
  limit: number,
): Promise<SearchMatch[]> {
  const prefix = `${escapeLike(folded)}%`;
  const byPrefix = await db.query<SummaryRow & { rank: MatchRank }>(
    productsOfNames(`
      SELECT name_search, CASE WHEN name_search = $3 THEN 0 ELSE 1 END AS rank, 0 AS sort_key
      FROM product_names
      WHERE name_search LIKE $1
      ORDER BY rank, popularity DESC, name_search
      LIMIT $2`),
    [prefix, limit, folded],
  );
  const words = toSearchWords(folded);
  if (byPrefix.length >= limit || words.length === 0) return byPrefix.map(toMatch);
  const params: unknown[] = [prefix, limit - byPrefix.length];
  const wordConditions = words.map((word) => {
    params.push(`%${escapeLike(word)}%`);
    return `name_search LIKE $${params.length}`;
  });
  const byWords = await db.query<SummaryRow & { rank: MatchRank }>(
    productsOfNames(`
      SELECT name_search, 2 AS rank, 0 AS sort_key
      FROM product_names
      WHERE ${wordConditions.join(' AND ')} AND name_search NOT LIKE $1
      ORDER BY popularity DESC, name_search
      LIMIT $2`),
    params,
  );
  return [...byPrefix, ...byWords].map(toMatch);
}

type SummaryRow = Parameters<typeof toProductSummary>[0];
const toMatch = (row: SummaryRow & { rank: MatchRank }): SearchMatch => ({
  ...toProductSummary(row),
  rank: row.rank,
});

/**
 * The typo fallback, only when nothing matched: names containing a word spelled close to the
 * query (`<%`, word similarity ≥ 0.6, served by product_names_trgm_idx), closest first.
 */
export async function findProductsWithCloseNames(
  db: Queryable,
  folded: string,
  limit: number,
): Promise<SearchMatch[]> {
  // Only short words ("à la", "de"): every name is "close", and the index cannot narrow it.
  if (toSearchWords(folded).length === 0) return [];
  const rows = await db.query<SummaryRow>(
    productsOfNames(`
      SELECT name_search, 3 AS rank, $1 <<-> name_search AS sort_key
      FROM product_names
      WHERE $1 <% name_search
      ORDER BY sort_key, popularity DESC, name_search
      LIMIT $2`),
    [folded, limit],
  );
  return rows.map((row) => ({ ...toProductSummary(row), rank: 3 as const }));
}

/** Autocomplete: distinct names starting with the typed text, most popular first. */
export async function findNameSuggestions(db: Queryable, folded: string, limit: number): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT name FROM product_names
     WHERE name_search LIKE $1
     ORDER BY popularity DESC, name_search
     LIMIT $2`,
    [`${escapeLike(folded)}%`, limit],
  );
  return rows.map((row) => row.name);
}
