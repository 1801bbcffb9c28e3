// Maps one raw Open Food Facts record, in any shape OFF has served, to a `CatalogueProduct`:
// API v2 product/search JSON, legacy search.pl JSON (numbers as strings), the JSONL export (raw
// MongoDB document, no computed URLs) and schema ≥1002/1003 records (new images and nutrition).
// Pure and total: it never throws, whatever the input.
// Upstream: openfoodfacts-server docs/api/ref-api-and-product-schema-change-log.md and
// tests/unit/expected_test_results/product_schema_changes/ (the shapes each schema version writes).

import {
  type CatalogueProduct,
  GREEN_SCORE_GRADES,
  type GreenScoreGrade,
  NUTRIENT_LEVELS,
  NUTRISCORE_GRADES,
  type NutrientLevel,
  type NutrientLevels,
  type Nutriments,
  type NutriscoreGrade,
  type NutriscoreVersion,
  type ProductCategory,
  type RecordResult,
} from '../product/product.js';
import { type TaxonomyIndex, toTaxonomyCategories } from './taxonomy.js';

type Json = Record<string, unknown>;

const OFF_PRODUCT_URL = 'https://world.openfoodfacts.org/product/';
const OFF_IMAGES_URL = 'https://images.openfoodfacts.org/images/products/';
const MAX_NAME_LENGTH = 300;
const MAX_TEXT_LENGTH = 500;
const MAX_TAG_LENGTH = 64;
const MAX_CODE_LENGTH = 24;
// Real ingredient lists run to about 1,500 characters; the cap only stops a runaway field.
const MAX_INGREDIENTS_LENGTH = 5000;
// Allergens, additives and labels: a real record carries a few dozen at most.
const MAX_TAGS = 60;
const KJ_PER_KCAL = 4.184;
const SALT_PER_SODIUM = 2.5;

const NAME_FIELDS = [
  'product_name_fr',
  'product_name',
  'generic_name_fr',
  'generic_name',
  'abbreviated_product_name_fr',
  'abbreviated_product_name',
];
// The newest field first: when it is present (even as "unknown") it is OFF's current verdict,
// and the legacy fields behind it may be stale.
const GRADE_FIELDS = ['nutriscore_grade', 'nutrition_grades', 'nutrition_grade_fr'];
const NOT_APPLICABLE = 'not-applicable';
// OFF's beverages root, as a tag and as the French display name derived files give; every drink
// of the taxonomy carries one of them (categories_tags lists the ancestors too).
const BEVERAGE_TAGS = new Set(['en:beverages', 'fr:boissons']);

// Schema 1003 gives each nutrient its own unit; everything but energy is stored in grams here.
const UNITS_PER_GRAM = new Map([
  ['g', 1],
  ['mg', 1000],
  ['µg', 1e6], // U+00B5 micro sign
  ['μg', 1e6], // U+03BC Greek mu
  ['mcg', 1e6],
]);

