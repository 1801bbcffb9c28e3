// How a substitute compares with the product it replaces, per 100 g (100 ml for drinks), nutrient
// by nutrient: "−9 g de sucres / 100 g", and the increases too ("+2 g de sel / 100 g").

import type { NutrientFacts } from '../product/product.js';
import { frProducts } from '../web/strings.fr.js';

const NUTRIENTS = ['sugars', 'fat', 'saturatedFat', 'salt'] as const;
/** Differences smaller than this are noise in OFF data, not a change worth saying. */
const MIN_DIFFERENCE: Record<(typeof NUTRIENTS)[number], number> = {
  sugars: 0.5,
  fat: 0.5,
  saturatedFat: 0.3,
  salt: 0.05,
};

export interface Improvement {
  nutrient: (typeof NUTRIENTS)[number];
  /** Grams per 100 g (or 100 ml) in the substitute minus the product's: negative is less. */
  change: number;
  text: string;
}

/**
 * Every nutrient known in both records that differs by more than noise, biggest change in grams
 * first, decreases and increases alike. A nutrient missing from either record is no claim (OFF's
 * all-zero records are stored as missing: see src/off/off-record.ts).
 */
export function toImprovements(
  product: NutrientFacts,
  substitute: NutrientFacts,
  per: 'g' | 'ml' = 'g',
): Improvement[] {
  const found: Improvement[] = [];
  for (const nutrient of NUTRIENTS) {
    const before = product[nutrient];
    const after = substitute[nutrient];
    if (before === null || after === null) continue;
    const change = after - before;
    if (Math.abs(change) < MIN_DIFFERENCE[nutrient]) continue;
    found.push({
      nutrient,
      change,
      text: frProducts.nutrientChange(
        change < 0 ? '−' : '+',
        formatGrams(Math.abs(change), nutrient === 'salt'),
        frProducts.nutrientsLower[nutrient],
        per,
      ),
    });
  }
  return found.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
}

// Made once: toLocaleString builds a formatter on every call, a measurable share of a
// substitutes page (up to 18 amounts each).
const GRAMS = [0, 1, 2].map((digits) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }));

export function formatGrams(value: number, fine = false): string {
  const digits = fine || value < 1 ? 2 : value < 10 ? 1 : 0;
  return (GRAMS[digits] as Intl.NumberFormat).format(value);
}
