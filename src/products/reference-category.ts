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

/**
 * With OFF's taxonomy, the search widens only to a parent at least this deep (a root is 0), on
 * top of never widening to BROAD_CATEGORIES: near-roots such as en:cheeses (depth 2) led a
 * camembert to a fromage blanc 0 % and a mozzarella. Measured on the real fixtures (bench:quality,
 * bench/results-log/2026-12-03-quality.md): 0 → 3 took the share of substitutes in the reference
 * category from 92.2 % to 96.5 % and coverage from 89.5 % to 85.6 %.
 */
export const MIN_WIDENING_DEPTH = 3;

/**
 * A taxonomy category carried by fewer listed products than this is too small a shelf to be the
 * reference while one of the product's broader categories is big enough: the deepest big-enough
 * one is taken instead. The rule reads only the catalogue's counts, never the grades, so the
 * page's "Même rayon" is never chosen by where a better product happens to be. On the real
 * fixtures it took coverage from 70–80 % (deepest category whatever its size) to 89.5 %
 * (bench/results-log/2026-12-03-quality.md); 5 gave 88.4 %.
 */
export const MIN_REFERENCE_PRODUCTS = 10;

export interface ProductCategoryFacts {
  id: number;
  tag: string;
  /** Products carrying it: the fewer, the more specific. */
  productCount: number;
  /** Its depth in OFF's stored taxonomy (0: a root); absent or null when the taxonomy does not know it. */
  depth?: number | null;
  /** Its parents in OFF's stored taxonomy. */
  parents?: readonly string[];
}

type Entry = { category: ProductCategoryFacts; position: number };

/**
 * The categories to search, in order: the reference category, then up to MAX_WIDENING_STEPS
 * broader ones, one parent at a time. `categoryIds` is the product's categories in OFF's order
 * (root first). The reference is `referenceId` (OFF's `compared_to_category`, or the deepest of
 * its `categories_hierarchy`, chosen at import) unless it is broad or unknown; else the
 * deepest of its categories in OFF's taxonomy carried by at least MIN_REFERENCE_PRODUCTS
 * products (then the one carried by the fewest);
 * else, with no taxonomy known, the category carried by the fewest products, taxonomised first,
 * the later one in OFF's order on a tie. Parents: with the taxonomy, the reference's own parents
 * among the product's categories, at least MIN_WIDENING_DEPTH deep, the one carried by the
 * fewest products first; without it, the product's other categories carried by at least as many
 * products (every product of a category also carries its parents), nearest first. Empty: no reference.
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
      (entry): entry is Entry => entry.category !== undefined && !BROAD_CATEGORIES.has(entry.category.tag),
    );
  const given = usable.find((entry) => entry.category.id === referenceId);
  const inTaxonomy = usable.filter((entry) => isInTaxonomy(entry.category));
  const bigEnough = inTaxonomy.filter((entry) => entry.category.productCount >= MIN_REFERENCE_PRODUCTS);
  const deepest = [...(bigEnough.length > 0 ? bigEnough : inTaxonomy)].sort(
    (a, b) =>
      (b.category.depth ?? 0) - (a.category.depth ?? 0) ||
      a.category.productCount - b.category.productCount ||
      b.position - a.position,
  )[0];
  // OFF's taxonomy tags are `en:`; other prefixes beside them are entries OFF could not match
  // (`fr:pates-a-tartiner` next to en:cocoa-and-hazelnuts-spreads), rare because misspelt rather
  // than specific. They are a reference only for a product that has nothing else.
  const taxonomised = usable.filter((entry) => entry.category.tag.startsWith('en:'));
  const fewest = [...(taxonomised.length > 0 ? taxonomised : usable)].sort(
    (a, b) => a.category.productCount - b.category.productCount || b.position - a.position,
  )[0];
  const reference = given ?? deepest ?? fewest;
  if (reference === undefined) return [];
  const parents = isInTaxonomy(reference.category)
    ? toTaxonomyParents(reference, usable)
    : usable
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

function isInTaxonomy(category: ProductCategoryFacts): boolean {
  return category.depth !== undefined && category.depth !== null;
}

/** One parent at a time up OFF's taxonomy, among the product's own categories. */
function toTaxonomyParents(reference: Entry, usable: readonly Entry[]): Entry[] {
  const chain: Entry[] = [];
  let current = reference;
  while (chain.length < MAX_WIDENING_STEPS) {
    const parentTags = new Set(current.category.parents ?? []);
    const next = usable
      .filter(
        (entry) => parentTags.has(entry.category.tag) && (entry.category.depth ?? 0) >= MIN_WIDENING_DEPTH,
      )
      .sort(
        (a, b) =>
          a.category.productCount - b.category.productCount ||
          (b.category.depth ?? 0) - (a.category.depth ?? 0),
      )[0];
    if (next === undefined) break;
    chain.push(next);
    current = next;
  }
  return chain;
}