const LANG = /^[a-z]{2,3}$/;
const DECIMAL = /^[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?$/i;

/**
 * One OFF record as a catalogue product, or why not. With OFF's category `taxonomy` (stored by
 * an import or update), display-name categories become its tags and every ancestor is added.
 */
export function toCatalogueProduct(raw: unknown, taxonomy?: TaxonomyIndex): RecordResult {
  if (!isRecord(raw)) return { ok: false, reason: 'record is not an object' };

  const code = readCode(raw);
  if (!code.ok) return code;

  const name = firstText(raw, NAME_FIELDS, MAX_NAME_LENGTH);
  if (name === null) return { ok: false, reason: 'no product name in any language' };

  const legacyNutriments = isRecord(raw.nutriments) ? raw.nutriments : {};
  const nutriments = readNutriments(raw, legacyNutriments);
  const read = readCategories(raw);
  const categories = taxonomy === undefined ? read : toTaxonomyCategories(read, taxonomy);
  const isBeverage = categories.some((category) => BEVERAGE_TAGS.has(category.tag));

  const product: CatalogueProduct = {
    code: code.code,
    name,
    genericName: firstText(raw, ['generic_name_fr', 'generic_name'], MAX_TEXT_LENGTH),
    brands: readBrands(raw),
    quantity: cleanText(raw.quantity, MAX_TEXT_LENGTH),
    ...readNutriscore(raw),
    nutriscoreScore:
      readInteger(raw.nutriscore_score) ?? readInteger(legacyNutriments['nutrition-score-fr_100g']),
    novaGroup: readNovaGroup(raw.nova_group),
    ...readGreenScore(raw.ecoscore_grade),
    ...readComposition(raw),
    nutriments,
    nutrientLevels: readNutrientLevels(raw, nutriments, isBeverage),
    ...readImages(raw, code.code),
    offUrl: OFF_PRODUCT_URL + code.code,
    uniqueScansN: readCount(raw.unique_scans_n),
    lastModifiedT: readTimestamp(raw.last_modified_t),
    categories,
    referenceCategory: readReferenceCategory(raw, categories),
    countries: readCountries(raw),
    isBeverage,
  };
  return { ok: true, product };
}

// ---------------------------------------------------------------- identity

function readCode(record: Json): { ok: true; code: string } | { ok: false; reason: string } {
  const given = [record.code, record._id].find(isPresent) ?? barcodeInProductUrl(record.url);
  if (given === undefined) return { ok: false, reason: 'missing code' };

  if (typeof given === 'number') {
    // Some old exports store the barcode as a number: its leading zeros are already gone.
    return Number.isSafeInteger(given) && given >= 0
      ? { ok: true, code: String(given) }
      : { ok: false, reason: `code ${given} is not a barcode (digits only)` };
  }
  if (typeof given !== 'string') {
    return { ok: false, reason: `code of type ${describeType(given)} is not a barcode` };
  }

  const code = given.trim();
  const shown = JSON.stringify(code.length > 40 ? `${code.slice(0, 40)}…` : code);
  if (!/^\d+$/.test(code)) return { ok: false, reason: `code ${shown} is not a barcode (digits only)` };
  if (code.length > MAX_CODE_LENGTH) {
    return { ok: false, reason: `code ${shown} is not a barcode (more than ${MAX_CODE_LENGTH} digits)` };
  }
  return { ok: true, code };
}

// API replies fetched with a `fields=` list may omit `code` but keep OFF's canonical product URL,
// whose second path segment is the barcode (`/product/…`, `/produit/…` on localized hosts).
function barcodeInProductUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  return /^https?:\/\/[a-z0-9-]+\.openfoodfacts\.(?:org|net)\/[a-z-]+\/(\d{1,24})(?:[/?#]|$)/i.exec(url)?.[1];
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

// ---------------------------------------------------------------- texts

function firstText(record: Json, fields: readonly string[], maxLength: number): string | null {
  for (const fieldName of fields) {
    const text = cleanText(record[fieldName], maxLength);
    if (text !== null) return text;
  }
  return null;
}

/** Trimmed, whitespace collapsed, capped (never rejected for length); null when empty. */
function cleanText(value: unknown, maxLength: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  if (text.length <= maxLength) return text;
  // Cut on code points so an emoji or a rare CJK character is never split in half.
  return Array.from(text).slice(0, maxLength).join('').trimEnd();
}

function readBrands(record: Json): string | null {
  const brands = cleanText(record.brands, MAX_TEXT_LENGTH);
  if (brands !== null) return brands;
  const fromTags = readList(record.brands_tags)
    .map(brandFromTag)
    .filter((brand) => brand !== '');
  return cleanText(fromTags.join(', '), MAX_TEXT_LENGTH);
}

// Since schema 1001 brand tags are taxonomised with a language-less prefix: `xx:jardin-bio-etic`.
function brandFromTag(tag: unknown): string {
  return typeof tag === 'string'
    ? tag
        .replace(/^[a-z]{2}:/i, '')
        .replace(/-+/g, ' ')
        .trim()
    : '';
}

// ---------------------------------------------------------------- numbers

/** A finite number from a number or a decimal string ("1.6", "1,6"); null otherwise. */
function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!DECIMAL.test(text)) return null;
  const number = Number(text.replace(',', '.'));
  return Number.isFinite(number) ? number : null;
}

function readInteger(value: unknown): number | null {
  const number = readNumber(value);
  return number !== null && Number.isSafeInteger(number) ? number : null;
}

function readCount(value: unknown): number {
  const count = readInteger(value);
  return count !== null && count >= 0 ? count : 0;
}

function readTimestamp(value: unknown): number | null {
  const seconds = readInteger(value);
  return seconds !== null && seconds > 0 ? seconds : null;
}

function readNovaGroup(value: unknown): 1 | 2 | 3 | 4 | null {
  const group = readInteger(value);
  return group === 1 || group === 2 || group === 3 || group === 4 ? group : null;
}

// An absent list is unknown, not empty. OFF finds allergens and additives in the ingredients, so
// an empty list says "none" only beside an ingredients text; labels are a list shoppers fill in.
function readComposition(
  record: Json,
): Pick<CatalogueProduct, 'allergens' | 'additives' | 'labels' | 'ingredientsText'> {
  const ingredientsText = firstText(
    record,
    ['ingredients_text_fr', 'ingredients_text'],
    MAX_INGREDIENTS_LENGTH,
  );
  const fromIngredients = (value: unknown): string[] | null => {
    const tags = isPresent(value) ? readTags(value) : [];
    return tags.length > 0 || (ingredientsText !== null && isPresent(value)) ? tags : null;
  };
  return {
    allergens: fromIngredients(record.allergens_tags),
    additives: fromIngredients(record.additives_tags),
    labels: isPresent(record.labels_tags) ? readTags(record.labels_tags) : null,
    ingredientsText,
  };
}

// OFF writes "unknown" for products it could not score, "not-applicable" for waters and the like.
function readGreenScore(value: unknown): {
  greenScoreGrade: GreenScoreGrade | null;
  greenScoreNotApplicable: boolean;
} {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return {
    greenScoreGrade: isOneOf(GREEN_SCORE_GRADES, word) ? word : null,
    greenScoreNotApplicable: word === NOT_APPLICABLE,
  };
}

interface Nutriscore {
  nutriscoreGrade: NutriscoreGrade | null;
  nutriscoreVersion: NutriscoreVersion | null;
  nutriscoreNotApplicable: boolean;
}

// The 2023 Nutri-Score differs from the older one for about a quarter of graded records, and
// `nutriscore_grade` keeps the older grade until OFF switches a record to `nutriscore_version`
// 2023. So a 2023 verdict (a letter, or "not-applicable") wins wherever the record carries one:
// `nutriscore_2023_tags`, `nutriscore["2023"].grade`, or `nutriscore_grade` under version 2023.
// A 2023 "unknown" (or none) falls back to the older grade, labelled as such.
function readNutriscore(record: Json): Nutriscore {
  const version = typeof record.nutriscore_version === 'string' ? record.nutriscore_version.trim() : '';
  const current = [
    readList(record.nutriscore_2023_tags)[0],
    field(field(record.nutriscore, '2023'), 'grade'),
    version === '2023' ? record.nutriscore_grade : undefined,
  ]
    .map(toGradeWord)
    .find((word) => word !== null && word !== 'unknown');
  if (current !== undefined && current !== null) return toNutriscore(current, '2023');

  const legacyFields = version === '2023' ? GRADE_FIELDS.slice(1) : GRADE_FIELDS;
  const legacy = toGradeWord(legacyFields.map((name) => record[name]).find(isPresent));
  return legacy === null || legacy === 'unknown'
    ? toNutriscore('unknown', null)
    : toNutriscore(legacy, '2021');
}

/** A grade letter, "not-applicable", or "unknown" for anything else; null when absent. */
function toGradeWord(value: unknown): NutriscoreGrade | typeof NOT_APPLICABLE | 'unknown' | null {
  if (!isPresent(value)) return null;
  if (typeof value !== 'string') return 'unknown';
  // Anything but one letter a–e or OFF's "not-applicable" means no grade: "unknown", a student
  // DB's "na" (missing, not "not applicable"), or a comma list for multi-part products.
  const word = value.trim().toLowerCase();
  if (word === NOT_APPLICABLE) return NOT_APPLICABLE;
  return isOneOf(NUTRISCORE_GRADES, word) ? word : 'unknown';
}

function toNutriscore(
  word: NutriscoreGrade | typeof NOT_APPLICABLE | 'unknown',
  version: NutriscoreVersion | null,
): Nutriscore {
  if (word === 'unknown')
    return { nutriscoreGrade: null, nutriscoreVersion: null, nutriscoreNotApplicable: false };
  if (word === NOT_APPLICABLE) {
    return { nutriscoreGrade: null, nutriscoreVersion: version, nutriscoreNotApplicable: true };
  }
  return { nutriscoreGrade: word, nutriscoreVersion: version, nutriscoreNotApplicable: false };
}

// ---------------------------------------------------------------- nutrition

// A nutrient OFF marks as not on the label (`<nutrient>_modifier: "-"`) is missing, whatever value
// sits beside it; so is every nutrient of a record that says it has no nutrition data, or whose
// values are all 0 (student dumps and old records wrote 0 for "not filled in"): such zeros would
// make claims like "−56 g de sucres" out of nothing.
function readNutriments(record: Json, legacy: Json): Nutriments {
  const noData = record.no_nutrition_data === 'on' || record.no_nutrition_data === true;
  const aggregated = readAggregatedNutrients(record);
  const grams = (name: string): number | null =>
    noData || legacy[`${name}_modifier`] === '-'
      ? null
      : (aggregatedGrams(aggregated, name) ?? readAmount(legacy[`${name}_100g`]));
  const sodium = grams('sodium');

  const nutriments: Nutriments = {
    energyKcal:
      aggregatedKcal(aggregated) ??
      readAmount(legacy['energy-kcal_100g']) ??
      kjToKcal(readAmount(legacy.energy_100g)),
    fat: grams('fat'),
    saturatedFat: grams('saturated-fat'),
    sugars: grams('sugars'),
    // Rounded to strip float noise (0.164 × 2.5 = 0.41000000000000003).
    salt: grams('salt') ?? (sodium === null ? null : roundTo(sodium * SALT_PER_SODIUM, 6)),
    fiber: grams('fiber'),
    proteins: grams('proteins'),
  };
  if (noData) nutriments.energyKcal = null;
  const known = Object.values(nutriments).filter((value) => value !== null);
  return known.length > 0 && known.every((value) => value === 0) ? toMissing(nutriments) : nutriments;
}

function toMissing(nutriments: Nutriments): Nutriments {
  return Object.fromEntries(Object.keys(nutriments).map((key) => [key, null])) as unknown as Nutriments;
}

/** A nutrient amount: finite and not negative. */
function readAmount(value: unknown): number | null {
  const amount = readNumber(value);
  return amount !== null && amount >= 0 ? amount : null;
}

function kjToKcal(kj: number | null): number | null {
  return kj === null ? null : roundTo(kj / KJ_PER_KCAL, 1);
}

function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

// Schema 1003 (2025-06) moved nutrition to `nutrition.aggregated_set`, and `nutriments` may be empty.
// Only an as-sold set per 100 g (or 100 ml) matches `Nutriments`: a "prepared" set describes, say,
// the soup after adding water, and a per-serving set depends on the serving size.
function readAggregatedNutrients(record: Json): Json | null {
  const set = field(record.nutrition, 'aggregated_set');
  if (!isRecord(set)) return null;
  if (set.per !== '100g' && set.per !== '100ml') return null;
  if (set.preparation !== undefined && set.preparation !== 'as_sold') return null;
  return isRecord(set.nutrients) ? set.nutrients : null;
}

function aggregatedGrams(nutrients: Json | null, name: string): number | null {
  const nutrient = field(nutrients, name);
  const amount = readAmount(field(nutrient, 'value'));
  const unit = field(nutrient, 'unit') ?? 'g';
  const perGram = typeof unit === 'string' ? UNITS_PER_GRAM.get(unit) : undefined;
  return amount === null || perGram === undefined ? null : amount / perGram;
}

function aggregatedKcal(nutrients: Json | null): number | null {
  for (const [name, defaultUnit] of [
    ['energy-kcal', 'kcal'],
    ['energy-kj', 'kJ'],
    ['energy', 'kJ'],
  ] as const) {
    const nutrient = field(nutrients, name);
    const amount = readAmount(field(nutrient, 'value'));
    const unit = field(nutrient, 'unit') ?? defaultUnit;
    if (amount === null || typeof unit !== 'string') continue;
    if (unit.toLowerCase() === 'kcal') return amount;
    if (unit.toLowerCase() === 'kj') return kjToKcal(amount);
  }
  return null;
}

// OFF's own levels come first. When a record has none (API `fields=` subsets, derived files), compute
// them as OFF's Food.pm `compute_nutrient_levels` does: strictly below `low` is low, strictly above
// `high` is high, and thresholds are halved for drinks. Checked against every level in the 1,000-record
// dump sample, where a value exactly at a threshold (fat 3 g) is rated moderate.
function readNutrientLevels(record: Json, nutriments: Nutriments, isBeverage: boolean): NutrientLevels {
  const scale = isBeverage ? 0.5 : 1;
  const level = (key: string, value: number | null, low: number, high: number): NutrientLevel | null => {
    const given = field(record.nutrient_levels, key);
    if (typeof given === 'string' && isOneOf(NUTRIENT_LEVELS, given)) return given;
    if (value === null) return null;
    if (value < low * scale) return 'low';
    return value > high * scale ? 'high' : 'moderate';
  };
  return {
    fat: level('fat', nutriments.fat, 3, 20),
    saturatedFat: level('saturated-fat', nutriments.saturatedFat, 1.5, 5),
    sugars: level('sugars', nutriments.sugars, 5, 12.5),
    salt: level('salt', nutriments.salt, 0.3, 1.5),
  };
}

// ---------------------------------------------------------------- images

function readImages(record: Json, code: string): { imageUrl: string | null; imageSmallUrl: string | null } {
  const given = readImageUrl(record.image_front_url) ?? readImageUrl(record.image_url);
  const givenSmall = readImageUrl(record.image_front_small_url) ?? readImageUrl(record.image_small_url);
  const front = findFrontImage(record);
  return {
    imageUrl: given ?? resizeImageUrl(givenSmall, 400) ?? (front && frontImageUrl(code, front, 400)),
    imageSmallUrl: givenSmall ?? resizeImageUrl(given, 200) ?? (front && frontImageUrl(code, front, 200)),
  };
}

function readImageUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const url = value.trim();
  // A cut URL is a broken image, so an overlong one is dropped rather than capped.
  if (url.length > MAX_TEXT_LENGTH || !/^https?:\/\/[^\s/]+\/\S*$/i.test(url)) return null;
  return url.replace(/^http:/i, 'https:');
}

