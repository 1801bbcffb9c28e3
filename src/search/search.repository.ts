import type { Queryable } from '../db/db.js';
import { type ProductSummary, toProductSummary } from '../products/products.repository.js';
import { escapeLike, toSearchWords } from './search-query.js';

/** 0 exact name, 1 name starts with the query, 2 every word appears, 3 close spelling (typo). */
export type MatchRank = 0 | 1 | 2 | 3;
export interface SearchMatch extends ProductSummary {
  rank: MatchRank;
}

const COLUMNS = 'p.id, p.code, p.name, p.brands, p.quantity, p.nutriscore_grade, p.image_small_url';

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
 * Search never shows delisted products (gone from OFF, kept for favourites).
 * Exact, then prefix, then all-words matches on the folded name, most popular first within a rank.
 * Two statements so the costly one runs only when needed: the prefix arm
 * (products_name_search_prefix_idx, text_pattern_ops) fills most lists alone; the words arm
 * (`LIKE '%word%'` per word on products_name_search_trgm_idx) tops the list up only when it is short.
 */
export async function findProductsByName(
  db: Queryable,
  folded: string,
  limit: number,
): Promise<SearchMatch[]> {
  const prefix = `${escapeLike(folded)}%`;
  const byPrefix = await db.query<SummaryRow & { rank: MatchRank }>(
    `SELECT ${COLUMNS}, CASE WHEN p.name_search = $1 THEN 0 ELSE 1 END AS rank
     FROM products p
     WHERE p.name_search LIKE $2 AND p.delisted_at IS NULL
     ORDER BY rank, p.unique_scans_n DESC, p.name, p.code
     LIMIT $3`,
    [folded, prefix, limit],
  );
  const words = toSearchWords(folded);
  if (byPrefix.length >= limit || words.length === 0) return byPrefix.map(toMatch);
  const params: unknown[] = [prefix, limit - byPrefix.length];
  const wordConditions = words.map((word) => {
    params.push(`%${escapeLike(word)}%`);
    return `p.name_search LIKE $${params.length}`;
  });
  const byWords = await db.query<SummaryRow & { rank: MatchRank }>(
    `SELECT ${COLUMNS}, 2 AS rank
     FROM products p
     WHERE ${wordConditions.join(' AND ')} AND p.name_search NOT LIKE $1 AND p.delisted_at IS NULL
     ORDER BY p.unique_scans_n DESC, p.name, p.code
     LIMIT $2`,
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
 * query (`<%`, word similarity ≥ 0.6, served by products_name_search_trgm_idx), closest first.
 */
export async function findProductsWithCloseNames(
  db: Queryable,
  folded: string,
  limit: number,
): Promise<SearchMatch[]> {
  // Only short words ("à la", "de"): every name is "close", and the index cannot narrow it.
  if (toSearchWords(folded).length === 0) return [];
  const rows = await db.query<Parameters<typeof toProductSummary>[0]>(
    `SELECT ${COLUMNS} FROM products p
     WHERE $1 <% p.name_search AND p.delisted_at IS NULL
     ORDER BY $1 <<-> p.name_search, p.unique_scans_n DESC, p.code
     LIMIT $2`,
    [folded, limit],
  );
  return rows.map((row) => ({ ...toProductSummary(row), rank: 3 as const }));
}

/**
 * Autocomplete: distinct names starting with the typed text, most popular first. The prefix scan
 * (products_name_search_prefix_idx) is capped before the names are made distinct.
 */
export async function findNameSuggestions(db: Queryable, folded: string, limit: number): Promise<string[]> {
  const rows = await db.query<{ name: string; name_search: string }>(
    `SELECT p.name, p.name_search FROM products p
     WHERE p.name_search LIKE $1 AND p.delisted_at IS NULL
     ORDER BY p.unique_scans_n DESC, p.name_search
     LIMIT 100`,
    [`${escapeLike(folded)}%`],
  );
  const seen = new Map<string, string>();
  for (const row of rows) if (!seen.has(row.name_search)) seen.set(row.name_search, row.name);
  return [...seen.values()].slice(0, limit);
}
