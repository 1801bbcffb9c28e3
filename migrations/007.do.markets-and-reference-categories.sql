-- The shopper's market and the same kind of food (issue 12).
--
-- `countries_tags`: where Open Food Facts says the product is sold (`en:france`, …). Empty when
-- the record does not say (older or derived records): such a product is shown in every market
-- rather than hidden, since nothing says it is sold elsewhere.
-- `reference_category_id`: the category a substitute must share: OFF's `compared_to_category`,
-- else the deepest of `categories_hierarchy`; null when the record gives neither, and then the
-- product's category carried by the fewest products is used (src/products/substitutes.ts).
ALTER TABLE products
  ADD COLUMN countries_tags text[] NOT NULL DEFAULT '{}',
  ADD COLUMN reference_category_id integer REFERENCES categories (id);

-- The read models of migration 005, now per market: one row per market the product is sold in
-- ('' for a product whose countries are unknown), so that a search, an autocomplete or a
-- substitutes list for one market reads that market's rows by index, never the catalogue.
-- Same names, so refreshReadModels refreshes them as before.
DROP MATERIALIZED VIEW product_names;
CREATE MATERIALIZED VIEW product_names AS
SELECT market, name_search,
  (array_agg(name ORDER BY unique_scans_n DESC, id))[1] AS name,
  max(unique_scans_n) AS popularity
FROM products
CROSS JOIN LATERAL unnest(
  CASE WHEN cardinality(countries_tags) = 0 THEN ARRAY[''] ELSE countries_tags END) AS market
WHERE delisted_at IS NULL
GROUP BY market, name_search
ORDER BY market, name_search;

-- Unique (REFRESH … CONCURRENTLY needs one), and text_pattern_ops for `LIKE 'prefix%'` in a market.
CREATE UNIQUE INDEX product_names_market_name_key ON product_names (market, name_search text_pattern_ops);
-- `LIKE '%word%'` and the typo fallback's word similarity (`<%`), the market checked per row.
CREATE INDEX product_names_trgm_idx ON product_names USING gin (name_search gin_trgm_ops);
CREATE INDEX product_names_popularity_idx ON product_names (market, popularity DESC, name_search);

DROP MATERIALIZED VIEW category_top_products;
-- For each category, market and grade, its most popular products, at most 301 (see 005).
CREATE MATERIALIZED VIEW category_top_products AS
SELECT category_id, market, nutriscore_grade, unique_scans_n, product_id, code, category_ids
FROM (
  SELECT member.category_id, market, p.nutriscore_grade, p.unique_scans_n, p.id AS product_id, p.code,
    p.category_ids,
    row_number() OVER (
      PARTITION BY member.category_id, market, p.nutriscore_grade ORDER BY p.unique_scans_n DESC, p.id
    ) AS popularity_rank
  FROM products p
  CROSS JOIN LATERAL unnest(p.category_ids) AS member(category_id)
  CROSS JOIN LATERAL unnest(
    CASE WHEN cardinality(p.countries_tags) = 0 THEN ARRAY[''] ELSE p.countries_tags END) AS market
  WHERE p.delisted_at IS NULL AND p.nutriscore_grade IS NOT NULL
) ranked
WHERE popularity_rank <= 301
ORDER BY category_id, market, nutriscore_grade, unique_scans_n DESC, product_id;

CREATE UNIQUE INDEX category_top_products_key
  ON category_top_products (category_id, market, nutriscore_grade, product_id);
