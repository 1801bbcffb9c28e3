// The demo catalogue loaded on a first start without internet, so the site can be tried offline.
// Products and brands are invented. Every barcode starts with 200, which GS1 reserves for in-store
// use and never gives to a manufacturer, so the UI can tell demo rows apart by their code.
// Records have the shape of OFF's JSONL export and go through the same importer as real data.
// Nutri-Scores are computed from the nutriments with the 2017 algorithm and its food score bands
// (A ≤ -1, B ≤ 2, C ≤ 10, D ≤ 18, E above), so a grade always matches the nutrition table beside it.

export const DEMO_SOURCE = 'demo';
export const DEMO_CODE_PREFIX = '200';

/** 2026-01-01: a fixed date, so two generations are identical. */
const DEMO_LAST_MODIFIED_T = 1767225600;
const PRNG_SEED = 20260101;

type Grade = 'a' | 'b' | 'c' | 'd' | 'e';
type Level = 'low' | 'moderate' | 'high';
type Nova = 1 | 2 | 3 | 4;

export interface DemoRecord {
  code: string;
  product_name: string;
  product_name_fr: string;
  generic_name_fr?: string;
  brands: string;
  quantity: string;
  lang: 'fr';
  nutriscore_grade: Grade | 'unknown';
  /** Absent when the grade is unknown, as in OFF. */
  nutriscore_score?: number;
  nova_group: Nova;
  nutriments: {
    'energy-kcal_100g': number;
    fat_100g: number;
    'saturated-fat_100g': number;
    sugars_100g: number;
    salt_100g: number;
    fiber_100g: number;
    proteins_100g: number;
  };
  nutrient_levels: { fat: Level; 'saturated-fat': Level; sugars: Level; salt: Level };
  categories_tags: string[];
  categories_tags_fr: string[];
  unique_scans_n: number;
  last_modified_t: number;
}

export interface DemoFamily {
  id: string;
  /** French shelf name, e.g. "Pâtes à tartiner". */
  name: string;
  records: DemoRecord[];
}

/** The whole demo catalogue, flat, in a stable order. */
export function createDemoRecords(): DemoRecord[] {
  return createDemoFamilies().flatMap((family) => family.records);
}

/** The demo catalogue by shelf; the same records as `createDemoRecords`. */
export function createDemoFamilies(): DemoFamily[] {
  const random = mulberry32(PRNG_SEED);
  return FAMILIES.map((family, familyIndex) => {
    const records: DemoRecord[] = [];
    let productIndex = 0;
    for (const shelf of family.shelves) {
      for (const [inShelf, product] of shelf.products.entries()) {
        for (let variant = 0; variant < (product.brands ?? 1); variant++) {
          const brand = family.brands[(productIndex + variant) % family.brands.length] ?? OWN_LABELS[0];
          // 200, family, product, brand variant, 3 pseudo-random digits, check digit.
          const body = `${DEMO_CODE_PREFIX}${pad(familyIndex + 1, 2)}${pad(productIndex, 3)}${variant}${pad(Math.floor(random() * 1000), 3)}`;
          const code = body + ean13CheckDigit(body);
          records.push(toRecord(code, brand, shelf, product, { inShelf, variant }, random));
        }
        productIndex++;
      }
    }
    return { id: family.id, name: family.name, records };
  });
}

function toRecord(
  code: string,
  brand: string,
  shelf: Shelf,
  product: ProductSpec,
  position: { inShelf: number; variant: number },
  random: () => number,
): DemoRecord {
  const { inShelf, variant } = position;
  const [kcal, fat, saturatedFat, sugars, salt, fiber, proteins] = product.per100;
  // Other brands' versions of a product differ a little, as real competing recipes do; an oil is
  // all fat whoever presses it.
  const vary = (value: number, decimals: number): number =>
    variant === 0 || fat === 100 ? value : round(value * (0.92 + random() * 0.16), decimals);
  const varied = {
    fat: vary(fat, 1),
    sugars: vary(sugars, 1),
    fiber: vary(fiber, 1),
    proteins: vary(proteins, 1),
  };
  // Rich products (oils, spreads) sit near 100 g of nutrients per 100 g: a version that would go
  // over is scaled back, rounding down to 0.1 g so the sum stays within 100 g.
  const total = varied.fat + varied.sugars + varied.fiber + varied.proteins;
  const fit = (value: number): number => (total <= 100 ? value : Math.floor((value / total) * 1000) / 10);
  const n = {
    fat: fit(varied.fat),
    sugars: fit(varied.sugars),
    salt: vary(salt, 2),
    fiber: fit(varied.fiber),
    proteins: fit(varied.proteins),
  };
  // Energy follows the varied macronutrients (Atwater factors), so every label adds up.
  const energy =
    kcal + 9 * (n.fat - fat) + 4 * (n.sugars - sugars + n.proteins - proteins) + 2 * (n.fiber - fiber);
  const per100: Per100 = [
    Math.round(energy),
    n.fat,
    // Kept as a share of fat so saturated fat never exceeds total fat.
    fat === 0 ? 0 : round((saturatedFat / fat) * n.fat, 1),
    n.sugars,
    n.salt,
    n.fiber,
    n.proteins,
  ];
  const score = product.unrated ? null : computeNutriscore(shelf.kind, per100, product.fvn ?? 0);
  const beverage = shelf.kind === 'beverage' || shelf.kind === 'water';
  // Each shelf lists its best sellers first, and the first brand is the leading one, so searches
  // sorted by popularity open on the classics; the factor 0.3–1.5 keeps the order loose.
  const popularity = 60000 * 0.8 ** inShelf * (variant === 0 ? 1 : 0.3 / variant) * (0.3 + random() * 1.2);
  const scans = Math.max(3, Math.round(product.unrated ? popularity / 50 : popularity));

  return {
    code,
    product_name: product.name,
    product_name_fr: product.name,
    ...(product.generic === undefined ? {} : { generic_name_fr: product.generic }),
    brands: brand,
    quantity: product.quantity,
    lang: 'fr',
    nutriscore_grade: score === null ? 'unknown' : score.grade,
    ...(score === null ? {} : { nutriscore_score: score.score }),
    nova_group: product.nova,
    nutriments: {
      'energy-kcal_100g': per100[0],
      fat_100g: per100[1],
      'saturated-fat_100g': per100[2],
      sugars_100g: per100[3],
      salt_100g: per100[4],
      fiber_100g: per100[5],
      proteins_100g: per100[6],
    },
    nutrient_levels: toNutrientLevels(per100, beverage),
    categories_tags: shelf.categories.map(([tag]) => tag),
    categories_tags_fr: shelf.categories.map(([, name]) => name),
    unique_scans_n: scans,
    last_modified_t: DEMO_LAST_MODIFIED_T,
  };
}

// ---------------------------------------------------------------- Nutri-Score (2017)

// Santé publique France, "Nutri-Score: règlement d'usage", annex (2017 algorithm, with the 2019
// addition of olive, rapeseed and walnut oils to the fruit/vegetable/nut share). Points are the
// number of thresholds strictly exceeded.
const ENERGY_KJ = [335, 670, 1005, 1340, 1675, 2010, 2345, 2680, 3015, 3350];
const SUGARS = [4.5, 9, 13.5, 18, 22.5, 27, 31, 36, 40, 45];
const SATURATED_FAT = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SODIUM_MG = [90, 180, 270, 360, 450, 540, 630, 720, 810, 900];
const FIBER = [0.9, 1.9, 2.8, 3.7, 4.7];
const PROTEINS = [1.6, 3.2, 4.8, 6.4, 8];
const BEVERAGE_ENERGY_KJ = [0, 30, 60, 90, 120, 150, 180, 210, 240, 270];
const BEVERAGE_SUGARS = [0, 1.5, 3, 4.5, 6, 7.5, 9, 10.5, 12, 13.5];
/** For added fats, saturated fat counts as a share of all fat (%), "from 10, by steps of 6". */
const SATURATED_FAT_RATIO = [10, 16, 22, 28, 34, 40, 46, 52, 58, 64];

type NutritionKind = 'solid' | 'cheese' | 'fat' | 'beverage' | 'water';

