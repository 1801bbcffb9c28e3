import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCatalogueProduct } from '../../src/off/off-record.js';
import type { CatalogueProduct } from '../../src/product/product.js';
import { readSampleRecords, readSampleText } from '../support/off-samples.js';

/** One property of a JSON reply, e.g. the `products` of a search page. */
function readReplyField(name: string, key: string): unknown {
  const reply: unknown = JSON.parse(readSampleText(name));
  assert.ok(typeof reply === 'object' && reply !== null && key in reply, `${name} has no "${key}"`);
  return (reply as Record<string, unknown>)[key];
}

function readReplyProducts(name: string): unknown[] {
  const products = readReplyField(name, 'products');
  assert.ok(Array.isArray(products));
  return products;
}

function accept(raw: unknown): CatalogueProduct {
  const result = toCatalogueProduct(raw);
  assert.ok(result.ok, result.ok ? undefined : `rejected: ${result.reason}`);
  return result.product;
}

function rejectionOf(raw: unknown): string {
  const result = toCatalogueProduct(raw);
  assert.ok(!result.ok, 'expected the record to be rejected');
  return result.reason;
}

function findProduct(records: unknown[], code: string): CatalogueProduct {
  for (const record of records) {
    const result = toCatalogueProduct(record);
    if (result.ok && result.product.code === code) return result.product;
  }
  assert.fail(`no accepted product ${code}`);
}

/** The numbers pinned per sample file: what an import of that file would put in the catalogue. */
function summarise(records: unknown[]) {
  const rejected: Record<string, number> = {};
  const grades = { a: 0, b: 0, c: 0, d: 0, e: 0, none: 0 };
  const products: CatalogueProduct[] = [];
  for (const record of records) {
    const result = toCatalogueProduct(record);
    if (result.ok) {
      products.push(result.product);
      grades[result.product.nutriscoreGrade ?? 'none'] += 1;
    } else {
      rejected[result.reason] = (rejected[result.reason] ?? 0) + 1;
    }
  }
  const count = (keep: (product: CatalogueProduct) => boolean) => products.filter(keep).length;
  return {
    records: records.length,
    accepted: products.length,
    rejected,
    grades,
    withImage: count((p) => p.imageUrl !== null && p.imageSmallUrl !== null),
    withCategories: count((p) => p.categories.length > 0),
    withCategoryNames: count((p) => p.categories.some((category) => category.name !== null)),
    withKcal: count((p) => p.nutriments.energyKcal !== null),
    withSalt: count((p) => p.nutriments.salt !== null),
    withAllNutrientLevels: count((p) => Object.values(p.nutrientLevels).every((level) => level !== null)),
    withBrands: count((p) => p.brands !== null),
    withNovaGroup: count((p) => p.novaGroup !== null),
    withScans: count((p) => p.uniqueScansN > 0),
  };
}

/** What every accepted product must look like, whatever the source shape. */
function assertWellFormed(product: CatalogueProduct): void {
  assert.match(product.code, /^\d{1,24}$/);
  assert.ok(product.name.length > 0 && product.name.length <= 300, product.name);
  assert.equal(product.name, product.name.replace(/\s+/g, ' ').trim());
  for (const text of [product.genericName, product.brands, product.quantity]) {
    assert.ok(text === null || (text.length > 0 && text.length <= 500));
  }
  for (const value of Object.values(product.nutriments)) {
    assert.ok(value === null || (Number.isFinite(value) && value >= 0), String(value));
  }
  assert.ok(product.nutriscoreScore === null || Number.isInteger(product.nutriscoreScore));
  for (const url of [product.imageUrl, product.imageSmallUrl]) {
    assert.ok(url === null || url.startsWith('https://'), String(url));
  }
  assert.equal(product.offUrl, `https://world.openfoodfacts.org/product/${product.code}`);
  assert.ok(Number.isInteger(product.uniqueScansN) && product.uniqueScansN >= 0);
  assert.ok(product.lastModifiedT === null || Number.isInteger(product.lastModifiedT));
  const tags = product.categories.map((category) => category.tag);
  assert.equal(new Set(tags).size, tags.length, 'category tags are unique');
  for (const tag of tags) {
    assert.ok(tag.length > 0 && tag.length <= 64 && tag === tag.trim().toLowerCase(), tag);
  }
}

const dump = readSampleRecords('off-dump-min-1000.jsonl.gz');
const aspidistras = readSampleRecords('purbeurre-aspidistras-fr-2019.jsonl.gz');
const davidbarat = readSampleRecords('purbeurre-davidbarat-fr-2021.jsonl.gz');
const guillaumeoj = readSampleRecords('purbeurre-guillaumeoj-fixture.jsonl');
const searchV1 = readReplyProducts('api-search-v1-response-nunomars.json');
const searchV2Page1 = readReplyProducts('api-v2-search-response-fragment-1-dylamn.json');
const searchV2Page2 = readReplyProducts('api-v2-search-response-fragment-2-dylamn.json');
const productReplyName = 'api-v2-product-response-found-fields-openfoodfacts-server-test.json';
const productReply = readReplyField(productReplyName, 'product');
const allSampleRecords = [
  ...dump,
  ...aspidistras,
  ...davidbarat,
  ...guillaumeoj,
  ...searchV1,
  ...searchV2Page1,
  ...searchV2Page2,
  productReply,
];

// ---------------------------------------------------------------- every sample file, pinned

test('the JSONL dump sample imports 986 of 1,000 products, images built from `images`', () => {
  assert.deepEqual(summarise(dump), {
    records: 1000,
    accepted: 986,
    rejected: { 'no product name in any language': 14 },
    grades: { a: 30, b: 18, c: 122, d: 136, e: 421, none: 259 },
    withImage: 343,
    withCategories: 836,
    withCategoryNames: 0,
    withKcal: 921,
    withSalt: 896,
    withAllNutrientLevels: 726,
    withBrands: 912,
    withNovaGroup: 824,
    withScans: 198,
  });
});