// OFF serves every selected image in 100, 200 and 400 px under the same name, so a record that only
// gives one size (old student fixtures keep `image_small_url` alone) still has the other.
function resizeImageUrl(url: string | null, size: 200 | 400): string | null {
  if (url === null) return null;
  const resized = url.replace(/(\/front(?:_[a-z]{2,3})?\.\d+)\.(?:100|200|400)\.jpg$/, `$1.${size}.jpg`);
  return resized === url ? null : resized;
}

interface FrontImage {
  lang: string;
  rev: string;
}

// The JSONL export has no image URLs, only the `images` map: `front_<lang>: {rev}` until schema 1001,
// `selected.front.<lang>: {rev}` since schema 1002 (2025-06). Prefer the product's own language.
function findFrontImage(record: Json): FrontImage | null {
  const images = record.images;
  if (!isRecord(images)) return null;

  const revs = new Map<string, string>();
  for (const [key, entry] of Object.entries(images)) {
    const lang = /^front_([a-z]{2,3})$/.exec(key)?.[1];
    const rev = readRev(entry);
    if (lang !== undefined && rev !== null) revs.set(lang, rev);
  }
  const selected = field(field(images, 'selected'), 'front');
  if (isRecord(selected)) {
    for (const [lang, entry] of Object.entries(selected)) {
      const rev = readRev(entry);
      if (LANG.test(lang) && rev !== null) revs.set(lang, rev);
    }
  }

  const preferred = [record.lang, record.lc, 'fr', 'en'].find(
    (lang): lang is string => typeof lang === 'string' && revs.has(lang),
  );
  const lang = preferred ?? revs.keys().next().value;
  const rev = lang === undefined ? undefined : revs.get(lang);
  return lang === undefined || rev === undefined ? null : { lang, rev };
}

