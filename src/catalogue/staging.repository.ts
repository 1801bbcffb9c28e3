// Imports write to temporary staging tables first, then merge them into the catalogue in the
// same transaction: readers see the old catalogue until the commit, and a failure changes nothing.
import type { Queryable } from '../db/db.js';
import type { CatalogueProduct } from './product.js';

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** Per transaction: the tables vanish at commit or rollback. */
export async function createStagingTable(tx: Queryable): Promise<void> {
  await tx.query(`
    CREATE TEMP TABLE staged_products (
      code text PRIMARY KEY,
      name text NOT NULL,
      generic_name text,
      brands text,
      quantity text,
      nutriscore_grade char(1),
      nutriscore_score smallint,
      nova_group smallint,
      energy_kcal_100g real,
      fat_100g real,
      saturated_fat_100g real,
      sugars_100g real,
      salt_100g real,
      fiber_100g real,
      proteins_100g real,
      fat_level text,
      saturated_fat_level text,
      sugars_level text,
      salt_level text,
      image_url text,
      image_small_url text,
      off_url text NOT NULL,
      unique_scans_n integer NOT NULL,
      last_modified_at timestamptz,
      category_tags text[] NOT NULL,
      category_names text[] NOT NULL,
      category_names_official boolean[] NOT NULL
    ) ON COMMIT DROP`);
}

/**
 * One statement per batch: the rows travel as a single JSON parameter, which both drivers send
 * as-is and PostgreSQL expands with jsonb_to_recordset (a few thousand rows per round trip).
 * A later record with the same code replaces an earlier one, as in OFF's export order.
 */
export async function stageProducts(tx: Queryable, products: readonly CatalogueProduct[]): Promise<void> {
  const rows = [...new Map(products.map((product) => [product.code, toStagedRow(product)])).values()];
  await tx.query(
    `INSERT INTO staged_products
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
       code text, name text, generic_name text, brands text, quantity text,
       nutriscore_grade char(1), nutriscore_score smallint, nova_group smallint,
       energy_kcal_100g real, fat_100g real, saturated_fat_100g real, sugars_100g real,
       salt_100g real, fiber_100g real, proteins_100g real,
       fat_level text, saturated_fat_level text, sugars_level text, salt_level text,
       image_url text, image_small_url text, off_url text, unique_scans_n integer,
       last_modified_at timestamptz, category_tags text[], category_names text[],
       category_names_official boolean[])
     ON CONFLICT (code) DO UPDATE SET
       (name, generic_name, brands, quantity, nutriscore_grade, nutriscore_score, nova_group,
        energy_kcal_100g, fat_100g, saturated_fat_100g, sugars_100g, salt_100g, fiber_100g,
        proteins_100g, fat_level, saturated_fat_level, sugars_level, salt_level, image_url,
        image_small_url, off_url, unique_scans_n, last_modified_at, category_tags, category_names,
        category_names_official)
     = (EXCLUDED.name, EXCLUDED.generic_name, EXCLUDED.brands, EXCLUDED.quantity,
        EXCLUDED.nutriscore_grade, EXCLUDED.nutriscore_score, EXCLUDED.nova_group,
        EXCLUDED.energy_kcal_100g, EXCLUDED.fat_100g, EXCLUDED.saturated_fat_100g,
        EXCLUDED.sugars_100g, EXCLUDED.salt_100g, EXCLUDED.fiber_100g, EXCLUDED.proteins_100g,
        EXCLUDED.fat_level, EXCLUDED.saturated_fat_level, EXCLUDED.sugars_level,
        EXCLUDED.salt_level, EXCLUDED.image_url, EXCLUDED.image_small_url, EXCLUDED.off_url,
        EXCLUDED.unique_scans_n, EXCLUDED.last_modified_at, EXCLUDED.category_tags,
        EXCLUDED.category_names, EXCLUDED.category_names_official)`,
    [JSON.stringify(rows)],
  );
}

