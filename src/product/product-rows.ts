// How the product model travels to and from `products` rows: snake_case columns in SQL,
// camelCase in TypeScript, converted here only. Each column list is written once; the
// repositories derive their SELECT lists and the import its INSERT from these.
import type {
  CatalogueProduct,
  GreenScoreGrade,
  NovaGroup,
  NutrientLevel,
  NutriscoreGrade,
  NutriscoreVersion,
  ProductSheet,
  ProductSummary,
  Substitute,
} from './product.js';

/**
 * The markets a shopper of `country` sees: products sold there, and products whose countries
 * Open Food Facts does not record ('' in the read models, migration 007).
 */
export function toMarkets(country: string): string[] {
  return [country, ''];
}

/**
 * Where a product's substitutes may come from: a product Open Food Facts says is sold in
 * `country` gets only products it says are sold there too (a shopper there can buy them);
 * a product whose countries are not recorded, the shopper's markets (`toMarkets`).
 */
export function toSubstituteMarkets(country: string, productCountries: readonly string[]): string[] {
  return productCountries.includes(country) ? [country] : toMarkets(country);
}

/** What `toProductSummary` reads. */
const SUMMARY_COLUMNS = [
  'id',
  'code',
  'name',
  'brands',
  'quantity',
  'nutriscore_grade',
  'nutriscore_not_applicable',
  'image_small_url',
] as const;

export type SummaryRow = {
  id: number;
  code: string;
  name: string;
  brands: string | null;
  quantity: string | null;
  nutriscore_grade: NutriscoreGrade | null;
  nutriscore_not_applicable: boolean;
  image_small_url: string | null;
};

/** `p.id, p.code, …`: the columns of `toProductSummary`, from `products` aliased `alias`. */
export function selectSummary(alias = 'p'): string {
  return SUMMARY_COLUMNS.map((column) => `${alias}.${column}`).join(', ');
}

/** The same columns as one JSON object, for rows that hold several products (favourites). */
export function selectSummaryObject(alias: string): string {
  return `jsonb_build_object(${SUMMARY_COLUMNS.map((column) => `'${column}', ${alias}.${column}`).join(', ')})`;
}

export function toProductSummary(row: SummaryRow): ProductSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    brands: row.brands,
    quantity: row.quantity,
    nutriscoreGrade: row.nutriscore_grade,
    nutriscoreNotApplicable: row.nutriscore_not_applicable,
    imageSmallUrl: row.image_small_url,
  };
}

export type SubstituteRow = SummaryRow & {
  fat_100g: number | null;
  saturated_fat_100g: number | null;
  sugars_100g: number | null;
  salt_100g: number | null;
};

/** The columns of `toSubstitute`: a card and the nutrients it is compared on. */
export function selectSubstitute(alias = 'p'): string {
  return `${selectSummary(alias)}, ${alias}.fat_100g, ${alias}.saturated_fat_100g, ${alias}.sugars_100g, ${alias}.salt_100g`;
}

export function toSubstitute(row: SubstituteRow): Substitute {
  return {
    ...toProductSummary(row),
    nutriments: {
      fat: row.fat_100g,
      saturatedFat: row.saturated_fat_100g,
      sugars: row.sugars_100g,
      salt: row.salt_100g,
    },
  };
}

export type SheetRow = SubstituteRow & {
  nutriscore_version: NutriscoreVersion | null;
  generic_name: string | null;
  image_url: string | null;
  off_url: string;
  energy_kcal_100g: number | null;
  fiber_100g: number | null;
  proteins_100g: number | null;
  fat_level: NutrientLevel | null;
  saturated_fat_level: NutrientLevel | null;
  sugars_level: NutrientLevel | null;
  salt_level: NutrientLevel | null;
  category_ids: number[];
  reference_category_id: number | null;
  countries_tags: string[];
  is_beverage: boolean;
  data_date: Date;
  data_date_is_import: boolean;
  delisted: boolean;
  nova_group: NovaGroup | null;
  ecoscore_grade: GreenScoreGrade | 'not-applicable' | null;
  allergens_tags: string[] | null;
  additives_tags: string[] | null;
  labels_tags: string[] | null;
  ingredients_text: string | null;
};