function readRev(entry: unknown): string | null {
  const rev = field(entry, 'rev');
  if (typeof rev === 'number') return Number.isSafeInteger(rev) && rev >= 0 ? String(rev) : null;
  return typeof rev === 'string' && /^\d{1,12}$/.test(rev.trim()) ? rev.trim() : null;
}

function frontImageUrl(code: string, front: FrontImage, size: 200 | 400): string {
  return `${OFF_IMAGES_URL}${productFolder(code)}/front_${front.lang}.${front.rev}.${size}.jpg`;
}

// OFF's folder layout (docs/api/how-to-download-images.md): codes longer than 8 digits are
// left-padded to 13 and split 3/3/3/rest; shorter codes are one folder.
function productFolder(code: string): string {
  if (code.length <= 8) return code;
  const parts = /^(\d{3})(\d{3})(\d{3})(\d+)$/.exec(code.padStart(13, '0'));
  return parts === null ? code : parts.slice(1).join('/');
}

// ---------------------------------------------------------------- categories

function readCategories(record: Json): ProductCategory[] {
  const tags = readList(record.categories_tags);
  if (tags.length > 0) {
    // `fields=categories_tags_fr` returns the French names in the same order as the tags.
    const names = readList(record.categories_tags_fr);
    const paired = names.length === tags.length;
    return uniqueCategories(
      tags.map((tag, index) => ({
        tag: typeof tag === 'string' ? tag.trim().toLowerCase() : '',
        name: paired ? readCategoryName(names[index]) : null,
      })),
    );
  }
  // No tags (derived files, or a future schema): derive them from the display names.
  const lang =
    typeof record.categories_lc === 'string' && LANG.test(record.categories_lc) ? record.categories_lc : 'fr';
  return uniqueCategories(readList(record.categories).map((name) => categoryFromName(name, lang)));
}