function computeNutriscore(kind: NutritionKind, n: Per100, fvn: number): { grade: Grade; score: number } {
  // Waters are A by rule; -1 is the best end of the A band where it sorts next to other drinks.
  if (kind === 'water') return { grade: 'a', score: -1 };
  const [kcal, fat, saturatedFat, sugars, salt, fiber, proteins] = n;
  const beverage = kind === 'beverage';
  const kj = kcal * 4.184;

  const saturatedPoints =
    kind === 'fat'
      ? SATURATED_FAT_RATIO.filter((t) => (fat === 0 ? 0 : (saturatedFat / fat) * 100) >= t).length
      : above(saturatedFat, SATURATED_FAT);
  const negative =
    above(kj, beverage ? BEVERAGE_ENERGY_KJ : ENERGY_KJ) +
    above(sugars, beverage ? BEVERAGE_SUGARS : SUGARS) +
    saturatedPoints +
    above((salt / 2.5) * 1000, SODIUM_MG);

  const fvnMax = beverage ? 10 : 5;
  const fvnPoints = fvn > 80 ? fvnMax : fvn > 60 ? (beverage ? 4 : 2) : fvn > 40 ? (beverage ? 2 : 1) : 0;
  // Proteins stop counting once a product is clearly unhealthy, except for cheeses and for
  // products that are mostly fruit and vegetables.
  const countProteins = negative < 11 || fvnPoints === fvnMax || kind === 'cheese';
  const raw = negative - fvnPoints - above(fiber, FIBER) - (countProteins ? above(proteins, PROTEINS) : 0);

  if (!beverage) return { grade: solidGrade(raw), score: raw };
  // Drinks have their own grade bands (B ≤ 1, C ≤ 5, D ≤ 9, E above). Their score is moved into the
  // solid band of the same grade, so one scale ranks every product of the catalogue.
  if (raw <= 1) return { grade: 'b', score: Math.max(0, raw + 1) };
  if (raw <= 5) return { grade: 'c', score: 3 + Math.round(((raw - 2) * 7) / 3) };
  if (raw <= 9) return { grade: 'd', score: 11 + Math.round(((raw - 6) * 7) / 3) };
  return { grade: 'e', score: Math.min(40, 19 + raw - 10) };
}

function solidGrade(score: number): Grade {
  if (score <= -1) return 'a';
  if (score <= 2) return 'b';
  if (score <= 10) return 'c';
  if (score <= 18) return 'd';
  return 'e';
}

function above(value: number, thresholds: readonly number[]): number {
  return thresholds.filter((threshold) => value > threshold).length;
}

// OFF's levels (Food.pm compute_nutrient_levels): below the low threshold is low, above the high
// one is high, a value exactly on a threshold is moderate, and drinks use half the thresholds.
function toNutrientLevels(n: Per100, beverage: boolean): DemoRecord['nutrient_levels'] {
  const scale = beverage ? 0.5 : 1;
  const level = (value: number, low: number, high: number): Level =>
    value < low * scale ? 'low' : value > high * scale ? 'high' : 'moderate';
  return {
    fat: level(n[1], 3, 20),
    'saturated-fat': level(n[2], 1.5, 5),
    sugars: level(n[3], 5, 12.5),
    salt: level(n[4], 0.3, 1.5),
  };
}

// ---------------------------------------------------------------- codes and randomness

/** GS1 check digit: weights 1 and 3 alternate from the left over the 12 digits. */
function ean13CheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

// A tiny seeded generator (public domain, Tommy Ettinger) keeps output identical on every call.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

// ---------------------------------------------------------------- data

/** Per 100 g (or 100 ml): kcal, fat, saturated fat, sugars, salt, fibre, proteins. */
type Per100 = readonly [number, number, number, number, number, number, number];
type Category = readonly [tag: string, name: string];

interface ProductSpec {
  name: string;
  per100: Per100;
  nova: Nova;
  quantity: string;
  /** Fruit, vegetable and nut share (%), which the Nutri-Score rewards. */
  fvn?: number;
  /** How many brands sell their own version (default 1). */
  brands?: number;
  generic?: string;
  /** Grade "unknown", as OFF shows until a product's data is complete enough to compute it. */
  unrated?: boolean;
}

interface Shelf {
  kind: NutritionKind;
  /** OFF tags, general first. The chain stops at the level where shoppers compare products. */
  categories: readonly Category[];
  products: readonly ProductSpec[];
}

interface FamilySpec {
  id: string;
  name: string;
  brands: readonly string[];
  shelves: readonly Shelf[];
}

function p(
  name: string,
  per100: Per100,
  nova: Nova,
  quantity: string,
  extra: Omit<ProductSpec, 'name' | 'per100' | 'nova' | 'quantity'> = {},
): ProductSpec {
  return { name, per100, nova, quantity, ...extra };
}

const PLANT_BASED: readonly Category[] = [
  ['en:plant-based-foods-and-beverages', 'Aliments et boissons à base de végétaux'],
  ['en:plant-based-foods', "Aliments d'origine végétale"],
];
const SWEET_SPREADS: readonly Category[] = [
  ['en:breakfasts', 'Petit-déjeuners'],
  ['en:spreads', 'Produits à tartiner'],
  ['en:sweet-spreads', 'Produits à tartiner sucrés'],
];
const CEREAL_PRODUCTS: readonly Category[] = [
  ...PLANT_BASED,
  ['en:cereals-and-potatoes', 'Céréales et pommes de terre'],
  ['en:cereals-and-their-products', 'Céréales et dérivés'],
];
const BREAKFAST_CEREALS: readonly Category[] = [
  ...PLANT_BASED,
  ['en:breakfasts', 'Petit-déjeuners'],
  ['en:cereals-and-potatoes', 'Céréales et pommes de terre'],
  ['en:cereals-and-their-products', 'Céréales et dérivés'],
  ['en:breakfast-cereals', 'Céréales pour petit-déjeuner'],
];
const BISCUITS: readonly Category[] = [
  ['en:snacks', 'Snacks'],
  ['en:sweet-snacks', 'Snacks sucrés'],
  ['en:biscuits-and-cakes', 'Biscuits et gâteaux'],
  ['en:biscuits', 'Biscuits'],
];
const YOGURTS: readonly Category[] = [
  ['en:dairies', 'Produits laitiers'],
  ['en:fermented-foods', 'Aliments fermentés'],
  ['en:fermented-milk-products', 'Produits laitiers fermentés'],
  ['en:desserts', 'Desserts'],
  ['en:dairy-desserts', 'Desserts lactés'],
  ['en:fermented-dairy-desserts', 'Desserts lactés fermentés'],
  ['en:yogurts', 'Yaourts'],
];
const CHEESES: readonly Category[] = [
  ['en:dairies', 'Produits laitiers'],
  ['en:fermented-foods', 'Aliments fermentés'],
  ['en:fermented-milk-products', 'Produits laitiers fermentés'],
  ['en:cheeses', 'Fromages'],
];
const JUICES_AND_NECTARS: readonly Category[] = [
  ['en:plant-based-foods-and-beverages', 'Aliments et boissons à base de végétaux'],
  ['en:beverages', 'Boissons'],
  ['en:plant-based-beverages', 'Boissons à base de végétaux'],
  ['en:fruit-based-beverages', 'Boissons aux fruits'],
  ['en:juices-and-nectars', 'Jus et nectars'],
];
const SALTY_SNACKS: readonly Category[] = [
  ...PLANT_BASED,
  ['en:snacks', 'Snacks'],
  ['en:salty-snacks', 'Snacks salés'],
  ['en:appetizers', 'Apéritif'],
];
const FATS: readonly Category[] = [...PLANT_BASED, ['en:fats', 'Matières grasses']];
const PREPARED_MEATS: readonly Category[] = [
  ['en:meats-and-their-products', 'Viandes et dérivés'],
  ['en:meats', 'Viandes'],
  ['en:prepared-meats', 'Charcuteries'],
];
const FRUIT_BASED: readonly Category[] = [
  ...PLANT_BASED,
  ['en:fruits-and-vegetables-based-foods', 'Aliments à base de fruits et de légumes'],
  ['en:fruits-based-foods', 'Aliments à base de fruits'],
];

// Two brands play the part of supermarket own-labels and appear on several shelves.
const OWN_LABELS = ['Maison Colette', 'Les Prés de Rémy'] as const;