test('the 2019 Pur Beurre fixture imports all products that have a name, salt from sodium', () => {
  assert.deepEqual(summarise(aspidistras), {
    records: 4730,
    accepted: 4709,
    rejected: { 'no product name in any language': 21 },
    grades: { a: 812, b: 894, c: 1051, d: 1091, e: 861, none: 0 },
    withImage: 4709,
    withCategories: 4708,
    withCategoryNames: 0,
    withKcal: 0,
    withSalt: 4581,
    withAllNutrientLevels: 0,
    withBrands: 0,
    withNovaGroup: 0,
    withScans: 0,
  });
});

test('the 2021 Pur Beurre dump imports with French category names and "na" grades as none', () => {
  assert.deepEqual(summarise(davidbarat), {
    records: 380,
    accepted: 370,
    rejected: { 'no product name in any language': 10 },
    grades: { a: 41, b: 41, c: 62, d: 128, e: 76, none: 22 },
    withImage: 370,
    withCategories: 370,
    withCategoryNames: 370,
    withKcal: 352,
    withSalt: 352,
    withAllNutrientLevels: 352,
    withBrands: 0,
    withNovaGroup: 0,
    withScans: 0,
  });
});

test('the original Pur Beurre fixture imports all 49 products', () => {
  assert.deepEqual(summarise(guillaumeoj), {
    records: 49,
    accepted: 49,
    rejected: {},
    grades: { a: 14, b: 5, c: 10, d: 8, e: 12, none: 0 },
    withImage: 49,
    withCategories: 49,
    withCategoryNames: 49,
    withKcal: 0,
    withSalt: 48,
    withAllNutrientLevels: 48,
    withBrands: 0,
    withNovaGroup: 0,
    withScans: 0,
  });
});

test('the legacy search.pl reply imports all 10 products despite numbers sent as strings', () => {
  assert.deepEqual(summarise(searchV1), {
    records: 10,
    accepted: 10,
    rejected: {},
    grades: { a: 3, b: 7, c: 0, d: 0, e: 0, none: 0 },
    withImage: 10,
    withCategories: 10,
    withCategoryNames: 0,
    withKcal: 10,
    withSalt: 10,
    withAllNutrientLevels: 10,
    withBrands: 10,
    withNovaGroup: 7,
    withScans: 10,
  });
});

test('the API v2 search pages import all 8 products, barcodes read from their product URLs', () => {
  const expected = {
    records: 4,
    accepted: 4,
    rejected: {},
    withImage: 4,
    withCategories: 4,
    withCategoryNames: 0,
    withKcal: 0,
    withSalt: 0,
    withAllNutrientLevels: 0,
    withBrands: 4,
    withNovaGroup: 0,
    withScans: 0,
  };
  assert.deepEqual(summarise(searchV2Page1), {
    ...expected,
    grades: { a: 1, b: 1, c: 0, d: 1, e: 1, none: 0 },
  });
  assert.deepEqual(summarise(searchV2Page2), {
    ...expected,
    grades: { a: 1, b: 1, c: 2, d: 0, e: 0, none: 0 },
  });
});

test('an API v2 product reply is rejected without the envelope code and accepted with it', () => {
  // `/api/v2/product/{code}?fields=…` puts the barcode beside `product`, not inside it.
  assert.equal(rejectionOf(productReply), 'missing code');
  const code = readReplyField(productReplyName, 'code');
  assert.ok(typeof productReply === 'object' && productReply !== null);
  const product = accept({ ...productReply, code });
  assert.equal(product.code, '0200000000034');
  assert.equal(product.name, 'Some product');
  assert.deepEqual(
    product.categories.map((category) => category.tag),
    ['en:snacks', 'en:sweet-snacks', 'en:biscuits-and-cakes', 'en:biscuits-and-crackers', 'en:biscuits'],
  );
  // The reply carries English names (`categories_tags_en`); only French ones become names.
  assert.ok(product.categories.every((category) => category.name === null));
  assert.ok(Object.values(product.nutriments).every((value) => value === null));
  assert.ok(Object.values(product.nutrientLevels).every((level) => level === null));
});

test('every accepted product of every sample is well formed', () => {
  let checked = 0;
  for (const record of allSampleRecords) {
    const result = toCatalogueProduct(record);
    if (!result.ok) continue;
    assertWellFormed(result.product);
    checked += 1;
  }
  assert.equal(checked, 986 + 4709 + 370 + 49 + 10 + 4 + 4);
});

// ---------------------------------------------------------------- known products

test('a dump product shows its name, grade, front picture and categories in OFF order', () => {
  assert.deepEqual(findProduct(dump, '0000101209159'), {
    code: '0000101209159',
    name: 'Véritable pâte à tartiner noisettes chocolat noir',
    genericName: null,
    brands: 'Bovetti',
    quantity: '350 g',
    nutriscoreGrade: 'e',
    nutriscoreVersion: '2023',
    nutriscoreNotApplicable: false,
    nutriscoreScore: 23,
    novaGroup: null,
    nutriments: {
      energyKcal: 617,
      fat: 48,
      saturatedFat: 10,
      sugars: 32,
      salt: 0.01,
      fiber: null,
      proteins: 8,
    },
    nutrientLevels: { fat: 'high', saturatedFat: 'high', sugars: 'high', salt: 'low' },
    imageUrl: 'https://images.openfoodfacts.org/images/products/000/010/120/9159/front_fr.4.400.jpg',
    imageSmallUrl: 'https://images.openfoodfacts.org/images/products/000/010/120/9159/front_fr.4.200.jpg',
    offUrl: 'https://world.openfoodfacts.org/product/0000101209159',
    uniqueScansN: 0,
    lastModifiedT: 1682726341,
    categories: [
      { tag: 'en:breakfasts', name: null },
      { tag: 'en:spreads', name: null },
      { tag: 'en:sweet-spreads', name: null },
      { tag: 'fr:pates-a-tartiner', name: null },
      { tag: 'en:hazelnut-spreads', name: null },
      { tag: 'en:chocolate-spreads', name: null },
      { tag: 'en:cocoa-and-hazelnuts-spreads', name: null },
    ],
    referenceCategory: 'en:cocoa-and-hazelnuts-spreads',
    countries: ['en:france'],
    isBeverage: false,
    greenScoreGrade: 'd',
    greenScoreNotApplicable: false,
    // Empty lists beside an empty ingredients text: OFF found nothing because it had nothing to read.
    allergens: null,
    additives: null,
    labels: ['en:no-gluten', 'en:no-palm-oil'],
    ingredientsText: null,
  });
});

