-- Searches bounded at any catalogue size (issue 12, "every search under 20 ms alone at 1M").
-- Ranking a word's hits read one product_search row per hit: "chocolat", in 10 % of a
-- 1M-product catalogue, read 100,000 rows (430 ms). Each row now carries its product's
-- popularity band: 0 for the catalogue's 10,000 most popular products, 1 for the next 90,000,
-- 2 for the rest (the bands of the whole catalogue, not of each market: a small market's rows
-- would otherwise fill the narrow indexes, read and filtered out by every French search). A
-- search ranks the hits of the smallest bands that hold enough of them (src/search), each band
-- set with its own GIN index, so that a common word reads its hits among 10,000 products only.

-- Autocomplete walks the most popular names first and stops at a page ("ch" matches tens of
-- thousands of names; sorting them all took 30 ms at 1M), or reads a rare prefix's range
-- through product_suggestions_key: the planner picks by the prefix's selectivity. First: the
-- end of this file locks product_search, which should be short.
CREATE INDEX product_suggestions_popularity_idx ON product_suggestions (market, popularity DESC);

-- Built beside the view it replaces (a minute at 1M products), which searches keep reading
-- meanwhile; then swapped by name, so product_search is locked only for the swap. The same
-- columns as migration 011's, plus `band`: the previous release reads it unchanged during a
-- rolling deploy. search_words (014) reads `public.product_search` by name: unchanged.
CREATE MATERIALIZED VIEW product_search_banded AS
SELECT market, p.id AS product_id, p.name_search, p.unique_scans_n AS popularity,
  to_tsvector('simple', p.name_search) AS name_words,
  to_tsvector('simple', lower(public.f_unaccent(coalesce(p.brands, '')))) AS brand_words,
  to_tsvector('simple', concat_ws(' ', p.name_search, lower(public.f_unaccent(p.brands)),
    (SELECT string_agg(lower(public.f_unaccent(c.name)), ' ') FROM categories c WHERE c.id = ANY (p.category_ids))
  )) AS words,
  CASE WHEN p.position <= 10000 THEN 0 WHEN p.position <= 100000 THEN 1 ELSE 2 END AS band
FROM (
  SELECT products.*, row_number() OVER (ORDER BY unique_scans_n DESC, id) AS position
  FROM products
  WHERE delisted_at IS NULL
) p
CROSS JOIN LATERAL unnest(
  CASE WHEN cardinality(p.countries_tags) = 0 THEN ARRAY[''] ELSE p.countries_tags END) AS market
-- Stored in that order, as a first import refreshes it too (refreshReadModels): the 10,000
-- most popular products' rows are ~500 neighbouring pages, not scattered over all.
ORDER BY p.position, market;

-- Unique (REFRESH … CONCURRENTLY needs one).
CREATE UNIQUE INDEX product_search_banded_key ON product_search_banded (market, product_id);
-- Every row, the 100,000 most popular products' rows, the 10,000 most popular's: a query names
-- its bands as a constant (`band = 0`, `band <= 1`) so that the planner can use the narrow index.
CREATE INDEX product_search_banded_words_idx ON product_search_banded USING gin (words);
CREATE INDEX product_search_banded_top100k_idx ON product_search_banded USING gin (words) WHERE band <= 1;
CREATE INDEX product_search_banded_top10k_idx ON product_search_banded USING gin (words) WHERE band = 0;

DROP MATERIALIZED VIEW product_search;
ALTER MATERIALIZED VIEW product_search_banded RENAME TO product_search;
ALTER INDEX product_search_banded_key RENAME TO product_search_key;
ALTER INDEX product_search_banded_words_idx RENAME TO product_search_words_idx;
ALTER INDEX product_search_banded_top100k_idx RENAME TO product_search_words_top100k_idx;
ALTER INDEX product_search_banded_top10k_idx RENAME TO product_search_words_top10k_idx;

-- How many rows each band holds: a search ranked in band 0 or 1 tells the shopper that only the
-- most popular products are listed, unless no product lies beyond (a catalogue of 10,000).
-- Refreshed by refreshReadModels after product_search.
CREATE MATERIALIZED VIEW search_bands AS
SELECT band, count(*)::int AS rows FROM product_search GROUP BY band;
CREATE UNIQUE INDEX search_bands_key ON search_bands (band);
