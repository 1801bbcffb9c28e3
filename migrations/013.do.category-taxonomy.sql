-- Open Food Facts' category taxonomy (issue 12): `categories.full.json`, stored by `import
-- --taxonomy`, the first start's starter catalogue and `update` (when it changed). The import
-- maps display-name categories to these tags and adds their ancestors; substitutes take the
-- deepest category as the reference and widen to its parents (src/products/reference-category.ts).
-- Apart from `categories` (the tags products carry): the taxonomy holds thousands of tags no
-- product uses, and is replaced whole when OFF publishes a new one.
CREATE TABLE taxonomy_categories (
  tag text PRIMARY KEY,
  name_fr text,
  name_en text,
  -- Parent tags, all present in this table.
  parents text[] NOT NULL DEFAULT '{}',
  -- Steps from a root along the longest path: 0 for a root; the deeper, the more specific.
  depth integer NOT NULL,
  -- Names and synonyms (French, English), lang-prefixed and folded: how display names find the tag.
  match_keys text[] NOT NULL DEFAULT '{}'
);

-- Which taxonomy is stored: one row, so that `update` downloads it but writes it only when it changed.
CREATE TABLE taxonomy_source (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  sha256 text NOT NULL,
  source text NOT NULL,
  categories integer NOT NULL,
  skipped integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