test('the sheet’s details come from OFF’s own fields, an absent or unread list being unknown', () => {
  // Marks & Spencer All Butter Sultana Cookies, from the dump.
  const cookies = findProduct(dump, '00011686');
  assert.equal(cookies.novaGroup, 4);
  assert.equal(cookies.greenScoreGrade, 'c');
  assert.deepEqual(cookies.allergens, ['en:gluten', 'en:milk']);
  assert.deepEqual(cookies.additives, ['en:e450', 'en:e500', 'en:e500ii', 'en:e503']);
  assert.deepEqual(cookies.labels, ['en:vegetarian', 'en:green-dot', 'en:pure-butter']);
  assert.match(cookies.ingredientsText ?? '', /^Farine de _blé_/);

  const product = (fields: Record<string, unknown>) => accept({ code: '1', product_name: 'x', ...fields });
  assert.deepEqual(product({ ingredients_text_fr: 'eau', allergens_tags: [] }).allergens, []);
  assert.equal(product({ ingredients_text_fr: 'eau' }).allergens, null);
  assert.equal(product({ allergens_tags: [] }).allergens, null);
  assert.equal(product({ ingredients_text: 'water', ingredients_text_fr: 'eau' }).ingredientsText, 'eau');
  assert.equal(product({ ingredients_text: 'water' }).ingredientsText, 'water');
  assert.deepEqual(product({ labels_tags: 'en:organic, EN:PDO,bad tag' }).labels, ['en:organic', 'en:pdo']);
  assert.equal(product({ ecoscore_grade: 'a-plus' }).greenScoreGrade, 'a-plus');
  assert.equal(product({ ecoscore_grade: 'unknown' }).greenScoreGrade, null);
  assert.equal(product({ ecoscore_grade: 'unknown' }).greenScoreNotApplicable, false);
  assert.equal(product({ ecoscore_grade: 'not-applicable' }).greenScoreNotApplicable, true);
  assert.equal(product({ ecoscore_grade: 3 }).greenScoreGrade, null);
});

test('the reference category is OFF’s compared_to_category, else the deepest of categories_hierarchy', () => {
  const product = (fields: Record<string, unknown>) =>
    accept({ code: '1', product_name: 'x', categories_tags: ['en:spreads', 'en:sweet-spreads'], ...fields });
  assert.equal(product({ compared_to_category: 'en:sweet-spreads' }).referenceCategory, 'en:sweet-spreads');
  assert.equal(
    product({ categories_hierarchy: ['en:spreads', 'en:sweet-spreads'] }).referenceCategory,
    'en:sweet-spreads',
  );
  // No hierarchy: derived files list tags in no particular order, so none is chosen at import.
  assert.equal(product({}).referenceCategory, null);
  // A compared_to_category the record does not carry is not trusted.
  assert.equal(product({ compared_to_category: 'en:waters' }).referenceCategory, null);
});

test('a dump product photographed in English shows its English front picture', () => {
  const product = findProduct(dump, '0000790310013');
  assert.equal(
    product.imageUrl,
    'https://images.openfoodfacts.org/images/products/000/079/031/0013/front_en.7.400.jpg',
  );
});

test('an 8-digit dump product keeps its barcode as one image folder', () => {
  const product = findProduct(dump, '00001779');
  assert.match(
    product.imageUrl ?? '',
    /^https:\/\/images\.openfoodfacts\.org\/images\/products\/00001779\/front_fr\.\d+\.400\.jpg$/,
  );
});

test('a legacy search.pl product shows nutrition parsed from strings and its scan count', () => {
  const product = findProduct(searchV1, '3252210390014');
  assert.deepEqual(product.nutriments, {
    energyKcal: 45,
    fat: 1.5,
    saturatedFat: 1,
    sugars: 4.8,
    salt: 0.1,
    fiber: null,
    proteins: 3.2,
  });
  assert.equal(product.brands, 'Lactel');
  assert.equal(product.genericName, 'Lait demi-écrémé stérilisé UHT enrichi en vitamine D');
  assert.equal(product.nutriscoreGrade, 'b');
  assert.equal(product.nutriscoreScore, 0);
  assert.equal(product.novaGroup, 1);
  assert.equal(product.uniqueScansN, 855);
  assert.equal(product.lastModifiedT, 1599465653);
  assert.equal(
    product.imageSmallUrl,
    'https://static.openfoodfacts.org/images/products/325/221/039/0014/front_fr.142.200.jpg',
  );
  assert.deepEqual(product.nutrientLevels, { fat: 'low', saturatedFat: 'low', sugars: 'low', salt: 'low' });
});

test('a product with a negative Nutri-Score keeps it', () => {
  assert.equal(findProduct(searchV1, '3428274960078').nutriscoreScore, -2);
});

test('a 2019 fixture product that only had a small picture still gets the large one', () => {
  const product = findProduct(aspidistras, '3760121212160');
  assert.equal(
    product.imageSmallUrl,
    'https://static.openfoodfacts.org/images/products/376/012/121/2160/front_fr.3.200.jpg',
  );
  assert.equal(
    product.imageUrl,
    'https://static.openfoodfacts.org/images/products/376/012/121/2160/front_fr.3.400.jpg',
  );
  // The fixture kept OFF's `sodium_100g` (0.2 g): salt is 2.5 times that.
  assert.equal(product.nutriments.salt, 0.5);
  assert.equal(product.nutrientLevels.salt, 'moderate');
});

test('a 24-digit barcode from the 2019 fixture is kept whole', () => {
  const product = findProduct(aspidistras, '236845970000100508001982');
  assert.equal(product.name, 'Mini Saladas');
  assert.equal(
    product.imageUrl,
    'https://static.openfoodfacts.org/images/products/236/845/970/000100508001982/front_es.5.400.jpg',
  );
});

