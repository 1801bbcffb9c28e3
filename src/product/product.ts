// The product model, shared by every layer: what an import writes (`CatalogueProduct`, which
// `toCatalogueProduct` in `src/off/off-record.ts` maps every OFF shape to) and what the site reads
// back (`ProductSummary` on cards and lists, `ProductSheet` on the product page, `Substitute`).
// How they travel to and from `products` rows is `product-rows.ts`, beside this file.

export const NUTRISCORE_GRADES = ['a', 'b', 'c', 'd', 'e'] as const;
export type NutriscoreGrade = (typeof NUTRISCORE_GRADES)[number];

/**
 * Which Nutri-Score computation a grade comes from: OFF's 2023 algorithm, or the older one
 * (2017, revised 2021) that `nutriscore_grade` still carries on records OFF has not recomputed.
 */
export const NUTRISCORE_VERSIONS = ['2023', '2021'] as const;
export type NutriscoreVersion = (typeof NUTRISCORE_VERSIONS)[number];

/** The Green-Score (OFF's `ecoscore_grade`, formerly Eco-Score): A+ to F. */
export const GREEN_SCORE_GRADES = ['a-plus', 'a', 'b', 'c', 'd', 'e', 'f'] as const;
export type GreenScoreGrade = (typeof GREEN_SCORE_GRADES)[number];

export type NovaGroup = 1 | 2 | 3 | 4;

/** What the sheet shows beside the Nutri-Score (migration 012); lists are OFF tags (`en:gluten`). */
export interface ProductDetails {
  novaGroup: NovaGroup | null;
  greenScoreGrade: GreenScoreGrade | null;
  /** OFF says the Green-Score does not apply (waters, …): not the same as unknown. */
  greenScoreNotApplicable: boolean;
  /** Null when the record does not say (not the same as none). */
  allergens: string[] | null;
  additives: string[] | null;
  labels: string[] | null;
  /** In French when the record has it, else in the product's main language. */
  ingredientsText: string | null;
}

export const NUTRIENT_LEVELS = ['low', 'moderate', 'high'] as const;
export type NutrientLevel = (typeof NUTRIENT_LEVELS)[number];

/** Per 100 g (or 100 ml) as sold; null when OFF does not know. */
export interface Nutriments {
  energyKcal: number | null;
  fat: number | null;
  saturatedFat: number | null;
  sugars: number | null;
  salt: number | null;
  fiber: number | null;
  proteins: number | null;
}

/** The nutrients OFF grades low/moderate/high, and substitutes are compared on. */
export type LevelledNutrient = 'fat' | 'saturatedFat' | 'sugars' | 'salt';

export type NutrientLevels = Record<LevelledNutrient, NutrientLevel | null>;

/** Per 100 g (or 100 ml), the nutrients a substitute is compared on. */
export type NutrientFacts = Pick<Nutriments, LevelledNutrient>;

export interface ProductCategory {
  /** OFF tag, e.g. `en:sweet-spreads` or an untaxonomised `fr:pates-a-tartiner`. */
  tag: string;
  /** Display name in French when the source gives one (API `categories_tags_fr`), else null. */
  name: string | null;
}

export interface CatalogueProduct extends ProductDetails {
  /** Barcode, digits only, leading zeros kept. */
  code: string;
  name: string;
  genericName: string | null;
  brands: string | null;
  quantity: string | null;
  /** The grade shown and compared: the 2023 one when the record has it, else the older one. */
  nutriscoreGrade: NutriscoreGrade | null;
  /** Which computation `nutriscoreGrade` (or `nutriscoreNotApplicable`) comes from; null when unknown. */
  nutriscoreVersion: NutriscoreVersion | null;
  /** OFF says the Nutri-Score does not apply (waters, chewing gum, infant food…): not the same as unknown. */
  nutriscoreNotApplicable: boolean;
  nutriscoreScore: number | null;
  nutriments: Nutriments;
  nutrientLevels: NutrientLevels;
  /** Front picture, 400 px. */
  imageUrl: string | null;
  /** Front picture, 200 px. */
  imageSmallUrl: string | null;
  offUrl: string;
  /** Popularity: OFF's `unique_scans_n`, 0 when unknown. */
  uniqueScansN: number;
  /** Unix seconds of OFF's last change, null when unknown. */
  lastModifiedT: number | null;
  /** OFF's order: most general first, most specific last. */
  categories: ProductCategory[];
  /**
   * The tag of the category substitutes are compared within: OFF's `compared_to_category`, else
   * the deepest of `categories_hierarchy`; null when the record gives neither (then the category
   * with the fewest products is used, see src/products/reference-category.ts).
   */
  referenceCategory: string | null;
  /** Where it is sold, OFF's tags (`en:france`); empty when the record does not say. */
  countries: string[];
  /** A drink (OFF's beverages, or `fr:boissons` from display names): compared per 100 ml. */
  isBeverage: boolean;
}

/** Outcome of mapping one raw OFF record. */
export type RecordResult = { ok: true; product: CatalogueProduct } | { ok: false; reason: string };

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

export interface ProductSheet extends ProductSummary, ProductDetails {
  nutriscoreVersion: NutriscoreVersion | null;
  genericName: string | null;
  imageUrl: string | null;
  offUrl: string;
  nutriments: Nutriments;
  levels: NutrientLevels;
  categoryIds: number[];
  /** OFF's `compared_to_category` or deepest category, when the record gave one (migration 007). */
  referenceCategoryId: number | null;
  /** Where it is sold (OFF's `countries_tags`); empty when unknown. */
  countries: string[];
  /** Compared per 100 ml. */
  isBeverage: boolean;
  /** OFF's last change when known (`dataDateIsImport` false), else when we last wrote the row. */
  dataDate: Date;
  dataDateIsImport: boolean;
  /** Gone from Open Food Facts: kept only because favourites point at it. */
  delisted: boolean;
}

export interface Substitute extends ProductSummary {
  nutriments: NutrientFacts;
}
