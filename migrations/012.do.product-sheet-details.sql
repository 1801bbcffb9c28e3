-- A richer product sheet (issue 12): what shoppers look for beside the Nutri-Score. Written by the
-- importer from OFF's ecoscore_grade, allergens_tags, additives_tags, ingredients_text(_fr) and
-- labels_tags; rows written before this release show "non renseigné" until the next import or update.
ALTER TABLE products
  -- The Green-Score (formerly Eco-Score): a-plus, a…f, or OFF's not-applicable; null when unknown.
  ADD COLUMN ecoscore_grade text
    CHECK (ecoscore_grade IN ('a-plus', 'a', 'b', 'c', 'd', 'e', 'f', 'not-applicable')),
  -- OFF tags (en:gluten, en:e322, en:organic); null when the record does not say, which is not
  -- the same as an empty list (none).
  ADD COLUMN allergens_tags text[],
  ADD COLUMN additives_tags text[],
  ADD COLUMN labels_tags text[],
  ADD COLUMN ingredients_text text;