test('a product whose only category tag is over 64 characters shows no categories', () => {
  const noodles = findProduct(aspidistras, '8850100002495');
  assert.deepEqual(noodles.categories, []);
  // An old language-less `front` picture is resized too.
  assert.equal(
    noodles.imageUrl,
    'https://static.openfoodfacts.org/images/products/885/010/000/2495/front.4.400.jpg',
  );
});

test('a 2021 dump product shows kcal converted from kJ, whatever its `energy_unit` says', () => {
  // `energy_100g` is always kJ in OFF; the dump's `energy_unit` is the unit typed in on the label.
  const biscuits = findProduct(davidbarat, '8000500310427');
  assert.equal(biscuits.nutriments.energyKcal, 512.9);
  assert.deepEqual(biscuits.categories, [{ tag: 'fr:snacks', name: 'Snacks' }]);
  const labelledInKcal = findProduct(davidbarat, '3175680011480');
  assert.equal(labelledInKcal.nutriments.energyKcal, 484); // 2025 kJ
});

test('the original Pur Beurre Nutella shows French category names with derived tags', () => {
  const nutella = findProduct(guillaumeoj, '3017620422003');
  assert.deepEqual(nutella.categories.slice(0, 4), [
    { tag: 'fr:petit-dejeuners', name: 'Petit-déjeuners' },
    { tag: 'fr:produits-a-tartiner', name: 'Produits à tartiner' },
    { tag: 'fr:produits-a-tartiner-sucres', name: 'Produits à tartiner sucrés' },
    { tag: 'fr:pates-a-tartiner', name: 'Pâtes à tartiner' },
  ]);
  assert.equal(nutella.categories.length, 7);
  assert.deepEqual(nutella.nutrientLevels, {
    fat: 'high',
    saturatedFat: 'high',
    sugars: 'high',
    salt: 'low',
  });
});

test('an API v2 search product keeps the given image URLs and brands', () => {
  const oats = findProduct(searchV2Page1, '3229820019307');
  assert.equal(oats.name, "Flocons d'avoine");
  assert.equal(oats.brands, 'Bjorg');
  assert.equal(
    oats.imageUrl,
    'https://images.openfoodfacts.org/images/products/322/982/001/9307/front_en.195.400.jpg',
  );
  assert.equal(oats.offUrl, 'https://world.openfoodfacts.org/product/3229820019307');
});

test('computed nutrient levels agree with every level OFF gave in the dump', () => {
  const keys = [
    ['fat', 'fat'],
    ['saturatedFat', 'saturated-fat'],
    ['sugars', 'sugars'],
    ['salt', 'salt'],
  ] as const;
  let compared = 0;
  const disagreements: string[] = [];
  for (const record of dump) {
    if (typeof record !== 'object' || record === null || !('nutrient_levels' in record)) continue;
    const offLevels = record.nutrient_levels;
    const computed = toCatalogueProduct({ ...record, nutrient_levels: undefined });
    if (typeof offLevels !== 'object' || offLevels === null || !computed.ok) continue;
    for (const [key, offKey] of keys) {
      const given: unknown = (offLevels as Record<string, unknown>)[offKey];
      const level = computed.product.nutrientLevels[key];
      if (given === undefined || level === null) continue;
      compared += 1;
      if (given !== level)
        disagreements.push(`${computed.product.code} ${offKey}: OFF ${String(given)}, ours ${level}`);
    }
  }
  assert.deepEqual(disagreements, []);
  // Records whose nutriments are all 0 are stored as missing, so they compute no level.
  assert.equal(compared, 2934);
});

// ---------------------------------------------------------------- schema drift

test('a schema-1003 product with empty `nutriments` shows nutrition from `nutrition.aggregated_set`', () => {
  const product = accept({
    code: '3760020507350',
    schema_version: 1003,
    product_name: 'Confiture de fraises',
    lang: 'fr',
    brands_tags: ['xx:bonne-maman'],
    nutriments: {},
    nutrition: {
      aggregated_set: {
        per: '100g',
        preparation: 'as_sold',
        nutrients: {
          'energy-kcal': { value: 243, unit: 'kcal', source: 'packaging' },
          fat: { value: 0.2, unit: 'g' },
          'saturated-fat': { value: '0,1', unit: 'g' },
          sugars: { value: 58, unit: 'g', modifier: '~' },
          salt: { value: 30, unit: 'mg' },
          fiber: { value: 1.1, unit: 'g' },
          proteins: { value: 0.5 },
        },
      },
    },
    images: {
      selected: { front: { fr: { imgid: '1', rev: '10' } } },
      uploaded: { 1: { uploaded_t: 1744032137 } },
    },
  });
  assert.deepEqual(product.nutriments, {
    energyKcal: 243,
    fat: 0.2,
    saturatedFat: 0.1,
    sugars: 58,
    salt: 0.03,
    fiber: 1.1,
    proteins: 0.5,
  });
  assert.deepEqual(product.nutrientLevels, { fat: 'low', saturatedFat: 'low', sugars: 'high', salt: 'low' });
  assert.equal(product.brands, 'bonne maman');
  assert.equal(
    product.imageUrl,
    'https://images.openfoodfacts.org/images/products/376/002/050/7350/front_fr.10.400.jpg',
  );
  assert.equal(
    product.imageSmallUrl,
    'https://images.openfoodfacts.org/images/products/376/002/050/7350/front_fr.10.200.jpg',
  );
});

test('a schema-1003 set for the prepared product is ignored in favour of `nutriments`', () => {
  const product = accept({
    code: '3256540000001',
    product_name: 'Soupe déshydratée',
    nutriments: { fat_100g: 12 },
    nutrition: {
      aggregated_set: { per: '100g', preparation: 'prepared', nutrients: { fat: { value: 1, unit: 'g' } } },
    },
  });
  assert.equal(product.nutriments.fat, 12);
});

test('a schema-1003 set per serving is ignored', () => {
  const product = accept({
    code: '3256540000001',
    product_name: 'Barre',
    nutrition: { aggregated_set: { per: 'serving', nutrients: { fat: { value: 9, unit: 'g' } } } },
  });
  assert.equal(product.nutriments.fat, null);
});

