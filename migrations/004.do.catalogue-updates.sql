-- The weekly refresh (`pur-beurre update`): delisted products, and what each run applied.

-- Products Open Food Facts no longer has (found by a full reconciliation) are delisted, never
-- deleted: a favourite may point at them ("plus référencé"). Search and substitutes must read
-- listed products only (`delisted_at IS NULL`); a product that comes back is listed again.
ALTER TABLE products ADD COLUMN delisted_at timestamptz;

-- No index here: delisted products are few, so `delisted_at IS NULL` filters cheaply next to the
-- search and substitutes indexes; a partial index `WHERE delisted_at IS NULL` is for the queries
-- that measure it worth having.

ALTER TABLE import_runs
  -- Products delisted by a full reconciliation (0 for imports and delta updates).
  ADD COLUMN products_delisted integer NOT NULL DEFAULT 0,
  -- Update runs: `deltas` (OFF's daily delta files) or `full` (the whole export).
  ADD COLUMN update_mode text CHECK (update_mode IN ('deltas', 'full')),
  -- Names of the delta files applied, in the order applied (empty for a full run or a no-op).
  ADD COLUMN deltas_applied text[] NOT NULL DEFAULT '{}',
  -- OFF changes up to this time are in the catalogue: the next update starts after it.
  ADD COLUMN covered_until timestamptz;

CREATE INDEX import_runs_update_success_idx ON import_runs (covered_until DESC)
  WHERE kind = 'update' AND status = 'succeeded';
