// What a substitute improves over the product it replaces, per 100 g: "−9 g de sucres / 100 g".
import { frProducts } from '../web/strings.fr.js';
import type { NutrientFacts } from './products.repository.js';

const NUTRIENTS = ['sugars', 'fat', 'saturatedFat', 'salt'] as const;
/** Differences smaller than this are noise in OFF data, not an improvement worth saying. */
const MIN_DIFFERENCE: Record<(typeof NUTRIENTS)[number], number> = {
  sugars: 0.5,
  fat: 0.5,
  saturatedFat: 0.3,
  salt: 0.05,
};

export interface Improvement {
  nutrient: (typeof NUTRIENTS)[number];
  /** Grams per 100 g less in the substitute. */
  less: number;
  text: string;
}

/** The clearest improvements first (largest relative drop), at most `max`. */
export function toImprovements(product: NutrientFacts, substitute: NutrientFacts, max = 3): Improvement[] {
  const found: (Improvement & { relative: number })[] = [];
  for (const nutrient of NUTRIENTS) {
    const before = product[nutrient];
    const after = substitute[nutrient];
    if (before === null || after === null) continue;
    const less = before - after;
    if (less < MIN_DIFFERENCE[nutrient]) continue;
    found.push({
      nutrient,
      less,
      relative: less / before,
      text: frProducts.improvement(
        formatGrams(less, nutrient === 'salt'),
        frProducts.nutrientsLower[nutrient],
      ),
    });
  }
  return found
    .sort((a, b) => b.relative - a.relative)
    .slice(0, max)
    .map(({ relative: _relative, ...improvement }) => improvement);
}

// Made once: toLocaleString builds a formatter on every call, a measurable share of a
// substitutes page (up to 18 amounts each).
const GRAMS = [0, 1, 2].map((digits) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }));

export function formatGrams(value: number, fine = false): string {
  const digits = fine || value < 1 ? 2 : value < 10 ? 1 : 0;
  return (GRAMS[digits] as Intl.NumberFormat).format(value);
}