test('a schema-1003 set with energy only in kJ shows kcal', () => {
  const product = accept({
    code: '3256540000001',
    product_name: 'Jus',
    nutrition: { aggregated_set: { per: '100g', nutrients: { 'energy-kj': { value: 1634, unit: 'kJ' } } } },
  });
  assert.equal(product.nutriments.energyKcal, 390.5);
});

test('brands come from `xx:` brand tags when the brands text is missing', () => {
  const product = accept({
    code: '3017620422003',
    product_name: 'Nutella',
    brands_tags: ['xx:ferrero', 'xx:nutella', 'en:jardin-bio-etic'],
  });
  assert.equal(product.brands, 'ferrero, nutella, jardin bio etic');
});

test('the brands text wins over brand tags', () => {
  assert.equal(
    accept({ code: '1', product_name: 'x', brands: '  Lactel,Matin Léger ', brands_tags: ['xx:b'] }).brands,
    'Lactel,Matin Léger',
  );
});

// ---------------------------------------------------------------- grades

test('shows no Nutri-Score grade for unknown, not-applicable, NA or a multi-part list', () => {
  for (const grade of ['unknown', 'not-applicable', 'NA', 'na', '', 'f', 'a,b', 'ab', 'E+']) {
    assert.equal(
      accept({ code: '1', product_name: 'x', nutriscore_grade: grade }).nutriscoreGrade,
      null,
      grade,
    );
  }
});

test('reads the grade in any case, from the legacy fields when the new one is absent', () => {
  assert.equal(accept({ code: '1', product_name: 'x', nutriscore_grade: ' B ' }).nutriscoreGrade, 'b');
  assert.equal(accept({ code: '1', product_name: 'x', nutrition_grades: 'c' }).nutriscoreGrade, 'c');
  assert.equal(accept({ code: '1', product_name: 'x', nutrition_grade_fr: 'D' }).nutriscoreGrade, 'd');
});

test('an "unknown" grade is not overridden by a stale legacy grade', () => {
  const product = accept({
    code: '1',
    product_name: 'x',
    nutriscore_grade: 'unknown',
    nutrition_grade_fr: 'c',
  });
  assert.equal(product.nutriscoreGrade, null);
});

test('dump products show their 2023 grade where it differs from the older `nutriscore_grade`', () => {
  // Yaourt de brebis vanille: B under the older algorithm, C in 2023; Filet de merlu: B → A.
  const yoghurt = findProduct(dump, '0002000002336');
  assert.deepEqual(
    [yoghurt.nutriscoreGrade, yoghurt.nutriscoreVersion, yoghurt.nutriscoreNotApplicable],
    ['c', '2023', false],
  );
  assert.equal(findProduct(dump, '0002000006266').nutriscoreGrade, 'a');
});

test('a "not-applicable" Nutri-Score is its own state, not an unknown grade', () => {
  // Balsamic vinegar of Modena: OFF does not grade vinegars.
  const vinegar = findProduct(dump, '0008295616241');
  assert.deepEqual(
    [vinegar.nutriscoreGrade, vinegar.nutriscoreVersion, vinegar.nutriscoreNotApplicable],
    [null, '2023', true],
  );
  const legacy = accept({ code: '1', product_name: 'x', nutriscore_grade: 'not-applicable' });
  assert.deepEqual([legacy.nutriscoreVersion, legacy.nutriscoreNotApplicable], ['2021', true]);
  const missing = accept({ code: '1', product_name: 'x', nutriscore_grade: 'na' });
  assert.deepEqual([missing.nutriscoreVersion, missing.nutriscoreNotApplicable], [null, false]);
});

test('reads the 2023 grade from any of its fields, the older one only as a fallback', () => {
  const read = (fields: Record<string, unknown>) => {
    const product = accept({ code: '1', product_name: 'x', ...fields });
    return [product.nutriscoreGrade, product.nutriscoreVersion];
  };
  assert.deepEqual(read({ nutriscore_grade: 'b', nutriscore_2023_tags: ['d'] }), ['d', '2023']);
  assert.deepEqual(read({ nutriscore_grade: 'b', nutriscore: { 2023: { grade: 'c' } } }), ['c', '2023']);
  assert.deepEqual(read({ nutriscore_grade: 'e', nutriscore_version: '2023' }), ['e', '2023']);
  assert.deepEqual(read({ nutriscore_grade: 'b', nutriscore_2023_tags: ['unknown'] }), ['b', '2021']);
  assert.deepEqual(read({ nutriscore_grade: 'b' }), ['b', '2021']);
  assert.deepEqual(read({ nutriscore_grade: 'unknown' }), [null, null]);
});

test('nutriments all at 0, marked "-" or declared absent are missing, never zeros to compare', () => {
  const read = (fields: Record<string, unknown>) =>
    accept({ code: '1', product_name: 'x', ...fields }).nutriments;
  const allZero = read({
    nutriments: { fat_100g: 0, sugars_100g: 0, salt_100g: 0, 'saturated-fat_100g': 0 },
  });
  assert.deepEqual(Object.values(allZero), [null, null, null, null, null, null, null]);
  const marked = read({ nutriments: { fat_100g: 0, fat_modifier: '-', sugars_100g: 12 } });
  assert.deepEqual([marked.fat, marked.sugars], [null, 12]);
  const none = read({ no_nutrition_data: 'on', nutriments: { sugars_100g: 12 } });
  assert.equal(none.sugars, null);
  // A real 0 beside real values stays a 0.
  assert.equal(read({ nutriments: { fat_100g: 0, sugars_100g: 10.6 } }).fat, 0);
});

test('a drink is a beverage from OFF tags or French display names, with halved level thresholds', () => {
  const cola = accept({
    code: '1',
    product_name: 'Cola',
    categories: 'Boissons, Sodas',
    nutriments: { sugars_100g: 10.6 },
  });
  assert.equal(cola.isBeverage, true);
  assert.equal(cola.nutrientLevels.sugars, 'high');
  assert.equal(accept({ code: '1', product_name: 'x', categories_tags: ['en:beverages'] }).isBeverage, true);
  assert.equal(accept({ code: '1', product_name: 'x', categories_tags: ['en:spreads'] }).isBeverage, false);
});

