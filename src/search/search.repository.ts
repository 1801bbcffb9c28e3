import type { Queryable } from '../db/db.js';
import type { ProductSummary } from '../product/product.js';
import { type SummaryRow, selectSummary, toProductSummary } from '../product/product-rows.js';
import { escapeLike, toSearchWords } from './search-query.js';

/** 0 exact name, 1 name starts with the query, 2 every word appears, 3 close spelling (typo). */
export type MatchRank = 0 | 1 | 2 | 3;
export interface SearchMatch extends ProductSummary {
  rank: MatchRank;
}

const COLUMNS = selectSummary('p');

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
 * product_names (distinct folded names of listed products, per market: `$1` the markets, `$2` the
 * limit) that yields `name_search`, `rank` and `sort_key` (lower first: the typo's distance,
 * else 0), one row per name, ordered and limited: ranking narrow name
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
        AND (p.countries_tags && $1::text[] OR p.countries_tags = '{}')
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
  markets: readonly string[],
): Promise<SearchMatch[]> {
  const prefix = `${escapeLike(folded)}%`;
  // A name sold in two markets is two rows: grouped back into one (served by
  // product_names_market_name_key, one prefix range per market).
  const byPrefix = await db.query<SummaryRow & { rank: MatchRank }>(
    productsOfNames(`
      SELECT name_search, min(CASE WHEN name_search = $4 THEN 0 ELSE 1 END) AS rank, 0 AS sort_key
      FROM product_names
      WHERE market = ANY ($1::text[]) AND name_search LIKE $3
      GROUP BY name_search
      ORDER BY rank, max(popularity) DESC, name_search
      LIMIT $2`),
    [markets, limit, prefix, folded],
  );
  const words = toSearchWords(folded);
  if (byPrefix.length >= limit || words.length === 0) return byPrefix.map(toMatch);
  const params: unknown[] = [markets, limit - byPrefix.length, prefix];
  const wordConditions = words.map((word) => {
    params.push(`%${escapeLike(word)}%`);
    return `name_search LIKE $${params.length}`;
  });
  const byWords = await db.query<SummaryRow & { rank: MatchRank }>(
    productsOfNames(`
      SELECT name_search, 2 AS rank, 0 AS sort_key
      FROM product_names
      WHERE market = ANY ($1::text[]) AND ${wordConditions.join(' AND ')} AND name_search NOT LIKE $3
      GROUP BY name_search
      ORDER BY max(popularity) DESC, name_search
      LIMIT $2`),
    params,
  );
  return [...byPrefix, ...byWords].map(toMatch);
}

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
  markets: readonly string[],
): Promise<SearchMatch[]> {
  // Only short words ("à la", "de"): every name is "close", and the index cannot narrow it.
  if (toSearchWords(folded).length === 0) return [];
  const rows = await db.query<SummaryRow>(
    productsOfNames(`
      SELECT name_search, 3 AS rank, $3 <<-> name_search AS sort_key
      FROM product_names
      WHERE $3 <% name_search AND market = ANY ($1::text[])
      GROUP BY name_search
      ORDER BY sort_key, max(popularity) DESC, name_search
      LIMIT $2`),
    [markets, limit, folded],
  );
  return rows.map((row) => ({ ...toProductSummary(row), rank: 3 as const }));
}

/**
 * Autocomplete: distinct names starting with the typed text in the shopper's markets, most
 * popular first (product_names_market_name_key).
 */
export async function findNameSuggestions(
  db: Queryable,
  folded: string,
  limit: number,
  markets: readonly string[],
): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT (array_agg(name ORDER BY popularity DESC))[1] AS name FROM product_names
     WHERE market = ANY ($1::text[]) AND name_search LIKE $3
     GROUP BY name_search
     ORDER BY max(popularity) DESC, name_search
     LIMIT $2`,
    [markets, limit, `${escapeLike(folded)}%`],
  );
  return rows.map((row) => row.name);
}
