// Which category a substitute must share with the product ("the same kind of food"), and how far
// the search may widen when that category holds no better product.

/**
 * Categories too broad to compare within: the roots and near-roots of OFF's category taxonomy
 * (https://static.openfoodfacts.org/data/taxonomies/categories.full.json). Sharing one of these
 * says nothing about the kind of food: butter and olive oil are both "fats", Nutella and muesli
 * both "breakfasts", Orangina and Evian both "beverages". Never a reference, never widened to.
 * The one list: keep additions here.
 */
export const BROAD_CATEGORIES: ReadonlySet<string> = new Set([
  'en:plant-based-foods-and-beverages',
  'en:plant-based-foods',
  'en:plant-based-beverages',
  'en:beverages',
  'en:beverages-and-beverages-preparations',
  'en:non-alcoholic-beverages',
  'en:alcoholic-beverages',
  'en:dairies',
  'en:fats',
  'en:snacks',
  'en:sweet-snacks',
  'en:salty-snacks',
  'en:breakfasts',
  'en:desserts',
  'en:meals',
  'en:groceries',
  'en:condiments',
  'en:sauces',
  'en:fermented-foods',
  'en:fermented-milk-products',
  'en:sweeteners',
  'en:spreads',
  'en:frozen-foods',
  'en:canned-foods',
  'en:meats-and-their-products',
  'en:meats',
  'en:seafood',
  'en:fishes-and-their-products',
  'en:cereals-and-potatoes',
  'en:cereals-and-their-products',
  'en:fruits-and-vegetables-based-foods',
  'en:vegetables-based-foods',
  'en:fruits-based-foods',
  'en:legumes-and-their-products',
  'en:farming-products',
  'en:foods-for-specific-diets',
  'en:dietary-supplements',
  'en:baby-foods',
  'en:specific-products',
  'en:unsweetened-beverages',
  'en:sweetened-beverages',
  'en:artificially-sweetened-beverages',
  'en:dried-products',
  'en:dried-products-to-be-rehydrated',
  'en:cocoa-and-its-products',
  'en:prepared-meats',
  'en:biscuits-and-cakes',
  'en:confectioneries',
  // The same roots as French display names become tags (`fr:produits-laitiers`, …).
  'fr:boissons',
  'fr:produits-laitiers',
  'fr:snacks',
  'fr:snacks-sucres',
  'fr:snacks-sales',
  'fr:petit-dejeuners',
  'fr:aliments-et-boissons-a-base-de-vegetaux',
  'fr:aliments-d-origine-vegetale',
  'fr:produits-fermentes',
  'fr:produits-laitiers-fermentes',
  'fr:epicerie',
  'fr:desserts',
  'fr:plats-prepares',
  'fr:matieres-grasses',
  'fr:produits-a-tartiner',
  'fr:biscuits-et-gateaux',
  'fr:confiseries',
  'fr:viandes',
  'fr:surgeles',
  'fr:conserves',
]);

/**
 * Widening stops after this many steps up: on the real OFF fixtures a second step already led a
 * camembert to a mozzarella (camemberts → soft cheeses with bloomy rind → cow cheeses).
 */
export const MAX_WIDENING_STEPS = 1;

export interface ProductCategoryFacts {
  id: number;
  tag: string;
  /** Products carrying it: the fewer, the more specific. */
  productCount: number;
}

/**
 * The categories to search, in order: the reference category, then up to MAX_WIDENING_STEPS
 * broader ones, one parent at a time. `categoryIds` is the product's categories in OFF's order
 * (root first). The reference is `referenceId` (OFF's `compared_to_category`, or the deepest of
 * its `categories_hierarchy`, chosen at import) unless it is broad or unknown; else the
 * product's category carried by the fewest products (no hierarchy known), taxonomised first, the
 * later one in OFF's order on a tie. Parents: the product's other categories carried by at least as many products
 * (every product of a category also carries its parents), nearest first. Empty: no reference.
 */
export function toCategoryChain(
  categoryIds: readonly number[],
  categories: readonly ProductCategoryFacts[],
  referenceId: number | null,
): ProductCategoryFacts[] {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const usable = categoryIds
    .map((id, position) => ({ category: byId.get(id), position }))
    .filter(
      (entry): entry is { category: ProductCategoryFacts; position: number } =>
        entry.category !== undefined && !BROAD_CATEGORIES.has(entry.category.tag),
    );
  const given = usable.find((entry) => entry.category.id === referenceId);
  // OFF's taxonomy tags are `en:`; other prefixes beside them are entries OFF could not match
  // (`fr:pates-a-tartiner` next to en:cocoa-and-hazelnuts-spreads), rare because misspelt rather
  // than specific. They are a reference only for a product that has nothing else.
  const taxonomised = usable.filter((entry) => entry.category.tag.startsWith('en:'));
  const mostSpecific = [...(taxonomised.length > 0 ? taxonomised : usable)].sort(
    (a, b) => a.category.productCount - b.category.productCount || b.position - a.position,
  )[0];
  const reference = given ?? mostSpecific;
  if (reference === undefined) return [];
  const parents = usable
    .filter(
      (entry) =>
        entry !== reference &&
        entry.category.productCount >= reference.category.productCount &&
        // With a hierarchy (the reference chosen at import), parents come before it in OFF's order.
        (given === undefined || entry.position < reference.position),
    )
    .sort((a, b) => a.category.productCount - b.category.productCount || b.position - a.position)
    .slice(0, MAX_WIDENING_STEPS);
  return [reference.category, ...parents.map((entry) => entry.category)];
}
