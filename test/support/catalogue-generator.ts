// A deterministic generator of Open Food Facts-shaped products, for tests and benchmarks: no
// network, no files, no dependencies. Pure functions of (n, seed).
//
//   generateProductLines(n, seed)   one OFF product JSON per item (JSONL without the newlines)
//   generateJsonlChunks(n, seed)    the same as ~1 MB buffers of JSONL, to stream into the importer
//   listQueries(n, seed, count)     "kind<TAB>term" search terms, then autocomplete prefixes
//   listCodes(n, seed, count)       codes of products a visitor can reach, shuffled
//   generateTaxonomy()              the categories used, in OFF's `categories.full.json` shape
//
// Product i depends only on (seed, i): the 3,000-product catalogue is a prefix of the 30,000 one.
// Codes are unique EAN-13s with valid check digits. Records follow OFF's raw JSONL export and API
// replies (openfoodfacts-server docs/api/ref/schemas, and a 1,000-record dump sample): French
// names with accents, brands, a
// category path down an OFF-like DAG (`categories_tags` root first, `compared_to_category`),
// countries, quantities (ml for drinks), nutriments, nutrient levels, both Nutri-Score versions
// (2021 and 2023), scans and dates, and OFF's holes and oddities in a few percent of records.
// bench/gen-catalogue.ts is its command line.

// ---------------------------------------------------------------- random numbers