/** New tags get a name; a name from OFF replaces one derived from the tag, never the reverse. */
export async function mergeStagedCategories(tx: Queryable): Promise<void> {
  await tx.query(`
    INSERT INTO categories (tag, name, name_is_official)
    SELECT DISTINCT ON (c.tag) c.tag, c.name, c.official
    FROM staged_products s,
         unnest(s.category_tags, s.category_names, s.category_names_official) AS c(tag, name, official)
    ORDER BY c.tag, c.official DESC
    ON CONFLICT (tag) DO UPDATE SET name = EXCLUDED.name, name_is_official = true
    WHERE EXCLUDED.name_is_official
      AND (NOT categories.name_is_official OR categories.name <> EXCLUDED.name)`);
}

/** Upsert by barcode; rows whose data did not change are left alone (no dead tuples, no churn). */
export async function mergeStagedProducts(tx: Queryable): Promise<MergeCounts> {
  const [counts] = await tx.query<{ added: number; updated: number; staged: number }>(`
    WITH merged AS (
      INSERT INTO products (
        code, name, generic_name, brands, quantity, nutriscore_grade, nutriscore_score, nova_group,
        energy_kcal_100g, fat_100g, saturated_fat_100g, sugars_100g, salt_100g, fiber_100g,
        proteins_100g, fat_level, saturated_fat_level, sugars_level, salt_level, image_url,
        image_small_url, off_url, unique_scans_n, last_modified_at)
      SELECT
        code, name, generic_name, brands, quantity, nutriscore_grade, nutriscore_score, nova_group,
        energy_kcal_100g, fat_100g, saturated_fat_100g, sugars_100g, salt_100g, fiber_100g,
        proteins_100g, fat_level, saturated_fat_level, sugars_level, salt_level, image_url,
        image_small_url, off_url, unique_scans_n, last_modified_at
      FROM staged_products
      ON CONFLICT (code) DO UPDATE SET
        (name, generic_name, brands, quantity, nutriscore_grade, nutriscore_score, nova_group,
         energy_kcal_100g, fat_100g, saturated_fat_100g, sugars_100g, salt_100g, fiber_100g,
         proteins_100g, fat_level, saturated_fat_level, sugars_level, salt_level, image_url,
         image_small_url, off_url, unique_scans_n, last_modified_at, updated_at)
      = (EXCLUDED.name, EXCLUDED.generic_name, EXCLUDED.brands, EXCLUDED.quantity,
         EXCLUDED.nutriscore_grade, EXCLUDED.nutriscore_score, EXCLUDED.nova_group,
         EXCLUDED.energy_kcal_100g, EXCLUDED.fat_100g, EXCLUDED.saturated_fat_100g,
         EXCLUDED.sugars_100g, EXCLUDED.salt_100g, EXCLUDED.fiber_100g, EXCLUDED.proteins_100g,
         EXCLUDED.fat_level, EXCLUDED.saturated_fat_level, EXCLUDED.sugars_level,
         EXCLUDED.salt_level, EXCLUDED.image_url, EXCLUDED.image_small_url, EXCLUDED.off_url,
         EXCLUDED.unique_scans_n, EXCLUDED.last_modified_at, now())
      WHERE (products.name, products.generic_name, products.brands, products.quantity,
             products.nutriscore_grade, products.nutriscore_score, products.nova_group,
             products.energy_kcal_100g, products.fat_100g, products.saturated_fat_100g,
             products.sugars_100g, products.salt_100g, products.fiber_100g, products.proteins_100g,
             products.fat_level, products.saturated_fat_level, products.sugars_level,
             products.salt_level, products.image_url, products.image_small_url, products.off_url,
             products.unique_scans_n, products.last_modified_at)
        IS DISTINCT FROM
            (EXCLUDED.name, EXCLUDED.generic_name, EXCLUDED.brands, EXCLUDED.quantity,
             EXCLUDED.nutriscore_grade, EXCLUDED.nutriscore_score, EXCLUDED.nova_group,
             EXCLUDED.energy_kcal_100g, EXCLUDED.fat_100g, EXCLUDED.saturated_fat_100g,
             EXCLUDED.sugars_100g, EXCLUDED.salt_100g, EXCLUDED.fiber_100g, EXCLUDED.proteins_100g,
             EXCLUDED.fat_level, EXCLUDED.saturated_fat_level, EXCLUDED.sugars_level,
             EXCLUDED.salt_level, EXCLUDED.image_url, EXCLUDED.image_small_url, EXCLUDED.off_url,
             EXCLUDED.unique_scans_n, EXCLUDED.last_modified_at)
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS added,
           count(*) FILTER (WHERE NOT inserted)::int AS updated,
           (SELECT count(*)::int FROM staged_products) AS staged
    FROM merged`);
  const added = counts?.added ?? 0;
  const updated = counts?.updated ?? 0;
  return { added, updated, unchanged: (counts?.staged ?? 0) - added - updated };
}

