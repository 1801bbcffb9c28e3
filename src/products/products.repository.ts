import type { Queryable } from '../db/db.js';
import type { ProductSheet, Substitute } from '../product/product.js';
import {
  type SheetRow,
  type SubstituteRow,
  selectSheet,
  selectSubstitute,
  toProductSheet,
  toSubstitute,
} from '../product/product-rows.js';
import { type ProductCategoryFacts, toCategoryChain } from './reference-category.js';

/** products_code_key */
export async function findProductByCode(db: Queryable, code: string): Promise<ProductSheet | null> {
  const [row] = await db.query<SheetRow>(
    `SELECT ${selectSheet('p')} FROM products p WHERE p.code = $1`,
    [code],
    { prepareAs: 'find-product-by-code' },
  );
  return row === undefined ? null : toProductSheet(row);
}

/** Products in the catalogue (delisted included), as of the last import or update (migration 005). */
export async function countProducts(db: Queryable): Promise<number> {
  const [row] = await db.query<{ products: number }>('SELECT products FROM catalogue_size');
  return row?.products ?? 0;
}

export interface CategoryFacts extends ProductCategoryFacts {
  /** French name when Open Food Facts gave one, else one derived from the tag. */
  name: string;
}

export interface SubstitutesPage {
  /** The categories searched in order (reference first, then broader ones); empty: no reference. */
  chain: CategoryFacts[];
  /** The category the substitutes share: one of `chain`, null when none held a better product. */
  category: CategoryFacts | null;
  items: Substitute[];
  /** Substitutes in `category` (pages = ceil(total / page size)), also for a page past the last. */
  total: number;
}

/** The product as the substitutes search needs it. */
export type SubstitutesTarget = Pick<
  ProductSheet,
  'id' | 'nutriscoreGrade' | 'categoryIds' | 'referenceCategoryId'
>;

/**
 * Products sold in `markets` with a strictly better Nutri-Score (the grade shown) sharing the
 * product's reference category (toCategoryChain); only when it holds none, the next broader
 * category of the chain, one at a time. Ranked by how many of the product's categories they
 * share, then grade, then popularity. Never padded.
 *
 * Bounded work, never a catalogue scan: one read of the product's categories by primary key, then
 * per category searched one read of category_top_products (at most 301 rows per category, market
 * and grade, by its unique index); products are read for the page's rows only.
 */
export async function findSubstitutes(
  db: Queryable,
  product: SubstitutesTarget,
  markets: readonly string[],
  page: { limit: number; offset: number },
): Promise<SubstitutesPage> {
  const categories = await findCategoryFacts(db, product.categoryIds);
  const chain = toCategoryChain(product.categoryIds, categories, product.referenceCategoryId).map(
    (facts) => categories.find((category) => category.id === facts.id) as CategoryFacts,
  );
  if (product.nutriscoreGrade === null || product.nutriscoreGrade === 'a') {
    return { chain, category: null, items: [], total: 0 };
  }
  for (const category of chain) {
    const found = await findBetterInCategory(db, product, category.id, markets, page);
    const total =
      found.total > 0 || page.offset === 0
        ? found.total
        : (await findBetterInCategory(db, product, category.id, markets, { limit: 1, offset: 0 })).total;
    if (total > 0) return { chain, category, items: found.items, total };
  }
  return { chain, category: null, items: [], total: 0 };
}

/**
 * Whether the substitutes pages offer `candidate` for `product`: a strictly better grade, sold in
 * `markets`, in the category the substitutes search settles on (findSubstitutes).
 */
export async function isOfferedSubstitute(
  db: Queryable,
  product: SubstitutesTarget,
  candidate: Pick<ProductSheet, 'id' | 'nutriscoreGrade' | 'categoryIds' | 'countries'>,
  markets: readonly string[],
): Promise<boolean> {
  const { nutriscoreGrade: grade } = product;
  if (grade === null || candidate.nutriscoreGrade === null || candidate.nutriscoreGrade >= grade)
    return false;
  if (candidate.id === product.id) return false;
  const soldThere = markets.some((market) =>
    market === '' ? candidate.countries.length === 0 : candidate.countries.includes(market),
  );
  if (!soldThere) return false;
  const found = await findSubstitutes(db, product, markets, { limit: 1, offset: 0 });
  return found.category !== null && candidate.categoryIds.includes(found.category.id);
}

/** categories_pkey, taxonomy_categories_pkey */
async function findCategoryFacts(db: Queryable, ids: readonly number[]): Promise<CategoryFacts[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{
    id: number;
    tag: string;
    name: string;
    product_count: number;
    depth: number | null;
    parents: string[] | null;
  }>(
    `SELECT c.id, c.tag, c.name, c.product_count, t.depth, t.parents
     FROM categories c LEFT JOIN taxonomy_categories t ON t.tag = c.tag
     WHERE c.id = ANY ($1::int[])`,
    [ids],
    { prepareAs: 'find-category-facts-with-taxonomy' },
  );
  return rows.map((row) => ({
    id: row.id,
    tag: row.tag,
    name: row.name,
    productCount: row.product_count,
    depth: row.depth,
    parents: row.parents ?? [],
  }));
}

/** category_top_products_key: (category, market, grade) ranges, at most 301 rows each. */
async function findBetterInCategory(
  db: Queryable,
  product: SubstitutesTarget,
  categoryId: number,
  markets: readonly string[],
  page: { limit: number; offset: number },
): Promise<{ items: Substitute[]; total: number }> {
  const rows = await db.query<SubstituteRow & { total: number }>(
    `WITH candidates AS (
       SELECT DISTINCT top.product_id, top.code, top.nutriscore_grade, top.unique_scans_n, top.category_ids
       FROM category_top_products top
       WHERE top.category_id = $1 AND top.market = ANY ($2::text[]) AND top.nutriscore_grade < $3
         AND top.product_id <> $4
     ),
     page AS (
       SELECT candidate.product_id, candidate.code, candidate.nutriscore_grade, candidate.unique_scans_n,
         (SELECT count(*) FROM unnest(candidate.category_ids) AS shared WHERE shared = ANY ($5::int[])) AS shared,
         count(*) OVER ()::int AS total
       FROM candidates candidate
       ORDER BY shared DESC, candidate.nutriscore_grade, candidate.unique_scans_n DESC, candidate.code
       LIMIT $6 OFFSET $7
     )
     SELECT ${selectSubstitute('p')}, page.total
     FROM page JOIN products p ON p.id = page.product_id
     ORDER BY page.shared DESC, page.nutriscore_grade, page.unique_scans_n DESC, page.code`,
    [categoryId, markets, product.nutriscoreGrade, product.id, product.categoryIds, page.limit, page.offset],
    // Planning this statement cost a third of running it (0.3 of 1 ms at 1M products).
    { prepareAs: 'find-better-in-category' },
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map(toSubstitute),
  };
}