// OFF's own choice first; else the deepest taxonomised entry of `categories_hierarchy`, which is
// root first. `categories_tags` alone is not enough: derived files keep it in no particular order
// (the 2019 fixture lists en:hazelnut-spreads before en:breakfasts).
function readReferenceCategory(record: Json, categories: ProductCategory[]): string | null {
  const known = new Set(categories.map((category) => category.tag));
  const compared = typeof record.compared_to_category === 'string' ? record.compared_to_category.trim() : '';
  if (known.has(compared)) return compared;
  const hierarchy = readList(record.categories_hierarchy).filter(
    (tag): tag is string => typeof tag === 'string' && tag.startsWith('en:') && known.has(tag),
  );
  return hierarchy.at(-1) ?? null;
}

const TAG = /^[a-z]{2,3}:[a-z0-9-]{1,60}$/;

function readCountries(record: Json): string[] {
  return readTags(record.countries_tags, Number.POSITIVE_INFINITY);
}

/** OFF taxonomy tags (`en:gluten`, `fr:label-rouge`): lower-cased, well-formed, unique, capped. */
function readTags(value: unknown, limit = MAX_TAGS): string[] {
  const tags = readList(value)
    .map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : ''))
    .filter((tag) => TAG.test(tag));
  return [...new Set(tags)].slice(0, limit);
}

