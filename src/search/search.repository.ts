import type { Queryable } from '../db/db.js';
import type { ProductSummary } from '../product/product.js';
import { type SummaryRow, selectSummary, toProductSummary } from '../product/product-rows.js';
import { escapeLike, toQueryWords, type VocabularyWord } from './search-query.js';

export interface SearchMatch extends ProductSummary {
  rank: MatchTier;
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

/** How many nearest vocabulary words (by trigrams) the edit distance chooses among. */
const CANDIDATES = 20;

export interface WordLookup {
  word: string;
  /** A vocabulary word, or the start of one ("nute" of "nutella"): left as typed. */
  known: boolean;
  /** Product rows holding exactly this word (0 for a prefix or an unknown word). */
  frequency: number;
  /** For an unknown or rare word, its nearest vocabulary words by trigram distance. */
  candidates: VocabularyWord[];
}

/**
 * Looks `words` up in the catalogue's vocabulary (search_words, migration 014), in one statement:
 * a known word or prefix is a range read of search_words_word_key (`~>=~`/`~<~`, the byte order
 * of text_pattern_ops, bounded by U+10FFFF); an unknown one, or one held by `rareUpTo` product
 * rows or fewer, gets its nearest words in trigram distance, walked nearest first by the GiST
 * index, at most CANDIDATES each. Bounded by the words typed (at most 8), whatever the
 * catalogue's size.
 */
export async function lookUpWords(
  db: Queryable,
  words: readonly string[],
  rareUpTo = 0,
): Promise<WordLookup[]> {
  if (words.length === 0) return [];
  const rows = await db.query<{
    word: string;
    known: boolean;
    frequency: number;
    candidate: string | null;
    candidate_frequency: number | null;
  }>(
    // MATERIALIZED: each word is looked up once, not once per candidate row (the planner
    // otherwise pulls the lookups up into the join: 60 probes for 3 words, seen at 1M).
    `WITH q AS MATERIALIZED (
       SELECT q.word, q.position,
         EXISTS (
           SELECT 1 FROM search_words v WHERE v.word ~>=~ q.word AND v.word ~<~ (q.word || chr(1114111))
         ) AS known,
         -- ~>=~ and ~<=~ rather than =, which the planner took to the slower GiST index.
         coalesce((SELECT v.frequency FROM search_words v WHERE v.word ~>=~ q.word AND v.word ~<=~ q.word), 0)
           AS frequency
       FROM unnest($1::text[]) WITH ORDINALITY AS q(word, position)
     )
     SELECT q.word, q.known, q.frequency, c.word AS candidate, c.frequency AS candidate_frequency
     FROM q
     LEFT JOIN LATERAL (
       SELECT v.word, v.frequency, v.word <-> q.word AS distance
       FROM search_words v
       WHERE NOT q.known OR q.frequency BETWEEN 1 AND $3
       ORDER BY v.word <-> q.word
       LIMIT $2
     ) c ON true
     ORDER BY q.position, c.distance, c.word`,
    [words, CANDIDATES, rareUpTo],
  );
  const lookups = new Map<string, WordLookup>();
  for (const row of rows) {
    let lookup = lookups.get(row.word);
    if (lookup === undefined) {
      lookup = { word: row.word, known: row.known, frequency: Number(row.frequency), candidates: [] };
      lookups.set(row.word, lookup);
    }
    if (row.candidate !== null) {
      lookup.candidates.push({ word: row.candidate, frequency: Number(row.candidate_frequency) });
    }
  }
  return [...lookups.values()];
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
