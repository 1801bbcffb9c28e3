// French names for the OFF tags a product sheet lists (allergens, additives, labels). OFF's own
// taxonomies hold every name (static.openfoodfacts.org/data/taxonomies/{allergens,additives,
// labels}.json); this table covers the common ones, and any other tag is shown from its own
// words (`fr:label-rouge` → "Label rouge", `en:e1442` → "E1442").

const ALLERGENS: Record<string, string> = {
  'en:gluten': 'Gluten',
  'en:crustaceans': 'Crustacés',
  'en:eggs': 'Œufs',
  'en:fish': 'Poisson',
  'en:peanuts': 'Arachides',
  'en:soybeans': 'Soja',
  'en:milk': 'Lait',
  'en:nuts': 'Fruits à coque',
  'en:celery': 'Céleri',
  'en:mustard': 'Moutarde',
  'en:sesame-seeds': 'Graines de sésame',
  'en:sulphur-dioxide-and-sulphites': 'Anhydride sulfureux et sulfites',
  'en:lupin': 'Lupin',
  'en:molluscs': 'Mollusques',
};

const LABELS: Record<string, string> = {
  'en:organic': 'Bio',
  'en:eu-organic': 'Bio européen',
  'fr:ab-agriculture-biologique': 'AB Agriculture biologique',
  'en:pdo': 'AOP',
  'fr:aop': 'AOP',
  'en:pgi': 'IGP',
  'fr:igp': 'IGP',
  'fr:aoc': 'AOC',
  'fr:label-rouge': 'Label Rouge',
  'en:fair-trade': 'Commerce équitable',
  'en:fairtrade-international': 'Fairtrade',
  'en:vegetarian': 'Végétarien',
  'en:vegan': 'Végétalien',
  'en:no-gluten': 'Sans gluten',
  'en:no-lactose': 'Sans lactose',
  'en:no-preservatives': 'Sans conservateurs',
  'en:no-colorings': 'Sans colorants',
  'en:no-additives': 'Sans additifs',
  'en:no-added-sugar': 'Sans sucres ajoutés',
  'en:green-dot': 'Point vert',
  'en:made-in-france': 'Fabriqué en France',
  'en:french-meat': 'Viande française',
  'fr:viande-francaise': 'Viande française',
  'fr:triman': 'Triman',
  'en:nutriscore': 'Nutri-Score affiché',
  'en:rainforest-alliance': 'Rainforest Alliance',
  'en:msc': 'MSC pêche durable',
  'en:sustainable-fishing-method': 'Pêche durable',
  'en:palm-oil-free': 'Sans huile de palme',
  'en:high-fibres': 'Riche en fibres',
  'en:source-of-fibre': 'Source de fibres',
  'en:gluten-free': 'Sans gluten',
  'en:halal': 'Halal',
  'en:kosher': 'Casher',
};

// The additives OFF finds most often in French products (its additives facet).
const ADDITIVES: Record<string, string> = {
  'en:e100': 'curcumine',
  'en:e150a': 'caramel ordinaire',
  'en:e150d': 'caramel au sulfite d’ammonium',
  'en:e160a': 'caroténoïdes',
  'en:e160c': 'extrait de paprika',
  'en:e202': 'sorbate de potassium',
  'en:e211': 'benzoate de sodium',
  'en:e250': 'nitrite de sodium',
  'en:e252': 'nitrate de potassium',
  'en:e270': 'acide lactique',
  'en:e290': 'dioxyde de carbone',
  'en:e300': 'acide ascorbique',
  'en:e301': 'ascorbate de sodium',
  'en:e306': 'extrait riche en tocophérols',
  'en:e316': 'érythorbate de sodium',
  'en:e322': 'lécithines',
  'en:e322i': 'lécithine',
  'en:e325': 'lactate de sodium',
  'en:e330': 'acide citrique',
  'en:e331': 'citrates de sodium',
  'en:e338': 'acide phosphorique',
  'en:e407': 'carraghénanes',
  'en:e410': 'farine de graines de caroube',
  'en:e412': 'gomme de guar',
  'en:e414': 'gomme arabique',
  'en:e415': 'gomme xanthane',
  'en:e420': 'sorbitol',
  'en:e422': 'glycérol',
  'en:e440': 'pectines',
  'en:e450': 'diphosphates',
  'en:e451': 'triphosphates',
  'en:e460': 'cellulose',
  'en:e471': 'mono- et diglycérides d’acides gras',
  'en:e472e': 'esters mono- et diacétyltartriques des mono- et diglycérides d’acides gras',
  'en:e500': 'carbonates de sodium',
  'en:e500ii': 'carbonate acide de sodium',
  'en:e503': 'carbonates d’ammonium',
  'en:e503ii': 'carbonate acide d’ammonium',
  'en:e621': 'glutamate monosodique',
  'en:e950': 'acésulfame K',
  'en:e951': 'aspartame',
  'en:e955': 'sucralose',
  'en:e960': 'glycosides de stéviol',
};

export function toAllergenName(tag: string): string {
  return ALLERGENS[tag] ?? toNameFromTag(tag);
}

export function toLabelName(tag: string): string {
  return LABELS[tag] ?? toNameFromTag(tag);
}

/** "E322 – lécithines"; the E-number alone when the table has no name for it. */
export function toAdditiveName(tag: string): string {
  const number = /^[a-z]{2}:(e\d{3,4}[a-z]*)$/.exec(tag)?.[1];
  if (number === undefined) return toNameFromTag(tag);
  const code = `E${number.slice(1)}`;
  const name = ADDITIVES[tag];
  return name === undefined ? code : `${code} – ${name}`;
}

/** `fr:label-rouge` → "Label rouge": the tag's own words, without its language prefix. */
export function toNameFromTag(tag: string): string {
  const words = tag
    .replace(/^[a-z]{2,3}:/, '')
    .replace(/-+/g, ' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