function readCategoryName(value: unknown): string | null {
  const name = cleanText(value, MAX_TEXT_LENGTH);
  // OFF falls back to the raw tag (`en:rolled-flakes`) when it has no French name.
  return name === null || /^[a-z]{2}:/.test(name) ? null : name;
}

function categoryFromName(value: unknown, defaultLang: string): ProductCategory {
  const text = cleanText(value, MAX_TEXT_LENGTH) ?? '';
  // OFF's `categories` string writes entries it could not translate as `en:Rolled flakes`.
  const prefixed = /^([a-z]{2}):\s*(.+)$/i.exec(text);
  const lang = prefixed?.[1]?.toLowerCase() ?? defaultLang;
  const label = prefixed?.[2] ?? text;
  const slug = toSlug(label);
  return { tag: slug === '' ? '' : `${lang}:${slug}`, name: lang === 'fr' && slug !== '' ? label : null };
}

function toSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function uniqueCategories(categories: ProductCategory[]): ProductCategory[] {
  const seen = new Set<string>();
  return categories.filter(({ tag }) => {
    if (tag === '' || tag.length > MAX_TAG_LENGTH || seen.has(tag)) return false;
    seen.add(tag);
    return true;
  });
}

// ---------------------------------------------------------------- plumbing

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property of an object; undefined for anything else (no prototype lookups). */
function field(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** An array as is, or a comma-separated string (CSV-style derived files); anything else is empty. */
function readList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? value.split(',') : [];
}

function isOneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}