test('reads the Nutri-Score score and NOVA group from numbers or strings', () => {
  const product = accept({ code: '1', product_name: 'x', nutriscore_score: '-3', nova_group: '4' });
  assert.equal(product.nutriscoreScore, -3);
  assert.equal(product.novaGroup, 4);
  const fromNutriments = accept({
    code: '1',
    product_name: 'x',
    nutriments: { 'nutrition-score-fr_100g': 14 },
  });
  assert.equal(fromNutriments.nutriscoreScore, 14);
  for (const nova of [0, 5, 2.5, 'x', null]) {
    assert.equal(accept({ code: '1', product_name: 'x', nova_group: nova }).novaGroup, null, String(nova));
  }
});

// ---------------------------------------------------------------- nutrition fallbacks

test('shows kcal converted from kJ when only kJ is known', () => {
  const product = accept({ code: '1', product_name: 'x', nutriments: { energy_100g: 2582 } });
  assert.equal(product.nutriments.energyKcal, 617.1);
  assert.equal(
    accept({ code: '1', product_name: 'x', nutriments: { energy_100g: '1000' } }).nutriments.energyKcal,
    239,
  );
});

test('shows salt computed from sodium when salt is missing', () => {
  assert.equal(accept({ code: '1', product_name: 'x', nutriments: { sodium_100g: 0.4 } }).nutriments.salt, 1);
  assert.equal(
    accept({ code: '1', product_name: 'x', nutriments: { sodium_100g: '0.164' } }).nutriments.salt,
    0.41,
  );
  const both = accept({ code: '1', product_name: 'x', nutriments: { salt_100g: 0.3, sodium_100g: 4 } });
  assert.equal(both.nutriments.salt, 0.3);
});

test('reads decimal commas and drops negative or non-numeric nutrition values', () => {
  const product = accept({
    code: '1',
    product_name: 'x',
    nutriments: {
      fat_100g: '1,6',
      sugars_100g: -1,
      salt_100g: 'traces',
      fiber_100g: '',
      proteins_100g: '1e999',
    },
  });
  assert.equal(product.nutriments.fat, 1.6);
  assert.equal(product.nutriments.sugars, null);
  assert.equal(product.nutriments.salt, null);
  assert.equal(product.nutriments.fiber, null);
  assert.equal(product.nutriments.proteins, null);
});

// ---------------------------------------------------------------- nutrient levels

function levelsFor(nutriments: Record<string, number>, extra: Record<string, unknown> = {}) {
  return accept({ code: '1', product_name: 'x', nutriments, ...extra }).nutrientLevels;
}

test('computes fat levels like OFF: below 3 g low, 3 to 20 g moderate, above 20 g high', () => {
  assert.equal(levelsFor({ fat_100g: 2.9 }).fat, 'low');
  assert.equal(levelsFor({ fat_100g: 3 }).fat, 'moderate'); // OFF rates exactly 3 g moderate (see the dump)
  assert.equal(levelsFor({ fat_100g: 3.1 }).fat, 'moderate');
  assert.equal(levelsFor({ fat_100g: 20 }).fat, 'moderate');
  assert.equal(levelsFor({ fat_100g: 20.1 }).fat, 'high');
});

test('computes saturated fat, sugars and salt levels at their thresholds', () => {
  assert.deepEqual(levelsFor({ 'saturated-fat_100g': 1.4, sugars_100g: 5, salt_100g: 1.51 }), {
    fat: null,
    saturatedFat: 'low',
    sugars: 'moderate',
    salt: 'high',
  });
  assert.deepEqual(levelsFor({ 'saturated-fat_100g': 5.1, sugars_100g: 12.5, salt_100g: 0.29 }), {
    fat: null,
    saturatedFat: 'high',
    sugars: 'moderate',
    salt: 'low',
  });
  assert.equal(levelsFor({ sugars_100g: 12.6 }).sugars, 'high');
});

test('halves the level thresholds for drinks, as OFF does', () => {
  const soda = levelsFor({ sugars_100g: 10.6 }, { categories_tags: ['en:beverages', 'en:sodas'] });
  assert.equal(soda.sugars, 'high');
  assert.equal(levelsFor({ sugars_100g: 10.6 }).sugars, 'moderate');
});

test("keeps OFF's own levels and computes only the missing or invalid ones", () => {
  const levels = levelsFor(
    { fat_100g: 50, sugars_100g: 1, salt_100g: 2 },
    { nutrient_levels: { fat: 'low', sugars: 'HIGH', salt: 42 } },
  );
  assert.deepEqual(levels, { fat: 'low', saturatedFat: null, sugars: 'low', salt: 'high' });
});

// ---------------------------------------------------------------- barcodes and rejects

test('rejects records that are not products, with a reason naming the field', () => {
  assert.equal(rejectionOf(null), 'record is not an object');
  assert.equal(rejectionOf([]), 'record is not an object');
  assert.equal(rejectionOf('3017620422003'), 'record is not an object');
  assert.equal(rejectionOf({ product_name: 'Nutella' }), 'missing code');
  assert.equal(rejectionOf({ code: '  ', product_name: 'Nutella' }), 'missing code');
  assert.equal(
    rejectionOf({ code: 'abc', product_name: 'Nutella' }),
    'code "abc" is not a barcode (digits only)',
  );
  assert.equal(
    rejectionOf({ code: '301-762', product_name: 'Nutella' }),
    'code "301-762" is not a barcode (digits only)',
  );
  assert.equal(
    rejectionOf({ code: '1'.repeat(25), product_name: 'Nutella' }),
    `code "${'1'.repeat(25)}" is not a barcode (more than 24 digits)`,
  );
  assert.equal(rejectionOf({ code: -5, product_name: 'Nutella' }), 'code -5 is not a barcode (digits only)');
  assert.equal(
    rejectionOf({ code: { $oid: 'x' }, product_name: 'Nutella' }),
    'code of type object is not a barcode',
  );
  assert.equal(rejectionOf({ code: '3017620422003' }), 'no product name in any language');
  assert.equal(
    rejectionOf({ code: '3017620422003', product_name: ' \n\t ', generic_name: '' }),
    'no product name in any language',
  );
});

