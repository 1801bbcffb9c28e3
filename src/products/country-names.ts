// French names of the countries shoppers meet most on Open Food Facts, for "Vendu en France" and
// the like; any other tag reads as its slug ("en:new-zealand" → "en New zealand").

const IN_COUNTRY: Record<string, string> = {
  'en:france': 'en France',
  'en:belgium': 'en Belgique',
  'en:switzerland': 'en Suisse',
  'en:luxembourg': 'au Luxembourg',
  'en:germany': 'en Allemagne',
  'en:spain': 'en Espagne',
  'en:italy': 'en Italie',
  'en:portugal': 'au Portugal',
  'en:netherlands': 'aux Pays-Bas',
  'en:united-kingdom': 'au Royaume-Uni',
  'en:ireland': 'en Irlande',
  'en:austria': 'en Autriche',
  'en:poland': 'en Pologne',
  'en:united-states': 'aux États-Unis',
  'en:canada': 'au Canada',
  'en:mexico': 'au Mexique',
  'en:brazil': 'au Brésil',
  'en:morocco': 'au Maroc',
  'en:algeria': 'en Algérie',
  'en:tunisia': 'en Tunisie',
  'en:reunion': 'à La Réunion',
  'en:martinique': 'en Martinique',
  'en:guadeloupe': 'en Guadeloupe',
  'en:french-guiana': 'en Guyane',
  'en:new-caledonia': 'en Nouvelle-Calédonie',
  'en:french-polynesia': 'en Polynésie française',
  'en:australia': 'en Australie',
  'en:sweden': 'en Suède',
  'en:denmark': 'au Danemark',
};

/** "en France", "aux États-Unis": the words after "vendu". */
export function toInCountry(tag: string): string {
  const known = IN_COUNTRY[tag];
  if (known !== undefined) return known;
  const words = tag.replace(/^[a-z]{2,3}:/, '').replace(/-+/g, ' ');
  return `en ${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

export function toInCountries(tags: readonly string[]): string {
  const names = tags.map(toInCountry);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} et ${names.at(-1)}`;
}