/** The columns of `toProductSheet`, the product page. */
export function selectSheet(alias = 'p'): string {
  const p = alias;
  return `${selectSubstitute(p)}, ${p}.nutriscore_version, ${p}.generic_name, ${p}.image_url, ${p}.off_url,
    ${p}.energy_kcal_100g, ${p}.fiber_100g, ${p}.proteins_100g, ${p}.fat_level, ${p}.saturated_fat_level,
    ${p}.sugars_level, ${p}.salt_level, ${p}.category_ids, ${p}.reference_category_id, ${p}.countries_tags,
    ${p}.is_beverage, coalesce(${p}.last_modified_at, ${p}.updated_at) AS data_date,
    ${p}.last_modified_at IS NULL AS data_date_is_import, ${p}.delisted_at IS NOT NULL AS delisted,
    ${p}.nova_group, ${p}.ecoscore_grade, ${p}.allergens_tags, ${p}.additives_tags, ${p}.labels_tags,
    ${p}.ingredients_text`;
}

export function toProductSheet(row: SheetRow): ProductSheet {
  const substitute = toSubstitute(row);
  return {
    ...substitute,
    nutriscoreVersion: row.nutriscore_version,
    genericName: row.generic_name,
    imageUrl: row.image_url,
    offUrl: row.off_url,
    nutriments: {
      energyKcal: row.energy_kcal_100g,
      ...substitute.nutriments,
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
    referenceCategoryId: row.reference_category_id,
    countries: row.countries_tags,
    isBeverage: row.is_beverage,
    dataDate: new Date(row.data_date),
    dataDateIsImport: row.data_date_is_import,
    delisted: row.delisted,
    novaGroup: row.nova_group,
    greenScoreGrade: row.ecoscore_grade === 'not-applicable' ? null : row.ecoscore_grade,
    greenScoreNotApplicable: row.ecoscore_grade === 'not-applicable',
    allergens: row.allergens_tags,
    additives: row.additives_tags,
    labels: row.labels_tags,
    ingredientsText: row.ingredients_text,
  };
}

/**
 * Every column an import writes, in the order of `toProductRow`, with the type the JSON row is
 * read as (`jsonb_to_recordset`). `code` is the conflict key; the others are what an update
 * replaces and compares.
 */
export const WRITTEN_COLUMNS = {
  code: 'text',
  name: 'text',
  generic_name: 'text',
  brands: 'text',
  quantity: 'text',
  nutriscore_grade: 'char(1)',
  nutriscore_version: 'text',
  nutriscore_not_applicable: 'boolean',
  nutriscore_score: 'smallint',
  nova_group: 'smallint',
  energy_kcal_100g: 'real',
  fat_100g: 'real',
  saturated_fat_100g: 'real',
  sugars_100g: 'real',
  salt_100g: 'real',
  fiber_100g: 'real',
  proteins_100g: 'real',
  fat_level: 'text',
  saturated_fat_level: 'text',
  sugars_level: 'text',
  salt_level: 'text',
  image_url: 'text',
  image_small_url: 'text',
  off_url: 'text',
  unique_scans_n: 'integer',
  last_modified_at: 'timestamptz',
  category_ids: 'integer[]',
  reference_category_id: 'integer',
  countries_tags: 'text[]',
  is_beverage: 'boolean',
  ecoscore_grade: 'text',
  allergens_tags: 'text[]',
  additives_tags: 'text[]',
  labels_tags: 'text[]',
  ingredients_text: 'text',
} as const;

export type ProductRow = { [column in keyof typeof WRITTEN_COLUMNS]: unknown };

/** The category ids of a product, resolved from its tags by the import. */
export interface ProductCategoryIds {
  categoryIds: number[];
  referenceCategoryId: number | null;
}

export function toProductRow(product: CatalogueProduct, categories: ProductCategoryIds): ProductRow {
  const { nutriments: n, nutrientLevels: levels } = product;
  return {
    code: product.code,
    name: product.name,
    generic_name: product.genericName,
    brands: product.brands,
    quantity: product.quantity,
    nutriscore_grade: product.nutriscoreGrade,
    nutriscore_version: product.nutriscoreVersion,
    nutriscore_not_applicable: product.nutriscoreNotApplicable,
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
    last_modified_at:
      product.lastModifiedT === null ? null : new Date(product.lastModifiedT * 1000).toISOString(),
    category_ids: categories.categoryIds,
    reference_category_id: categories.referenceCategoryId,
    countries_tags: product.countries,
    is_beverage: product.isBeverage,
    ecoscore_grade: product.greenScoreNotApplicable ? 'not-applicable' : product.greenScoreGrade,
    allergens_tags: product.allergens,
    additives_tags: product.additives,
    labels_tags: product.labels,
    ingredients_text: product.ingredientsText,
  };
}
