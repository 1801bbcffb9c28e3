-- The catalogue: Open Food Facts products, their categories, and the import runs that fill them.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes it safe
-- to use in a stored generated column and its indexes.
CREATE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE TABLE products (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{1,24}$'),
  name text NOT NULL CHECK (name <> ''),
  -- Accent- and case-folded name: the search paths (LIKE prefix, trigram, full text) read this.
  name_search text GENERATED ALWAYS AS (lower(f_unaccent(name))) STORED,
  generic_name text,
  brands text,
  quantity text,
  nutriscore_grade char(1) CHECK (nutriscore_grade IN ('a', 'b', 'c', 'd', 'e')),
  nutriscore_score smallint,
  nova_group smallint CHECK (nova_group BETWEEN 1 AND 4),
  energy_kcal_100g real,
  fat_100g real,
  saturated_fat_100g real,
  sugars_100g real,
  salt_100g real,
  fiber_100g real,
  proteins_100g real,
  fat_level text CHECK (fat_level IN ('low', 'moderate', 'high')),
  saturated_fat_level text CHECK (saturated_fat_level IN ('low', 'moderate', 'high')),
  sugars_level text CHECK (sugars_level IN ('low', 'moderate', 'high')),
  salt_level text CHECK (salt_level IN ('low', 'moderate', 'high')),
  image_url text,
  image_small_url text,
  off_url text NOT NULL,
  unique_scans_n integer NOT NULL DEFAULT 0,
  last_modified_at timestamptz,
  -- The product's categories (categories.id), in OFF's order: most general first, most specific
  -- last. An array rather than a join table: substitutes are a containment query (`&&`, `@>`)
  -- on one GIN index, and a bulk import writes one row per product instead of five.
  category_ids integer[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Name search: prefix (`LIKE 'nute%'`) and substring/typo (trigram) on the folded name.
CREATE INDEX products_name_search_prefix_idx ON products (name_search text_pattern_ops);
CREATE INDEX products_name_search_trgm_idx ON products USING gin (name_search gin_trgm_ops);
-- Popular products first when ranks tie (search results, starter lists).
CREATE INDEX products_popularity_idx ON products (unique_scans_n DESC);

CREATE TABLE categories (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tag text NOT NULL UNIQUE,
  name text NOT NULL,
  -- True when `name` came from Open Food Facts (French), false when derived from the tag.
  name_is_official boolean NOT NULL DEFAULT false,
  -- Products in the category: the fewer, the more specific (substitutes rank on it).
  product_count integer NOT NULL DEFAULT 0
);

-- Substitutes: products sharing a category (containment), filtered by grade.
CREATE INDEX products_category_ids_idx ON products USING gin (category_ids);

CREATE TABLE import_runs (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('import', 'update')),
  source text NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  records_read integer NOT NULL DEFAULT 0,
  records_rejected integer NOT NULL DEFAULT 0,
  products_added integer NOT NULL DEFAULT 0,
  products_updated integer NOT NULL DEFAULT 0,
  products_unchanged integer NOT NULL DEFAULT 0,
  error text
);

CREATE INDEX import_runs_started_idx ON import_runs (started_at DESC);
