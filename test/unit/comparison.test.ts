import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Nutriments } from '../../src/product/product.js';
import { toComparisonRows } from '../../src/products/comparison.js';
import { toAdditiveName, toAllergenName, toLabelName } from '../../src/products/tag-names.js';

const NONE: Nutriments = {
  energyKcal: null,
  fat: null,
  saturatedFat: null,
  sugars: null,
  salt: null,
  fiber: null,
  proteins: null,
};
const LEVELS = { fat: null, saturatedFat: null, sugars: null, salt: null };

const sheet = (fields: Partial<Parameters<typeof toComparisonRows>[0]>) => ({
  nutriscoreGrade: null,
  novaGroup: null,
  nutriments: NONE,
  levels: LEVELS,
  isBeverage: false,
  ...fields,
});

const winners = (rows: ReturnType<typeof toComparisonRows>) =>
  Object.fromEntries(rows.map((row) => [row.key, row.better]));

test('marks the better value of each criterion: less sugar, more fibre, a better grade and Nova group', () => {
  const rows = toComparisonRows(
    sheet({
      nutriscoreGrade: 'e',
      novaGroup: 4,
      nutriments: { ...NONE, sugars: 56, fiber: 1, proteins: 6, energyKcal: 539, salt: 0.1 },
    }),
    sheet({
      nutriscoreGrade: 'c',
      novaGroup: 3,
      nutriments: { ...NONE, sugars: 30, fiber: 5, proteins: 4, energyKcal: 560, salt: 0.12 },
    }),
  );
  assert.deepEqual(
    rows.map((row) => row.key),
    ['nutriscore', 'nova', 'sugars', 'saturatedFat', 'salt', 'fat', 'fiber', 'proteins', 'energyKcal'],
  );
  assert.deepEqual(winners(rows), {
    nutriscore: 1,
    nova: 1,
    sugars: 1,
    saturatedFat: null,
    // 0.02 g of salt is noise in OFF data, not a difference worth a mark.
    salt: null,
    fat: null,
    fiber: 1,
    proteins: 0,
    energyKcal: 0,
  });
});

test('makes no claim when either value is missing', () => {
  const rows = toComparisonRows(
    sheet({ nutriscoreGrade: 'd', nutriments: { ...NONE, sugars: 10 } }),
    sheet({ novaGroup: 1, nutriments: { ...NONE, fat: 0 } }),
  );
  assert.ok(rows.every((row) => row.better === null));
});

test('names the common allergens, labels and additives in French, and any other from its tag', () => {
  assert.equal(toAllergenName('en:gluten'), 'Gluten');
  assert.equal(toLabelName('en:organic'), 'Bio');
  assert.equal(toLabelName('en:pdo'), 'AOP');
  assert.equal(toLabelName('fr:fabrique-en-bretagne'), 'Fabrique en bretagne');
  assert.equal(toAdditiveName('en:e322i'), 'E322i – lécithine');
  assert.equal(toAdditiveName('en:e1442'), 'E1442');
});