test('keeps leading zeros of a barcode given as text, and accepts numeric barcodes', () => {
  assert.equal(accept({ code: ' 0000101209159 ', product_name: 'x' }).code, '0000101209159');
  assert.equal(accept({ code: 3017620422003, product_name: 'x' }).code, '3017620422003');
  assert.equal(accept({ _id: '0000101209159', product_name: 'x' }).code, '0000101209159');
  assert.equal(accept({ code: '', _id: '42', product_name: 'x' }).code, '42');
});

test('finds the barcode in an OFF product URL when `code` was not requested', () => {
  const product = accept({
    product_name: 'x',
    url: 'https://fr.openfoodfacts.org/produit/3017620422003/nutella-ferrero',
  });
  assert.equal(product.code, '3017620422003');
  assert.equal(product.offUrl, 'https://world.openfoodfacts.org/product/3017620422003');
  assert.equal(
    rejectionOf({ product_name: 'x', url: 'https://example.com/product/3017620422003' }),
    'missing code',
  );
});

// ---------------------------------------------------------------- texts

test('picks the French name first and falls back through generic and abbreviated names', () => {
  assert.equal(accept({ code: '1', product_name: 'Milk', product_name_fr: 'Lait' }).name, 'Lait');
  assert.equal(accept({ code: '1', product_name_fr: ' ', product_name: 'Milk' }).name, 'Milk');
  assert.equal(accept({ code: '1', product_name: '', generic_name_fr: 'Lait UHT' }).name, 'Lait UHT');
  assert.equal(accept({ code: '1', abbreviated_product_name: 'LAIT 1L' }).name, 'LAIT 1L');
});

test('collapses whitespace and caps long texts instead of rejecting them', () => {
  const product = accept({
    code: '1',
    product_name: `  Pâte\n à \ttartiner ${'é'.repeat(400)}`,
    quantity: ` 350   g `,
    generic_name: 'g'.repeat(600),
  });
  assert.ok(product.name.startsWith('Pâte à tartiner éé'));
  assert.equal(product.name.length, 300);
  assert.equal(product.quantity, '350 g');
  assert.equal(product.genericName?.length, 500);
  assert.equal(accept({ code: '1', product_name: `${'a'.repeat(299)}😀😀` }).name, `${'a'.repeat(299)}😀`);
});

test('counts scans and reads the last change time from numbers or strings', () => {
  const product = accept({
    code: '1',
    product_name: 'x',
    unique_scans_n: '12',
    last_modified_t: '1682726341',
  });
  assert.equal(product.uniqueScansN, 12);
  assert.equal(product.lastModifiedT, 1682726341);
  const unknown = accept({ code: '1', product_name: 'x', unique_scans_n: -4, last_modified_t: 'yesterday' });
  assert.equal(unknown.uniqueScansN, 0);
  assert.equal(unknown.lastModifiedT, null);
});

// ---------------------------------------------------------------- images

test('serves pictures over https', () => {
  const product = accept({
    code: '1',
    product_name: 'x',
    image_url: 'http://static.openfoodfacts.org/images/products/1/front_fr.3.400.jpg',
    image_small_url: 'http://static.openfoodfacts.org/images/products/1/front_fr.3.200.jpg',
  });
  assert.equal(product.imageUrl, 'https://static.openfoodfacts.org/images/products/1/front_fr.3.400.jpg');
  assert.equal(
    product.imageSmallUrl,
    'https://static.openfoodfacts.org/images/products/1/front_fr.3.200.jpg',
  );
});

test('prefers the front picture URL over the generic image URL', () => {
  const product = accept({
    code: '1',
    product_name: 'x',
    image_url: 'https://example.org/a.jpg',
    image_front_url: 'https://example.org/front.jpg',
  });
  assert.equal(product.imageUrl, 'https://example.org/front.jpg');
  assert.equal(product.imageSmallUrl, null);
});

test('builds the front picture in the product language, then French, English, any language', () => {
  const images = {
    front_de: { rev: '5' },
    front_en: { rev: 7 },
    front_fr: { rev: '6' },
    front_es: { rev: '8' },
  };
  const urlFor = (record: Record<string, unknown>) =>
    accept({ code: '3017620422003', product_name: 'x', images, ...record }).imageUrl;
  const folder = 'https://images.openfoodfacts.org/images/products/301/762/042/2003';
  assert.equal(urlFor({ lang: 'es' }), `${folder}/front_es.8.400.jpg`);
  assert.equal(urlFor({ lang: 'it', lc: 'de' }), `${folder}/front_de.5.400.jpg`);
  assert.equal(urlFor({ lang: 'it' }), `${folder}/front_fr.6.400.jpg`);
  assert.equal(
    accept({
      code: '3017620422003',
      product_name: 'x',
      images: { front_en: { rev: '7' }, front_de: { rev: '5' } },
    }).imageUrl,
    `${folder}/front_en.7.400.jpg`,
  );
  assert.equal(
    accept({ code: '3017620422003', product_name: 'x', images: { 1: {}, front_ru: { rev: '2' } } })
      .imageSmallUrl,
    `${folder}/front_ru.2.200.jpg`,
  );
});

test('pads 9 to 12 digit barcodes to 13 for the picture folder only', () => {
  const product = accept({ code: '12345678905', product_name: 'x', images: { front_fr: { rev: '3' } } });
  assert.equal(product.code, '12345678905');
  assert.equal(
    product.imageUrl,
    'https://images.openfoodfacts.org/images/products/001/234/567/8905/front_fr.3.400.jpg',
  );
  const long = accept({ code: '32562243030088', product_name: 'x', images: { front_fr: { rev: '5' } } });
  assert.equal(
    long.imageUrl,
    'https://images.openfoodfacts.org/images/products/325/622/430/30088/front_fr.5.400.jpg',
  );
});

test('shows no picture when the images map has no usable front picture', () => {
  for (const images of [
    null,
    [],
    'front_fr',
    {},
    { front_fr: null },
    { front_fr: { rev: 'abc' } },
    { front_fr: { rev: -1 } },
    { front_fr: {} },
    { 'front_../../x': { rev: '1' } },
    { selected: null },
    { selected: { front: 'fr' } },
    { selected: { front: { fr: { rev: null } } } },
  ]) {
    const product = accept({ code: '1', product_name: 'x', images });
    assert.equal(product.imageUrl, null, JSON.stringify(images));
    assert.equal(product.imageSmallUrl, null, JSON.stringify(images));
  }
  assert.equal(accept({ code: '1', product_name: 'x', image_url: 'javascript:alert(1)' }).imageUrl, null);
});