const FAMILIES: readonly FamilySpec[] = [
  {
    id: 'pates-a-tartiner',
    name: 'Pâtes à tartiner',
    brands: ['Bonne Tartine', 'Noisetine & Cie', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [
          ...PLANT_BASED,
          ...SWEET_SPREADS,
          ['en:cocoa-and-hazelnuts-spreads', 'Pâtes à tartiner au cacao et aux noisettes'],
        ],
        products: [
          p('Pâte à tartiner noisettes cacao', [539, 30.9, 10.6, 56.3, 0.11, 3.4, 6.3], 4, '400 g', {
            brands: 3,
            generic: 'Pâte à tartiner aux noisettes et au cacao',
          }),
          p(
            'Pâte à tartiner noisettes cacao sans huile de palme',
            [545, 32, 5.5, 54, 0.1, 3.5, 6],
            4,
            '350 g',
            { brands: 2 },
          ),
          p('Pâte à tartiner bio noisettes et cacao', [550, 34, 4.5, 48, 0.05, 4.5, 7], 3, '350 g'),
          p('Pâte à tartiner 40 % noisettes allégée en sucres', [560, 40, 4, 30, 0.05, 6.5, 9], 3, '350 g', {
            brands: 2,
          }),
          p('Pâte à tartiner cacao noisettes aux éclats', [548, 33, 11, 53, 0.2, 3, 6.5], 4, '400 g'),
          p('Pâte à tartiner chocolat au lait et noisettes', [555, 33, 11, 55, 0.25, 2, 5], 4, '750 g', {
            brands: 2,
          }),
          p(
            'Pâte à tartiner noisettes cacao 25 % de sucres en moins',
            [540, 38, 5, 38, 0.08, 5.5, 8],
            4,
            '350 g',
            {
              brands: 2,
            },
          ),
          p(
            'Pâte à tartiner cacao noisettes sans sucres ajoutés',
            [520, 42, 4.8, 8, 0.05, 8, 10],
            4,
            '300 g',
          ),
        ],
      },
      {
        kind: 'solid',
        categories: [
          ...PLANT_BASED,
          ['en:legumes-and-their-products', 'Légumineuses et dérivés'],
          ['en:spreads', 'Produits à tartiner'],
          ['en:legume-butters', 'Beurres de légumineuses'],
          ['en:peanut-butters', 'Beurres de cacahuètes'],
        ],
        products: [
          p('Beurre de cacahuètes crémeux', [610, 50, 9, 6, 1.1, 6.5, 25], 4, '340 g', { brands: 2 }),
          p('Beurre de cacahuètes 100 % cacahuètes', [620, 50, 7.5, 4.5, 0.02, 8, 27], 1, '350 g', {
            brands: 2,
          }),
          p('Beurre de cacahuètes croquant', [605, 49, 9.5, 7, 1, 6, 24], 4, '340 g'),
          p('Beurre de cacahuètes au miel', [600, 46, 8, 15, 0.8, 5.5, 22], 4, '340 g'),
        ],
      },
    ],
  },
  {
    id: 'cereales-petit-dejeuner',
    name: 'Céréales du petit-déjeuner',
    brands: ["Croc'Matin", "Grain d'Aurore", ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [...BREAKFAST_CEREALS, ['en:mueslis', 'Mueslis']],
        products: [
          p('Muesli croustillant aux fruits rouges', [455, 17, 6, 24, 0.3, 6, 8], 4, '500 g', { brands: 2 }),
          p('Muesli croustillant au chocolat noir', [465, 19, 7.5, 23, 0.25, 6.5, 8.5], 4, '500 g'),
          p('Muesli 5 fruits sans sucres ajoutés', [355, 5.5, 0.9, 14, 0.02, 9, 10], 3, '750 g', { fvn: 30 }),
          p('Muesli floconneux aux raisins', [360, 6, 1.1, 20, 0.05, 8, 10], 3, '1 kg'),
          p('Muesli aux noix et noisettes', [420, 14, 2.2, 12, 0.05, 8.5, 11], 3, '500 g'),
          p('Granola avoine et miel', [450, 15, 2.5, 22, 0.35, 6, 9], 4, '400 g'),
          p('Muesli croustillant à la noix de coco', [470, 19, 12, 21, 0.2, 5.5, 7.5], 4, '450 g'),
          p('Muesli au chocolat au lait', [450, 15, 5.5, 25, 0.3, 5, 8.5], 4, '500 g'),
          p('Muesli croustillant allégé en sucres', [435, 13, 2.5, 15, 0.2, 7, 9.5], 4, '450 g'),
        ],
      },
      {
        kind: 'solid',
        categories: [...BREAKFAST_CEREALS, ['en:chocolate-cereals', 'Céréales au chocolat']],
        products: [
          p('Céréales fourrées chocolat noisettes', [460, 15, 4.5, 30, 0.5, 4, 7.5], 4, '500 g', {
            brands: 2,
          }),
          p('Pétales de blé complet au chocolat', [385, 3.5, 1.2, 25, 0.55, 9, 9], 4, '375 g'),
          p('Boules de céréales au chocolat', [385, 3, 1.2, 28, 0.45, 6, 8], 4, '430 g', { brands: 2 }),
          p('Pétales de maïs chocolatés', [390, 2.5, 1, 37, 0.8, 3, 6], 4, '375 g'),
          p('Coussinets fourrés goût chocolat au lait', [455, 14, 5.5, 33, 0.45, 3.5, 7], 4, '600 g'),
          p('Céréales au cacao sans sucres ajoutés', [370, 3.5, 1, 5, 0.1, 10, 12], 3, '300 g'),
        ],
      },
      {
        kind: 'solid',
        categories: [...BREAKFAST_CEREALS, ['en:flakes', 'Flocons']],
        products: [
          p('Pétales de maïs nature', [378, 0.9, 0.2, 8, 1.1, 3, 7], 4, '500 g', { brands: 2 }),
          p('Pétales de maïs givrés', [380, 0.6, 0.1, 35, 0.7, 2, 5], 4, '400 g'),
          p("Flocons d'avoine complets", [370, 7, 1.3, 1, 0.01, 10, 13], 1, '500 g', {
            brands: 2,
            generic: "Flocons d'avoine",
          }),
          p('Pétales de blé complet et de riz', [375, 1.5, 0.4, 15, 0.9, 3.5, 10], 4, '375 g'),
        ],
      },
    ],
  },
  {
    id: 'biscuits',
    name: 'Biscuits',
    brands: ['Le Fournil Doré', 'Biscuiterie Aubertin', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [...BISCUITS, ['en:dry-biscuits', 'Biscuits secs']],
        products: [
          p('Petit-beurre', [440, 12, 7.5, 22, 1, 2.5, 7.5], 4, '200 g', { brands: 3 }),
          p('Sablés pur beurre', [500, 24, 15, 26, 0.7, 2, 6], 4, '150 g', { brands: 2 }),
          p('Galettes bretonnes pur beurre', [510, 26, 16, 25, 1.1, 1.5, 6], 3, '130 g'),
          p("Biscuits à l'avoine et au blé complet", [465, 18, 2.5, 17, 0.9, 6, 8], 4, '250 g', {
            brands: 2,
          }),
          p('Biscuits petit-déjeuner aux céréales complètes', [450, 15, 1.8, 20, 0.6, 8, 8], 4, '400 g', {
            brands: 2,
          }),
          p(
            'Biscuits petit-déjeuner miel et pépites de chocolat',
            [460, 16, 4.5, 26, 0.65, 6, 7.5],
            4,
            '400 g',
          ),
          p('Boudoirs', [390, 3, 1, 40, 0.2, 1, 8], 4, '175 g'),
          p("Biscuits au son d'avoine sans sucres ajoutés", [440, 16, 2, 5, 0.5, 7.5, 9], 4, '200 g'),
          p('Palets bretons', [505, 25, 15, 27, 0.9, 1.5, 6], 3, '125 g'),
        ],
      },
      {
        kind: 'solid',
        categories: [...BISCUITS, ['en:chocolate-biscuits', 'Biscuits au chocolat']],
        products: [
          p('Biscuits fourrés goût chocolat', [480, 20, 9, 35, 0.6, 3.5, 6], 4, '300 g', { brands: 2 }),
          p('Cookies aux pépites de chocolat', [495, 24, 12, 33, 0.7, 3, 6], 4, '200 g', { brands: 2 }),
          p('Petits beurres nappés de chocolat au lait', [495, 23, 13, 33, 0.5, 2.5, 7], 4, '150 g'),
          p('Sablés au chocolat noir', [495, 23, 13, 30, 0.4, 5, 6.5], 4, '150 g'),
          p('Barquettes au chocolat', [400, 7, 2.5, 40, 0.2, 2.5, 5], 4, '120 g'),
          p('Biscuits chocolat noir et céréales complètes', [470, 18, 5, 24, 0.45, 8, 7.5], 4, '300 g'),
          p('Biscuits fourrés chocolat allégés en sucres', [460, 17, 6, 22, 0.5, 6, 7], 4, '250 g'),
          p('Galettes de riz nappées de chocolat noir', [470, 18, 11, 28, 0.05, 5, 7], 4, '100 g'),
          p('Biscuits chocolat noir et avoine peu sucrés', [455, 20, 4, 12, 0.4, 9, 8], 4, '200 g'),
        ],
      },
    ],
  },
  {
    id: 'yaourts',
    name: 'Yaourts',
    brands: ['Laiterie de Saint-Odon', 'Ferme des Tilleuls', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [...YOGURTS, ['en:plain-yogurts', 'Yaourts nature']],
        products: [
          p('Yaourt nature au lait entier', [72, 3.6, 2.3, 4.6, 0.13, 0, 4.2], 1, '4 x 125 g', {
            brands: 2,
            generic: 'Yaourt nature',
          }),
          p('Yaourt nature 0 % de matières grasses', [44, 0.1, 0.1, 5, 0.15, 0, 5], 1, '8 x 125 g', {
            brands: 2,
          }),
          p('Yaourt à la grecque nature', [128, 10, 6.5, 4, 0.1, 0, 4.5], 1, '4 x 150 g', { brands: 2 }),
          p('Yaourt nature au lait de brebis', [95, 6, 4, 4.5, 0.12, 0, 5], 1, '2 x 125 g'),
          p('Yaourt brassé nature onctueux', [85, 3.5, 2.3, 6.5, 0.13, 0, 4.5], 3, '500 g'),
          p('Yaourt nature bio au lait demi-écrémé', [62, 1.5, 1, 5.5, 0.12, 0, 4.8], 1, '4 x 125 g'),
          p('Yaourt nature sucré', [98, 2.8, 1.8, 13, 0.12, 0, 4], 3, '4 x 125 g', { brands: 2 }),
        ],
      },
      {
        kind: 'solid',
        categories: [...YOGURTS, ['en:fruit-yogurts', 'Yaourts aux fruits']],
        products: [
          p('Yaourt aux fruits rouges', [95, 2.5, 1.6, 13, 0.12, 0.3, 3.6], 4, '4 x 125 g', { brands: 2 }),
          p('Yaourt à la fraise 0 %', [52, 0.1, 0.1, 7.5, 0.12, 0.3, 4.3], 4, '8 x 125 g', { brands: 2 }),
          p('Yaourt brassé à la pêche', [98, 2.8, 1.9, 13.6, 0.12, 0.3, 3.5], 4, '4 x 125 g'),
          p(
            'Yaourt à la grecque sur lit de fruits rouges',
            [145, 8, 5.2, 15, 0.1, 0.3, 3.5],
            4,
            '4 x 125 g',
            {
              brands: 2,
            },
          ),
          p("Yaourt au lait entier à l'abricot", [110, 3.2, 2.1, 14.5, 0.12, 0.2, 3.5], 4, '4 x 125 g'),
          p('Yaourt aux fruits mixés sans sucres ajoutés', [60, 1.2, 0.8, 8, 0.12, 0.5, 4.2], 4, '4 x 125 g'),
          p(
            'Yaourt crémeux vanille et coulis de framboise',
            [135, 5.5, 3.8, 17, 0.12, 0.3, 3.3],
            4,
            '4 x 125 g',
          ),
        ],
      },
    ],
  },
  {
    id: 'fromages',
    name: 'Fromages',
    brands: ['Fromagerie du Vallon Bleu', 'Ferme des Tilleuls', ...OWN_LABELS],
    shelves: [
      {
        kind: 'cheese',
        categories: [...CHEESES, ['en:fresh-cheeses', 'Fromages frais']],
        products: [
          p('Fromage blanc nature 0 %', [47, 0.2, 0.1, 4, 0.08, 0, 7.5], 1, '500 g', { brands: 2 }),
          p('Fromage blanc nature 3,2 %', [75, 3.2, 2.1, 3.8, 0.08, 0, 7], 1, '500 g'),
          p('Faisselle 6 % de matières grasses', [95, 6, 4, 3.5, 0.05, 0, 6], 1, '4 x 100 g'),
          p('Fromage frais ail et fines herbes', [285, 27, 18, 2.5, 1.2, 0.5, 6], 3, '150 g', { brands: 2 }),
          p('Fromage frais ail et fines herbes allégé', [175, 14, 9.5, 3.5, 1.1, 0.5, 8.5], 3, '150 g'),
          p('Petits-suisses nature', [135, 10, 6.8, 3.5, 0.05, 0, 7], 1, '6 x 60 g'),
          p('Chèvre frais nature', [200, 16, 11, 2, 0.9, 0, 11], 3, '150 g'),
          p('Cottage cheese', [98, 4.3, 2.8, 2.7, 0.75, 0, 11], 3, '200 g'),
        ],
      },
      {
        kind: 'cheese',
        categories: [...CHEESES, ['en:cow-cheeses', 'Fromages de vache']],
        products: [
          p('Camembert au lait pasteurisé', [275, 22, 15, 0.5, 1.4, 0, 20], 3, '250 g', { brands: 2 }),
          p('Brie de caractère', [330, 28, 19, 0.5, 1.5, 0, 20], 3, '200 g'),
          p('Emmental râpé', [375, 29, 19, 0.5, 0.6, 0, 28], 3, '200 g', {
            brands: 3,
            generic: 'Fromage râpé',
          }),
          p('Emmental allégé en matières grasses', [270, 17, 11, 0.5, 0.6, 0, 32], 3, '250 g'),
          p('Mozzarella au lait de vache', [245, 19, 13, 1, 0.45, 0, 17], 3, '125 g', { brands: 2 }),
          p('Mozzarella allégée 8 % de matières grasses', [150, 8, 5, 1, 0.4, 0, 19], 3, '125 g'),
          p('Bleu au lait cru', [350, 29, 20, 0.5, 2.6, 0, 20], 3, '150 g'),
          p('Fromage à raclette en tranches', [345, 27, 17, 0.5, 1.7, 0, 24], 3, '400 g'),
          p('Fromage fondu à tartiner', [245, 18, 12, 5, 2.3, 0, 10], 4, '8 portions (140 g)'),
          p('Comté AOP 12 mois', [415, 34, 22, 0.5, 0.8, 0, 27], 3, '250 g'),
          p('Ricotta', [140, 10, 7, 3, 0.25, 0, 9], 3, '250 g'),
          p('Tomme de montagne fermière', [360, 28, 19, 0.5, 1.6, 0, 25], 3, '300 g', { unrated: true }),
        ],
      },
    ],
  },
  {
    id: 'boissons-sucrees-eaux',
    name: 'Boissons sucrées et eaux',
    brands: ['Pétillances', 'Source des Ormeaux', ...OWN_LABELS],
    shelves: [
      {
        kind: 'beverage',
        categories: [
          ['en:beverages', 'Boissons'],
          ['en:carbonated-drinks', 'Boissons gazeuses'],
          ['en:sodas', 'Sodas'],
        ],
        products: [
          p('Boisson gazeuse au cola', [42, 0, 0, 10.6, 0, 0, 0], 4, '1,5 L', {
            brands: 2,
            generic: 'Boisson rafraîchissante sans alcool aux extraits végétaux',
          }),
          p('Cola zéro sucres', [0.3, 0, 0, 0, 0.02, 0, 0], 4, '1,5 L', { brands: 2 }),
          p("Limonade à l'ancienne", [40, 0, 0, 9.8, 0, 0, 0], 4, '75 cl'),
          p('Limonade réduite en sucres', [19, 0, 0, 4.6, 0, 0, 0], 4, '1,5 L'),
          p("Soda à l'orange 12 % de jus", [38, 0, 0, 9, 0, 0, 0], 4, '6 x 33 cl', { fvn: 12 }),
          p('Tonic', [34, 0, 0, 8.2, 0, 0, 0], 4, '1 L'),
          p('Boisson gazeuse saveur agrumes sans sucres', [2, 0, 0, 0.1, 0.03, 0, 0], 4, '1,5 L'),
          p('Soda gingembre et citron vert réduit en sucres', [22, 0, 0, 5.2, 0.01, 0, 0], 4, '4 x 25 cl'),
          p('Limonade artisanale à la rose', [36, 0, 0, 8.5, 0, 0, 0], 4, '33 cl', { unrated: true }),
        ],
      },
      {
        kind: 'beverage',
        categories: [
          ['en:beverages', 'Boissons'],
          ['en:tea-based-beverages', 'Boissons à base de thé'],
          ['en:iced-teas', 'Thés glacés'],
        ],
        products: [
          p('Thé glacé saveur pêche', [27, 0, 0, 6.4, 0.01, 0, 0], 4, '1,5 L', { brands: 2 }),
          p('Thé glacé pêche réduit en sucres', [14, 0, 0, 3.2, 0.01, 0, 0], 4, '1,5 L'),
          p('Thé vert infusé glacé sans sucres', [1, 0, 0, 0, 0.01, 0, 0], 4, '1 L'),
          p('Thé glacé citron', [32, 0, 0, 7.6, 0.01, 0, 0], 4, '1,5 L'),
        ],
      },
      {
        kind: 'water',
        categories: [
          ['en:beverages', 'Boissons'],
          ['en:waters', 'Eaux'],
          ['en:spring-waters', 'Eaux de source'],
        ],
        products: [
          p('Eau de source', [0, 0, 0, 0, 0.01, 0, 0], 1, '6 x 1,5 L', { brands: 2 }),
          p('Eau de source des monts du Forez', [0, 0, 0, 0, 0.01, 0, 0], 1, '1,5 L'),
        ],
      },
      {
        kind: 'water',
        categories: [
          ['en:beverages', 'Boissons'],
          ['en:waters', 'Eaux'],
          ['en:carbonated-waters', 'Eaux gazeuses'],
        ],
        products: [
          p('Eau minérale naturelle gazeuse', [0, 0, 0, 0, 0.03, 0, 0], 1, '1 L', { brands: 2 }),
          p('Eau gazeuse fines bulles', [0, 0, 0, 0, 0.02, 0, 0], 1, '6 x 50 cl'),
        ],
      },
    ],
  },
  {
    id: 'jus-de-fruits',
    name: 'Jus de fruits et nectars',
    brands: ["Les Vergers d'Hélène", 'Pressoir Anselme', ...OWN_LABELS],
    shelves: [
      {
        kind: 'beverage',
        categories: [...JUICES_AND_NECTARS, ['en:fruit-juices', 'Jus de fruits']],
        products: [
          p("Jus d'orange 100 % pur jus", [44, 0, 0, 8.6, 0, 0.4, 0.7], 1, '1 L', {
            fvn: 100,
            brands: 3,
            generic: "Pur jus d'orange",
          }),
          p("Jus d'orange pressée avec pulpe", [45, 0.1, 0, 8.9, 0, 0.5, 0.8], 1, '1 L', {
            fvn: 100,
            brands: 2,
          }),
          p('Jus de pomme', [46, 0, 0, 10.2, 0, 0, 0.1], 1, '1 L', { fvn: 100, brands: 2 }),
          p('Jus de pamplemousse rose', [37, 0, 0, 7.2, 0, 0, 0.5], 1, '1 L', { fvn: 100 }),
          p('Jus multifruits', [50, 0, 0, 11, 0, 0.3, 0.3], 1, '1,5 L', { fvn: 100, brands: 2 }),
          p('Jus de raisin', [68, 0, 0, 16, 0, 0, 0.3], 1, '1 L', { fvn: 100 }),
          p('Jus de clémentine', [47, 0, 0, 10, 0, 0.2, 0.6], 1, '75 cl', { fvn: 100 }),
          p('Jus orange, carotte et citron', [38, 0, 0, 7.5, 0.02, 0.3, 0.5], 1, '75 cl', { fvn: 100 }),
        ],
      },
      {
        kind: 'beverage',
        categories: [...JUICES_AND_NECTARS, ['en:fruit-nectars', 'Nectars de fruits']],
        products: [
          p('Nectar de mangue', [58, 0, 0, 13.5, 0, 0.5, 0.2], 4, '1 L', { fvn: 40, brands: 2 }),
          p("Nectar d'abricot", [55, 0, 0, 12.8, 0, 0.5, 0.3], 4, '1 L', { fvn: 50 }),
          p('Nectar multifruits sans sucres ajoutés', [42, 0, 0, 9, 0, 0.3, 0.3], 4, '1 L', { fvn: 50 }),
          p("Nectar d'orange réduit en sucres", [28, 0, 0, 6.2, 0, 0.2, 0.3], 4, '1 L', { fvn: 50 }),
          p('Nectar de poire', [56, 0, 0, 13, 0, 1, 0.2], 4, '1 L', { fvn: 50 }),
          p('Nectar de fruits rouges allégé en sucres', [30, 0, 0, 6.5, 0, 0.3, 0.2], 4, '1 L', { fvn: 45 }),
        ],
      },
    ],
  },
  {
    id: 'chips-snacks-sales',
    name: 'Chips et snacks salés',
    brands: ['Croustilles Bastien', 'Apéro Léon', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [
          ...SALTY_SNACKS,
          ['en:chips-and-fries', 'Chips et frites'],
          ['en:crisps', 'Chips'],
          ['en:potato-crisps', 'Chips de pommes de terre'],
        ],
        products: [
          p('Chips nature', [540, 34, 3.2, 0.6, 1.3, 4.5, 6], 3, '150 g', { brands: 3 }),
          p("Chips à l'ancienne cuites au chaudron", [520, 30, 2.8, 0.5, 1.2, 4.8, 6.5], 3, '150 g', {
            brands: 2,
          }),
          p('Chips au sel réduit', [530, 32, 3, 0.5, 0.6, 4.6, 6.2], 3, '135 g'),
          p('Chips cuites au four', [445, 15, 1.4, 2, 1, 5.5, 7], 4, '130 g', { brands: 2 }),
          p('Chips ondulées saveur barbecue', [520, 31, 3, 4, 1.8, 4, 6], 4, '150 g', { brands: 2 }),
          p('Chips saveur fromage', [530, 32, 9, 3.5, 2, 3.5, 6], 4, '120 g'),
          p('Chips saveur poulet rôti', [525, 31, 3, 3, 1.5, 4, 6], 4, '150 g'),
          p('Chips vinaigre et sel', [515, 30, 2.7, 1.2, 2.2, 4.2, 5.8], 4, '150 g'),
        ],
      },
      {
        kind: 'solid',
        categories: [...SALTY_SNACKS, ['en:crackers', 'Crackers']],
        products: [
          p("Crackers à l'emmental", [505, 25, 11, 3.5, 2.1, 2.5, 12], 4, '85 g', { brands: 2 }),
          p('Biscuits apéritif goût bacon', [480, 22, 2.2, 4, 2.4, 2.5, 8], 4, '90 g'),
          p('Bretzels salés', [385, 4, 0.5, 2.5, 3.6, 3.5, 10], 3, '200 g'),
          p('Crackers complets aux graines', [460, 17, 1.8, 3, 1.3, 8, 11], 3, '200 g'),
          p('Galettes de maïs soufflé légèrement salées', [385, 3, 0.6, 1, 0.6, 4, 8], 3, '130 g'),
          p('Crackers au romarin', [470, 18, 2, 3, 1.7, 3, 9], 4, '150 g'),
        ],
      },
    ],
  },
  {
    id: 'pates',
    name: 'Pâtes',
    brands: ['Moulin de Vérane', 'Casa Orsolina', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [
          ...CEREAL_PRODUCTS,
          ['en:pastas', 'Pâtes alimentaires'],
          ['en:dry-pastas', 'Pâtes sèches'],
        ],
        products: [
          p('Spaghetti', [355, 1.5, 0.3, 3.5, 0.01, 3, 12.5], 1, '500 g', {
            brands: 3,
            generic: 'Pâtes alimentaires de qualité supérieure',
          }),
          p('Penne rigate', [355, 1.5, 0.3, 3.5, 0.01, 3, 12.5], 1, '500 g', { brands: 2 }),
          p('Coquillettes', [357, 1.6, 0.3, 3.2, 0.01, 2.8, 12], 1, '1 kg', { brands: 2 }),
          p('Fusilli au blé complet', [345, 2.5, 0.5, 3, 0.01, 8, 13.5], 1, '500 g'),
          p('Tagliatelles aux œufs', [365, 4, 1.2, 2, 0.05, 3, 14], 1, '250 g'),
          p('Lasagnes', [355, 1.5, 0.3, 3, 0.01, 3, 12.5], 1, '500 g'),
          p('Pâtes aux lentilles corail', [340, 2, 0.3, 2, 0.02, 11, 24], 1, '250 g'),
        ],
      },
      {
        kind: 'solid',
        categories: [
          ...CEREAL_PRODUCTS,
          ['en:pastas', 'Pâtes alimentaires'],
          ['en:fresh-pastas', 'Pâtes fraîches'],
        ],
        products: [
          p('Tagliatelles fraîches aux œufs', [285, 2.8, 0.8, 1.5, 0.1, 2, 11], 1, '300 g', { brands: 2 }),
          p('Ravioli ricotta et épinards', [250, 8, 3.5, 2, 0.9, 2.5, 9], 4, '250 g'),
          p('Tortellini au jambon cru', [290, 10, 3.8, 2.5, 1.3, 2, 12], 4, '250 g'),
          p('Ravioli aux quatre fromages', [300, 12, 6.5, 2, 1.4, 2, 12], 4, '300 g', { brands: 2 }),
          p('Raviolis au bœuf', [260, 8.5, 3.2, 2.5, 1.2, 2, 10], 4, '250 g'),
          p('Ravioles au fromage', [310, 14, 8, 1.5, 1.3, 1.5, 12], 3, '240 g'),
        ],
      },
    ],
  },
  {
    id: 'riz',
    name: 'Riz',
    brands: ['Grain de Camille', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [...CEREAL_PRODUCTS, ['en:cereal-grains', 'Céréales en grains'], ['en:rices', 'Riz']],
        products: [
          p('Riz basmati', [350, 0.9, 0.2, 0.2, 0.01, 1.2, 8.5], 1, '1 kg', { brands: 3 }),
          p('Riz long grain étuvé', [355, 1, 0.3, 0.3, 0.01, 1.5, 7.8], 1, '1 kg', { brands: 2 }),
          p('Riz complet', [350, 2.7, 0.6, 0.7, 0.01, 3.5, 8], 1, '500 g'),
          p('Riz thaï parfumé', [352, 0.8, 0.2, 0.2, 0.01, 1, 7.2], 1, '1 kg', { brands: 2 }),
          p('Riz rond', [350, 0.6, 0.2, 0.2, 0.01, 1, 7], 1, '500 g'),
          p('Riz de Camargue IGP', [355, 1, 0.3, 0.3, 0.01, 1.8, 7.5], 1, '1 kg'),
        ],
      },
      {
        kind: 'solid',
        categories: [
          ...CEREAL_PRODUCTS,
          ['en:cereal-grains', 'Céréales en grains'],
          ['en:rices', 'Riz'],
          ['en:cooked-rices', 'Riz cuits'],
        ],
        products: [
          p('Riz basmati cuit express', [155, 2.2, 0.3, 0.2, 0.4, 1, 3.3], 3, '250 g', { brands: 2 }),
          p('Riz complet cuit express', [165, 2.5, 0.4, 0.5, 0.35, 2.4, 3.8], 3, '250 g'),
          p('Riz cantonais', [170, 4, 0.8, 1.5, 1.1, 1, 5.5], 4, '2 x 125 g', { brands: 2 }),
          p('Riz cuisiné à la provençale', [150, 3.5, 0.5, 2, 0.8, 1.5, 3], 4, '250 g', { fvn: 20 }),
          p('Riz cuisiné au poulet et au curry', [165, 5, 2.3, 2.5, 1, 1, 5], 4, '300 g'),
          p('Riz façon paella', [175, 6, 1.8, 1, 1.2, 1, 6], 4, '300 g'),
          p('Riz cuisiné aux champignons et à la crème', [170, 6.5, 3.5, 1, 1.1, 1, 4], 4, '250 g'),
        ],
      },
    ],
  },
  {
    id: 'pizzas-surgelees',
    name: 'Pizzas surgelées',
    brands: ["Four d'Angelo", 'Pizzeria Brunetta', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [
          ['en:meals', 'Plats préparés'],
          ['en:pizzas-pies-and-quiches', 'Pizzas tartes salées et quiches'],
          ['en:pizzas', 'Pizzas'],
          ['en:frozen-foods', 'Surgelés'],
          ['en:frozen-pizzas-and-pies', 'Pizzas et tartes surgelées'],
          ['en:frozen-pizzas', 'Pizzas surgelées'],
        ],
        products: [
          p('Pizza margherita', [240, 8.5, 4, 3.5, 1.2, 2, 10], 4, '400 g', { brands: 3 }),
          p('Pizza 4 fromages', [270, 11, 6.2, 2.5, 1.4, 1.8, 12], 4, '390 g', { brands: 2 }),
          p('Pizza aux légumes grillés', [200, 6, 2, 3, 1, 2.5, 7.5], 4, '400 g', { fvn: 30, brands: 2 }),
          p('Pizza royale jambon champignons', [230, 8, 3.5, 3, 1.3, 1.8, 10.5], 4, '410 g', { brands: 2 }),
          p('Pizza au chorizo', [270, 12, 5.5, 3.5, 1.7, 1.8, 10.5], 4, '380 g'),
          p('Pizza chèvre et miel', [265, 11, 6.5, 6, 1.2, 1.8, 10], 4, '400 g', { brands: 2 }),
          p('Pizza thon et oignons', [215, 7.5, 2.5, 3.5, 1.1, 2, 11], 4, '390 g'),
          p('Pizza pâte épaisse 4 fromages et chorizo', [300, 14, 8.5, 3, 2.2, 1.5, 12], 4, '600 g'),
          p('Flammekueche aux lardons', [270, 13, 7, 3, 1.5, 1.5, 9], 4, '350 g'),
          p('Pizza épinards et ricotta', [210, 7, 3, 2.5, 0.9, 2.6, 9], 4, '400 g', { fvn: 25 }),
          p('Pizza fine jambon et fromage', [250, 9, 4.5, 2.5, 1.5, 1.5, 12], 4, '320 g'),
          p('Pizza légumes du soleil pâte complète', [185, 4.5, 1.2, 3.5, 0.75, 3.5, 7.5], 4, '400 g', {
            fvn: 45,
          }),
        ],
      },
    ],
  },
  {
    id: 'plats-prepares',
    name: 'Plats préparés',
    brands: ["La Table d'Anselme", 'Bistrot Léon', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [
          ['en:meals', 'Plats préparés'],
          ['en:pasta-dishes', 'Plats à base de pâtes'],
        ],
        products: [
          p('Lasagnes à la bolognaise', [140, 6.5, 3, 2.5, 0.9, 1.2, 7], 4, '1 kg', { brands: 3 }),
          p('Lasagnes aux légumes du soleil', [115, 4.5, 2.2, 3, 0.7, 2, 4.5], 4, '300 g', { fvn: 45 }),
          p('Tagliatelles à la carbonara', [175, 8.5, 4.2, 1.5, 1.1, 1, 7], 4, '300 g'),
          p('Gratin de macaronis au jambon', [165, 8, 4.8, 2, 0.95, 0.8, 7], 4, '300 g'),
          p('Spaghetti à la bolognaise', [120, 3.5, 1.3, 2.5, 0.75, 1.3, 6], 4, '300 g'),
          p('Cannellonis ricotta et épinards', [150, 7, 4, 2.5, 0.8, 1.5, 6], 4, '400 g'),
          p('Macaroni au fromage', [200, 10, 6, 2.5, 1.2, 0.8, 8], 4, '300 g'),
          p('Penne au saumon et à la crème', [165, 7.5, 4, 1.5, 0.9, 1, 7], 4, '300 g'),
          p('Penne aux légumes grillés', [105, 3, 0.5, 3, 0.55, 2.5, 4], 4, '300 g', { fvn: 45 }),
        ],
      },
      {
        kind: 'solid',
        categories: [
          ['en:meals', 'Plats préparés'],
          ['en:meals-with-meat', 'Plats préparés à la viande'],
        ],
        products: [
          p('Hachis parmentier', [125, 6, 3, 1, 0.75, 1.3, 6], 4, '1 kg', { brands: 2 }),
          p('Bœuf bourguignon et pommes de terre', [105, 4, 1.5, 1.5, 0.85, 1.2, 8], 3, '300 g'),
          p('Blanquette de veau et son riz', [130, 5, 2.5, 1, 0.8, 0.5, 7.5], 4, '300 g'),
          p('Cassoulet au confit de canard', [150, 8, 3.5, 1, 1.15, 3.5, 8.5], 3, '840 g', { brands: 2 }),
          p('Choucroute garnie', [160, 11, 4, 1, 1.6, 2, 7], 4, '800 g'),
          p('Chili con carne', [110, 4, 1.5, 2.5, 0.8, 3.5, 7], 4, '300 g'),
          p('Poulet basquaise et riz', [100, 2.5, 0.6, 2.5, 0.6, 1.2, 7.5], 4, '300 g'),
          p('Couscous poulet et merguez', [150, 6.5, 2, 2, 1, 2, 8], 4, '300 g'),
          p('Petit salé aux lentilles', [135, 6, 2.2, 1, 1.05, 3, 9], 4, '840 g'),
          p('Tartiflette', [185, 11, 6.5, 1, 1.1, 1.5, 7.5], 4, '400 g', { brands: 2 }),
          p('Saucisses aux lentilles', [155, 9, 3.5, 1, 1.2, 3, 7.5], 4, '420 g'),
          p('Parmentier de canard', [150, 8, 3, 1, 0.9, 1.3, 7], 4, '350 g', { unrated: true }),
        ],
      },
    ],
  },
  {
    id: 'chocolats',
    name: 'Chocolats',
    brands: ['Cacaoté', 'Chocolaterie Augustine', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [
          ['en:snacks', 'Snacks'],
          ['en:sweet-snacks', 'Snacks sucrés'],
          ['en:cocoa-and-its-products', 'Cacao et dérivés'],
          ['en:chocolates', 'Chocolats'],
        ],
        products: [
          p('Chocolat noir 70 % cacao', [580, 42, 25, 28, 0.02, 11, 9], 3, '100 g', { brands: 3 }),
          p('Chocolat noir 85 % cacao', [600, 48, 29, 14, 0.02, 13, 11], 3, '100 g', { brands: 2 }),
          p('Chocolat noir 90 % cacao', [610, 52, 31, 8, 0.03, 13, 11], 3, '100 g'),
          p('Chocolat noir pâtissier 52 %', [520, 31, 19, 47, 0.02, 8, 6], 3, '200 g'),
          p('Chocolat au lait', [540, 31, 19, 55, 0.25, 2, 7], 4, '100 g', { brands: 3 }),
          p('Chocolat au lait aux noisettes entières', [560, 37, 16, 47, 0.2, 3, 8.5], 4, '200 g', {
            brands: 2,
          }),
          p('Chocolat blanc', [555, 33, 20, 58, 0.25, 0, 6], 4, '100 g'),
          p('Chocolat noir aux amandes', [570, 41, 21, 30, 0.02, 10, 9.5], 3, '100 g'),
          p("Chocolat noir à l'orange", [540, 34, 20, 40, 0.02, 9, 6.5], 4, '100 g'),
          p('Chocolat au lait 30 % de sucres en moins', [555, 38, 23, 35, 0.2, 5, 8], 4, '100 g'),
          p('Bouchées au chocolat praliné', [550, 35, 14, 45, 0.15, 3, 7], 4, '200 g'),
          p('Chocolat au lait fourré au caramel', [510, 27, 16, 55, 0.4, 1.5, 5], 4, '150 g'),
        ],
      },
      {
        kind: 'solid',
        categories: [
          ['en:snacks', 'Snacks'],
          ['en:sweet-snacks', 'Snacks sucrés'],
          ['en:cocoa-and-its-products', 'Cacao et dérivés'],
          ['en:cocoa-and-chocolate-powders', 'Cacaos et chocolats en poudre'],
        ],
        products: [
          p('Cacao en poudre non sucré', [380, 21, 13, 1, 0.05, 30, 20], 2, '250 g'),
          p('Chocolat en poudre pour le petit-déjeuner', [390, 5, 3, 72, 0.15, 8, 6], 4, '800 g', {
            brands: 2,
          }),
          p('Chocolat en poudre réduit en sucres', [380, 6, 3.5, 40, 0.1, 12, 8], 4, '500 g'),
        ],
      },
    ],
  },
  {
    id: 'confitures',
    name: 'Confitures',
    brands: ["Les Vergers d'Hélène", 'Confiturerie du Clos Margot', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [...FRUIT_BASED, ...SWEET_SPREADS, ['en:jams', 'Confitures']],
        products: [
          p('Confiture de fraises', [245, 0.1, 0, 59, 0.02, 1, 0.4], 3, '370 g', { fvn: 45, brands: 3 }),
          p("Confiture extra d'abricots", [240, 0.1, 0, 58, 0.02, 1.2, 0.5], 3, '370 g', {
            fvn: 50,
            brands: 2,
          }),
          p('Confiture extra de framboises', [240, 0.2, 0, 56, 0.02, 2.5, 0.6], 3, '370 g', {
            fvn: 50,
            brands: 2,
          }),
          p('Confiture de cerises noires', [250, 0.1, 0, 60, 0.02, 0.8, 0.4], 3, '370 g', { fvn: 45 }),
          p('Confiture de fraises allégée en sucres', [160, 0.1, 0, 38, 0.02, 1.2, 0.4], 3, '335 g', {
            fvn: 55,
            brands: 2,
          }),
          p('Confiture de fruits rouges sans sucres ajoutés', [150, 0.2, 0, 34, 0.02, 1.8, 0.6], 3, '300 g', {
            fvn: 85,
            brands: 2,
          }),
          p("Confiture d'oranges amères", [250, 0.1, 0, 60, 0.03, 0.7, 0.3], 3, '370 g', { fvn: 40 }),
          p('Confiture de figues', [255, 0.3, 0.1, 60, 0.02, 2, 0.7], 3, '370 g', { fvn: 45 }),
          p('Gelée de groseilles', [250, 0, 0, 61, 0.02, 0.3, 0.2], 3, '370 g', { fvn: 40 }),
          p("Fruits à tartiner à l'abricot 100 % fruits", [130, 0.2, 0, 24, 0.02, 2, 0.6], 3, '290 g', {
            fvn: 95,
            brands: 2,
          }),
          p('Confiture extra de myrtilles', [245, 0.2, 0, 57, 0.02, 1.8, 0.5], 3, '370 g', { fvn: 50 }),
          p('Confiture de coings maison', [250, 0.1, 0, 58, 0.02, 1.5, 0.4], 3, '320 g', { unrated: true }),
        ],
      },
    ],
  },
  {
    id: 'huiles-beurres-margarines',
    name: 'Huiles, beurres et margarines',
    brands: ["Moulin d'Ambroise", 'Tartinelle', 'Laiterie de Saint-Odon', ...OWN_LABELS],
    shelves: [
      {
        kind: 'fat',
        categories: [
          ...FATS,
          ['en:vegetable-fats', 'Matières grasses végétales'],
          ['en:vegetable-oils', 'Huiles végétales'],
        ],
        products: [
          p("Huile d'olive vierge extra", [900, 100, 14, 0, 0, 0, 0], 2, '1 L', { fvn: 100, brands: 2 }),
          p('Huile de colza', [900, 100, 7, 0, 0, 0, 0], 2, '1 L', { fvn: 100 }),
          p('Huile de tournesol', [900, 100, 11, 0, 0, 0, 0], 2, '1 L', { brands: 2 }),
          p('Huile de noix', [900, 100, 9, 0, 0, 0, 0], 2, '50 cl', { fvn: 100 }),
          p('Huile de coco vierge', [900, 100, 87, 0, 0, 0, 0], 2, '500 ml'),
          p('Huile pour friture', [900, 100, 25, 0, 0, 0, 0], 2, '1 L'),
          p('Huile 4 graines', [900, 100, 10, 0, 0, 0, 0], 2, '1 L', { brands: 2 }),
          p('Huile de pépins de raisin', [900, 100, 10.5, 0, 0, 0, 0], 2, '1 L'),
        ],
      },
      {
        kind: 'fat',
        categories: [
          ['en:dairies', 'Produits laitiers'],
          ['en:fats', 'Matières grasses'],
          ['en:animal-fats', 'Matières grasses animales'],
          ['en:milkfat', 'Matières grasses laitières'],
          ['en:butters', 'Beurres'],
        ],
        products: [
          p('Beurre doux', [745, 82, 55, 0.6, 0.03, 0, 0.7], 2, '250 g', { brands: 3 }),
          p('Beurre demi-sel', [740, 80, 54, 0.6, 2, 0, 0.7], 2, '250 g', { brands: 2 }),
          p('Beurre tendre', [735, 80, 52, 0.6, 0.03, 0, 0.7], 2, '250 g'),
          p('Beurre allégé 41 % de matières grasses', [370, 41, 27, 0.8, 0.1, 0, 1], 4, '250 g'),
          p('Beurre de baratte aux cristaux de sel', [740, 80, 54, 0.6, 2.3, 0, 0.6], 2, '250 g'),
        ],
      },
      {
        kind: 'fat',
        categories: [
          ...FATS,
          ['en:vegetable-fats', 'Matières grasses végétales'],
          ['en:margarines', 'Margarines'],
        ],
        products: [
          p('Margarine au tournesol', [630, 70, 17, 0.5, 0.6, 0, 0.2], 4, '500 g', { brands: 2 }),
          p('Matière grasse à tartiner allégée 30 %', [275, 30, 7, 0.5, 0.5, 0, 0.3], 4, '250 g'),
          p('Margarine oméga 3 au colza', [540, 60, 13, 0.5, 0.4, 0, 0.2], 4, '500 g'),
          p('Margarine à cuire et à pâtisser', [720, 80, 36, 0.5, 0.2, 0, 0.2], 4, '500 g'),
          p('Margarine demi-sel', [540, 60, 15, 0.5, 1.3, 0, 0.2], 4, '250 g'),
        ],
      },
    ],
  },
  {
    id: 'charcuterie',
    name: 'Charcuterie',
    brands: ['Maison Gaspard', 'Salaisons de la Combe', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [...PREPARED_MEATS, ['en:hams', 'Jambons'], ['en:white-hams', 'Jambons blancs']],
        products: [
          p('Jambon blanc', [112, 3.5, 1.2, 0.8, 1.8, 0, 20], 4, '4 tranches (160 g)', {
            brands: 3,
            generic: 'Jambon cuit supérieur',
          }),
          p('Jambon blanc -25 % de sel', [110, 3.2, 1.1, 0.7, 1.35, 0, 20.5], 4, '4 tranches (160 g)', {
            brands: 2,
          }),
          p(
            "Jambon blanc à l'étouffée -50 % de sel",
            [105, 2.5, 0.9, 0.5, 0.9, 0, 21],
            3,
            '4 tranches (140 g)',
          ),
          p('Jambon supérieur avec couenne', [125, 5, 1.9, 0.8, 1.9, 0, 20], 4, '6 tranches (240 g)'),
          p('Jambon au torchon', [120, 4, 1.5, 1, 2.1, 0, 19.5], 4, '4 tranches (180 g)'),
          p("Jambon cuit à l'os", [130, 5.5, 2, 0.8, 1.7, 0, 20.5], 4, '2 tranches (100 g)'),
          p(
            'Jambon blanc qualité supérieure sans nitrite',
            [108, 3, 1, 0.5, 1.2, 0, 21],
            3,
            '4 tranches (160 g)',
          ),
        ],
      },
      {
        kind: 'solid',
        categories: [...PREPARED_MEATS, ['en:sausages', 'Saucisses']],
        products: [
          p('Saucisses de Strasbourg', [250, 22, 8, 1, 1.7, 0, 12], 4, '6 x 35 g', { brands: 2 }),
          p('Saucisses de volaille', [210, 16, 5, 1, 1.8, 0, 14], 4, '6 x 35 g'),
          p('Saucisson sec', [420, 33, 13, 1.5, 4.5, 0, 27], 4, '250 g', { brands: 2 }),
          p('Saucisson sec -25 % de sel', [410, 31, 12, 1.2, 3.3, 0, 28], 4, '250 g'),
          p('Chipolatas', [260, 22, 8.5, 0.5, 1.6, 0, 14], 4, '6 x 60 g'),
          p('Merguez', [290, 25, 10, 1, 2, 0, 15], 4, '6 x 50 g'),
          p('Saucisses de Toulouse', [275, 23, 9, 0.5, 1.7, 0, 16], 4, '4 x 110 g'),
          p('Chorizo doux', [450, 38, 14, 2, 4.2, 0, 24], 4, '225 g'),
          p('Saucisses de volaille allégées', [150, 8, 2.5, 1, 1.5, 0, 16], 4, '6 x 35 g'),
          p('Pâté de campagne', [300, 25, 9, 0.8, 1.6, 0, 15], 4, '200 g', { unrated: true }),
        ],
      },
    ],
  },
  {
    id: 'soupes',
    name: 'Soupes',
    brands: ['Le Potager de Maëlle', 'Bistrot Léon', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [
          ['en:meals', 'Plats préparés'],
          ['en:soups', 'Soupes'],
          ['en:vegetable-soups', 'Soupes de légumes'],
        ],
        products: [
          p('Soupe aux 9 légumes', [35, 1.2, 0.2, 2, 0.7, 1.2, 0.8], 3, '1 L', { fvn: 85, brands: 3 }),
          p('Velouté de potiron', [45, 2, 0.8, 2.8, 0.75, 1, 0.9], 3, '1 L', { fvn: 80, brands: 2 }),
          p('Velouté de champignons à la crème', [55, 3.8, 2.2, 1, 0.85, 0.5, 1.2], 4, '1 L', {
            fvn: 45,
            brands: 2,
          }),
          p('Velouté de tomates', [45, 1.5, 0.2, 4.2, 0.8, 0.8, 1], 3, '1 L', { fvn: 85, brands: 2 }),
          p("Soupe à l'oignon", [40, 1.5, 0.8, 2.5, 1, 0.8, 1], 4, '50 cl', { fvn: 50 }),
          p('Velouté de légumes verts au fromage frais', [55, 3.5, 2.1, 1.5, 0.8, 1.1, 1.3], 4, '1 L', {
            fvn: 60,
          }),
          p('Soupe poireaux et pommes de terre', [42, 1.5, 0.8, 1.2, 0.7, 1.1, 1], 3, '1 L', {
            fvn: 70,
            brands: 2,
          }),
          p('Gaspacho', [40, 2.2, 0.3, 3.2, 0.6, 1, 0.8], 3, '1 L', { fvn: 90, brands: 2 }),
          p("Velouté d'asperges", [50, 3, 1.8, 1.5, 0.9, 0.6, 1], 4, '1 L', { fvn: 50 }),
          p('Soupe chinoise aux vermicelles', [35, 0.8, 0.2, 1, 1.25, 0.3, 1.2], 4, '4 x 25 cl', { fvn: 20 }),
          p('Soupe de lentilles corail', [60, 1.5, 0.2, 1.5, 0.65, 2.5, 3.5], 3, '1 L', { fvn: 50 }),
          p('Soupe maraîchère du marché', [38, 1.3, 0.3, 2.2, 0.6, 1.3, 0.9], 3, '1 L', { unrated: true }),
        ],
      },
    ],
  },
  {
    id: 'compotes',
    name: 'Compotes',
    brands: ["Les Vergers d'Hélène", 'Douce Pomme', ...OWN_LABELS],
    shelves: [
      {
        kind: 'solid',
        categories: [...FRUIT_BASED, ['en:desserts', 'Desserts'], ['en:compotes', 'Compotes']],
        products: [
          p('Compote de pommes sans sucres ajoutés', [55, 0.2, 0, 11.5, 0.01, 1.6, 0.3], 1, '4 x 100 g', {
            fvn: 100,
            brands: 3,
          }),
          p('Compote de pommes', [78, 0.2, 0, 17.5, 0.01, 1.4, 0.3], 3, '850 g', { fvn: 85, brands: 2 }),
          p('Compote pomme fraise allégée en sucres', [62, 0.2, 0, 13, 0.01, 1.5, 0.3], 3, '4 x 100 g', {
            fvn: 90,
            brands: 2,
          }),
          p('Compote pomme banane', [70, 0.2, 0, 15, 0.01, 1.5, 0.5], 3, '4 x 100 g', { fvn: 95, brands: 2 }),
          p('Compote pomme poire', [65, 0.2, 0, 14, 0.01, 1.8, 0.3], 3, '4 x 100 g', { fvn: 95 }),
          p('Purée de pomme vanille en gourde', [68, 0.3, 0.1, 14, 0.01, 1.3, 0.3], 3, '4 x 90 g', {
            fvn: 95,
            brands: 2,
          }),
          p('Dessert de fruits pomme abricot', [92, 0.2, 0, 21, 0.02, 1, 0.3], 4, '4 x 100 g', { fvn: 60 }),
          p('Compote pomme caramel au beurre salé', [105, 1.2, 0.8, 23, 0.2, 1.1, 0.3], 4, '4 x 100 g', {
            fvn: 70,
          }),
          p('Compote pomme châtaigne', [95, 0.6, 0.1, 19, 0.02, 2, 0.8], 3, '4 x 100 g', { fvn: 75 }),
          p('Compote pomme rhubarbe', [85, 0.2, 0, 19, 0.01, 1.5, 0.4], 3, '4 x 100 g', { fvn: 75 }),
        ],
      },
    ],
  },
];