/** The staged products' category links become exactly what the source says, in its order. */
export async function replaceStagedProductCategories(tx: Queryable): Promise<void> {
  await tx.query(`
    CREATE TEMP TABLE staged_links ON COMMIT DROP AS
    SELECT p.id AS product_id, c.id AS category_id, (t.ord - 1)::smallint AS depth
    FROM staged_products s
    JOIN products p ON p.code = s.code
    CROSS JOIN LATERAL unnest(s.category_tags) WITH ORDINALITY AS t(tag, ord)
    JOIN categories c ON c.tag = t.tag`);
  await tx.query(`
    DELETE FROM product_categories pc
    USING products p, staged_products s
    WHERE pc.product_id = p.id AND p.code = s.code
      AND NOT EXISTS (
        SELECT 1 FROM staged_links l WHERE l.product_id = pc.product_id AND l.category_id = pc.category_id)`);
  await tx.query(`
    INSERT INTO product_categories (product_id, category_id, depth)
    SELECT product_id, category_id, depth FROM staged_links
    ON CONFLICT (product_id, category_id) DO UPDATE SET depth = EXCLUDED.depth
    WHERE product_categories.depth <> EXCLUDED.depth`);
}

/** Keeps `categories.product_count` true after a merge (specificity for substitutes). */
export async function refreshCategoryCounts(tx: Queryable): Promise<void> {
  await tx.query(`
    UPDATE categories c SET product_count = coalesce(n.count, 0)
    FROM categories c2
    LEFT JOIN (SELECT category_id, count(*)::int AS count FROM product_categories GROUP BY category_id) n
      ON n.category_id = c2.id
    WHERE c.id = c2.id AND c.product_count <> coalesce(n.count, 0)`);
}

function toStagedRow(product: CatalogueProduct) {
  const { nutriments: n, nutrientLevels: levels } = product;
  return {
    code: product.code,
    name: product.name,
    generic_name: product.genericName,
    brands: product.brands,
    quantity: product.quantity,
    nutriscore_grade: product.nutriscoreGrade,
    nutriscore_score: product.nutriscoreScore,
    nova_group: product.novaGroup,
    energy_kcal_100g: n.energyKcal,
    fat_100g: n.fat,
    saturated_fat_100g: n.saturatedFat,
    sugars_100g: n.sugars,
    salt_100g: n.salt,
    fiber_100g: n.fiber,
    proteins_100g: n.proteins,
    fat_level: levels.fat,
    saturated_fat_level: levels.saturatedFat,
    sugars_level: levels.sugars,
    salt_level: levels.salt,
    image_url: product.imageUrl,
    image_small_url: product.imageSmallUrl,
    off_url: product.offUrl,
    unique_scans_n: product.uniqueScansN,
    last_modified_at: product.lastModifiedT === null ? null : new Date(product.lastModifiedT * 1000).toISOString(),
    category_tags: product.categories.map((category) => category.tag),
    category_names: product.categories.map((category) => category.name ?? toCategoryName(category.tag)),
    category_names_official: product.categories.map((category) => category.name !== null),
  };
}

/** `en:sweet-spreads` → "Sweet spreads": a readable stand-in until OFF gives the French name. */
export function toCategoryName(tag: string): string {
  const words = tag.replace(/^[a-z]{2,3}:/, '').replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1) || tag;
}