// ---------------------------------------------------------------- categories

test('pairs French category names given by the API with their tags', () => {
  const product = accept({
    code: '1',
    product_name: 'x',
    categories_tags: ['en:snacks', ' EN:Sweet-Snacks ', 'en:snacks', '', 'en:biscuits'],
    categories_tags_fr: ['Snacks', 'Snacks sucrés', 'Snacks', '', 'en:biscuits'],
  });
  assert.deepEqual(product.categories, [
    { tag: 'en:snacks', name: 'Snacks' },
    { tag: 'en:sweet-snacks', name: 'Snacks sucrés' },
    { tag: 'en:biscuits', name: null },
  ]);
});

test('ignores French names that do not line up with the tags', () => {
  const product = accept({
    code: '1',
    product_name: 'x',
    categories_tags: ['en:snacks', 'en:biscuits'],
    categories_tags_fr: ['Snacks'],
  });
  assert.deepEqual(product.categories, [
    { tag: 'en:snacks', name: null },
    { tag: 'en:biscuits', name: null },
  ]);
});

test('reads category tags given as a comma string and skips tags over 64 characters', () => {
  const product = accept({
    code: '1',
    product_name: 'x',
    categories_tags: `en:dairies, en:milks,fr:${'x'.repeat(62)}`,
  });
  assert.deepEqual(
    product.categories.map((category) => category.tag),
    ['en:dairies', 'en:milks'],
  );
});

test('derives tags from category names when a record has no tags', () => {
  const product = accept({
    code: '1',
    product_name: 'x',
    categories:
      'Produits à tartiner,  Pâtes à tartiner au chocolat , produits à tartiner, en:Rolled flakes, , !!',
  });
  assert.deepEqual(product.categories, [
    { tag: 'fr:produits-a-tartiner', name: 'Produits à tartiner' },
    { tag: 'fr:pates-a-tartiner-au-chocolat', name: 'Pâtes à tartiner au chocolat' },
    { tag: 'en:rolled-flakes', name: null },
  ]);
});

// ---------------------------------------------------------------- robustness

const STRANGE_VALUES: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  '   ',
  'abc',
  '-1',
  '1e999',
  'x'.repeat(10_000),
  [],
  [null, 1, 'a', {}],
  {},
  { value: {} },
  { rev: { rev: 1 } },
  [[[[]]]],
  { a: { b: { c: { d: [] } } } },
  { per: '100g', nutrients: 'fat' },
  {
    per: '100g',
    preparation: 'as_sold',
    nutrients: { fat: { value: 'x', unit: 'kg' }, 'energy-kcal': { value: 1, unit: 7 } },
  },
  { front: { fr: { rev: [] } } },
];

const FIELDS = [
  'code',
  '_id',
  'url',
  'product_name',
  'product_name_fr',
  'generic_name',
  'generic_name_fr',
  'abbreviated_product_name',
  'brands',
  'brands_tags',
  'quantity',
  'nutriscore_grade',
  'nutrition_grades',
  'nutrition_grade_fr',
  'nutriscore_score',
  'nova_group',
  'nutriments',
  'nutrition',
  'nutrient_levels',
  'image_url',
  'image_front_url',
  'image_small_url',
  'image_front_small_url',
  'images',
  'lang',
  'lc',
  'unique_scans_n',
  'last_modified_t',
  'categories_tags',
  'categories_tags_fr',
  'categories',
  'categories_lc',
];

test('never throws on strange values in any field, at any depth', () => {
  const base = { code: '3017620422003', product_name: 'Nutella' };
  const nest = (value: unknown): Record<string, unknown>[] => [
    {
      ...base,
      nutriments: { fat_100g: value, 'energy-kcal_100g': value, energy_100g: value, sodium_100g: value },
    },
    { ...base, nutrition: { aggregated_set: value } },
    { ...base, nutrition: { aggregated_set: { per: '100g', nutrients: value } } },
    { ...base, nutrition: { aggregated_set: { per: '100g', nutrients: { fat: value, energy: value } } } },
    { ...base, nutrition: { aggregated_set: { per: '100g', nutrients: { fat: { value, unit: value } } } } },
    { ...base, nutrient_levels: { fat: value, salt: value } },
    { ...base, images: { front_fr: value, selected: value } },
    { ...base, images: { selected: { front: value } } },
    { ...base, images: { selected: { front: { fr: value } } }, lang: value },
    { ...base, categories_tags: [value, 'en:x'], categories_tags_fr: [value, value] },
  ];
  for (const value of STRANGE_VALUES) {
    for (const input of [value, [value], { value }]) {
      assert.doesNotThrow(() => toCatalogueProduct(input));
    }
    const records = [...FIELDS.map((fieldName) => ({ ...base, [fieldName]: value })), ...nest(value)];
    for (const record of records) {
      const result = toCatalogueProduct(record);
      if (result.ok) assertWellFormed(result.product);
    }
  }
});

test('never throws when real dump records are scrambled field by field', () => {
  // A fixed-seed generator, so a failure can be replayed.
  let seed = 20261127;
  const random = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % limit;
  };
  let accepted = 0;
  for (const record of dump.slice(0, 300)) {
    if (typeof record !== 'object' || record === null) continue;
    const scrambled: Record<string, unknown> = { ...record };
    const keys = Object.keys(scrambled);
    for (let i = 0; i < 8; i += 1) {
      const key = FIELDS[random(FIELDS.length)] ?? keys[random(keys.length)] ?? 'code';
      scrambled[key] = STRANGE_VALUES[random(STRANGE_VALUES.length)];
    }
    const result = toCatalogueProduct(scrambled);
    if (result.ok) {
      assertWellFormed(result.product);
      accepted += 1;
    }
  }
  assert.ok(accepted > 0, 'some scrambled records should still be accepted');
});
