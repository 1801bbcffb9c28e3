-- Search like a shopper (issue 12): brands and categories are searched as well as names, and
-- autocomplete shows the brand and folds near-duplicate names. Two read models beside those of
-- 005/007, refreshed by refreshReadModels with them; product_names stays for the typo fallback.

-- A name or brand as a shopper would not tell it apart: folded like `name_search` (accents,
-- case), then without spaces and punctuation, so "Coca Cola Zero" and "Coca-Cola Zero" are one
-- key. Only ASCII punctuation and a few typographic marks are dropped: PostgreSQL's [:punct:]
-- depends on the collation, and a letter must never be lost.
CREATE FUNCTION f_search_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(lower(public.f_unaccent($1)), '[[:space:][:punct:]’‘«»·–—]+', '', 'g') $$;

-- One row per product and market (as in 007: '' for a product whose countries are unknown).
-- `words`: the folded name, brands and category names as full-text words ('simple' dictionary:
-- no stemming, a brand is not French), matched by a prefix tsquery on its GIN index;
-- `name_words` and `brand_words` rank the hits (a product whose name and brand both match
-- first), and are read only for the hits.
CREATE MATERIALIZED VIEW product_search AS
SELECT market, p.id AS product_id, p.name_search, p.unique_scans_n AS popularity,
  to_tsvector('simple', p.name_search) AS name_words,
  to_tsvector('simple', lower(public.f_unaccent(coalesce(p.brands, '')))) AS brand_words,
  to_tsvector('simple', concat_ws(' ', p.name_search, lower(public.f_unaccent(p.brands)),
    (SELECT string_agg(lower(public.f_unaccent(c.name)), ' ') FROM categories c WHERE c.id = ANY (p.category_ids))
  )) AS words
FROM products p
CROSS JOIN LATERAL unnest(
  CASE WHEN cardinality(p.countries_tags) = 0 THEN ARRAY[''] ELSE p.countries_tags END) AS market
WHERE p.delisted_at IS NULL;

-- Unique (REFRESH … CONCURRENTLY needs one).
CREATE UNIQUE INDEX product_search_key ON product_search (market, product_id);
CREATE INDEX product_search_words_idx ON product_search USING gin (words);

-- Autocomplete: one row per market, name key and first brand's key, showing the most popular
-- spelling of each.
CREATE MATERIALIZED VIEW product_suggestions AS
SELECT market, f_search_key(name) AS name_key,
  coalesce(f_search_key(split_part(brands, ',', 1)), '') AS brand_key,
  (array_agg(name ORDER BY unique_scans_n DESC, id))[1] AS name,
  (array_agg(nullif(btrim(split_part(brands, ',', 1)), '') ORDER BY unique_scans_n DESC, id))[1] AS brand,
  max(unique_scans_n) AS popularity
FROM products
CROSS JOIN LATERAL unnest(
  CASE WHEN cardinality(countries_tags) = 0 THEN ARRAY[''] ELSE countries_tags END) AS market
WHERE delisted_at IS NULL
GROUP BY market, name_key, brand_key
ORDER BY market, name_key;

-- Unique, and text_pattern_ops for `name_key LIKE 'prefix%'` in a market.
CREATE UNIQUE INDEX product_suggestions_key
  ON product_suggestions (market, name_key text_pattern_ops, brand_key);
