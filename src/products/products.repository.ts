import type { NutrientLevel, NutriscoreGrade, NutriscoreVersion } from '../catalogue/product.js';
import type { Queryable } from '../db/db.js';

/** What a card or a list line shows. */
export interface ProductSummary {
  id: number;
  code: string;
  name: string;
  brands: string | null;
  quantity: string | null;
  /** The grade shown and compared (2023 when known, else the older one). */
  nutriscoreGrade: NutriscoreGrade | null;
  /** No grade because OFF says the Nutri-Score does not apply (not "unknown"). */
  nutriscoreNotApplicable: boolean;
  imageSmallUrl: string | null;
}

export interface NutrientFacts {
  fat: number | null;
  saturatedFat: number | null;
  sugars: number | null;
  salt: number | null;
}

export interface ProductSheet extends ProductSummary {
  nutriscoreVersion: NutriscoreVersion | null;
  genericName: string | null;
  imageUrl: string | null;
  offUrl: string;
  nutriments: NutrientFacts & { energyKcal: number | null; fiber: number | null; proteins: number | null };
  levels: Record<keyof NutrientFacts, NutrientLevel | null>;
  categoryIds: number[];
  /** OFF's last change when known (`dataDateIsImport` false), else when we last wrote the row. */
  dataDate: Date;
  dataDateIsImport: boolean;
  /** Gone from Open Food Facts: kept only because favourites point at it. */
  delisted: boolean;
}

export interface Substitute extends ProductSummary {
  nutriments: NutrientFacts;
}

export interface SubstitutesPage {
  items: Substitute[];
  /**
   * Substitutes in the bounded candidate set (pages = ceil(total / page size)); 0 for a page past
   * the last one, which has no rows to carry the count (its address is a 404 anyway).
   */
  total: number;
}

const SUMMARY_COLUMNS =
  'p.id, p.code, p.name, p.brands, p.quantity, p.nutriscore_grade, p.nutriscore_not_applicable, p.image_small_url';

type SummaryRow = {
  id: number;
  code: string;
  name: string;
  brands: string | null;
  quantity: string | null;
  nutriscore_grade: NutriscoreGrade | null;
  /** Absent from queries that only list graded products (favourites). */
  nutriscore_not_applicable?: boolean;
  image_small_url: string | null;
};

export function toProductSummary(row: SummaryRow): ProductSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    brands: row.brands,
    quantity: row.quantity,
    nutriscoreGrade: row.nutriscore_grade,
    nutriscoreNotApplicable: row.nutriscore_not_applicable ?? false,
    imageSmallUrl: row.image_small_url,
  };
}

type SheetRow = SummaryRow & {
  nutriscore_version: NutriscoreVersion | null;
  generic_name: string | null;
  image_url: string | null;
  off_url: string;
  energy_kcal_100g: number | null;
  fat_100g: number | null;
  saturated_fat_100g: number | null;
  sugars_100g: number | null;
  salt_100g: number | null;
  fiber_100g: number | null;
  proteins_100g: number | null;
  fat_level: NutrientLevel | null;
  saturated_fat_level: NutrientLevel | null;
  sugars_level: NutrientLevel | null;
  salt_level: NutrientLevel | null;
  category_ids: number[];
  data_date: Date;
  data_date_is_import: boolean;
  delisted: boolean;
};

/** products_code_key */
export async function findProductByCode(db: Queryable, code: string): Promise<ProductSheet | null> {
  const [row] = await db.query<SheetRow>(
    `SELECT ${SUMMARY_COLUMNS}, p.nutriscore_version, p.generic_name, p.image_url, p.off_url, p.energy_kcal_100g, p.fat_100g,
       p.saturated_fat_100g, p.sugars_100g, p.salt_100g, p.fiber_100g, p.proteins_100g, p.fat_level,
       p.saturated_fat_level, p.sugars_level, p.salt_level, p.category_ids,
       coalesce(p.last_modified_at, p.updated_at) AS data_date, p.last_modified_at IS NULL AS data_date_is_import,
       p.delisted_at IS NOT NULL AS delisted
     FROM products p WHERE p.code = $1`,
    [code],
    { prepareAs: 'find-product-by-code' },
  );
  if (row === undefined) return null;
  return {
    ...toProductSummary(row),
    nutriscoreVersion: row.nutriscore_version,
    genericName: row.generic_name,
    imageUrl: row.image_url,
    offUrl: row.off_url,
    nutriments: {
      energyKcal: row.energy_kcal_100g,
      fat: row.fat_100g,
      saturatedFat: row.saturated_fat_100g,
      sugars: row.sugars_100g,
      salt: row.salt_100g,
      fiber: row.fiber_100g,
      proteins: row.proteins_100g,
    },
    levels: {
      fat: row.fat_level,
      saturatedFat: row.saturated_fat_level,
      sugars: row.sugars_level,
      salt: row.salt_level,
    },
    categoryIds: row.category_ids,
    dataDate: new Date(row.data_date),
    dataDateIsImport: row.data_date_is_import,
    delisted: row.delisted,
  };
}

