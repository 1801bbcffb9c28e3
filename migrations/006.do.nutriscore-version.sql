-- The current Nutri-Score (issue 12): `nutriscore_grade` now holds the grade shown and compared,
-- the 2023 one when the record has it, else the older one; this says which. Rows written before
-- this release keep a null version until the next import or update rewrites them.
ALTER TABLE products
  ADD COLUMN nutriscore_version text CHECK (nutriscore_version IN ('2023', '2021')),
  -- OFF's "not-applicable" (waters, chewing gum, …): no grade, and not an unknown one either.
  ADD COLUMN nutriscore_not_applicable boolean NOT NULL DEFAULT false,
  ADD CHECK (NOT (nutriscore_not_applicable AND nutriscore_grade IS NOT NULL));
