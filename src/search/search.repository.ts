import type { Queryable } from '../db/db.js';
import type { ProductSummary } from '../product/product.js';
import { type SummaryRow, selectSummary, toProductSummary } from '../product/product-rows.js';
import { escapeLike, toQueryWords, toSearchWords } from './search-query.js';

export interface SearchMatch extends ProductSummary {
  /** A `MatchTier`, or 4 for a close spelling (typo). */
  rank: MatchTier | 4;
  /** The name is exactly the query (accents and case aside). */
  exactName: boolean;
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

/** 0 name and brand both match, 1 exact name, 2 every word in the name, 3 brand or category. */
export type MatchTier = 0 | 1 | 2 | 3;
export interface FoundProducts {
  items: SearchMatch[];
  /** Every listed product that matches, over all pages. */
  total: number;
  /** How many of them bear exactly the searched name. */
  exactNames: number;
}

/**
 * Search never shows delisted products (gone from OFF, kept for favourites). Names, brands and
 * category names are searched as words (product_search_words_idx, GIN over a tsvector), the
 * last-typed prefix of each word included. Products whose name and brand both match come first
 * ("lindt excellence"), then exact names, then names holding every word, then brand or category
 * matches, most popular first within a tier; `total` and `exactNames` count every hit (window
 * aggregates), so one statement serves the page, its links and the go-straight rule.
 */
export async function findProducts(
  db: Queryable,
  folded: string,
  markets: readonly string[],
  page: { limit: number; offset: number },
): Promise<FoundProducts> {
  const words = toQueryWords(folded);
  if (words.length === 0) return { items: [], total: 0, exactNames: 0 };
  const rows = await db.query<SearchRow & { total: number; exact_names: number }>(
    `WITH hits AS (
       SELECT s.product_id, s.popularity, s.name_search, s.name_search = $3 AS exact_name,
         CASE
           WHEN s.name_words @@ any_word AND s.brand_words @@ any_word THEN 0
           WHEN s.name_search = $3 THEN 1
           WHEN s.name_words @@ every_word THEN 2
           ELSE 3
         END AS rank
       FROM product_search s,
         to_tsquery('simple', $4) AS every_word,
         to_tsquery('simple', $5) AS any_word
       WHERE s.market = ANY ($1::text[]) AND s.words @@ every_word
     ),
     -- Ranked and counted on the narrow read-model rows; only the page's products are read.
     page AS (
       SELECT h.*, (count(*) OVER ())::int AS total,
         (count(*) FILTER (WHERE h.exact_name) OVER ())::int AS exact_names
       FROM hits h
       ORDER BY h.rank, h.popularity DESC, h.name_search, h.product_id
       LIMIT $2 OFFSET $6
     )
     SELECT ${COLUMNS}, page.rank, page.exact_name, page.total, page.exact_names
     FROM page JOIN products p ON p.id = page.product_id
     ORDER BY page.rank, page.popularity DESC, page.name_search, page.product_id`,
    [markets, page.limit, folded, words.join(' & '), words.join(' | '), page.offset],
  );
  const [first] = rows;
  return {
    items: rows.map(toMatch),
    total: Number(first?.total ?? 0),
    exactNames: Number(first?.exact_names ?? 0),
  };
}

type SearchRow = SummaryRow & { rank: MatchTier; exact_name: boolean };

const toMatch = (row: SearchRow): SearchMatch => ({
  ...toProductSummary(row),
  rank: row.rank,
  exactName: row.exact_name,
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
      SELECT name_search, 4 AS rank, $3 <<-> name_search AS sort_key
      FROM product_names
      WHERE $3 <% name_search AND market = ANY ($1::text[])
      GROUP BY name_search
      ORDER BY sort_key, max(popularity) DESC, name_search
      LIMIT $2`),
    [markets, limit, folded],
  );
  return rows.map((row) => ({ ...toProductSummary(row), rank: 4 as const, exactName: false }));
}

/** The autocomplete key of what was typed, made as `product_suggestions.name_key` is. */
export async function toSuggestionKey(db: Queryable, text: string): Promise<string> {
  const [row] = await db.query<{ key: string }>('SELECT f_search_key($1) AS key', [text]);
  return row?.key ?? '';
}

export type NameSuggestion = {
  name: string;
  brand: string | null;
};

/**
 * Autocomplete: names starting with the typed key in the shopper's markets, most popular first,
 * one per name key and brand (product_suggestions_key): "Coca Cola Zero" and "Coca-Cola Zero" of
 * one brand are one suggestion. `key` comes from `toSuggestionKey`, which leaves no LIKE
 * wildcard in it (punctuation is dropped).
 */
export async function findNameSuggestions(
  db: Queryable,
  key: string,
  limit: number,
  markets: readonly string[],
): Promise<NameSuggestion[]> {
  if (key === '') return [];
  return db.query<NameSuggestion>(
    `SELECT (array_agg(name ORDER BY popularity DESC))[1] AS name,
       (array_agg(brand ORDER BY popularity DESC))[1] AS brand
     FROM product_suggestions
     WHERE market = ANY ($1::text[]) AND name_key LIKE $3
     GROUP BY name_key, brand_key
     ORDER BY max(popularity) DESC, name_key, brand_key
     LIMIT $2`,
    [markets, limit, `${escapeLike(key)}%`],
  );
}