/** cyrb128: four 32-bit hashes of a string, to seed sfc32. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** sfc32, seeded from a string: the same string always gives the same sequence. */
class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(key: string) {
    [this.a, this.b, this.c, this.d] = hash128(key);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [low, high], both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An item drawn with probability proportional to its weight (`total` is the weights' sum). */
  weighted<T>(items: readonly T[], weights: readonly number[], total = sum(weights)): T {
    let x = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      x -= weights[i] ?? 0;
      if (x < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

// ---------------------------------------------------------------- brands

// biome-ignore format: a list
const DISTRIBUTORS: readonly string[] = ['Carrefour', 'Carrefour Bio', 'Auchan', 'Marque Repère', 'U', 'Casino',
  'Leader Price', 'Monoprix', 'Franprix', 'Cora', 'Netto', 'Intermarché', 'Lidl', 'Aldi', 'Picard'];
// biome-ignore format: a table, one pool a line
const BRANDS = {
  spreads: ['Ferrero', 'Bonne Maman', 'St Dalfour', 'Andros', 'Lucien Georgelin', 'Rigoni di Asiago', 'Jardin Bio', 'Lune de Miel', 'Famille Michaud', 'Materne'],
  biscuits: ['LU', 'Bonne Maman', 'St Michel', 'Gerblé', 'Belin', 'BN', 'Pasquier', 'Brossard', 'Michel et Augustin', 'Bjorg', 'Delacre', 'Kinder', 'Gavottes', 'Biscuiterie de l\'Abbaye', 'Lotus'],
  chocolates: ['Lindt', 'Côte d\'Or', 'Milka', 'Nestlé', 'Poulain', 'Cémoi', 'Kinder', 'Ferrero', 'Villars', 'Suchard', 'Menier'],
  candies: ['Haribo', 'Lutti', 'Carambar', 'Kréma', 'Hollywood', 'Malabar', 'Verquin', 'Ricola'],
  salty: ['Lay\'s', 'Vico', 'Bénénuts', 'Pringles', 'Belin', 'Curly', 'Monster Munch', 'Tyrrell\'s', 'Brets', 'Apéricube'],
  cereals: ['Kellogg\'s', 'Nestlé', 'Jordans', 'Bjorg', 'Quaker', 'Crownfield', 'Weetabix', 'Gerblé'],
  starch: ['Panzani', 'Barilla', 'Lustucru', 'Rivoire & Carret', 'Taureau Ailé', 'Uncle Ben\'s', 'Ebly', 'Garofalo', 'De Cecco', 'Francine', 'Tipiak', 'Sabarot', 'Vivien Paille'],
  bread: ['Harrys', 'Jacquet', 'Pasquier', 'La Boulangère', 'Heudebert', 'Krisprolls', 'Wasa', 'Bjorg'],
  veg: ['Bonduelle', 'D\'aucy', 'Cassegrain', 'Géant Vert', 'Findus', 'Knorr', 'Liebig', 'Royco', 'Mutti', 'Panzani', 'Heinz', 'Sabarot', 'Vivien Paille'],
  fruits: ['Andros', 'Materne', 'Pom\'Potes', 'Charles & Alice', 'Maître Prunille', 'Daco Bello', 'Vahiné'],
  nuts: ['Daco Bello', 'Vahiné', 'Bénénuts', 'Maître Prunille', 'Jean Hervé'],
  oils: ['Lesieur', 'Puget', 'Isio 4', 'Carapelli', 'Primevère', 'Fruit d\'Or', 'St Hubert', 'Planta Fin', 'Astra', 'Bouton d\'Or'],
  juices: ['Tropicana', 'Joker', 'Innocent', 'Pressade', 'Andros', 'Solevita', 'Pampryl', 'Alpro', 'Bjorg', 'Gerblé'],
  hot: ['Carte Noire', 'L\'Or', 'Nescafé', 'Lavazza', 'Jacques Vabre', 'Grand\'Mère', 'Malongo', 'Lipton', 'Twinings', 'Éléphant', 'Kusmi Tea', 'Ricoré'],
  waters: ['Evian', 'Cristaline', 'Vittel', 'Volvic', 'Contrex', 'Hépar', 'Perrier', 'San Pellegrino', 'Badoit', 'Saint-Yorre', 'Rozana', 'Wattwiller'],
  sodas: ['Coca-Cola', 'Pepsi', 'Orangina', 'Schweppes', 'Oasis', 'Fanta', 'Sprite', '7up', 'Lipton Ice Tea', 'Fuze Tea', 'Red Bull', 'Monster', 'Freeway'],
  alcohol: ['Kronenbourg', 'Heineken', '1664', 'Leffe', 'Grimbergen', 'Desperados', 'Pelforth', 'Affligem', 'Loïc Raison', 'Ecusson', 'Kerisac', 'Cellier des Dauphins', 'JP Chenet', 'Gérard Bertrand'],
  milk: ['Lactel', 'Candia', 'Bridel', 'C\'est qui le patron ?!', 'Grandlait', 'Lait de nos Régions', 'Milbona', 'Pâturages'],
  yogurt: ['Danone', 'Yoplait', 'Activia', 'La Laitière', 'Les 2 Vaches', 'Malo', 'Mamie Nova', 'Danette', 'Taillefine', 'Panier de Yoplait', 'Siggi\'s', 'Milbona', 'Pâturages', 'Andros'],
  cheese: ['Président', 'Entremont', 'Société', 'Bridel', 'Coeur de Lion', 'Caprice des Dieux', 'Babybel', 'La Vache qui rit', 'Boursin', 'Saint Môret', 'Galbani', 'Soignon', 'Paysan Breton', 'Lou Pérac', 'Etorki', 'Papillon', 'Richesmonts'],
  butter: ['Président', 'Elle & Vire', 'Paysan Breton', 'Bridel', 'Lescure', 'Grand Fermage', 'Isigny Sainte-Mère', 'Lurpak', 'Pâturages'],
  meat: ['Herta', 'Fleury Michon', 'Madrange', 'Aoste', 'Justin Bridou', 'Cochonou', 'Monique Ranou', 'Le Gaulois', 'Père Dodu', 'Maître Coq', 'Charal', 'Bigard', 'Socopa', 'Hénaff', 'Bordeau Chesnel', 'Loué', 'Isla Délice', 'Paysan Breton'],
  fish: ['Petit Navire', 'Saupiquet', 'Connétable', 'La Belle-Iloise', 'Labeyrie', 'Guyader', 'Fleury Michon', 'Coraya', 'Findus', 'Capitaine Cook', 'Delpierre'],
  condiments: ['Amora', 'Maille', 'Heinz', 'Bénédicta', 'Lesieur', 'Puget', 'Barilla', 'Panzani', 'La Baleine', 'Ducros', 'Knorr', 'Maggi', 'Le Saunier de Camargue', 'Savora'],
  meals: ['Sodebo', 'Fleury Michon', 'William Saurin', 'Marie', 'Picard', 'Buitoni', 'Dr. Oetker', 'Herta', 'Daunat', 'Zapetti', 'Tipiak', 'Garbit', 'Raynal et Roquelaure', 'La Belle Chaurienne', 'Lustucru'],
  icecream: ['Carte d\'Or', 'Magnum', 'Ben & Jerry\'s', 'Häagen-Dazs', 'Miko', 'Extrême', 'Nestlé', 'Picard', 'La Laitière', 'Pierre Martinet'],
  desserts: ['Danette', 'La Laitière', 'Mont Blanc', 'Alsa', 'Bonne Maman', 'Yoplait', 'Nestlé', 'Malo'],
} satisfies Record<string, readonly string[]>;

type BrandPool = keyof typeof BRANDS;

// ---------------------------------------------------------------- categories

const GRADES = ['a', 'b', 'c', 'd', 'e'] as const;
type Grade = (typeof GRADES)[number];
type GradeWeights = readonly [a: number, b: number, c: number, d: number, e: number];
/** Typical nutriments per 100 g (saturated fat as a share of fat). */
type NutritionProfile = readonly [
  fat: number,
  saturatedFatShare: number,
  carbohydrates: number,
  sugars: number,
  proteins: number,
  salt: number,
  fiber: number,
];

/** What a category says about its products; every field but `names`, `weight` and `also` is inherited down the tree. */
interface CategoryOptions {
  /** Base product names (leaves, or inherited). */
  names?: readonly string[];
  /** Words appended to names; merged with the ancestors' ones. */
  qualifiers?: readonly string[];
  /** Weights of the 2021 Nutri-Score grades a to e. */
  grades?: GradeWeights;
  nutrition?: NutritionProfile;
  /** The brand pool; distributors' own brands are drawn besides it. */
  brands?: BrandPool;
  /** How often a leaf is drawn, relative to others (default 1). */
  weight?: number;
  quantities?: readonly string[];
  /** Probability that the Nutri-Score is not applicable (waters, alcohol, salt...). */
  notApplicable?: number;
  /** Further parents: OFF's taxonomy is a graph, `en:butters` is a dairy and a fat. */
  also?: readonly string[];
  /** Probabilities that the 2023 grade is one step worse / better than the 2021 one. */
  shift2023?: readonly [worse: number, better: number];
  /** Under `en:beverages` but sold dry (coffee, tea): weighed in grams, not a drink for the Nutri-Score. */
  dry?: boolean;
}

interface CategorySpec {
  tag: string;
  fr: string;
  options: CategoryOptions;
  children: CategorySpec[];
}

/** A category: its OFF tag, its French name, then options and subcategories in any order. */
function cat(tag: string, fr: string, ...rest: Array<CategoryOptions | CategorySpec>): CategorySpec {
  const spec: CategorySpec = { tag, fr, options: {}, children: [] };
  for (const item of rest) {
    if ('tag' in item) spec.children.push(item);
    else spec.options = { ...spec.options, ...item };
  }
  return spec;
}

// Roots first, general to specific, as in OFF's taxonomy (tags and French names are OFF's where it has them).
// biome-ignore format: a table, one category a line
const TREE: CategorySpec[] = [
  cat('en:plant-based-foods-and-beverages', 'Aliments et boissons à base de végétaux',
    cat('en:plant-based-foods', 'Aliments d\'origine végétale',
      cat('en:cereals-and-potatoes', 'Céréales et pommes de terre', { grades: [40, 25, 20, 10, 5], nutrition: [2, 0.2, 70, 3, 11, 0.05, 3], brands: 'starch', quantities: ['500 g', '1 kg', '250 g'] },
        cat('en:cereals-and-their-products', 'Céréales et dérivés',
          cat('en:breakfast-cereals', 'Céréales pour petit-déjeuner', { shift2023: [0.35, 0.05], grades: [15, 15, 35, 30, 5], nutrition: [5, 0.3, 75, 25, 8, 0.5, 6], brands: 'cereals', also: ['en:breakfasts'], quantities: ['375 g', '500 g', '750 g'], qualifiers: ['au chocolat', 'au miel', 'complètes', 'aux fruits rouges', 'sans sucres ajoutés', 'aux céréales complètes', 'croustillantes'] },
            cat('en:chocolate-cereals', 'Céréales au chocolat', { weight: 3, names: ['Céréales au chocolat', 'Pétales de maïs au chocolat', 'Coussins fourrés chocolat noisette', 'Boules de céréales au chocolat'], qualifiers: ['au lait', 'noir', 'intense'] }),
            cat('en:mueslis', 'Mueslis', { weight: 2, nutrition: [8, 0.3, 62, 20, 10, 0.1, 8], names: ['Muesli', 'Muesli croustillant', 'Muesli floconneux', 'Granola'], qualifiers: ['aux fruits secs', 'raisins noisettes', 'chocolat noir', '5 céréales', 'fruits rouges'] }),
            cat('en:puffed-cereals', 'Céréales soufflées', { names: ['Riz soufflé', 'Blé soufflé au miel', 'Céréales soufflées'], qualifiers: ['au miel', 'caramel'] }),
            cat('en:cornflakes', 'Pétales de maïs', { names: ['Corn flakes', 'Pétales de maïs', 'Pétales de maïs givrés'], qualifiers: ['nature', 'au sucre'] }),
            cat('en:rolled-oats', 'Flocons d\'avoine', { grades: [85, 10, 5, 0, 0], nutrition: [7, 0.2, 58, 1, 13, 0.01, 10], names: ['Flocons d\'avoine', 'Flocons d\'avoine complets', 'Porridge'], qualifiers: ['petits flocons', 'gros flocons', 'bio'] })),
          cat('en:pastas', 'Pâtes alimentaires', { grades: [90, 8, 2, 0, 0], nutrition: [1.5, 0.2, 71, 3, 12.5, 0.01, 3] },
            cat('en:dry-pastas', 'Pâtes sèches', { qualifiers: ['de blé dur', 'complètes', 'cuisson rapide', 'aux œufs frais', 'qualité supérieure', 'bio'] },
              cat('en:spaghetti', 'Spaghetti', { weight: 3, names: ['Spaghetti', 'Spaghettini', 'Spaghetti n°5'] }),
              cat('en:penne', 'Penne', { weight: 2, names: ['Penne rigate', 'Penne'] }),
              cat('en:fusilli', 'Fusilli', { weight: 2, names: ['Fusilli', 'Torsades'] }),
              cat('en:coquillettes', 'Coquillettes', { weight: 2, names: ['Coquillettes', 'Coquillettes aux œufs'] }),
              cat('en:tagliatelle', 'Tagliatelles', { names: ['Tagliatelles', 'Tagliatelles aux œufs', 'Nids de tagliatelles'] })),
            cat('en:fresh-pastas', 'Pâtes fraîches', { grades: [30, 30, 30, 10, 0], nutrition: [6, 0.45, 45, 3, 11, 0.9, 2], quantities: ['300 g', '250 g', '2 x 300 g'] },
              cat('en:ravioli', 'Raviolis', { weight: 2, names: ['Ravioli', 'Raviolis frais', 'Ravioles du Dauphiné'], qualifiers: ['à la viande', 'ricotta épinards', 'aux cèpes', 'au fromage'] }),
              cat('en:gnocchi', 'Gnocchis', { names: ['Gnocchi', 'Gnocchis à poêler'], qualifiers: ['de pommes de terre', 'au fromage'] }))),
          cat('en:breads', 'Pains', { grades: [25, 35, 30, 10, 0], nutrition: [4, 0.3, 48, 5, 8.5, 1.2, 4], brands: 'bread', quantities: ['500 g', '400 g', '320 g'] },
            cat('en:sliced-breads', 'Pains de mie', { weight: 3, names: ['Pain de mie', 'Pain de mie complet', 'Pain de mie sans croûte', 'Pain de mie nature'], qualifiers: ['grandes tranches', 'sans sucres ajoutés', 'aux céréales', '100% mie', 'brioché'] }),
            cat('en:wholemeal-breads', 'Pains complets', { names: ['Pain complet', 'Pain complet tranché', 'Pain aux céréales'], qualifiers: ['aux graines', 'seigle', 'bio'] }),
            cat('en:special-breads', 'Pains spéciaux', { names: ['Pain suédois', 'Pain polaire', 'Pain pita', 'Pains burger', 'Pain à hot dog'], qualifiers: ['nature', 'au sésame', 'x6'] }),
            cat('en:rusks', 'Biscottes', { weight: 2, also: ['en:breakfasts'], nutrition: [6, 0.3, 72, 6, 12, 1.1, 5], names: ['Biscottes', 'Pain grillé', 'Tartines craquantes'], qualifiers: ['au blé complet', 'froment', 'sans sel ajouté', 'aux céréales'] }),
            cat('en:crispbreads', 'Pains croustillants', { names: ['Pain croustillant', 'Galettes de riz', 'Pain grillé suédois'], qualifiers: ['au seigle', 'complet', 'au sésame'] }),
            cat('fr:viennoiseries', 'Viennoiseries', { grades: [0, 5, 30, 45, 20], nutrition: [21, 0.6, 45, 12, 8, 1, 2], also: ['en:breakfasts'], names: ['Croissants', 'Pains au chocolat', 'Brioche tranchée', 'Pains au lait', 'Brioche tressée', 'Chinois'], qualifiers: ['pur beurre', 'x6', 'aux pépites de chocolat', 'au sucre perlé', 'à la crème pâtissière'] })),
          cat('en:rices', 'Riz', { nutrition: [0.8, 0.25, 78, 0.2, 7.5, 0.01, 1.5], quantities: ['1 kg', '500 g', '4 x 125 g'] },
            cat('en:basmati-rices', 'Riz basmati', { weight: 2, names: ['Riz basmati', 'Riz basmati complet'], qualifiers: ['cuisson rapide', 'en sachets cuisson', 'de l\'Himalaya', 'bio'] }),
            cat('en:long-grain-rices', 'Riz long grain', { names: ['Riz long grain', 'Riz incollable', 'Riz long grain étuvé'], qualifiers: ['10 min', 'sachets cuisson'] }),
            cat('en:thai-rices', 'Riz thaï', { names: ['Riz thaï', 'Riz parfumé'], qualifiers: ['jasmin', 'bio'] }),
            cat('en:risotto-rices', 'Riz pour risotto', { names: ['Riz arborio', 'Riz pour risotto'], qualifiers: ['Carnaroli'] })),
          cat('en:flours', 'Farines', { weight: 0.8, nutrition: [1.2, 0.15, 72, 1.5, 10, 0.01, 3], names: ['Farine de blé', 'Farine fluide', 'Farine de sarrasin', 'Farine complète'], qualifiers: ['T45', 'T55', 'T65', 'spéciale gâteaux', 'à pain'] }),
          cat('en:semolinas', 'Semoules', { names: ['Semoule de blé dur', 'Couscous', 'Boulgour', 'Quinoa'], qualifiers: ['moyenne', 'fine', 'complète', 'gourmand'] })),
        cat('en:potatoes', 'Pommes de terre', { grades: [60, 25, 10, 5, 0], nutrition: [5, 0.15, 24, 0.5, 2.5, 0.1, 2.5] },
          cat('en:fries', 'Frites', { names: ['Frites', 'Frites allumettes', 'Frites au four', 'Potatoes'], qualifiers: ['surgelées', 'spécial four', 'steakhouse'], quantities: ['1 kg', '750 g', '2.5 kg'] }),
          cat('en:mashed-potatoes', 'Purées de pommes de terre', { names: ['Purée de pommes de terre', 'Purée en flocons', 'Purée mousseline'], qualifiers: ['au lait', 'nature', 'à l\'huile d\'olive'] }))),
      cat('en:fruits-and-vegetables-based-foods', 'Aliments à base de fruits et de légumes', { grades: [55, 20, 15, 8, 2], nutrition: [0.5, 0.2, 8, 4, 1.5, 0.3, 3], brands: 'veg', quantities: ['400 g', '800 g', '4 x 100 g'] },
        cat('en:fruits-based-foods', 'Aliments à base de fruits', { brands: 'fruits' },
          cat('en:compotes', 'Compotes', { nutrition: [0.2, 0.2, 16, 14, 0.3, 0.01, 1.5], grades: [60, 25, 15, 0, 0], quantities: ['4 x 100 g', '12 x 90 g', '850 g'] },
            cat('en:apple-compotes', 'Compotes de pomme', { weight: 3, names: ['Compote de pommes', 'Purée de pommes', 'Dessert de fruits pomme'], qualifiers: ['sans sucres ajoutés', 'allégée en sucres', 'nature', 'gourde', 'bio'] }),
            cat('en:mixed-fruit-compotes', 'Compotes multifruits', { names: ['Compote pomme poire', 'Compote pomme fraise', 'Compote pomme banane', 'Compote pomme abricot'], qualifiers: ['sans sucres ajoutés', 'gourde', 'bio'] })),
          cat('en:fruits-in-syrup', 'Fruits au sirop', { grades: [0, 20, 50, 30, 0], nutrition: [0.1, 0.1, 18, 17, 0.4, 0.01, 1], names: ['Pêches au sirop', 'Poires Williams au sirop', 'Ananas au sirop', 'Cocktail de fruits'], qualifiers: ['au sirop léger', 'en tranches', 'en morceaux'] }),
          cat('en:dried-fruits', 'Fruits séchés', { grades: [20, 20, 50, 10, 0], nutrition: [0.5, 0.1, 60, 55, 3, 0.05, 7], quantities: ['250 g', '500 g', '200 g'] },
            cat('en:dried-apricots', 'Abricots secs', { names: ['Abricots secs', 'Abricots moelleux'], qualifiers: ['moelleux', 'Turquie', 'bio'] }),
            cat('en:prunes', 'Pruneaux', { names: ['Pruneaux d\'Agen', 'Pruneaux dénoyautés'], qualifiers: ['mi-cuits', 'IGP', 'bio'] }),
            cat('en:raisins', 'Raisins secs', { names: ['Raisins secs', 'Raisins sultanines'], qualifiers: ['Californie', 'bio'] }))),
        cat('en:vegetables-based-foods', 'Aliments à base de légumes',
          cat('en:canned-vegetables', 'Légumes en conserve', { nutrition: [0.3, 0.2, 5, 2, 2, 0.6, 3] },
            cat('en:canned-green-beans', 'Haricots verts en conserve', { weight: 2, names: ['Haricots verts', 'Haricots verts extra-fins', 'Haricots beurre'], qualifiers: ['très fins', 'extra-fins', 'rangés main'] }),
            cat('en:canned-peas', 'Petits pois en conserve', { names: ['Petits pois', 'Petits pois carottes', 'Petits pois à l\'étuvée'], qualifiers: ['extra-fins', 'à la française', 'très fins'] }),
            cat('en:canned-corn', 'Maïs en conserve', { grades: [30, 50, 20, 0, 0], nutrition: [1.2, 0.15, 15, 5, 3, 0.3, 3], names: ['Maïs doux', 'Maïs en grains'], qualifiers: ['sans sucre ajouté', 'croquant', 'sous vide'] }),
            cat('en:canned-mushrooms', 'Champignons en conserve', { names: ['Champignons de Paris', 'Champignons émincés'], qualifiers: ['émincés', 'entiers', '1er choix'] })),
          cat('en:frozen-vegetables', 'Légumes surgelés', { grades: [85, 10, 5, 0, 0], nutrition: [0.5, 0.2, 4, 1.5, 2.5, 0.1, 3], quantities: ['1 kg', '750 g', '600 g'] },
            cat('en:frozen-spinachs', 'Épinards surgelés', { names: ['Épinards en branches', 'Épinards hachés', 'Épinards à la crème'], qualifiers: ['surgelés', 'portions'] }),
            cat('en:frozen-green-beans', 'Haricots verts surgelés', { names: ['Haricots verts', 'Haricots verts extra-fins'], qualifiers: ['surgelés', 'coupés'] }),
            cat('en:frozen-vegetable-mixes', 'Poêlées de légumes surgelées', { grades: [40, 40, 20, 0, 0], nutrition: [3, 0.2, 8, 3, 2.5, 0.6, 3], names: ['Poêlée de légumes', 'Poêlée campagnarde', 'Poêlée méridionale', 'Légumes pour couscous', 'Julienne de légumes'], qualifiers: ['cuisinée', 'aux champignons', 'à la provençale', 'spéciale wok'] })),
          cat('en:soups', 'Soupes', { grades: [40, 35, 20, 5, 0], nutrition: [1.5, 0.3, 5, 2, 1, 0.8, 1.2], quantities: ['1 L', '50 cl', '4 x 30 cl'] },
            cat('en:vegetable-soups', 'Soupes de légumes', { weight: 2, names: ['Soupe de légumes', 'Mouliné de légumes', 'Soupe de potiron', 'Soupe de poireaux pommes de terre', 'Soupe à l\'oignon'], qualifiers: ['variés', 'du soleil', 'à la crème fraîche', 'au potiron', 'bio'] }),
            cat('en:veloutes', 'Veloutés', { names: ['Velouté de tomates', 'Velouté de potiron', 'Velouté de champignons', 'Velouté d\'asperges', 'Velouté de légumes verts'], qualifiers: ['à la crème fraîche', 'et mozzarella', 'de saison'] }),
            cat('en:gazpachos', 'Gaspachos', { grades: [50, 40, 10, 0, 0], names: ['Gaspacho', 'Gaspacho andalou'], qualifiers: ['à l\'huile d\'olive', 'original', 'vert'] })),
          cat('en:tomatoes-and-their-products', 'Tomates et dérivés', { grades: [50, 30, 15, 5, 0], nutrition: [2, 0.15, 8, 6, 1.5, 0.9, 1.5], quantities: ['400 g', '210 g', '690 g'] },
            cat('en:tomato-sauces', 'Sauces tomate', { weight: 3, names: ['Sauce tomate', 'Coulis de tomates', 'Sauce tomate cuisinée', 'Passata'], qualifiers: ['au basilic', 'aux oignons', 'à la provençale', 'nature', 'aux légumes du soleil', 'aux olives'] }),
            cat('en:tomato-pastes', 'Concentrés de tomate', { names: ['Concentré de tomates', 'Double concentré de tomates'], qualifiers: ['en tube', 'en boîte'] }),
            cat('en:crushed-tomatoes', 'Tomates concassées', { names: ['Tomates concassées', 'Tomates pelées', 'Pulpe de tomates'], qualifiers: ['entières', 'en dés', 'au basilic', 'nature'] })))),
      cat('en:legumes-and-their-products', 'Légumineuses et dérivés', { grades: [80, 15, 5, 0, 0], nutrition: [1.5, 0.15, 45, 2, 22, 0.05, 15], brands: 'veg', quantities: ['500 g', '1 kg', '400 g'] },
        cat('en:legumes', 'Légumineuses', { qualifiers: ['cuisson rapide', 'de France', 'bio', 'au naturel'] },
          cat('en:lentils', 'Lentilles', { weight: 2, names: ['Lentilles vertes', 'Lentilles corail', 'Lentilles blondes', 'Lentilles du Puy'] }),
          cat('en:chickpeas', 'Pois chiches', { names: ['Pois chiches', 'Pois chiches cuisinés'] }),
          cat('en:dried-beans', 'Haricots secs', { names: ['Haricots rouges', 'Haricots blancs', 'Flageolets verts', 'Haricots lingots'] })),
        cat('en:hummus', 'Houmous', { grades: [5, 30, 45, 20, 0], nutrition: [20, 0.1, 10, 1, 7, 1.2, 5], quantities: ['175 g', '200 g'], names: ['Houmous', 'Houmous nature', 'Tartinable pois chiches'], qualifiers: ['au citron', 'aux poivrons', 'à la betterave', 'à l\'huile d\'olive', 'bio'] }),
        cat('en:tofu', 'Tofu', { grades: [70, 25, 5, 0, 0], nutrition: [8, 0.15, 2, 0.5, 15, 0.3, 1], quantities: ['250 g', '2 x 100 g'], names: ['Tofu nature', 'Tofu fumé', 'Tofu soyeux', 'Steak de soja'], qualifiers: ['bio', 'aux herbes', 'mariné'] })),
      cat('en:nuts-and-their-products', 'Fruits à coque et dérivés', { grades: [35, 25, 20, 15, 5], nutrition: [50, 0.1, 10, 4, 20, 0.02, 8], brands: 'nuts', quantities: ['125 g', '200 g', '500 g'] },
        cat('en:nuts', 'Fruits à coque', { qualifiers: ['décortiquées', 'grillées', 'nature', 'grillées salées', 'bio'] },
          cat('en:almonds', 'Amandes', { weight: 2, names: ['Amandes', 'Amandes entières', 'Amandes effilées', 'Poudre d\'amandes'] }),
          cat('en:walnuts', 'Noix', { names: ['Cerneaux de noix', 'Noix de Grenoble'] }),
          cat('en:hazelnuts', 'Noisettes', { names: ['Noisettes', 'Noisettes entières', 'Poudre de noisettes'] }),
          cat('en:cashew-nuts', 'Noix de cajou', { names: ['Noix de cajou', 'Noix de cajou grillées'] }),
          cat('en:pistachios', 'Pistaches', { grades: [0, 10, 30, 50, 10], nutrition: [48, 0.12, 15, 6, 21, 1.2, 10], names: ['Pistaches', 'Pistaches grillées salées'] })),
        cat('en:nut-butters', 'Purées d\'oléagineux', { names: ['Purée d\'amandes', 'Beurre de cacahuètes', 'Purée de noisettes', 'Purée de cajou'], qualifiers: ['complète', 'blanche', 'crunchy', 'bio'] })),
      cat('en:vegetable-oils', 'Huiles végétales', { also: ['en:vegetable-fats'], shift2023: [0.05, 0.35], grades: [5, 45, 40, 10, 0], nutrition: [100, 0.12, 0, 0, 0, 0, 0], brands: 'oils', quantities: ['1 L', '50 cl', '75 cl'] },
        cat('en:olive-oils', 'Huiles d\'olive', { nutrition: [100, 0.15, 0, 0, 0, 0, 0] },
          cat('en:extra-virgin-olive-oils', 'Huiles d\'olive vierges extra', { weight: 3, names: ['Huile d\'olive vierge extra', 'Huile d\'olive'], qualifiers: ['fruité intense', 'classique', 'de Provence', 'd\'Espagne', 'bio', 'première pression à froid'] })),
        cat('en:sunflower-oils', 'Huiles de tournesol', { weight: 1.5, names: ['Huile de tournesol', 'Huile de tournesol oléique'], qualifiers: ['vierge', 'pour friture', 'bio'] }),
        cat('en:rapeseed-oils', 'Huiles de colza', { grades: [30, 50, 20, 0, 0], nutrition: [100, 0.07, 0, 0, 0, 0, 0], names: ['Huile de colza', 'Huile 4 graines', 'Huile pour assaisonnement'], qualifiers: ['vierge', 'oméga 3', 'bio'] }))),
    cat('en:plant-based-beverages', 'Boissons à base de végétaux', { also: ['en:beverages'], brands: 'juices', quantities: ['1 L', '1.5 L', '25 cl', '330 ml'] },
      cat('en:fruit-based-beverages', 'Boissons aux fruits', { grades: [0, 10, 40, 40, 10], nutrition: [0.1, 0.1, 10, 9.5, 0.6, 0.01, 0.5] },
        cat('en:fruit-juices', 'Jus de fruits', { qualifiers: ['100% pur jus', 'sans pulpe', 'avec pulpe', 'à base de concentré', 'pressé', 'bio'] },
          cat('en:orange-juices', 'Jus d\'orange', { weight: 3, names: ['Jus d\'orange', 'Pur jus d\'orange', 'Jus d\'oranges pressées'] }),
          cat('en:apple-juices', 'Jus de pomme', { weight: 2, names: ['Jus de pomme', 'Pur jus de pomme'] }),
          cat('en:multifruit-juices', 'Jus multifruits', { weight: 2, names: ['Jus multifruits', 'Jus multivitaminé', 'Pur jus multifruits'] }),
          cat('en:grapefruit-juices', 'Jus de pamplemousse', { names: ['Jus de pamplemousse rose', 'Jus de pamplemousse'] })),
        cat('en:nectars', 'Nectars', { grades: [0, 0, 20, 50, 30], nutrition: [0.1, 0.1, 13, 12.5, 0.4, 0.01, 0.5], names: ['Nectar d\'abricot', 'Nectar de pêche', 'Nectar de mangue', 'Nectar de poire', 'Nectar multifruits'], qualifiers: ['sans sucres ajoutés', 'bio'] })),
      cat('en:plant-based-milk-alternatives', 'Substituts du lait', { grades: [40, 40, 15, 5, 0], nutrition: [1.8, 0.15, 3, 2.5, 3, 0.1, 0.5] },
        cat('en:soy-milks', 'Boissons au soja', { weight: 2, names: ['Boisson soja', 'Lait de soja', 'Boisson soja calcium'], qualifiers: ['nature', 'vanille', 'chocolat', 'sans sucres', 'bio'] }),
        cat('en:almond-milks', 'Boissons à l\'amande', { names: ['Boisson amande', 'Lait d\'amande'], qualifiers: ['sans sucres', 'original', 'bio'] }),
        cat('en:oat-milks', 'Boissons à l\'avoine', { names: ['Boisson avoine', 'Boisson avoine barista'], qualifiers: ['nature', 'calcium', 'bio'] }),
        cat('en:rice-milks', 'Boissons au riz', { names: ['Boisson riz', 'Lait de riz'], qualifiers: ['nature', 'noisette', 'bio'] })),
      cat('en:coffees', 'Cafés', { dry: true, brands: 'hot', notApplicable: 0.5, grades: [40, 30, 20, 10, 0], nutrition: [0.5, 0.3, 1, 0, 0.5, 0.01, 0], quantities: ['250 g', '500 g', '10 capsules'] },
        cat('en:ground-coffees', 'Cafés moulus', { weight: 2, names: ['Café moulu', 'Café moulu pur arabica', 'Café moulu décaféiné'], qualifiers: ['classique', 'intense', 'doux', 'corsé', 'bio', 'équitable'] }),
        cat('en:coffee-capsules', 'Capsules de café', { weight: 2, names: ['Capsules café', 'Capsules espresso', 'Capsules lungo'], qualifiers: ['intensité 8', 'ristretto', 'compatibles Nespresso', 'décaféiné'] }),
        cat('en:instant-coffees', 'Cafés solubles', { names: ['Café soluble', 'Café instantané', 'Chicorée et café'], qualifiers: ['lyophilisé', 'classic', 'décaféiné'] })),
      cat('en:teas', 'Thés', { dry: true, brands: 'hot', notApplicable: 0.5, grades: [80, 10, 10, 0, 0], nutrition: [0, 0, 0.5, 0, 0.1, 0, 0], quantities: ['20 sachets', '25 sachets', '100 g'] },
        cat('en:green-teas', 'Thés verts', { names: ['Thé vert', 'Thé vert à la menthe', 'Thé vert jasmin'], qualifiers: ['en sachets', 'bio', 'Sencha'] }),
        cat('en:black-teas', 'Thés noirs', { names: ['Thé noir', 'Thé Earl Grey', 'Thé English Breakfast'], qualifiers: ['en sachets', 'bergamote', 'bio'] }),
        cat('en:herbal-teas', 'Infusions', { names: ['Infusion verveine', 'Infusion tilleul', 'Infusion camomille', 'Rooibos'], qualifiers: ['menthe', 'bio', 'nuit tranquille'] })))),
  cat('en:beverages', 'Boissons', { brands: 'sodas', quantities: ['1.5 L', '33 cl', '6 x 33 cl', '1 L', '500 ml'] },
    cat('en:waters', 'Eaux', { shift2023: [0, 0], brands: 'waters', grades: [95, 5, 0, 0, 0], nutrition: [0, 0, 0, 0, 0, 0.01, 0], notApplicable: 0.1, qualifiers: ['bouteille', 'pack', 'plate', 'gazeuse'] },
      cat('en:mineral-waters', 'Eaux minérales',
        cat('en:natural-mineral-waters', 'Eaux minérales naturelles', { weight: 3, names: ['Eau minérale naturelle', 'Eau minérale naturelle plate'] })),
      cat('en:spring-waters', 'Eaux de source', { weight: 2, names: ['Eau de source', 'Eau de source naturelle'] }),
      cat('en:sparkling-waters', 'Eaux gazeuses', { weight: 2, names: ['Eau gazeuse', 'Eau minérale naturelle gazeuse', 'Eau pétillante'], qualifiers: ['fines bulles', 'citron', 'intense'] })),
    cat('en:carbonated-drinks', 'Boissons gazeuses', { shift2023: [0.3, 0], grades: [0, 5, 10, 25, 60], nutrition: [0, 0, 10.6, 10.6, 0, 0.02, 0] },
      cat('en:sodas', 'Sodas',
        cat('en:colas', 'Colas', { weight: 3, names: ['Cola', 'Boisson gazeuse au cola'], qualifiers: ['classic', 'sans caféine', 'cherry'] }),
        cat('en:diet-sodas', 'Sodas light', { shift2023: [0.8, 0], weight: 2, grades: [10, 70, 20, 0, 0], nutrition: [0, 0, 0.2, 0, 0, 0.02, 0], names: ['Cola zéro', 'Soda light', 'Cola sans sucres'], qualifiers: ['zéro sucres', 'sans caféine', 'citron'] }),
        cat('en:lemonades', 'Limonades', { names: ['Limonade', 'Limonade artisanale'], qualifiers: ['citron', 'à l\'ancienne', 'bio'] }),
        cat('en:fruit-sodas', 'Sodas aux fruits', { weight: 2, names: ['Soda orange', 'Boisson gazeuse aux fruits', 'Tonic'], qualifiers: ['pulpe d\'orange', 'agrumes', 'tropical'] })),
      cat('en:energy-drinks', 'Boissons énergisantes', { names: ['Boisson énergisante', 'Energy drink'], qualifiers: ['original', 'sans sucres', 'tropical'] })),
    cat('en:tea-based-beverages', 'Boissons à base de thé',
      cat('en:iced-teas', 'Thés glacés', { weight: 2, grades: [0, 20, 40, 40, 0], nutrition: [0, 0, 4.5, 4.5, 0, 0.01, 0], names: ['Thé glacé', 'Boisson au thé', 'Ice tea'], qualifiers: ['pêche', 'citron', 'saveur pêche', 'framboise', 'faible en sucres'] })),
    cat('en:alcoholic-beverages', 'Boissons alcoolisées', { brands: 'alcohol', notApplicable: 0.9, grades: [0, 0, 0, 0, 1], nutrition: [0, 0, 3.5, 0.2, 0.4, 0.01, 0] },
      cat('en:beers', 'Bières', { quantities: ['6 x 25 cl', '75 cl', '33 cl'] },
        cat('en:lagers', 'Bières blondes', { weight: 3, names: ['Bière blonde', 'Bière blonde d\'abbaye', 'Bière pression'], qualifiers: ['5%', '6,6%', 'bouteille', 'canette'] }),
        cat('en:amber-beers', 'Bières ambrées', { names: ['Bière ambrée', 'Bière brune'], qualifiers: ['d\'abbaye', 'de garde'] }),
        cat('en:non-alcoholic-beers', 'Bières sans alcool', { notApplicable: 0.2, grades: [0, 10, 40, 40, 10], names: ['Bière sans alcool'], qualifiers: ['0,0%', 'blonde'] })),
      cat('en:wines', 'Vins', { quantities: ['75 cl'] },
        cat('en:red-wines', 'Vins rouges', { weight: 2, names: ['Vin rouge', 'Côtes du Rhône', 'Bordeaux rouge', 'Beaujolais'], qualifiers: ['AOP', 'millésime 2019', 'Grande Réserve'] }),
        cat('en:rose-wines', 'Vins rosés', { names: ['Vin rosé', 'Côtes de Provence rosé'], qualifiers: ['AOP', 'IGP Pays d\'Oc'] })),
      cat('en:ciders', 'Cidres', { names: ['Cidre brut', 'Cidre doux', 'Cidre bouché'], qualifiers: ['de Bretagne', 'artisanal', 'IGP'], quantities: ['75 cl', '4 x 25 cl'] }))),
  cat('en:dairies', 'Produits laitiers', { brands: 'yogurt', grades: [30, 30, 20, 15, 5] },
    cat('en:milks', 'Laits', { brands: 'milk', grades: [20, 70, 10, 0, 0], nutrition: [1.55, 0.65, 4.8, 4.8, 3.2, 0.1, 0], quantities: ['1 L', '6 x 1 L', '50 cl'], qualifiers: ['UHT', 'bouteille', 'pasteurisé', 'bio', 'de montagne', 'sans lactose'] },
      cat('en:semi-skimmed-milks', 'Laits demi-écrémés', { weight: 3, names: ['Lait demi-écrémé', 'Lait demi-écrémé stérilisé'] }),
      cat('en:whole-milks', 'Laits entiers', { grades: [0, 60, 40, 0, 0], nutrition: [3.6, 0.65, 4.7, 4.7, 3.2, 0.1, 0], names: ['Lait entier', 'Lait entier frais'] }),
      cat('en:skimmed-milks', 'Laits écrémés', { grades: [80, 20, 0, 0, 0], nutrition: [0.1, 0.65, 4.9, 4.9, 3.3, 0.1, 0], names: ['Lait écrémé'] })),
    cat('en:fermented-milk-products', 'Produits laitiers fermentés', { quantities: ['4 x 125 g', '8 x 125 g', '500 g'] },
      cat('en:yogurts', 'Yaourts', { nutrition: [3.5, 0.65, 4.5, 4.5, 4, 0.13, 0] },
        cat('en:plain-yogurts', 'Yaourts nature', { weight: 3, grades: [70, 25, 5, 0, 0], names: ['Yaourt nature', 'Yaourt nature au lait entier', 'Yaourt brassé nature', 'Yaourt ferme nature'], qualifiers: ['0% MG', 'au bifidus', 'bio', 'sucré', 'de la ferme', 'x8'] }),
        cat('en:fruit-yogurts', 'Yaourts aux fruits', { weight: 3, grades: [10, 40, 40, 10, 0], nutrition: [2.5, 0.65, 14, 12, 3.5, 0.12, 0.3], names: ['Yaourt aux fruits', 'Yaourt à la fraise', 'Yaourt abricot', 'Yaourt aux fruits rouges', 'Yaourt à la pêche'], qualifiers: ['0% MG', 'mixés', 'morceaux', 'panachés', 'bio', 'au bifidus'] }),
        cat('en:greek-style-yogurts', 'Yaourts à la grecque', { grades: [10, 40, 40, 10, 0], nutrition: [10, 0.65, 4.5, 4.5, 3.5, 0.12, 0], names: ['Yaourt à la grecque', 'Yaourt grec'], qualifiers: ['nature', 'au miel', 'à la vanille'] }),
        cat('en:flavoured-yogurts', 'Yaourts aromatisés', { grades: [10, 40, 40, 10, 0], nutrition: [2, 0.65, 13, 12, 3.5, 0.12, 0], names: ['Yaourt aromatisé', 'Yaourt à la vanille', 'Yaourt au citron', 'Yaourt à boire'], qualifiers: ['vanille', 'citron', 'framboise', 'panaché', 'x16'] }),
        cat('en:skyrs', 'Skyrs', { grades: [85, 15, 0, 0, 0], nutrition: [0.2, 0.65, 4, 4, 10, 0.1, 0], names: ['Skyr', 'Skyr nature'], qualifiers: ['à boire', 'fruits rouges', 'vanille'] })),
      cat('en:fromages-blancs', 'Fromages blancs', { grades: [70, 25, 5, 0, 0], nutrition: [3, 0.65, 4, 4, 7, 0.1, 0], names: ['Fromage blanc', 'Fromage frais', 'Faisselle', 'Petits-suisses'], qualifiers: ['nature', '0%', '3,2% MG', 'battu', 'lisse', 'au lait entier'] })),
    cat('en:cheeses', 'Fromages', { shift2023: [0.1, 0.15], brands: 'cheese', grades: [0, 5, 30, 55, 10], nutrition: [28, 0.65, 0.5, 0.3, 25, 1.6, 0], quantities: ['200 g', '250 g', '400 g'] },
      cat('en:soft-cheeses', 'Fromages à pâte molle',
        cat('en:camemberts', 'Camemberts', { also: ['en:cow-cheeses'], weight: 2, names: ['Camembert', 'Camembert de Normandie'], qualifiers: ['au lait cru', 'AOP', 'moulé à la louche', 'pasteurisé'] }),
        cat('en:bries', 'Bries', { also: ['en:cow-cheeses'], names: ['Brie', 'Brie de Meaux', 'Coulommiers'], qualifiers: ['AOP', 'au lait pasteurisé', 'crémeux'] })),
      cat('en:cow-cheeses', 'Fromages de vache',
        cat('en:emmentaler', 'Emmentals', { weight: 3, grades: [0, 10, 60, 30, 0], names: ['Emmental', 'Emmental français', 'Emmental de Savoie'], qualifiers: ['râpé', 'en tranches', 'portion', 'IGP', 'au lait cru'] }),
        cat('en:comte', 'Comtés', { weight: 2, names: ['Comté', 'Comté AOP'], qualifiers: ['12 mois d\'affinage', 'fruité', 'râpé', 'en tranches'] }),
        cat('en:raclette-cheeses', 'Fromages à raclette', { names: ['Raclette', 'Fromage à raclette'], qualifiers: ['nature', 'fumée', 'en tranches', 'au lait cru'] }),
        cat('en:mozzarella', 'Mozzarella', { grades: [0, 20, 60, 20, 0], nutrition: [18, 0.65, 1, 1, 18, 0.4, 0], names: ['Mozzarella', 'Mozzarella di bufala', 'Billes de mozzarella'], qualifiers: ['au lait de vache', 'en boule', 'râpée'] })),
      cat('en:goat-cheeses', 'Fromages de chèvre', { weight: 2, names: ['Bûche de chèvre', 'Fromage de chèvre', 'Crottin de chèvre', 'Chèvre frais'], qualifiers: ['affiné', 'cendré', 'au lait cru', 'nature'] }),
      cat('en:sheep-cheeses', 'Fromages de brebis', { grades: [0, 0, 10, 50, 40], nutrition: [31, 0.67, 0.5, 0.3, 21, 3, 0], names: ['Roquefort', 'Tomme de brebis', 'Ossau-Iraty'], qualifiers: ['AOP', 'au lait cru', 'des Pyrénées'] }),
      cat('en:spreadable-cheeses', 'Fromages à tartiner', { grades: [0, 10, 30, 50, 10], nutrition: [22, 0.7, 6, 4, 8, 1.4, 0], names: ['Fromage à tartiner', 'Fromage fondu', 'Fromage frais ail et fines herbes', 'Portions fromage fondu'], qualifiers: ['nature', 'ail et fines herbes', 'aux noix', 'x16', 'léger'] }),
      cat('en:grated-cheeses', 'Fromages râpés', { weight: 2, names: ['Fromage râpé', 'Mélange de fromages râpés', 'Parmesan râpé'], qualifiers: ['spécial gratin', 'spécial pizza', 'fondant', 'AOP'] })),
    cat('en:creams', 'Crèmes', { brands: 'butter', grades: [0, 5, 20, 45, 30], nutrition: [30, 0.68, 3, 3, 2.3, 0.08, 0], quantities: ['20 cl', '40 cl', '25 cl'], qualifiers: ['30% MG', 'entière', 'd\'Isigny', 'UHT', 'AOP'] },
      cat('en:fresh-creams', 'Crèmes fraîches', { weight: 2, names: ['Crème fraîche épaisse', 'Crème fraîche liquide', 'Crème fraîche entière'] }),
      cat('en:light-creams', 'Crèmes légères', { grades: [0, 20, 50, 30, 0], nutrition: [15, 0.68, 4, 4, 2.8, 0.1, 0], names: ['Crème légère', 'Crème légère épaisse', 'Spécialité laitière de cuisine'], qualifiers: ['15% MG', '8% MG'] })),
    cat('en:butters', 'Beurres', { also: ['en:animal-fats'], brands: 'butter', grades: [0, 0, 0, 10, 90], nutrition: [82, 0.66, 0.7, 0.7, 0.7, 0.05, 0], quantities: ['250 g', '125 g', '500 g'] },
      cat('en:unsalted-butters', 'Beurres doux', { weight: 2, names: ['Beurre doux', 'Beurre gastronomique doux', 'Beurre tendre doux'], qualifiers: ['moulé', 'AOP', 'de baratte', 'tendre'] }),
      cat('en:salted-butters', 'Beurres demi-sel', { weight: 2, nutrition: [80, 0.66, 0.7, 0.7, 0.7, 2, 0], names: ['Beurre demi-sel', 'Beurre de baratte demi-sel', 'Beurre salé'], qualifiers: ['aux cristaux de sel de Guérande', 'moulé', 'tendre'] })),
    cat('en:dairy-desserts', 'Desserts lactés', { also: ['en:desserts'], brands: 'desserts', grades: [0, 15, 40, 35, 10], nutrition: [4, 0.6, 20, 16, 3.5, 0.15, 0.5], quantities: ['4 x 125 g', '4 x 100 g', '2 x 90 g'] },
      cat('en:creme-desserts', 'Crèmes dessert', { weight: 2, names: ['Crème dessert', 'Crème dessert au chocolat', 'Liégeois', 'Crème aux œufs'], qualifiers: ['chocolat', 'vanille', 'caramel', 'café', 'x8'] }),
      cat('en:chocolate-mousses', 'Mousses au chocolat', { nutrition: [11, 0.6, 25, 22, 4.5, 0.1, 1.5], grades: [0, 0, 15, 45, 40], names: ['Mousse au chocolat', 'Mousse au chocolat noir', 'Mousse liégeoise'], qualifiers: ['intense', 'au lait', 'x4'] }),
      cat('en:rice-puddings', 'Riz au lait', { names: ['Riz au lait', 'Gâteau de riz'], qualifiers: ['vanille', 'caramel', 'à l\'ancienne'] }),
      cat('en:flans', 'Flans', { names: ['Flan nappé caramel', 'Flan pâtissier', 'Crème caramel', 'Crème brûlée'], qualifiers: ['vanille', 'aux œufs frais'] }))),
  cat('en:meats', 'Viandes', { brands: 'meat', grades: [5, 10, 30, 35, 20], nutrition: [15, 0.38, 1, 0.6, 18, 1.5, 0], quantities: ['4 tranches', '200 g', '2 x 75 g', '300 g'] },
    cat('en:prepared-meats', 'Charcuteries', { shift2023: [0.35, 0] },
      cat('en:hams', 'Jambons',
        cat('en:white-hams', 'Jambons blancs', { weight: 4, grades: [0, 20, 50, 30, 0], nutrition: [3.5, 0.35, 0.8, 0.6, 20, 1.9, 0], names: ['Jambon blanc', 'Jambon cuit', 'Jambon de Paris', 'Jambon supérieur', 'Blanc de dinde'], qualifiers: ['découenné dégraissé', 'à l\'étouffée', 'sans nitrite', 'conservation sans nitrite', '-25% de sel', 'qualité supérieure', 'x4 tranches', 'fumé', 'torchon'] }),
        cat('en:raw-hams', 'Jambons crus', { weight: 2, grades: [0, 0, 0, 30, 70], nutrition: [15, 0.33, 0.5, 0.3, 27, 5, 0], names: ['Jambon cru', 'Jambon de Bayonne', 'Jambon sec', 'Jambon de Parme', 'Jambon Serrano'], qualifiers: ['IGP', 'affiné 9 mois', 'tranches fines', 'supérieur'] })),
      cat('en:sausages', 'Saucisses', { grades: [0, 0, 20, 50, 30], nutrition: [24, 0.38, 1.5, 0.8, 13, 1.9, 0] },
        cat('en:strasbourg-sausages', 'Saucisses de Strasbourg', { weight: 2, names: ['Saucisses de Strasbourg', 'Knacks', 'Saucisses cocktail'], qualifiers: ['pur porc', 'x6', 'au poulet', 'sans colorant'] }),
        cat('en:toulouse-sausages', 'Saucisses de Toulouse', { names: ['Saucisse de Toulouse', 'Chipolatas', 'Merguez'], qualifiers: ['pur porc', 'x6', 'label rouge'] }),
        cat('en:dry-sausages', 'Saucissons secs', { grades: [0, 0, 0, 20, 80], nutrition: [30, 0.38, 2, 1, 26, 4.5, 0], names: ['Saucisson sec', 'Rosette', 'Chorizo', 'Saucisson à l\'ail'], qualifiers: ['pur porc', 'doux', 'fort', 'en tranches', 'supérieur'] })),
      cat('fr:lardons', 'Lardons', { grades: [0, 0, 10, 40, 50], nutrition: [20, 0.37, 0.5, 0.5, 16, 2.5, 0], names: ['Lardons fumés', 'Lardons nature', 'Allumettes de bacon', 'Bacon'], qualifiers: ['2 x 100 g', '-25% de sel', 'sans nitrite'] }),
      cat('en:pates', 'Pâtés', { grades: [0, 0, 5, 35, 60], nutrition: [30, 0.37, 2, 0.5, 14, 1.6, 0] },
        cat('en:rillettes', 'Rillettes', { nutrition: [38, 0.38, 0.5, 0.3, 16, 1.5, 0], names: ['Rillettes du Mans', 'Rillettes de porc', 'Rillettes de thon', 'Rillettes de poulet'], qualifiers: ['pur porc', 'à l\'ancienne', 'allégées'] }),
        cat('en:terrines', 'Terrines', { names: ['Pâté de campagne', 'Terrine de campagne', 'Pâté en croûte', 'Mousse de canard'], qualifiers: ['supérieur', 'au piment d\'Espelette', 'à l\'ancienne'] }))),
    cat('en:poultries', 'Volailles', { grades: [50, 30, 15, 5, 0], nutrition: [3, 0.3, 0.5, 0.2, 22, 0.4, 0] },
      cat('en:chickens', 'Poulets',
        cat('en:chicken-breasts', 'Blancs de poulet', { weight: 3, names: ['Blanc de poulet', 'Filets de poulet', 'Aiguillettes de poulet', 'Émincés de poulet'], qualifiers: ['rôti', 'fumé', 'label rouge', 'fermier', 'nature', 'x4 tranches'] }),
        cat('en:breaded-chicken', 'Poulets panés', { grades: [0, 20, 50, 30, 0], nutrition: [12, 0.2, 15, 1, 15, 1.1, 1], names: ['Nuggets de poulet', 'Cordon bleu', 'Escalopes panées', 'Tenders de poulet'], qualifiers: ['x4', 'au fromage', 'croustillants'] })),
      cat('en:turkeys', 'Dindes', { names: ['Escalopes de dinde', 'Blanc de dinde', 'Rôti de dinde'], qualifiers: ['fumé', 'nature', 'x2'] })),
    cat('en:beef', 'Bœuf', { shift2023: [0.4, 0], grades: [10, 20, 50, 20, 0], nutrition: [15, 0.44, 0, 0, 18, 0.2, 0] },
      cat('en:minced-beef', 'Viandes hachées de bœuf', { weight: 2, names: ['Steak haché', 'Steaks hachés pur bœuf', 'Viande hachée'], qualifiers: ['5% MG', '15% MG', '20% MG', 'x2', 'x10 surgelés', 'charolais'] }),
      cat('en:beef-cuts', 'Pièces de bœuf', { names: ['Bavette d\'aloyau', 'Rôti de bœuf', 'Entrecôte', 'Bœuf bourguignon'], qualifiers: ['à griller', 'charolais', 'race à viande'] }))),
  cat('en:seafood', 'Produits de la mer', { shift2023: [0.05, 0.15], brands: 'fish', grades: [35, 30, 25, 10, 0], nutrition: [5, 0.25, 0.5, 0.3, 22, 1, 0], quantities: ['140 g', '2 x 140 g', '4 tranches', '200 g'] },
    cat('en:fishes', 'Poissons',
      cat('en:fatty-fishes', 'Poissons gras',
        cat('en:salmons', 'Saumons',
          cat('en:smoked-salmons', 'Saumons fumés', { weight: 3, grades: [0, 0, 20, 70, 10], nutrition: [11, 0.2, 0.5, 0.3, 22, 3, 0], names: ['Saumon fumé', 'Saumon fumé d\'Écosse', 'Saumon fumé de Norvège', 'Saumon fumé Atlantique'], qualifiers: ['4 tranches', '6 tranches', 'label rouge', 'bio', 'à l\'ancienne'] })),
        cat('en:sardines', 'Sardines', { grades: [0, 20, 50, 30, 0], nutrition: [13, 0.25, 0.5, 0.3, 24, 0.9, 0], names: ['Sardines à l\'huile d\'olive', 'Sardines à la tomate', 'Sardines millésimées', 'Sardines sans arêtes'], qualifiers: ['à l\'huile d\'olive vierge extra', 'au citron', 'pêchées en Bretagne'] }),
        cat('en:mackerels', 'Maquereaux', { grades: [0, 20, 60, 20, 0], nutrition: [13, 0.25, 2, 1, 15, 1.4, 0], names: ['Filets de maquereaux', 'Maquereaux à la moutarde', 'Filets de maquereaux au vin blanc'], qualifiers: ['à la moutarde', 'au vin blanc', 'à la tomate'] })),
      cat('en:tunas', 'Thons',
        cat('en:canned-tunas', 'Thons en conserve', { weight: 3, nutrition: [1, 0.3, 0, 0, 25, 1, 0], names: ['Thon albacore', 'Miettes de thon', 'Thon entier', 'Thon listao'], qualifiers: ['au naturel', 'à l\'huile', 'à l\'huile d\'olive', 'à la tomate', 'pêché à la canne'] })),
      cat('en:white-fishes', 'Poissons blancs', { grades: [60, 30, 10, 0, 0], nutrition: [1, 0.2, 0, 0, 18, 0.3, 0], names: ['Filets de cabillaud', 'Dos de colin', 'Filets de merlu', 'Pavés de lieu'], qualifiers: ['surgelés', 'sans arêtes', 'MSC', 'nature'] }),
      cat('en:breaded-fishes', 'Poissons panés', { weight: 2, grades: [0, 45, 45, 10, 0], nutrition: [9, 0.1, 18, 1, 12, 0.9, 1], names: ['Bâtonnets de poisson', 'Filets de poisson panés', 'Poisson pané'], qualifiers: ['x15', 'MSC', 'croustillants', 'au four'] }),
      cat('en:surimi', 'Surimi', { grades: [0, 20, 70, 10, 0], nutrition: [3, 0.2, 13, 4, 7, 1.7, 0], names: ['Surimi', 'Bâtonnets de surimi', 'Surimi râpé', 'Miettes de surimi'], qualifiers: ['x24', 'au crabe', 'sans colorant', 'goût crabe'] })),
    cat('en:crustaceans', 'Crustacés', { grades: [10, 40, 40, 10, 0], nutrition: [1.2, 0.25, 0.5, 0.2, 20, 1.8, 0] },
      cat('en:shrimps', 'Crevettes', { weight: 2, names: ['Crevettes cuites', 'Crevettes décortiquées', 'Queues de crevettes'], qualifiers: ['entières', 'sauvages', 'surgelées', 'marinées à l\'ail'] }))),
  cat('en:snacks', 'Snacks', { grades: [0, 5, 15, 40, 40] },
    cat('en:sweet-snacks', 'Snacks sucrés', { brands: 'biscuits' },
      cat('en:biscuits-and-cakes', 'Biscuits et gâteaux', { nutrition: [20, 0.45, 68, 30, 6.5, 0.6, 2.5], quantities: ['200 g', '150 g', '300 g', '6 x 30 g'] },
        cat('en:biscuits', 'Biscuits', { qualifiers: ['au chocolat au lait', 'au chocolat noir', 'pur beurre', 'aux céréales', 'format familial', 'x12', 'nappés', 'aux pépites de chocolat', 'bio', 'sans huile de palme'] },
          cat('en:chocolate-biscuits', 'Biscuits au chocolat', { weight: 4, grades: [0, 0, 5, 35, 60], nutrition: [24, 0.5, 62, 35, 6.5, 0.5, 3], names: ['Biscuits au chocolat', 'Cookies aux pépites de chocolat', 'Biscuits tablette de chocolat', 'Sablés nappés chocolat', 'Petits beurre chocolat'] }),
          cat('en:shortbread-cookies', 'Sablés', { weight: 2, names: ['Sablés', 'Galettes bretonnes', 'Palets bretons', 'Sablés pur beurre'] }),
          cat('en:dry-biscuits', 'Biscuits secs', { weight: 2, grades: [0, 10, 30, 50, 10], names: ['Biscuits petit déjeuner', 'Biscuits secs', 'Boudoirs', 'Biscuits aux céréales complètes'], also: ['en:breakfasts'] }),
          cat('en:filled-biscuits', 'Biscuits fourrés', { weight: 3, nutrition: [18, 0.45, 70, 38, 5.5, 0.5, 2], names: ['Biscuits fourrés', 'Biscuits fourrés chocolat', 'Biscuits fourrés fraise', 'Gaufrettes fourrées'], qualifiers: ['goût chocolat', 'à la fraise', 'vanille', 'au lait'] }),
          cat('fr:petits-beurre', 'Petits-beurre', { names: ['Petit beurre', 'Petits beurre'] }),
          cat('en:wafers', 'Gaufrettes', { names: ['Gaufrettes', 'Crêpes dentelle', 'Cigarettes russes'], qualifiers: ['à la vanille', 'praliné', 'au chocolat'] })),
        cat('en:cakes', 'Gâteaux', { nutrition: [22, 0.5, 52, 30, 6, 0.5, 1.5] },
          cat('en:madeleines', 'Madeleines', { weight: 3, names: ['Madeleines', 'Madeleines coquilles', 'Madeleines longues'], qualifiers: ['pur beurre', 'aux œufs frais', 'nature', 'pépites de chocolat', 'x12', 'sachets individuels'] }),
          cat('fr:quatre-quarts', 'Quatre-quarts', { names: ['Quatre-quarts', 'Quatre-quarts pur beurre', 'Cake aux fruits'], qualifiers: ['breton', 'aux œufs frais', 'marbré'] }),
          cat('en:brownies', 'Brownies', { grades: [0, 0, 0, 30, 70], nutrition: [27, 0.45, 50, 38, 6, 0.4, 2.5], names: ['Brownies', 'Brownie aux noix', 'Moelleux au chocolat', 'Fondant au chocolat'], qualifiers: ['aux pépites de chocolat', 'x8', 'pocket'] }),
          cat('en:sponge-cakes', 'Génoises', { names: ['Génoise', 'Roulé à la fraise', 'Gâteau marbré', 'Cake marbré'], qualifiers: ['au chocolat', 'à la confiture', 'x10'] }),
          cat('en:crepes', 'Crêpes', { names: ['Crêpes', 'Crêpes fourrées', 'Galettes de sarrasin', 'Pancakes'], qualifiers: ['au chocolat', 'sucrées', 'nature', 'x6'] }))),
      cat('en:cocoa-and-its-products', 'Cacao et dérivés', { brands: 'chocolates', grades: [0, 0, 5, 35, 60], nutrition: [32, 0.6, 56, 53, 7, 0.2, 3], quantities: ['100 g', '200 g', '3 x 100 g'] },
        cat('en:chocolates', 'Chocolats', { qualifiers: ['intense', 'extra fin', 'aux noisettes entières', 'praliné', 'caramel', 'fleur de sel', 'amandes', 'bio', 'pâtissier'] },
          cat('en:dark-chocolates', 'Chocolats noirs', { weight: 3, nutrition: [40, 0.6, 30, 25, 8, 0.02, 11], names: ['Chocolat noir', 'Chocolat noir 70%', 'Chocolat noir 85% cacao', 'Chocolat noir dessert', 'Chocolat noir pâtissier'] }),
          cat('en:milk-chocolates', 'Chocolats au lait', { weight: 3, names: ['Chocolat au lait', 'Chocolat au lait du Pays Alpin', 'Chocolat au lait extra fin', 'Tablette chocolat au lait'] }),
          cat('en:white-chocolates', 'Chocolats blancs', { names: ['Chocolat blanc', 'Chocolat blanc vanille'] }),
          cat('en:chocolate-candies', 'Bonbons de chocolat', { weight: 2, names: ['Rochers praliné', 'Bouchées chocolat', 'Barres chocolatées', 'Œufs en chocolat', 'Truffes au chocolat'], qualifiers: ['x8', 'au lait', 'noir', 'fantaisie'] })),
        cat('en:cocoa-powders', 'Poudres de cacao', { also: ['en:breakfasts'], nutrition: [3, 0.6, 80, 75, 5, 0.1, 6], names: ['Chocolat en poudre', 'Cacao en poudre', 'Poudre chocolatée'], qualifiers: ['non sucré', 'instantané', 'au lait', 'moins sucré'] })),
      cat('en:confectioneries', 'Confiseries', { brands: 'candies', grades: [0, 0, 5, 25, 70], nutrition: [0.3, 0.3, 78, 50, 6, 0.05, 0], quantities: ['120 g', '250 g', '1 kg'] },
        cat('en:candies', 'Bonbons', { weight: 2, names: ['Bonbons gélifiés', 'Bonbons acidulés', 'Fraises Tagada', 'Oursons guimauve', 'Caramels au beurre salé', 'Réglisse'], qualifiers: ['aux fruits', 'sans colorants artificiels', 'pik', 'sachet familial'] }),
        cat('en:chewing-gum', 'Chewing-gums', { grades: [0, 60, 20, 20, 0], nutrition: [0.2, 0.5, 65, 0, 0.1, 0.01, 0], names: ['Chewing-gum sans sucres', 'Dragées menthe', 'Gommes à mâcher'], qualifiers: ['menthe verte', 'chlorophylle', 'fraise'] }),
        cat('en:cereal-bars', 'Barres de céréales', { weight: 2, grades: [0, 10, 35, 45, 10], nutrition: [12, 0.4, 65, 28, 6, 0.4, 5], names: ['Barres de céréales', 'Barres céréales chocolat', 'Barres protéinées'], qualifiers: ['au chocolat', 'fruits rouges', 'amandes', 'x6'] }))),
    cat('en:salty-snacks', 'Snacks salés', { brands: 'salty', grades: [0, 5, 25, 45, 25], quantities: ['150 g', '45 g', '300 g'] },
      cat('en:appetizers', 'Apéritif',
        cat('en:crisps', 'Chips', { nutrition: [33, 0.1, 50, 1, 6, 1.4, 4] },
          cat('en:potato-crisps', 'Chips de pommes de terre', { weight: 4, names: ['Chips', 'Chips nature', 'Chips à l\'ancienne', 'Chips ondulées', 'Chips saveur barbecue'], qualifiers: ['au sel de Guérande', 'saveur paprika', 'vinaigre', 'fromage', 'cuites au chaudron', 'sachet familial'] })),
        cat('en:crackers', 'Crackers', { weight: 2, nutrition: [22, 0.35, 60, 5, 9, 1.8, 3], names: ['Crackers', 'Biscuits apéritif', 'Crackers emmental', 'Mini bretzels'], qualifiers: ['à l\'emmental', 'au sel', 'goût bacon', 'aux olives'] }),
        cat('en:salted-peanuts', 'Cacahuètes', { nutrition: [50, 0.15, 12, 5, 25, 1.2, 8], names: ['Cacahuètes grillées', 'Cacahuètes enrobées'], qualifiers: ['salées', 'sans sel', 'arachides'] }),
        cat('en:popcorn', 'Pop-corn', { nutrition: [18, 0.5, 60, 25, 8, 1, 9], names: ['Pop-corn', 'Pop-corn caramel', 'Pop-corn salé'], qualifiers: ['au micro-ondes', 'caramel', 'sucré-salé'] })))),
  cat('en:spreads', 'Produits à tartiner', { brands: 'spreads', quantities: ['400 g', '750 g', '370 g', '1 kg'] },
    cat('en:sweet-spreads', 'Produits à tartiner sucrés', { also: ['en:breakfasts'], grades: [0, 0, 10, 40, 50], nutrition: [0.2, 0.2, 60, 55, 0.5, 0.05, 1] },
      cat('fr:pates-a-tartiner', 'Pâtes à tartiner', { nutrition: [31, 0.35, 57, 56, 6, 0.1, 3.5], grades: [0, 0, 0, 10, 90], qualifiers: ['cacao', 'sans huile de palme', 'au lait', 'noire', 'bio', 'aux éclats de noisettes', 'crunchy'] },
        cat('en:hazelnut-spreads', 'Pâtes à tartiner aux noisettes', { weight: 2, names: ['Pâte à tartiner noisettes', 'Crème de noisettes', 'Pâte à tartiner aux noisettes'] }),
        cat('en:cocoa-and-hazelnuts-spreads', 'Pâtes à tartiner aux noisettes et au cacao', { weight: 3, names: ['Pâte à tartiner noisettes cacao', 'Pâte à tartiner chocolat noisettes', 'Pâte à tartiner au chocolat'] }),
        cat('en:speculoos-spreads', 'Pâtes de spéculoos', { names: ['Pâte de spéculoos', 'Pâte à tartiner spéculoos'], qualifiers: ['crunchy', 'originale'] })),
      cat('en:jams', 'Confitures', { weight: 1, qualifiers: ['extra', 'allégée en sucres', 'bio', 'intense', 'cuite au chaudron', 'à l\'ancienne'] },
        cat('en:strawberry-jams', 'Confitures de fraises', { weight: 3, names: ['Confiture de fraises', 'Confiture extra fraises', 'Confiture fraise'] }),
        cat('en:apricot-jams', 'Confitures d\'abricots', { weight: 2, names: ['Confiture d\'abricots', 'Confiture extra abricots'] }),
        cat('en:raspberry-jams', 'Confitures de framboises', { names: ['Confiture de framboises', 'Confiture framboise pépins'] }),
        cat('en:cherry-jams', 'Confitures de cerises', { names: ['Confiture de cerises noires', 'Confiture de griottes'] }),
        cat('en:marmalades', 'Marmelades', { names: ['Marmelade d\'oranges', 'Marmelade d\'oranges amères', 'Marmelade de citrons'] })),
      cat('en:honeys', 'Miels', { grades: [0, 0, 0, 90, 10], nutrition: [0, 0, 80, 80, 0.4, 0.02, 0], names: ['Miel de fleurs', 'Miel d\'acacia', 'Miel de châtaignier', 'Miel de lavande', 'Miel toutes fleurs'], qualifiers: ['liquide', 'crémeux', 'de France', 'doseur', 'bio'] })),
    cat('en:salted-spreads', 'Produits à tartiner salés', { grades: [0, 10, 40, 40, 10], nutrition: [25, 0.15, 6, 2, 3, 2, 2], quantities: ['90 g', '130 g', '180 g'] },
      cat('en:tapenades', 'Tapenades', { names: ['Tapenade noire', 'Tapenade verte', 'Caviar d\'aubergine'], qualifiers: ['aux olives de Nyons', 'à l\'ail', 'bio'] }),
      cat('en:vegetable-spreads', 'Tartinables de légumes', { names: ['Tartinable de légumes', 'Guacamole', 'Tzatziki', 'Tartinade de poivrons'], qualifiers: ['au basilic', 'épicé', 'doux', 'bio'] }))),
  cat('en:groceries', 'Épicerie',
  cat('en:condiments', 'Condiments', { brands: 'condiments', grades: [0, 10, 30, 40, 20], quantities: ['250 g', '500 ml', '200 g', '340 g'] },
    cat('en:sauces', 'Sauces', { nutrition: [10, 0.1, 10, 6, 1.5, 2, 1] },
      cat('en:mayonnaises', 'Mayonnaises', { weight: 2, grades: [0, 0, 0, 30, 70], nutrition: [77, 0.08, 2, 1.5, 1.2, 1.3, 0], names: ['Mayonnaise', 'Mayonnaise de Dijon', 'Mayonnaise allégée', 'Sauce aïoli'], qualifiers: ['en tube', 'en bocal', 'nature', 'aux œufs frais'] }),
      cat('en:ketchup', 'Ketchup', { weight: 2, grades: [0, 0, 10, 80, 10], nutrition: [0.1, 0.1, 25, 22, 1.2, 1.8, 0.5], names: ['Ketchup', 'Tomato ketchup'], qualifiers: ['nature', 'allégé en sucres', 'flacon souple', 'bio'] }),
      cat('en:mustards', 'Moutardes', { grades: [0, 10, 20, 70, 0], nutrition: [11, 0.06, 4, 2, 7, 6, 3] },
        cat('en:dijon-mustards', 'Moutardes de Dijon', { weight: 2, names: ['Moutarde de Dijon', 'Moutarde forte de Dijon', 'Moutarde à l\'ancienne'], qualifiers: ['fine et forte', 'bocal', 'en tube', 'au miel'] })),
      cat('en:pestos', 'Pestos', { grades: [0, 0, 5, 45, 50], nutrition: [45, 0.12, 6, 3, 5, 2.5, 2], names: ['Pesto alla genovese', 'Pesto rosso', 'Sauce pesto basilic'], qualifiers: ['au basilic frais', 'sans ail', 'vegan'] }),
      cat('en:vinaigrettes', 'Vinaigrettes', { nutrition: [40, 0.1, 5, 4, 0.5, 2, 0], names: ['Vinaigrette', 'Sauce salade', 'Vinaigrette balsamique'], qualifiers: ['à l\'huile d\'olive', 'allégée', 'moutarde à l\'ancienne', 'aux échalotes'] }),
      cat('en:pasta-sauces', 'Sauces pour pâtes', { weight: 2, grades: [5, 30, 45, 20, 0], nutrition: [5, 0.35, 7, 5, 4, 1.1, 1.5], names: ['Sauce bolognaise', 'Sauce carbonara', 'Sauce arrabbiata', 'Sauce napolitaine', 'Sauce aux quatre fromages'], qualifiers: ['pur bœuf', 'au basilic', 'cuisinée', 'aux cèpes'] })),
    cat('en:salts', 'Sels', { notApplicable: 0.3, grades: [0, 0, 0, 0, 1], nutrition: [0, 0, 0, 0, 0, 99, 0], names: ['Sel fin', 'Gros sel', 'Fleur de sel', 'Sel de Guérande'], qualifiers: ['iodé', 'de mer', 'de Camargue', 'moulin'] }),
    cat('en:spices', 'Épices', { notApplicable: 0.3, grades: [30, 30, 30, 10, 0], nutrition: [8, 0.2, 40, 5, 10, 0.2, 25], quantities: ['40 g', '30 g'], names: ['Poivre noir moulu', 'Curry en poudre', 'Paprika doux', 'Herbes de Provence', 'Cumin moulu', 'Cannelle en poudre'], qualifiers: ['flacon', 'bio', 'recharge'] }),
    cat('en:vinegars', 'Vinaigres', { notApplicable: 0.3, grades: [40, 40, 20, 0, 0], nutrition: [0, 0, 1, 0.5, 0, 0.02, 0], names: ['Vinaigre de vin rouge', 'Vinaigre balsamique', 'Vinaigre de cidre', 'Vinaigre d\'alcool'], qualifiers: ['de Modène', 'à l\'estragon', 'bio'] }))),
  cat('en:meals', 'Plats préparés', { brands: 'meals', grades: [15, 35, 35, 15, 0], nutrition: [6, 0.35, 12, 2, 7, 0.9, 1.5], quantities: ['300 g', '1 kg', '400 g', '2 x 300 g'] },
    cat('en:pizzas-pies-and-quiches', 'Pizzas tartes salées et quiches', { nutrition: [10, 0.45, 28, 3, 10, 1.3, 2], grades: [0, 15, 45, 35, 5] },
      cat('en:pizzas', 'Pizzas', { weight: 4, names: ['Pizza jambon fromage', 'Pizza quatre fromages', 'Pizza margherita', 'Pizza royale', 'Pizza chèvre miel', 'Pizza chorizo'], qualifiers: ['pâte fine', 'cuite au feu de bois', 'surgelée', 'pâte à l\'ancienne', 'familiale'] }),
      cat('en:quiches', 'Quiches', { nutrition: [16, 0.5, 20, 2, 8, 1, 1] },
        cat('en:quiches-lorraines', 'Quiches lorraines', { weight: 2, names: ['Quiche lorraine', 'Quiche lardons emmental'], qualifiers: ['pur beurre', 'x2', 'familiale'] }),
        cat('en:vegetable-quiches', 'Quiches aux légumes', { names: ['Quiche aux poireaux', 'Quiche saumon épinards', 'Tarte aux légumes'], qualifiers: ['pur beurre', 'x2'] })),
      cat('en:savoury-tarts', 'Tartes salées', { names: ['Tarte à la tomate', 'Tarte flambée', 'Feuilleté jambon fromage', 'Croque-monsieur'], qualifiers: ['x2', 'à la moutarde', 'surgelé'] })),
    cat('en:sandwiches', 'Sandwichs', { grades: [0, 30, 50, 20, 0], nutrition: [9, 0.4, 27, 3, 10, 1.2, 2], quantities: ['1 pièce', '2 x 1 pièce'], qualifiers: ['pain complet', 'triangle', 'au pain viennois'] },
      cat('en:ham-sandwiches', 'Sandwichs au jambon', { names: ['Sandwich jambon beurre', 'Jambon-beurre baguette', 'Sandwich jambon emmental'] }),
      cat('en:chicken-sandwiches', 'Sandwichs au poulet', { names: ['Sandwich poulet crudités', 'Club sandwich poulet', 'Sandwich poulet curry'], qualifiers: ['sauce caesar'] }),
      cat('en:wraps', 'Wraps', { names: ['Wrap poulet', 'Wrap thon crudités', 'Wrap végétarien'], qualifiers: ['sauce caesar', 'épicé'] })),
    cat('en:meals-with-meat', 'Plats à base de viande', { weight: 1 },
      cat('en:lasagnas', 'Lasagnes', { weight: 2, nutrition: [8, 0.45, 14, 3, 8, 0.9, 1.2], names: ['Lasagnes à la bolognaise', 'Lasagnes au saumon', 'Lasagnes végétariennes'], qualifiers: ['pur bœuf', 'familiale', 'gratinées'] }),
      cat('en:cassoulets', 'Cassoulets', { nutrition: [7, 0.35, 12, 1, 8, 1, 4], names: ['Cassoulet', 'Cassoulet de Castelnaudary', 'Cassoulet au confit de canard'], qualifiers: ['mitonné', 'recette du Sud-Ouest', 'boîte 1/2'] }),
      cat('en:hachis-parmentier', 'Hachis parmentier', { names: ['Hachis parmentier', 'Parmentier de canard'], qualifiers: ['pur bœuf', 'gratiné'] }),
      cat('en:couscous-meals', 'Couscous préparés', { names: ['Couscous royal', 'Couscous poulet merguez', 'Taboulé'], qualifiers: ['oriental', 'à la menthe', 'au poulet'] }),
      cat('en:chili-con-carne', 'Chili con carne', { names: ['Chili con carne', 'Bœuf bourguignon et pommes de terre', 'Blanquette de veau', 'Petit salé aux lentilles'], qualifiers: ['recette traditionnelle', 'épicé', 'et son riz'] })),
    cat('en:salads', 'Salades', { grades: [20, 50, 25, 5, 0], nutrition: [7, 0.2, 12, 2, 5, 0.9, 2], qualifiers: ['avec couverts', 'recette du chef'] },
      cat('en:pasta-salads', 'Salades de pâtes', { names: ['Salade de pâtes au poulet', 'Salade de pâtes au thon', 'Salade de pâtes pesto'] }),
      cat('en:mixed-salads', 'Salades composées', { names: ['Salade piémontaise', 'Taboulé oriental', 'Salade niçoise', 'Salade de riz au thon', 'Salade de lentilles'] }))),
  cat('en:desserts', 'Desserts', { brands: 'icecream', grades: [0, 5, 30, 50, 15] },
    cat('en:frozen-desserts', 'Desserts glacés', { quantities: ['500 ml', '900 ml', '4 x 100 ml'] },
      cat('en:ice-creams-and-sorbets', 'Glaces et sorbets',
        cat('en:ice-creams', 'Crèmes glacées', { nutrition: [11, 0.7, 28, 22, 3.5, 0.1, 0.5] },
          cat('en:ice-cream-tubs', 'Glaces en pot', { weight: 3, names: ['Crème glacée vanille', 'Glace chocolat', 'Crème glacée café', 'Glace vanille pécan', 'Crème glacée rhum raisins'], qualifiers: ['de Madagascar', 'intense', 'aux éclats de chocolat', 'pot familial', 'artisanale'] }),
          cat('en:ice-cream-bars', 'Bâtonnets glacés', { weight: 2, grades: [0, 0, 5, 40, 55], nutrition: [20, 0.7, 30, 26, 4, 0.1, 1], names: ['Bâtonnets glacés', 'Esquimaux', 'Cônes glacés', 'Bâtonnets glacés amandes'], qualifiers: ['x4', 'chocolat', 'vanille', 'caramel'] })),
        cat('en:sorbets', 'Sorbets', { grades: [0, 20, 60, 20, 0], nutrition: [0.3, 0.2, 30, 27, 0.3, 0.01, 1], names: ['Sorbet citron', 'Sorbet framboise', 'Sorbet mangue', 'Sorbet plein fruit'], qualifiers: ['plein fruit', 'de Sicile', 'pot'] })))),
  cat('en:fats', 'Matières grasses',
    cat('en:vegetable-fats', 'Matières grasses végétales'),
    cat('en:animal-fats', 'Matières grasses animales')),
  cat('en:breakfasts', 'Petit-déjeuners'),
];

/** Popular products, often several codes for one name in OFF. */
type Iconic = readonly [
  name: string,
  brand: string,
  category: string,
  grade: Grade | 'unknown',
  weight: number,
];

// biome-ignore format: a table, one product a line
const ICONIC: readonly Iconic[] = [
  ['Nutella', 'Ferrero', 'en:cocoa-and-hazelnuts-spreads', 'e', 8],
  ['Nocciolata', 'Rigoni di Asiago', 'en:cocoa-and-hazelnuts-spreads', 'e', 2],
  ['Prince goût chocolat', 'LU', 'en:filled-biscuits', 'd', 4],
  ['Petit Écolier chocolat au lait', 'LU', 'en:chocolate-biscuits', 'e', 3],
  ['Granola chocolat au lait', 'LU', 'en:chocolate-biscuits', 'e', 3],
  ['Pim\'s framboise', 'LU', 'en:filled-biscuits', 'e', 2],
  ['Pépito pépites de chocolat', 'LU', 'en:chocolate-biscuits', 'e', 2],
  ['Petit Beurre', 'LU', 'fr:petits-beurre', 'd', 3],
  ['BN goût chocolat', 'BN', 'en:filled-biscuits', 'd', 2],
  ['Kinder Bueno', 'Kinder', 'en:chocolate-candies', 'e', 3],
  ['Kinder Country', 'Kinder', 'en:chocolate-candies', 'e', 2],
  ['Chamonix orange', 'LU', 'en:filled-biscuits', 'd', 1],
  ['Madeleines Coquilles', 'St Michel', 'en:madeleines', 'd', 2],
  ['Coca-Cola', 'Coca-Cola', 'en:colas', 'e', 6],
  ['Coca-Cola zéro', 'Coca-Cola', 'en:diet-sodas', 'b', 4],
  ['Orangina', 'Orangina', 'en:fruit-sodas', 'e', 3],
  ['Oasis tropical', 'Oasis', 'en:fruit-sodas', 'e', 2],
  ['Evian', 'Evian', 'en:natural-mineral-waters', 'a', 3],
  ['Cristaline', 'Cristaline', 'en:spring-waters', 'a', 3],
  ['Perrier', 'Perrier', 'en:sparkling-waters', 'a', 2],
  ['Activia nature', 'Activia', 'en:plain-yogurts', 'a', 2],
  ['Danette chocolat', 'Danette', 'en:creme-desserts', 'c', 3],
  ['Beurre doux', 'Président', 'en:unsalted-butters', 'e', 2],
  ['Mini Babybel', 'Babybel', 'en:cow-cheeses', 'd', 2],
  ['La Vache qui rit', 'La Vache qui rit', 'en:spreadable-cheeses', 'd', 3],
  ['Boursin ail et fines herbes', 'Boursin', 'en:spreadable-cheeses', 'e', 2],
  ['Pain de mie complet', 'Harrys', 'en:sliced-breads', 'b', 3],
  ['Cruesli chocolat', 'Quaker', 'en:mueslis', 'c', 2],
  ['Special K', 'Kellogg\'s', 'en:puffed-cereals', 'c', 2],
  ['Chocapic', 'Nestlé', 'en:chocolate-cereals', 'c', 3],
  ['Miel Pops', 'Kellogg\'s', 'en:puffed-cereals', 'd', 2],
  ['Tomato Ketchup', 'Heinz', 'en:ketchup', 'd', 3],
  ['Moutarde de Dijon', 'Maille', 'en:dijon-mustards', 'd', 2],
  ['Mayonnaise de Dijon', 'Amora', 'en:mayonnaises', 'e', 2],
  ['Coquillettes', 'Lustucru', 'en:coquillettes', 'a', 2],
  ['Spaghetti n°5', 'Barilla', 'en:spaghetti', 'a', 2],
  ['Thon albacore au naturel', 'Petit Navire', 'en:canned-tunas', 'a', 2],
  ['Lardons fumés', 'Herta', 'fr:lardons', 'e', 2],
  ['Le Bon Paris', 'Herta', 'en:white-hams', 'c', 3],
  ['Knacki', 'Herta', 'en:strasbourg-sausages', 'd', 3],
  ['Cordon bleu', 'Le Gaulois', 'en:breaded-chicken', 'c', 2],
  ['Chips nature', 'Lay\'s', 'en:potato-crisps', 'c', 2],
  ['Pringles Original', 'Pringles', 'en:potato-crisps', 'e', 2],
  ['Magnum Classic', 'Magnum', 'en:ice-cream-bars', 'e', 2],
  ['Pure Premium orange sans pulpe', 'Tropicana', 'en:orange-juices', 'c', 2],
  ['Fraises Tagada', 'Haribo', 'en:candies', 'e', 2],
  ['Dragibus', 'Haribo', 'en:candies', 'e', 1],
  ['Carte Noire classique', 'Carte Noire', 'en:ground-coffees', 'unknown', 1],
  ['Skyr nature', 'Siggi\'s', 'en:skyrs', 'a', 1],
  ['Compote pomme nature', 'Andros', 'en:apple-compotes', 'a', 2],
];

/** The effective options of a category: its own, else its main parent's. */
interface Traits {
  names: readonly string[] | null;
  qualifiers: readonly string[];
  grades: GradeWeights;
  nutrition: NutritionProfile;
  brands: BrandPool | null;
  quantities: readonly string[];
  notApplicable: number;
  shift2023: readonly [worse: number, better: number];
  dry: boolean;
}

interface Category {
  tag: string;
  fr: string;
  /** The main parent first, then the `also` ones. */
  parents: Category[];
  children: Category[];
  traits: Traits;
  weight: number;
  /** Longest distance from a root. */
  depth: number;
  /** The main-parent chain, root first, this category last. */
  mainPath: Category[];
  /** Every ancestor and itself, root first (OFF's `categories_tags` order). */
  tags: string[];
  /** The French names of `tags`, comma-joined (OFF's `categories` with `categories_lc: "fr"`). */
  display: string;
  beverage: boolean;
  water: boolean;
  cheese: boolean;
  fat: boolean;
}

const ROOT_TRAITS: Traits = {
  names: null,
  qualifiers: [],
  grades: [20, 20, 20, 20, 20],
  nutrition: [5, 0.3, 20, 8, 5, 0.5, 2],
  brands: null,
  quantities: ['500 g'],
  notApplicable: 0,
  shift2023: [0.22, 0.1],
  dry: false,
};

const CATEGORIES = new Map<string, Category>();

function addCategories(specs: readonly CategorySpec[], parent: Category | null, inherited: Traits): void {
  for (const spec of specs) {
    if (CATEGORIES.has(spec.tag)) throw new Error(`duplicate category ${spec.tag}`);
    const o = spec.options;
    const traits: Traits = {
      names: o.names ?? inherited.names,
      qualifiers: o.qualifiers ? [...inherited.qualifiers, ...o.qualifiers] : inherited.qualifiers,
      grades: o.grades ?? inherited.grades,
      nutrition: o.nutrition ?? inherited.nutrition,
      brands: o.brands ?? inherited.brands,
      quantities: o.quantities ?? inherited.quantities,
      notApplicable: o.notApplicable ?? inherited.notApplicable,
      shift2023: o.shift2023 ?? inherited.shift2023,
      dry: o.dry ?? inherited.dry,
    };
    const category: Category = {
      tag: spec.tag,
      fr: spec.fr,
      parents: parent ? [parent] : [],
      children: [],
      traits,
      weight: o.weight ?? 1,
      depth: 0,
      mainPath: parent ? [...parent.mainPath] : [],
      tags: [],
      display: '',
      beverage: false,
      water: false,
      cheese: false,
      fat: false,
    };
    category.mainPath.push(category);
    parent?.children.push(category);
    CATEGORIES.set(spec.tag, category);
    addCategories(spec.children, category, traits);
  }
}

function depthOf(category: Category, seen: ReadonlySet<Category> = new Set()): number {
  if (seen.has(category)) throw new Error(`category cycle at ${category.tag}`);
  const inPath = new Set(seen).add(category);
  return category.parents.reduce((deepest, parent) => Math.max(deepest, depthOf(parent, inPath) + 1), 0);
}

function ancestorsAndSelf(category: Category, into: Category[] = []): Category[] {
  for (const parent of category.parents) ancestorsAndSelf(parent, into);
  if (!into.includes(category)) into.push(category);
  return into;
}

function buildCategories(): Category[] {
  addCategories(TREE, null, ROOT_TRAITS);
  for (const spec of walkSpecs(TREE)) {
    const category = CATEGORIES.get(spec.tag) as Category;
    for (const tag of spec.options.also ?? []) {
      const parent = CATEGORIES.get(tag);
      if (!parent) throw new Error(`${spec.tag}: unknown parent ${tag}`);
      category.parents.push(parent);
      parent.children.push(category);
    }
  }
  for (const category of CATEGORIES.values()) category.depth = depthOf(category);
  const leaves: Category[] = [];
  for (const category of CATEGORIES.values()) {
    // Stable sort: equally deep categories keep the order they were reached in.
    const lineage = ancestorsAndSelf(category).sort((x, y) => x.depth - y.depth);
    category.tags = lineage.map((c) => c.tag);
    category.display = lineage.map((c) => c.fr).join(', ');
    category.beverage = category.tags.includes('en:beverages') && !category.traits.dry;
    category.water = category.tags.includes('en:waters');
    category.cheese = category.tags.includes('en:cheeses');
    category.fat = category.tags.includes('en:fats');
    if (category.children.length > 0) continue;
    if (!category.traits.names) throw new Error(`no product names for ${category.tag}`);
    if (category.tags.length < 3) throw new Error(`leaf ${category.tag} is too shallow`);
    leaves.push(category);
  }
  return leaves;
}

function* walkSpecs(specs: readonly CategorySpec[]): Generator<CategorySpec> {
  for (const spec of specs) {
    yield spec;
    yield* walkSpecs(spec.children);
  }
}

const LEAVES = buildCategories();
const LEAF_WEIGHTS = LEAVES.map((leaf) => leaf.weight);
const LEAF_TOTAL = sum(LEAF_WEIGHTS);
const ICONIC_WEIGHTS = ICONIC.map((iconic) => iconic[4]);
for (const [name, , tag] of ICONIC) {
  if (!CATEGORIES.has(tag)) throw new Error(`iconic ${name}: unknown category ${tag}`);
}

function category(tag: string): Category {
  const found = CATEGORIES.get(tag);
  if (!found) throw new Error(`unknown category ${tag}`);
  return found;
}

// ---------------------------------------------------------------- taxonomy

export interface TaxonomyEntry {
  name: { en?: string; fr: string };
  parents: string[];
  children?: string[];
}

/**
 * The generated categories in the shape of OFF's `/data/taxonomies/categories.full.json`: keyed by
 * tag, each with its names and parents (and children when it has some). `fr:` entries, which OFF
 * leaves untranslated, have a French name only.
 */
export function generateTaxonomy(): Record<string, TaxonomyEntry> {
  const taxonomy: Record<string, TaxonomyEntry> = {};
  for (const c of CATEGORIES.values()) {
    const entry: TaxonomyEntry = {
      name: c.tag.startsWith('en:') ? { en: englishName(c.tag), fr: c.fr } : { fr: c.fr },
      parents: c.parents.map((parent) => parent.tag),
    };
    if (c.children.length > 0) entry.children = c.children.map((child) => child.tag);
    taxonomy[c.tag] = entry;
  }
  return taxonomy;
}

/** `en:cocoa-and-hazelnuts-spreads` → `Cocoa and hazelnuts spreads`. */
function englishName(tag: string): string {
  const words = tag.slice(3).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// ---------------------------------------------------------------- text helpers

function stripAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae');
}

/** What each Latin character up to U+017F becomes in a slug: a plain letter or digit, or '' (a separator). */
const SLUG_CHARS: readonly string[] = Array.from({ length: 0x180 }, (_, code) =>
  stripAccents(String.fromCharCode(code))
    .toLowerCase()
    .replace(/[^a-z0-9]/g, ''),
);

/** OFF-style tag text: `Côte d'Or` → `cote-d-or` (accents dropped, anything else a single dash). */
function slugify(text: string): string {
  let slug = '';
  let pendingDash = false;
  for (let i = 0; i < text.length; i++) {
    const plain = SLUG_CHARS[text.charCodeAt(i)] ?? '';
    if (plain === '') {
      pendingDash = slug !== '';
      continue;
    }
    slug += pendingDash ? `-${plain}` : plain;
    pendingDash = false;
  }
  return slug;
}

/** Python's `str.title()`, as the original Django app stored names: upper case after any uncased character. */
function pythonTitle(text: string): string {
  let out = '';
  let previousCased = false;
  for (const ch of text) {
    const cased = ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (previousCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    previousCased = cased;
  }
  return out;
}

/** Rounded as OFF shows nutriments: 3 significant-ish digits. */
function round(value: number): number {
  if (value >= 10) return Math.round(value * 10) / 10;
  if (value >= 1) return Math.round(value * 100) / 100;
  return Math.round(value * 1000) / 1000;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

// ---------------------------------------------------------------- barcodes

/** The EAN-13 check digit of 12 digits. */
export function ean13CheckDigit(digits12: string): string {
  let total = 0;
  for (let i = 0; i < 12; i++) total += (digits12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (total % 10)) % 10);
}

const ITEM_SPACE = 100_000_000;
/** Coprime with 10, so `i × ITEM_STEP mod 10⁸` visits every 8-digit item number once. */
const ITEM_STEP = 7_919_317;
export const MAX_PRODUCTS = ITEM_SPACE;

const brandPrefixes = new Map<string, string>();

/** A 3-digit GS1 country prefix and one more digit, stable per brand: 30–37 France, 54 Belgium, 76 Switzerland, 80 Italy. */
function brandPrefix(brand: string): string {
  let prefix = brandPrefixes.get(brand);
  if (prefix === undefined) {
    const [h1, h2] = hash128(`brand:${brand}`);
    const roll = h2 % 10;
    const gs1 =
      roll < 7
        ? 300 + (h1 % 80)
        : roll === 7
          ? 540 + (h1 % 10)
          : roll === 8
            ? 760 + (h1 % 10)
            : 800 + (h1 % 40);
    prefix = `${gs1}${(h1 >>> 8) % 10}`;
    brandPrefixes.set(brand, prefix);
  }
  return prefix;
}

/**
 * Product i's EAN-13: a 4-digit prefix (from the brand, or the country it is sold in) and an
 * 8-digit item number that no other i below 10⁸ shares, so codes are unique without any state.
 */
function barcode(seedOffset: number, i: number, prefix: string): string {
  const item = (i * ITEM_STEP + seedOffset) % ITEM_SPACE;
  const body = prefix + String(item).padStart(8, '0');
  return body + ean13CheckDigit(body);
}

// ---------------------------------------------------------------- countries

interface Countries {
  tags: string[];
  display: string;
  /** The GS1 prefix of products sold only there; null: the brand's own. */
  prefix: ((random: Random) => string) | null;
}

const COUNTRIES: readonly Countries[] = [
  { tags: ['en:france'], display: 'France', prefix: null },
  { tags: ['en:belgium', 'en:france'], display: 'France, Belgique', prefix: null },
  { tags: ['en:france', 'en:switzerland'], display: 'France, Suisse', prefix: null },
  { tags: ['en:belgium', 'en:france', 'en:switzerland'], display: 'France, Belgique, Suisse', prefix: null },
  // UPC-A codes read as EAN-13 start with 0.
  {
    tags: ['en:united-states'],
    display: 'United States',
    prefix: (r) => `0${String(r.int(0, 139)).padStart(3, '0')}`,
  },
  { tags: ['en:germany'], display: 'Deutschland', prefix: (r) => String(r.int(4000, 4409)) },
];
const COUNTRY_WEIGHTS = [82, 7, 3, 2, 3, 3];

// ---------------------------------------------------------------- Nutri-Score

type ScoreBands = readonly [a: Band, b: Band, c: Band, d: Band, e: Band];
type Band = readonly [low: number, high: number];

// Score ranges of each grade (OFF's thresholds; the ends of the open ranges are typical values).
// biome-ignore format: a table
const BANDS_2021_FOOD: ScoreBands = [[-15, -1], [0, 2], [3, 10], [11, 18], [19, 35]];
// biome-ignore format: a table
const BANDS_2021_BEVERAGE: ScoreBands = [[0, 0], [-6, 1], [2, 5], [6, 9], [10, 20]];
// biome-ignore format: a table
const BANDS_2023_FOOD: ScoreBands = [[-15, 0], [1, 2], [3, 10], [11, 18], [19, 40]];
// biome-ignore format: a table
const BANDS_2023_FAT: ScoreBands = [[-12, -6], [-5, 2], [3, 10], [11, 18], [19, 30]];
// biome-ignore format: a table
const BANDS_2023_BEVERAGE: ScoreBands = [[0, 0], [-6, 2], [3, 6], [7, 9], [10, 20]];

type Verdict = Grade | 'unknown' | 'not-applicable';

interface NutriscoreVersion {
  grade: Verdict;
  score?: number;
  nutriscore_applicable: 0 | 1;
  nutriscore_computed: 0 | 1;
  not_applicable_category?: string;
  data: Record<string, number>;
}

function scoreIn(random: Random, bands: ScoreBands, grade: Grade): number {
  const [low, high] = bands[GRADES.indexOf(grade)] as Band;
  return random.int(low, high);
}

function nutriscoreVersion(
  verdict: Verdict,
  score: number | undefined,
  leaf: Category,
  data: Record<string, number>,
): NutriscoreVersion {
  return {
    grade: verdict,
    score,
    nutriscore_applicable: verdict === 'not-applicable' ? 0 : 1,
    nutriscore_computed: score === undefined ? 0 : 1,
    not_applicable_category: verdict === 'not-applicable' ? leaf.tag : undefined,
    data,
  };
}

// ---------------------------------------------------------------- nutriments

type Nutriments = Record<string, number | string | undefined>;

/** Rounded amounts per 100 g; null for a nutrient the record lacks. */
interface Nutrition {
  kcal: number;
  kj: number;
  fat: number;
  saturatedFat: number | null;
  carbohydrates: number;
  sugars: number;
  fiber: number | null;
  proteins: number;
  salt: number | null;
  sodium: number | null;
}

function noise(random: Random, spread: number): number {
  return Math.exp(random.normal() * spread);
}

/**
 * Nutriments per 100 g around the category's profile, pushed towards the grade: a product graded
 * worse than its category's usual grade is fattier, sweeter and saltier.
 */
function generateNutrition(
  random: Random,
  profile: NutritionProfile,
  grade: Grade | null,
  usual: number,
): Nutrition {
  const index = grade === null ? -1 : GRADES.indexOf(grade);
  const shift = index < 0 ? 1 : clamp(1 + 0.22 * (index - usual), 0.35, 2.2);
  const [fat0, saturatedShare, carbs0, sugars0, proteins0, salt0, fiber0] = profile;
  let fat = Math.min(100, fat0 * noise(random, 0.25) * (fat0 > 90 ? 1 : shift));
  const saturatedFat = Math.min(fat, fat * Math.min(0.95, saturatedShare * noise(random, 0.15)));
  let sugars = sugars0 * noise(random, 0.25) * shift;
  let carbohydrates = Math.max(sugars, carbs0 * noise(random, 0.12));
  if (fat + carbohydrates > 100) {
    const k = 99 / (fat + carbohydrates);
    fat *= k;
    carbohydrates *= k;
    sugars *= k;
  }
  const proteins = Math.max(0, Math.min(100 - fat - carbohydrates, proteins0 * noise(random, 0.15)));
  const salt = salt0 * noise(random, 0.25) * (index < 0 ? 1 : clamp(1 + 0.12 * (index - usual), 0.5, 1.8));
  const fiber = fiber0 * noise(random, 0.3);
  const kcal = 9 * fat + 4 * carbohydrates + 4 * proteins + 2 * fiber;

  // Real OFF data has holes: a nutrient missing now and then.
  const withSalt = !random.chance(0.03);
  const withSaturatedFat = !random.chance(0.02);
  const withFiber = random.chance(0.7);
  return {
    kcal: round(kcal),
    kj: Math.round(kcal * 4.184),
    fat: round(fat),
    saturatedFat: withSaturatedFat ? round(saturatedFat) : null,
    carbohydrates: round(carbohydrates),
    sugars: round(sugars),
    fiber: withFiber ? round(fiber) : null,
    proteins: round(proteins),
    salt: withSalt ? round(salt) : null,
    sodium: withSalt ? round(salt / 2.5) : null,
  };
}

/**
 * OFF's `nutriments` object: each nutrient as `x`, `x_100g`, `x_unit`, `x_value`. One literal with
 * every key (undefined when absent, which JSON leaves out) keeps it a fast object to serialise.
 */
function nutrimentsOf(n: Nutrition, score: number | undefined): Nutriments {
  const saturatedFat = n.saturatedFat ?? undefined;
  const fiber = n.fiber ?? undefined;
  const salt = n.salt ?? undefined;
  const sodium = n.sodium ?? undefined;
  return {
    'energy-kcal': n.kcal,
    'energy-kcal_100g': n.kcal,
    'energy-kcal_unit': 'kcal',
    'energy-kcal_value': n.kcal,
    energy: n.kj,
    energy_100g: n.kj,
    energy_unit: 'kJ',
    fat: n.fat,
    fat_100g: n.fat,
    fat_unit: 'g',
    fat_value: n.fat,
    'saturated-fat': saturatedFat,
    'saturated-fat_100g': saturatedFat,
    'saturated-fat_unit': saturatedFat === undefined ? undefined : 'g',
    'saturated-fat_value': saturatedFat,
    carbohydrates: n.carbohydrates,
    carbohydrates_100g: n.carbohydrates,
    carbohydrates_unit: 'g',
    carbohydrates_value: n.carbohydrates,
    sugars: n.sugars,
    sugars_100g: n.sugars,
    sugars_unit: 'g',
    sugars_value: n.sugars,
    fiber,
    fiber_100g: fiber,
    fiber_unit: fiber === undefined ? undefined : 'g',
    fiber_value: fiber,
    proteins: n.proteins,
    proteins_100g: n.proteins,
    proteins_unit: 'g',
    proteins_value: n.proteins,
    salt,
    salt_100g: salt,
    salt_unit: salt === undefined ? undefined : 'g',
    salt_value: salt,
    sodium,
    sodium_100g: sodium,
    'nutrition-score-fr': score,
    'nutrition-score-fr_100g': score,
  };
}

type Level = 'low' | 'moderate' | 'high';
type Levels = { fat?: Level; 'saturated-fat'?: Level; sugars?: Level; salt?: Level };

function levelTags(nutrient: string): Record<Level, string> {
  const tag = (level: Level) => `en:${nutrient}-in-${level}-quantity`;
  return { low: tag('low'), moderate: tag('moderate'), high: tag('high') };
}

const LEVEL_TAGS = {
  fat: levelTags('fat'),
  'saturated-fat': levelTags('saturated-fat'),
  sugars: levelTags('sugars'),
  salt: levelTags('salt'),
};

/** Below `low` is low, above `high` is high. */
function levelOf(value: number | null, low: number, high: number): Level | undefined {
  if (value === null) return undefined;
  return value < low ? 'low' : value > high ? 'high' : 'moderate';
}

/** OFF's `compute_nutrient_levels` (thresholds halved for drinks), and their tags. */
function levelsOf(n: Nutrition, beverage: boolean): { levels: Levels; tags: string[] } {
  const scale = beverage ? 0.5 : 1;
  const levels: Levels = {
    fat: levelOf(n.fat, 3 * scale, 20 * scale),
    'saturated-fat': levelOf(n.saturatedFat, 1.5 * scale, 5 * scale),
    sugars: levelOf(n.sugars, 5 * scale, 12.5 * scale),
    salt: levelOf(n.salt, 0.3 * scale, 1.5 * scale),
  };
  const tags: string[] = [];
  if (levels.fat) tags.push(LEVEL_TAGS.fat[levels.fat]);
  if (levels['saturated-fat']) tags.push(LEVEL_TAGS['saturated-fat'][levels['saturated-fat']]);
  if (levels.sugars) tags.push(LEVEL_TAGS.sugars[levels.sugars]);
  if (levels.salt) tags.push(LEVEL_TAGS.salt[levels.salt]);
  return { levels, tags };
}

/** Old API replies give nutriments as strings ("1.6"). */
function asStrings(nutriments: Nutriments): Nutriments {
  const out: Nutriments = {};
  for (const [key, value] of Object.entries(nutriments)) {
    if (value !== undefined) out[key] = String(value);
  }
  return out;
}

// ---------------------------------------------------------------- quantities

const parsedQuantities = new Map<string, { amount: number; unit: 'g' | 'ml' } | null>();

/** OFF's `product_quantity` and `product_quantity_unit` from the free text: "6 x 33 cl" → 1980 ml. */
function parseQuantity(text: string): { amount: number; unit: 'g' | 'ml' } | null {
  let parsed = parsedQuantities.get(text);
  if (parsed === undefined) {
    const match = /^(?:(\d+) x )?(\d+(?:\.\d+)?) ?(g|kg|ml|cl|L)$/.exec(text);
    if (match) {
      const count = Number(match[1] ?? 1);
      const value = Number(match[2]);
      const unit = match[3] as string;
      const factor = unit === 'kg' || unit === 'L' ? 1000 : unit === 'cl' ? 10 : 1;
      parsed = {
        amount: Math.round(count * value * factor),
        unit: unit === 'g' || unit === 'kg' ? 'g' : 'ml',
      };
    } else parsed = null;
    parsedQuantities.set(text, parsed);
  }
  return parsed;
}

const DRINK_QUANTITIES: readonly string[] = [
  '1.5 L',
  '1 L',
  '50 cl',
  '33 cl',
  '6 x 33 cl',
  '330 ml',
  '500 ml',
];

function isVolume(text: string): boolean {
  return parseQuantity(text)?.unit === 'ml';
}

// ---------------------------------------------------------------- names

function makeName(random: Random, traits: Traits, brand: string, organic: boolean): string {
  let name = random.pick(traits.names ?? ['Produit']);
  const qualifiers = traits.qualifiers;
  const wanted = qualifiers.length === 0 ? 0 : random.weighted([0, 1, 2, 3], [25, 50, 20, 5], 100);
  const used: string[] = [];
  for (let k = 0; k < wanted; k++) {
    const qualifier = random.pick(qualifiers);
    if (used.includes(qualifier) || name.toLowerCase().includes(qualifier.toLowerCase())) continue;
    used.push(qualifier);
    name += ` ${qualifier}`;
  }
  if (organic && !/\bbio\b/i.test(name)) name += random.chance(0.5) ? ' bio' : ' Bio';
  if (random.chance(0.1)) name += ` - ${brand}`;
  else if (random.chance(0.05)) name = `${brand} ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  // Rare overlong marketing names (the original app rejected names over 100 characters).
  if (random.chance(0.004)) {
    name += `, recette ${qualifiers.slice(0, 6).join(', ')}, sans conservateur, fabriqué en France`;
  }
  return name;
}

// ---------------------------------------------------------------- products

/** One generated record: the fields OFF's JSONL export and API replies carry, as far as they are generated. */
export interface OffProduct {
  code: string;
  product_name?: string;
  brands: string;
  brands_tags: string[];
  categories?: string;
  categories_tags?: string[];
  categories_hierarchy?: string[];
  categories_lc?: 'fr';
  compared_to_category?: string;
  countries: string;
  countries_tags: string[];
  countries_hierarchy: string[];
  lang: 'fr';
  lc: 'fr';
  nutriscore_grade?: Verdict;
  nutrition_grades?: Verdict;
  nutriscore_score?: number;
  nutriscore_version?: '2021' | '2023';
  nutriscore_2021_tags?: [Verdict];
  nutriscore_2023_tags?: [Verdict];
  nutriscore?: { '2021': NutriscoreVersion; '2023': NutriscoreVersion };
  nutriments: Nutriments;
  nutrient_levels: Levels;
  nutrient_levels_tags: string[];
  nutrition_data_per: '100g';
  quantity?: string;
  product_quantity?: number;
  product_quantity_unit?: 'g' | 'ml';
  url: string;
  image_url?: string;
  image_small_url?: string;
  last_modified_t: number;
  unique_scans_n?: number;
}

/** Entries users type that OFF's taxonomy does not know: kept as `fr:` tags at the end. */
const UNKNOWN_CATEGORIES: readonly string[] = ['Produits bretons', 'Spécialités régionales', 'Sans gluten'];
const FIRST_MODIFIED_T = 1546300800; // 2019-01-01
const LAST_MODIFIED_T = 1790812800; // 2026-10-01
/** Records last modified since then carry the 2023 Nutri-Score as their main one (about a third). */
const NUTRISCORE_2023_SINCE_T = 1704067200; // 2024-01-01

const seedOffsets = new Map<string, number>();

function seedOffset(seed: string): number {
  let offset = seedOffsets.get(seed);
  if (offset === undefined) {
    offset = (hash128(`codes:${seed}`)[0] as number) % ITEM_SPACE;
    seedOffsets.set(seed, offset);
  }
  return offset;
}

/** Product `i` of the catalogue of `seed`: the same record whatever the catalogue's size. */
export function generateProduct(seed: number | string, i: number): OffProduct {
  if (!Number.isSafeInteger(i) || i < 0 || i >= MAX_PRODUCTS)
    throw new RangeError(`product index ${i} out of range`);
  const random = new Random(`off:${seed}:${i}`);
  const iconic = random.chance(0.04) ? random.weighted(ICONIC, ICONIC_WEIGHTS) : null;
  const leaf = iconic ? category(iconic[2]) : random.weighted(LEAVES, LEAF_WEIGHTS, LEAF_TOTAL);
  const traits = leaf.traits;
  // Users sometimes stop before the leaf: the product is filed under an ancestor (3 tags or more).
  let filed = leaf;
  if (!iconic && leaf.mainPath.length > 3 && random.chance(0.08)) {
    filed = leaf.mainPath[random.int(2, leaf.mainPath.length - 2)] as Category;
  }

  const distributor = !iconic && random.chance(0.35);
  const pool = traits.brands ? BRANDS[traits.brands] : DISTRIBUTORS;
  const brand = iconic ? iconic[1] : random.pick(distributor ? DISTRIBUTORS : pool);
  const organic = brand === 'Carrefour Bio' || random.chance(0.08);
  const countries = random.weighted(COUNTRIES, COUNTRY_WEIGHTS, 100);
  const code = barcode(seedOffset(String(seed)), i, countries.prefix?.(random) ?? brandPrefix(brand));

  // 2021 grade: skewed per family; ~8 % not applicable, unknown or absent, more for waters, alcohol, salt...
  const usual = iconic
    ? GRADES.indexOf(iconic[3] as Grade)
    : traits.grades.indexOf(Math.max(...traits.grades));
  const holes = traits.notApplicable * 0.9;
  const roll = random.next();
  let verdict: Verdict | undefined;
  if (roll < holes + 0.01) verdict = 'not-applicable';
  else if (roll < holes + 0.045) verdict = 'unknown';
  else if (roll < holes + 0.08) verdict = undefined;
  else verdict = iconic ? iconic[3] : random.weighted(GRADES, traits.grades);
  // Only waters get an A among drinks, in both versions.
  if (verdict === 'a' && leaf.beverage && !leaf.water) verdict = 'b';
  const grade2021 =
    verdict === undefined || verdict === 'unknown' || verdict === 'not-applicable' ? null : verdict;

  const name = iconic ? iconic[0] : makeName(random, traits, brand, organic);
  const nameMissing = random.chance(0.015);
  const brands =
    organic && brand !== 'Carrefour Bio' && random.chance(0.3) ? `${brand}, ${brand} Bio` : brand;
  const nutrition = generateNutrition(random, traits.nutrition, grade2021, usual);

  let productName: string | undefined = name;
  if (nameMissing) productName = random.chance(0.5) ? '' : undefined;

  // Categories: the filed category and all its ancestors, root first; missing on a few records.
  let categories: { display: string; tags: string[]; comparedTo: string | undefined } | undefined;
  if (!random.chance(0.03)) {
    const tags = [...filed.tags];
    let display = random.chance(0.03) ? tags.join(', ') : filed.display; // entered as tags
    if (random.chance(0.02)) {
      const unknown = random.pick(UNKNOWN_CATEGORIES);
      tags.push(`fr:${slugify(unknown)}`);
      display += `, ${unknown}`;
    }
    // OFF compares a product within its most specific category, sometimes that category's parent.
    let comparedTo: string | undefined;
    if (random.chance(0.85)) {
      const parent = filed.parents[0];
      comparedTo = parent && filed.tags.length > 3 && random.chance(0.2) ? parent.tag : filed.tag;
    }
    categories = { display, tags, comparedTo };
  }

  let score2021: number | undefined;
  let score2023: number | undefined;
  let nutriscore: OffProduct['nutriscore'];
  let verdict2023: Verdict | undefined;
  if (verdict !== undefined) {
    const grade2023 = grade2021 && shiftFor2023(random, grade2021, leaf);
    verdict2023 = grade2023 ?? verdict;
    const bands2021 = leaf.beverage ? BANDS_2021_BEVERAGE : BANDS_2021_FOOD;
    const bands2023 = leaf.beverage ? BANDS_2023_BEVERAGE : leaf.fat ? BANDS_2023_FAT : BANDS_2023_FOOD;
    score2021 = grade2021 ? scoreIn(random, bands2021, grade2021) : undefined;
    score2023 = grade2023 ? scoreIn(random, bands2023, grade2023) : undefined;
    const beverage = leaf.beverage ? 1 : 0;
    const water = leaf.water ? 1 : 0;
    const cheese = leaf.cheese ? 1 : 0;
    const fat = leaf.fat ? 1 : 0;
    nutriscore = {
      '2021': nutriscoreVersion(verdict, score2021, leaf, {
        is_beverage: beverage,
        is_water: water,
        is_cheese: cheese,
        is_fat: fat,
      }),
      '2023': nutriscoreVersion(verdict2023, score2023, leaf, {
        is_beverage: beverage,
        is_water: water,
        is_cheese: cheese,
        is_fat_oil_nuts_seeds: fat,
      }),
    };
  }

  const levels = random.chance(0.02) ? { levels: {}, tags: [] } : levelsOf(nutrition, leaf.beverage);
  let nutriments = nutrimentsOf(nutrition, score2021);
  if (verdict === 'unknown' && random.chance(0.5))
    nutriments = {}; // why it is unknown
  else if (random.chance(0.01)) nutriments = asStrings(nutriments);

  let quantity: string | undefined;
  let parsedQuantity: ReturnType<typeof parseQuantity> = null;
  if (random.chance(0.9)) {
    let quantities = traits.quantities;
    if (leaf.beverage && !quantities.every(isVolume)) quantities = DRINK_QUANTITIES;
    quantity = random.pick(quantities);
    parsedQuantity = parseQuantity(quantity);
  }

  const folder = `${code.slice(0, 3)}/${code.slice(3, 6)}/${code.slice(6, 9)}/${code.slice(9)}`;
  const image = random.chance(0.92)
    ? `https://images.openfoodfacts.org/images/products/${folder}/front_fr.${random.int(3, 240)}`
    : undefined;
  const lastModified = FIRST_MODIFIED_T + Math.floor(random.next() * (LAST_MODIFIED_T - FIRST_MODIFIED_T));
  const scans = random.chance(0.9)
    ? Math.max(1, Math.floor(Math.exp(random.next() * random.next() * 10)))
    : undefined;

  // Absent fields are left undefined: JSON.stringify drops them, and the key order stays OFF's.
  // Both Nutri-Scores are in every graded record (`nutriscore_2021_tags`, `nutriscore_2023_tags`,
  // `nutriscore["2021"|"2023"]`). `nutriscore_grade` and `nutriscore_score` are the version named
  // by `nutriscore_version`: 2023 for records edited since OFF switched, 2021 for older ones (as in
  // the 1,000-record dump sample, where the grades differ for a quarter of records).
  const current = lastModified >= NUTRISCORE_2023_SINCE_T;
  return {
    code,
    product_name: productName,
    brands,
    brands_tags: brands.split(', ').map(slugify),
    categories: categories?.display,
    categories_tags: categories?.tags,
    categories_hierarchy: categories?.tags,
    categories_lc: categories && 'fr',
    compared_to_category: categories?.comparedTo,
    countries: countries.display,
    countries_tags: countries.tags,
    countries_hierarchy: countries.tags,
    lang: 'fr',
    lc: 'fr',
    nutriscore_grade: current ? verdict2023 : verdict,
    nutrition_grades: current ? verdict2023 : verdict,
    nutriscore_score: current ? score2023 : score2021,
    nutriscore_version: verdict && (current ? '2023' : '2021'),
    nutriscore_2021_tags: verdict && [verdict],
    nutriscore_2023_tags: verdict2023 && [verdict2023],
    nutriscore,
    nutriments,
    nutrient_levels: levels.levels,
    nutrient_levels_tags: levels.tags,
    nutrition_data_per: '100g',
    quantity,
    product_quantity: parsedQuantity?.amount,
    product_quantity_unit: parsedQuantity?.unit,
    url: `https://fr.openfoodfacts.org/produit/${code}${nameMissing ? '' : `/${slugify(`${name} ${brand}`)}`}`,
    image_url: image && `${image}.400.jpg`,
    image_small_url: image && `${image}.200.jpg`,
    last_modified_t: lastModified,
    unique_scans_n: scans,
  };
}

/** The 2023 grade: one step worse or better than the 2021 one for about a quarter of products. */
function shiftFor2023(random: Random, grade: Grade, leaf: Category): Grade {
  const [worse, better] = leaf.traits.shift2023;
  const roll = random.next();
  let index = GRADES.indexOf(grade);
  if (roll < worse) index = Math.min(4, index + 1);
  else if (roll < worse + better) index = Math.max(0, index - 1);
  const shifted = GRADES[index] as Grade;
  return shifted === 'a' && leaf.beverage && !leaf.water ? 'b' : shifted;
}

export function* generateProducts(n: number, seed: number | string): Generator<OffProduct> {
  for (let i = 0; i < n; i++) yield generateProduct(seed, i);
}

/** The JSONL catalogue of `n` products, one JSON document per item, without newlines. */
export function* generateProductLines(n: number, seed: number | string): Generator<string> {
  for (let i = 0; i < n; i++) yield JSON.stringify(generateProduct(seed, i));
}

/**
 * Products `start` to `end` (excluded) as newline-terminated JSONL, in buffers of about
 * `chunkBytes`. Each line is encoded on its own: a chunk built as one string would be a two-byte
 * string as soon as one name has an "œ", and UTF-8 encoding those is several times slower.
 */
function* jsonlRange(
  seed: number | string,
  start: number,
  end: number,
  chunkBytes: number,
): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(chunkBytes + 65_536);
  let used = 0;
  for (let i = start; i < end; i++) {
    const line = JSON.stringify(generateProduct(seed, i));
    // At most 3 UTF-8 bytes per UTF-16 unit, plus the newline.
    if (used + 3 * line.length + 1 > chunk.length) {
      if (used > 0) yield chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(Math.max(chunkBytes, 3 * line.length + 1) + 65_536);
      used = 0;
    }
    used += chunk.write(line, used);
    chunk[used++] = 0x0a;
    if (used >= chunkBytes) {
      yield chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(chunkBytes + 65_536);
      used = 0;
    }
  }
  if (used > 0) yield chunk.subarray(0, used);
}

/** Products `start` to `end` (excluded) as one buffer of JSONL: a block of a catalogue built in parallel. */
export function generateJsonlBlock(seed: number | string, start: number, end: number): Buffer {
  const chunks = [...jsonlRange(seed, start, end, 16 << 20)];
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

/** The catalogue as newline-terminated JSONL in buffers of about `chunkBytes`: for `Readable.from` or a file. */
export function generateJsonlChunks(
  n: number,
  seed: number | string,
  chunkBytes = 1 << 20,
): Generator<Buffer> {
  return jsonlRange(seed, 0, n, chunkBytes);
}

/** Whether the original Pur Beurre app kept the product: a grade a–e and a 2–100 character name (title-cased). */
function reachable(product: OffProduct): boolean {
  const grade = product.nutriscore_grade ?? '';
  const name = pythonTitle(product.product_name ?? '');
  return grade.length === 1 && name.length >= 2 && name.length <= 100;
}

// ---------------------------------------------------------------- queries and codes

// biome-ignore format: a list
const COMMON_WORDS: readonly string[] = [
  'nutella', 'yaourt', 'jambon', 'chocolat', 'biscuits', 'pâte à tartiner', 'confiture', 'céréales', 'coca',
  'lait', 'beurre', 'fromage', 'chips', 'pizza', 'pain de mie', 'compote', 'café', 'thé', "jus d'orange",
  'saumon', 'thon', 'emmental', 'madeleines', 'crème fraîche', 'steak haché', 'lardons', 'moutarde', 'ketchup',
  'mayonnaise', 'céréales chocolat', 'pâtes', 'riz', 'sauce tomate', 'soupe', 'glace', 'muesli', 'miel', 'eau',
  'bière', 'saucisson', 'camembert', 'quiche', 'houmous', 'biscottes', 'croissants', 'crêpes', 'brioche',
  'poulet', 'surimi',
];

function typo(random: Random, text: string): string {
  const chars = [...text];
  if (chars.length < 4) return text + text.slice(-1);
  const i = random.int(1, chars.length - 2);
  switch (random.int(0, 3)) {
    case 0: // swap two letters
      [chars[i], chars[i + 1]] = [chars[i + 1] as string, chars[i] as string];
      break;
    case 1: // drop one
      chars.splice(i, 1);
      break;
    case 2: // double one
      chars.splice(i, 0, chars[i] as string);
      break;
    default: // fat finger
      chars[i] = 'azertyuiopqsdfghjklmwxcvbn'[random.int(0, 25)] as string;
  }
  return chars.join('');
}

/** What the query and code lists need of a reachable product (not the whole record: 1M of those would not fit). */
interface Reachable {
  code: string;
  name: string;
  brand: string;
}

function reachableProducts(n: number, seed: number | string): Reachable[] {
  const products: Reachable[] = [];
  for (let i = 0; i < n; i++) {
    const product = generateProduct(seed, i);
    if (reachable(product)) {
      products.push({
        code: product.code,
        name: product.product_name ?? '',
        brand: product.brands.split(', ')[0] ?? '',
      });
    }
  }
  return products;
}

type QueryKind = 'exact' | 'typed' | 'partial' | 'word' | 'brand' | 'noaccent' | 'typo' | 'upper';

/**
 * What visitors type about the `n`-product catalogue: `count` "kind<TAB>term" search lines
 * (a name as stored, typed, partly, a common word, a brand, without accents, with a typo, in
 * capitals), then `count` autocomplete prefixes ("prefix<TAB>…", 3 characters or more).
 */
export function listQueries(n: number, seed: number | string, count = 2000): string[] {
  const products = reachableProducts(n, seed);
  if (products.length === 0) return [];
  const random = new Random(`queries:${seed}:${n}`);
  const aName = () => random.pick(products).name;
  const brands = [...new Set(products.map((p) => p.brand))];
  const wordOrName = () => (random.chance(0.5) ? random.pick(COMMON_WORDS) : aName().toLowerCase());
  const kinds: ReadonlyArray<readonly [QueryKind, number, () => string]> = [
    ['exact', 25, () => pythonTitle(aName())], // picked from autocomplete: the stored form
    ['typed', 12, () => aName().toLowerCase()],
    [
      'partial', // 1–3 consecutive words of a name
      15,
      () => {
        const words = aName()
          .toLowerCase()
          .split(' ')
          .filter((word) => word !== '-');
        const start = random.int(0, words.length - 1);
        const term = words.slice(start, start + random.int(1, 3)).join(' ');
        return term.length >= 3 ? term : words.slice(0, 2).join(' ');
      },
    ],
    ['word', 14, () => random.pick(COMMON_WORDS)],
    ['brand', 6, () => random.pick(brands).toLowerCase()],
    ['noaccent', 10, () => stripAccents(wordOrName())],
    ['typo', 13, () => typo(random, wordOrName())],
    ['upper', 5, () => (random.chance(0.5) ? random.pick(COMMON_WORDS) : aName()).toUpperCase()],
  ];
  const weights = kinds.map(([, weight]) => weight);
  const lines: string[] = [];
  for (let k = 0; k < count; k++) {
    const [kind, , draw] = random.weighted(kinds, weights);
    let term = draw().trim().replace(/\s+/g, ' ');
    if (term.length < 2) term = random.pick(COMMON_WORDS);
    if (term.length > 100) term = term.slice(0, 100).trim();
    lines.push(`${kind}\t${term}`);
  }
  // Autocomplete: what the search box asks for on every key press once 3 characters are typed.
  for (let k = 0; k < count; k++) {
    const full = wordOrName();
    const length = random.int(3, Math.min(full.length, 24));
    const prefix = [...full].slice(0, length).join('').trim();
    if (prefix.length >= 2) lines.push(`prefix\t${prefix}`);
  }
  return lines;
}

/** Codes of `count` products of the catalogue a visitor can reach (graded, with a name), shuffled; all of them by default. */
export function listCodes(n: number, seed: number | string, count?: number): string[] {
  const codes = reachableProducts(n, seed).map((product) => product.code);
  const random = new Random(`codes:${seed}:${n}`);
  for (let i = codes.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [codes[i], codes[j]] = [codes[j] as string, codes[i] as string];
  }
  return count === undefined ? codes : codes.slice(0, count);
}

// ---------------------------------------------------------------- statistics

/** A summary of the catalogue, to check the generator's distributions. */
export function catalogueStats(n: number, seed: number | string): Record<string, unknown> {
  const grades: Record<string, number> = {};
  const countries: Record<string, number> = {};
  const versions: Record<string, number> = {};
  const names = new Set<string>();
  const leaves = new Set<string>();
  let reachableCount = 0;
  let graded = 0;
  let differing2023 = 0;
  let withCategories = 0;
  let withComparedTo = 0;
  let tags = 0;
  for (let i = 0; i < n; i++) {
    const p = generateProduct(seed, i);
    const grade = p.nutriscore_grade ?? '(absent)';
    grades[grade] = (grades[grade] ?? 0) + 1;
    const where = p.countries_tags.join('+');
    countries[where] = (countries[where] ?? 0) + 1;
    if (reachable(p)) reachableCount++;
    if (p.nutriscore_version) versions[p.nutriscore_version] = (versions[p.nutriscore_version] ?? 0) + 1;
    if (p.nutriscore_grade && p.nutriscore_grade.length === 1) {
      graded++;
      if (p.nutriscore_2023_tags?.[0] !== p.nutriscore_2021_tags?.[0]) differing2023++;
    }
    if (p.categories_tags) {
      withCategories++;
      tags += p.categories_tags.length;
      leaves.add(p.categories_tags[p.categories_tags.length - 1] as string);
    }
    if (p.compared_to_category) withComparedTo++;
    names.add(pythonTitle(p.product_name ?? ''));
  }
  return {
    n,
    reachable: reachableCount,
    grades,
    graded,
    versions,
    grade2023Differs: +(differing2023 / Math.max(1, graded)).toFixed(3),
    withCategories,
    withComparedTo,
    averageTags: +(tags / Math.max(1, withCategories)).toFixed(2),
    distinctNames: names.size,
    distinctDeepestCategories: leaves.size,
    categories: CATEGORIES.size,
    leafCategories: LEAVES.length,
    countries,
  };
}
