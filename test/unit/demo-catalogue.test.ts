import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createDemoFamilies,
  createDemoRecords,
  DEMO_CODE_PREFIX,
  DEMO_SOURCE,
  type DemoRecord,
} from '../../src/catalogue/demo-catalogue.js';

const records = createDemoRecords();
const GRADES = ['a', 'b', 'c', 'd', 'e'];
// Nutri-Score 2017 bands for foods, which the demo puts every product's score on.
const SCORE_BANDS: Record<string, readonly [number, number]> = {
  a: [-15, -1],
  b: [0, 2],
  c: [3, 10],
  d: [11, 18],
  e: [19, 40],
};

function isValidEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const sum = digits.slice(0, 12).reduce((total, digit, i) => total + digit * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
}

function mostSpecificCategory(record: DemoRecord): string | undefined {
  return record.categories_tags.at(-1);
}

describe('demo catalogue', () => {
  test('offers a few hundred products, labelled as demo data', () => {
    assert.ok(records.length >= 300 && records.length <= 400, `${records.length} records`);
    assert.equal(DEMO_SOURCE, 'demo');
    assert.equal(DEMO_CODE_PREFIX, '200');
  });

  test('gives every product a unique, valid EAN-13 in the in-store 200 range, so none is a real product', () => {
    const codes = records.map((record) => record.code);
    assert.equal(new Set(codes).size, codes.length, 'codes are unique');
    for (const code of codes) {
      assert.ok(code.startsWith(DEMO_CODE_PREFIX), `${code} starts with 200`);
      assert.ok(isValidEan13(code), `${code} has a correct check digit`);
    }
  });

  test('is the same catalogue on every start', () => {
    assert.deepEqual(createDemoRecords(), createDemoRecords());
    assert.deepEqual(
      createDemoFamilies().flatMap((family) => family.records),
      records,
    );
  });

  test('fills each shelf with 15 to 30 products spanning at least 3 Nutri-Score grades', () => {
    const families = createDemoFamilies();
    assert.ok(families.length >= 15, `${families.length} shelves`);
    for (const family of families) {
      const count = family.records.length;
      assert.ok(count >= 15 && count <= 30, `${family.name}: ${count} products`);
      const grades = new Set(family.records.map((r) => r.nutriscore_grade).filter((g) => g !== 'unknown'));
      assert.ok(grades.size >= 3, `${family.name}: grades ${[...grades].join(', ')}`);
    }
  });

  test('has a healthier substitute in the same category for most products graded B to E', () => {
    const graded = records.filter((r) => r.nutriscore_grade !== 'unknown' && r.nutriscore_grade !== 'a');
    const rank = (record: DemoRecord) => GRADES.indexOf(record.nutriscore_grade);
    const withSubstitute = graded.filter((record) =>
      records.some(
        (other) =>
          other.nutriscore_grade !== 'unknown' &&
          mostSpecificCategory(other) === mostSpecificCategory(record) &&
          rank(other) < rank(record),
      ),
    );
    const share = withSubstitute.length / graded.length;
    assert.ok(share >= 0.8, `${withSubstitute.length} of ${graded.length} have a better-graded substitute`);
  });

  test('shows French product names, with accents', () => {
    const accented = records.filter((record) => /[àâçéèêëîïôûùüœ]/i.test(record.product_name_fr));
    assert.ok(accented.length >= records.length / 4, `${accented.length} accented names`);
    for (const record of records) {
      assert.equal(record.lang, 'fr');
      assert.ok(record.product_name_fr.trim() !== '' && record.product_name === record.product_name_fr);
      assert.ok(record.brands.trim() !== '' && record.quantity.trim() !== '', record.code);
    }
  });

  test('names every category in French, in the same order as its tags', () => {
    for (const record of records) {
      assert.ok(record.categories_tags.length > 0, record.code);
      assert.equal(record.categories_tags.length, record.categories_tags_fr.length, record.code);
      for (const tag of record.categories_tags) assert.match(tag, /^en:[a-z0-9-]+$/);
      for (const name of record.categories_tags_fr) assert.doesNotMatch(name, /^[a-z]{2}:/);
    }
  });

  test('rates fat, saturated fat, sugars and salt as OFF does (halved thresholds for drinks)', () => {
    for (const record of records) {
      const scale = record.categories_tags.includes('en:beverages') ? 0.5 : 1;
      const expected = (value: number, low: number, high: number) =>
        value < low * scale ? 'low' : value > high * scale ? 'high' : 'moderate';
      const n = record.nutriments;
      assert.deepEqual(
        record.nutrient_levels,
        {
          fat: expected(n.fat_100g, 3, 20),
          'saturated-fat': expected(n['saturated-fat_100g'], 1.5, 5),
          sugars: expected(n.sugars_100g, 5, 12.5),
          salt: expected(n.salt_100g, 0.3, 1.5),
        },
        `${record.code} ${record.product_name}`,
      );
    }
  });

  test('gives scores that match their grade, and leaves a few products unrated', () => {
    const unrated = records.filter((record) => record.nutriscore_grade === 'unknown');
    assert.ok(unrated.length >= 1 && unrated.length <= records.length * 0.05, `${unrated.length} unrated`);
    for (const record of unrated) assert.equal(record.nutriscore_score, undefined, record.code);
    for (const record of records.filter((r) => r.nutriscore_grade !== 'unknown')) {
      const band = SCORE_BANDS[record.nutriscore_grade];
      const score = record.nutriscore_score;
      assert.ok(band !== undefined && score !== undefined && Number.isInteger(score), record.code);
      assert.ok(
        score >= band[0] && score <= band[1],
        `${record.code}: ${record.nutriscore_grade} with ${score}`,
      );
    }
  });

  test('shows nutrition tables that fit the grade: E products are richer in fat, sugar or salt than A ones', () => {
    const highLevels = (record: DemoRecord) =>
      Object.values(record.nutrient_levels).filter((level) => level === 'high').length;
    const average = (grade: string) => {
      const graded = records.filter((record) => record.nutriscore_grade === grade);
      return graded.reduce((sum, record) => sum + highLevels(record), 0) / graded.length;
    };
    assert.ok(average('e') >= average('a') + 1.5, `E: ${average('e')}, A: ${average('a')}`);
    for (const record of records) {
      const n = record.nutriments;
      for (const value of Object.values(n)) assert.ok(Number.isFinite(value) && value >= 0, record.code);
      assert.ok(n['saturated-fat_100g'] <= n.fat_100g, `${record.code} saturated fat within fat`);
      assert.ok(n.fat_100g + n.sugars_100g + n.proteins_100g + n.fiber_100g <= 100, record.code);
    }
  });

  test('has no pictures and no real-world identifiers, so the page shows a placeholder', () => {
    for (const record of records) {
      assert.equal('images' in record, false, record.code);
      assert.equal('image_url' in record, false, record.code);
      assert.ok([1, 2, 3, 4].includes(record.nova_group), record.code);
      assert.ok(Number.isInteger(record.unique_scans_n) && record.unique_scans_n > 0, record.code);
      assert.equal(record.last_modified_t, 1767225600);
    }
  });
});
