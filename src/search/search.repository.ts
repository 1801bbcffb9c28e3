import type { Queryable } from '../db/db.js';
import type { ProductSummary } from '../product/product.js';
import { type SummaryRow, selectSummary, toProductSummary } from '../product/product-rows.js';
import {
  escapeLike,
  isVocabularyWord,
  type PrefixWords,
  toIndexQuery,
  toQueryWords,
  type VocabularyWord,
} from './search-query.js';

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
  /**
   * Only the most popular products matching were ranked (a word held by thousands): the shopper
   * is told so, and that more words narrow the search.
   */
  capped: boolean;
}

/**
 * Migration 015's popularity bands: the catalogue's 10,000 most popular products, its 100,000,
 * all; each with the predicate of its GIN index (none for all).
 */
const BANDS = [
  { band: 0, rows: 's.band = 0' },
  { band: 1, rows: 's.band <= 1' },
  { band: 2, rows: null },
] as const;
/** A search widens to the next band while the one read holds fewer hits than this (5 pages). */
const ENOUGH_HITS = 100;

/**
 * Search never shows delisted products (gone from OFF, kept for favourites). Names, brands and
 * category names are searched as words (GIN over a tsvector), the last-typed prefix of each word
 * included. Products whose name and brand both match come first ("lindt excellence"), then exact
 * names, then names holding every word, then brand or category matches, most popular first
 * within a tier. Hits are ranked among the catalogue's 10,000 most popular products, else its
 * 100,000, else all, the first band that holds ENOUGH_HITS: a common word costs what its hits
 * among 10,000 products cost ("chocolat": 5 ms, not 430, at 1M), and a rare one what it has.
 */
export async function findProducts(
  db: Queryable,
  folded: string,
  markets: readonly string[],
  page: { limit: number; offset: number },
): Promise<FoundProducts> {
  const words = toQueryWords(folded);
  if (words.length === 0) return { items: [], total: 0, capped: false };
  const vocabulary = await lookUpPrefixes(db, words);
  const request = { folded, words, indexQuery: toIndexQuery(words, vocabulary), markets, page };
  // A query matches at most the rows of its rarest word: with fewer than ENOUGH_HITS, no band
  // but the last can hold enough ("boeuf bourguignon charolais": one statement, not three).
  const mostHits = Math.min(...[...vocabulary.values()].map((prefix) => prefix.hits));
  const bands = mostHits < ENOUGH_HITS ? BANDS.slice(-1) : BANDS;
  let found: FoundProducts = { items: [], total: 0, capped: false };
  for (const band of bands) {
    found = await findInBand(db, band, request);
    if (found.total >= ENOUGH_HITS) break;
  }
  return found;
}

interface SearchRequest {
  folded: string;
  /** toQueryWords of `folded`. */
  words: string[];
  /** toIndexQuery of `words`. */
  indexQuery: string;
  markets: readonly string[];
  page: { limit: number; offset: number };
}

/**
 * One statement for the page, the count of all hits even past the last page (its one row then
 * has no product: a page past the end is not a band without hits), and whether bands past this
 * one hold products (search_bands): a catalogue of 10,000 products is never capped.
 */
async function findInBand(
  db: Queryable,
  { band, rows: bandRows }: (typeof BANDS)[number],
  { folded, words, indexQuery, markets, page }: SearchRequest,
): Promise<FoundProducts> {
  const indexed = 's.words @@ $7::tsquery';
  const rows = await db.query<BandRow>(
    `WITH hits AS MATERIALIZED (
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
       -- ts_match_vq is @@ as a function: a filter on the rows the index found, never an index
       -- condition, which would read every row id of each prefix (toIndexQuery).
       WHERE s.market = ANY ($1::text[]) AND ${bandRows === null ? indexed : `${bandRows} AND ${indexed}`}
         AND ts_match_vq(s.words, every_word)
     ),
     -- Ranked on the narrow read-model rows; only the page's products are read.
     page AS (
       SELECT * FROM hits h
       ORDER BY h.rank, h.popularity DESC, h.name_search, h.product_id
       LIMIT $2 OFFSET $6
     )
     SELECT (SELECT count(*) FROM hits)::int AS total,
       EXISTS (SELECT FROM search_bands b WHERE b.band > $8) AS capped,
       ${COLUMNS}, page.rank, page.exact_name
     FROM (SELECT) AS always_one_row
     LEFT JOIN (page JOIN products p ON p.id = page.product_id) ON true
     ORDER BY page.rank, page.popularity DESC, page.name_search, page.product_id`,
    [markets, page.limit, folded, words.join(' & '), words.join(' | '), page.offset, indexQuery, band],
  );
  const [first] = rows;
  return {
    items: rows.filter((row): row is BandRow & SearchRow => row.id != null).map(toMatch),
    total: Number(first?.total ?? 0),
    capped: first?.capped === true,
  };
}

/** A prefix starting more vocabulary words than this is left to the filter (toIndexQuery). */
const MAX_PREFIX_WORDS = 32;

/**
 * For toIndexQuery: each prefix term's words in the vocabulary (search_words, the lexemes of
 * product_search), a range read of search_words_word_key each.
 */
async function lookUpPrefixes(db: Queryable, terms: readonly string[]): Promise<Map<string, PrefixWords>> {
  const prefixes = terms.filter((term) => term.endsWith(':*') && isVocabularyWord(term.slice(0, -2)));
  if (prefixes.length === 0) return new Map();
  const rows = await db.query<{ term: string; hits: number; words: string[] | null }>(
    `SELECT q.term, coalesce(sum(v.frequency), 0)::float8 AS hits,
       CASE WHEN count(v.word) <= $3 THEN array_remove(array_agg(v.word ORDER BY v.word), NULL) END AS words
     FROM unnest($1::text[], $2::text[]) AS q(term, prefix)
     LEFT JOIN search_words v ON v.word ~>=~ q.prefix AND v.word ~<~ (q.prefix || chr(1114111))
     GROUP BY q.term`,
    [prefixes, prefixes.map((term) => term.slice(0, -2)), MAX_PREFIX_WORDS],
  );
  return new Map(rows.map((row) => [row.term, { hits: Number(row.hits), words: row.words }]));
}

type SearchRow = SummaryRow & { rank: MatchTier; exact_name: boolean };
/** findInBand's rows: without a product for a page past the end. */
type BandRow = Partial<SearchRow> & { total: number; capped: boolean };

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
 * wildcard in it (punctuation is dropped). Each market's `limit` most popular names are read
 * apart (a short prefix walks product_suggestions_popularity_idx and stops there), which is
 * enough: a name among the first `limit` of all markets is among the first of its own.
 */
export async function findNameSuggestions(
  db: Queryable,
  key: string,
  limit: number,
  markets: readonly string[],
): Promise<NameSuggestion[]> {
  if (key === '') return [];
  return db.query<NameSuggestion>(
    `SELECT (array_agg(s.name ORDER BY s.popularity DESC))[1] AS name,
       (array_agg(s.brand ORDER BY s.popularity DESC))[1] AS brand
     FROM unnest($1::text[]) AS m(market)
     CROSS JOIN LATERAL (
       SELECT name, brand, name_key, brand_key, popularity
       FROM product_suggestions
       WHERE market = m.market AND name_key LIKE $3
       ORDER BY popularity DESC, name_key, brand_key
       LIMIT $2
     ) s
     GROUP BY s.name_key, s.brand_key
     ORDER BY max(s.popularity) DESC, s.name_key, s.brand_key
     LIMIT $2`,
    [markets, limit, `${escapeLike(key)}%`],
  );
}
