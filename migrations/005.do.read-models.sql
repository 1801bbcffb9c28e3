-- Read models for search, autocomplete, substitutes and the catalogue size at a million products
-- (issue 5).
-- Materialized views, refreshed CONCURRENTLY (readers are never blocked) at the end of every
-- import and update, inside its transaction: readers see them change with the catalogue, at its
-- commit (refreshReadModels). Old code still works on this schema (the dropped indexes only
-- make its queries slower during a rolling release).

-- One row per distinct folded name, most popular first within a name. Search, typo fallback and
-- autocomplete rank these narrow rows (a few per 8 KB page) instead of reading every matching
-- product row (about one per page), then fetch the products of the best names only. Stored in
-- name order, so a prefix is a run of adjacent pages.
CREATE MATERIALIZED VIEW product_names AS
SELECT name_search,
  (array_agg(name ORDER BY unique_scans_n DESC, id))[1] AS name,
  max(unique_scans_n) AS popularity
FROM products
WHERE delisted_at IS NULL
GROUP BY name_search
ORDER BY name_search;

-- Unique (REFRESH … CONCURRENTLY needs one), and text_pattern_ops for `LIKE 'prefix%'`.
CREATE UNIQUE INDEX product_names_name_search_key ON product_names (name_search text_pattern_ops);
-- `LIKE '%word%'` and the typo fallback's word similarity (`<%`).
CREATE INDEX product_names_trgm_idx ON product_names USING gin (name_search gin_trgm_ops);
-- Most popular first: for a word found in many names ("bio"), walking names in popularity order
-- finds the first 20 sooner than ranking all that contain it (the planner picks per word).
CREATE INDEX product_names_popularity_idx ON product_names (popularity DESC, name_search);

-- The products of one name, most popular first.
CREATE INDEX products_name_popularity_idx ON products (name_search, unique_scans_n DESC);

-- Substitutes' candidates: for each category and grade, its most popular products, at most 301
-- (the substitutes query takes the 300 most popular better products of a category, the product
-- itself excluded). A broad category of 300,000 products is then a few hundred rows read by
-- index, not 300,000 product rows filtered and sorted.
CREATE MATERIALIZED VIEW category_top_products AS
SELECT category_id, nutriscore_grade, unique_scans_n, product_id, code, category_ids
FROM (
  SELECT member.category_id, p.nutriscore_grade, p.unique_scans_n, p.id AS product_id, p.code, p.category_ids,
    row_number() OVER (
      PARTITION BY member.category_id, p.nutriscore_grade ORDER BY p.unique_scans_n DESC, p.id
    ) AS popularity_rank
  FROM products p
  CROSS JOIN LATERAL unnest(p.category_ids) AS member(category_id)
  WHERE p.delisted_at IS NULL AND p.nutriscore_grade IS NOT NULL
) ranked
WHERE popularity_rank <= 301
ORDER BY category_id, nutriscore_grade, unique_scans_n DESC, product_id;

CREATE UNIQUE INDEX category_top_products_key ON category_top_products (category_id, nutriscore_grade, product_id);

-- Replaced by the read models above: the name indexes by product_names, the popularity walk
-- (which autocomplete used to filter the whole catalogue in popularity order) by both. Fewer
-- indexes on products also make imports cheaper.
DROP INDEX products_name_search_prefix_idx;
DROP INDEX products_name_search_trgm_idx;
DROP INDEX products_popularity_idx;

-- The catalogue's size, for the home page and /metrics: count(*) reads every product (~100 ms
-- at a million, on each signed-in visit to the home page).
CREATE MATERIALIZED VIEW catalogue_size AS SELECT count(*)::int AS products FROM products;
-- One row; REFRESH … CONCURRENTLY needs a unique index all the same.
CREATE UNIQUE INDEX catalogue_size_key ON catalogue_size (products);