/**
 * The candidate set grows from the product's most specific category to broader ones while the
 * categories taken so far hold fewer than this many products (at most 6 categories)…
 */
const SEED_PRODUCTS = 1_000;
const MAX_SEED_CATEGORIES = 6;
/**
 * …and takes at most this many (most popular) better products from each: category_top_products
 * keeps one more per category and grade (migration 005), for the product itself.
 */
const CANDIDATES_PER_SEED = 300;

/**
 * Products with a strictly better Nutri-Score sharing categories with the product, ranked by the
 * categories they share weighted most specific first (weight 2^-rank, rank 0 = the category with
 * the fewest products: one more specific shared category outweighs all the broader ones), then
 * by grade, then popularity. Never padded: a candidate must share a category and be better.
 *
 * Bounded work, never a catalogue scan: candidates come only from the product's most specific
 * categories, taken until they hold about SEED_PRODUCTS products, each read from
 * category_top_products (at most 301 rows per grade, by index) rather than from its products;
 * products are read for the page's rows only.
 */
export async function findSubstitutes(
  db: Queryable,
  productId: number,
  page: { limit: number; offset: number },
): Promise<SubstitutesPage> {
  const rows = await db.query<
    SummaryRow & {
      fat_100g: number | null;
      saturated_fat_100g: number | null;
      sugars_100g: number | null;
      salt_100g: number | null;
      total: number;
    }
  >(
    `WITH target AS (
       -- Nothing beats an A: no need to look.
       SELECT id, nutriscore_grade, category_ids FROM products WHERE id = $1 AND nutriscore_grade > 'a'
     ),
     ranked_categories AS (
       SELECT c.id, c.product_count, row_number() OVER (
           ORDER BY c.product_count, array_position(t.category_ids, c.id) DESC) - 1 AS rank
       FROM target t JOIN categories c ON c.id = ANY (t.category_ids)
     ),
     seeds AS (
       SELECT id FROM (
         SELECT id, rank, sum(product_count) OVER (ORDER BY rank) - product_count AS products_before
         FROM ranked_categories
       ) r
       WHERE products_before < ${SEED_PRODUCTS} AND rank < ${MAX_SEED_CATEGORIES}
     ),
     candidates AS (
       SELECT DISTINCT candidate.*
       FROM seeds seed
       CROSS JOIN target t
       CROSS JOIN LATERAL (
         SELECT top.product_id, top.code, top.nutriscore_grade, top.unique_scans_n, top.category_ids
         FROM category_top_products top
         WHERE top.category_id = seed.id AND top.nutriscore_grade < t.nutriscore_grade AND top.product_id <> t.id
         ORDER BY top.unique_scans_n DESC, top.product_id
         LIMIT ${CANDIDATES_PER_SEED}
       ) candidate
     ),
     page AS (
       SELECT candidate.product_id, candidate.code, candidate.nutriscore_grade, candidate.unique_scans_n,
         (SELECT sum(power(2::float8, -rc.rank)) FROM ranked_categories rc
          WHERE rc.id = ANY (candidate.category_ids)) AS score,
         count(*) OVER ()::int AS total
       FROM candidates candidate
       ORDER BY score DESC, candidate.nutriscore_grade, candidate.unique_scans_n DESC, candidate.code
       LIMIT $2 OFFSET $3
     )
     SELECT ${SUMMARY_COLUMNS}, p.fat_100g, p.saturated_fat_100g, p.sugars_100g, p.salt_100g, page.total
     FROM page JOIN products p ON p.id = page.product_id
     ORDER BY page.score DESC, page.nutriscore_grade, page.unique_scans_n DESC, page.code`,
    [productId, page.limit, page.offset],
    // Planning this statement cost a third of running it (0.3 of 1 ms at 1M products).
    { prepareAs: 'find-substitutes' },
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((row) => ({
      ...toProductSummary(row),
      nutriments: {
        fat: row.fat_100g,
        saturatedFat: row.saturated_fat_100g,
        sugars: row.sugars_100g,
        salt: row.salt_100g,
      },
    })),
  };
}
