// Which of two products is better on each criterion of the comparison page: the Nutri-Score, the
// Nova group, then the nutrients per 100 g (100 ml for drinks). Pure, so the honesty rules are
// unit-tested: no winner when either value is missing, nor when the values differ by less than
// the noise of OFF data.
import {
  NUTRISCORE_GRADES,
  type NutrientLevel,
  type Nutriments,
  type ProductSheet,
} from '../product/product.js';
import { frProducts } from '../web/strings.fr.js';

export type ComparisonKey = 'nutriscore' | 'nova' | keyof Nutriments;

export interface ComparisonRow {
  key: ComparisonKey;
  label: string;
  /** The product's value, then the other's: a grade's rank, a Nova group, an amount; null when unknown. */
  values: [number | null, number | null];
  /** OFF's low/moderate/high, for the nutrients it grades. */
  levels?: [NutrientLevel | null, NutrientLevel | null];
  /** 0: the product is better, 1: the other one; null: no claim. */
  better: 0 | 1 | null;
}

type Compared = Pick<ProductSheet, 'nutriscoreGrade' | 'novaGroup' | 'nutriments' | 'levels' | 'isBeverage'>;

/** The nutrient rows in the page's order; `lessIsBetter` false for what a shopper wants more of. */
const NUTRIENT_ROWS: { key: keyof Nutriments; lessIsBetter: boolean; noise: number }[] = [
  { key: 'sugars', lessIsBetter: true, noise: 0.5 },
  { key: 'saturatedFat', lessIsBetter: true, noise: 0.3 },
  { key: 'salt', lessIsBetter: true, noise: 0.05 },
  { key: 'fat', lessIsBetter: true, noise: 0.5 },
  { key: 'fiber', lessIsBetter: false, noise: 0.5 },
  { key: 'proteins', lessIsBetter: false, noise: 0.5 },
  { key: 'energyKcal', lessIsBetter: true, noise: 5 },
];

const LABELS: Record<ComparisonKey, string> = {
  nutriscore: 'Nutri-Score',
  nova: frProducts.nova,
  sugars: frProducts.nutrients.sugars,
  saturatedFat: frProducts.nutrients.saturatedFat,
  salt: frProducts.nutrients.salt,
  fat: frProducts.nutrients.fat,
  fiber: frProducts.fiber,
  proteins: frProducts.proteins,
  energyKcal: frProducts.energy,
};

export function toComparisonRows(product: Compared, other: Compared): ComparisonRow[] {
  const gradeRank = (sheet: Compared) =>
    sheet.nutriscoreGrade === null ? null : NUTRISCORE_GRADES.indexOf(sheet.nutriscoreGrade);
  const rows: ComparisonRow[] = [
    row('nutriscore', [gradeRank(product), gradeRank(other)], true, 0),
    row('nova', [product.novaGroup, other.novaGroup], true, 0),
  ];
  for (const { key, lessIsBetter, noise } of NUTRIENT_ROWS) {
    const nutrientRow = row(key, [product.nutriments[key], other.nutriments[key]], lessIsBetter, noise);
    if (key === 'sugars' || key === 'saturatedFat' || key === 'salt' || key === 'fat') {
      nutrientRow.levels = [product.levels[key], other.levels[key]];
    }
    rows.push(nutrientRow);
  }
  return rows;
}

function row(
  key: ComparisonKey,
  values: [number | null, number | null],
  lessIsBetter: boolean,
  noise: number,
): ComparisonRow {
  const [mine, theirs] = values;
  let better: 0 | 1 | null = null;
  if (mine !== null && theirs !== null && Math.abs(mine - theirs) > noise) {
    better = mine < theirs === lessIsBetter ? 0 : 1;
  }
  return { key, label: LABELS[key], values, better };
}
