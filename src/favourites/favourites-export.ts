// "Mes aliments" as files the shopper keeps or takes elsewhere (RGPD art. 20: portability).
import type { FavouritePair } from './favourites.repository.js';

export interface ExportedFavourite {
  product: { code: string; name: string; nutriscore: string | null };
  substitute: { code: string; name: string; brands: string | null; nutriscore: string | null };
  savedAt: string;
}

export function toExportedFavourites(pairs: readonly FavouritePair[]): ExportedFavourite[] {
  return pairs.map((pair) => ({
    product: { code: pair.product.code, name: pair.product.name, nutriscore: pair.product.nutriscoreGrade },
    substitute: {
      code: pair.substitute.code,
      name: pair.substitute.name,
      brands: pair.substitute.brands,
      nutriscore: pair.substitute.nutriscoreGrade,
    },
    savedAt: pair.savedAt.toISOString(),
  }));
}

const CSV_HEADER = [
  'code_produit',
  'produit',
  'nutriscore_produit',
  'code_substitut',
  'substitut',
  'marques_substitut',
  'nutriscore_substitut',
  'sauvegarde_le',
];

/**
 * RFC 4180 CSV (CRLF, quoted fields) with a BOM so that spreadsheet programs read UTF-8. A cell
 * starting with `=`, `+`, `-`, `@` or a tab gets a leading `'` so that it is never run as a
 * formula (OWASP's CSV injection advice): product names come from Open Food Facts' contributors.
 */
export function toFavouritesCsv(pairs: readonly FavouritePair[]): string {
  const rows = toExportedFavourites(pairs).map((f) => [
    f.product.code,
    f.product.name,
    f.product.nutriscore ?? '',
    f.substitute.code,
    f.substitute.name,
    f.substitute.brands ?? '',
    f.substitute.nutriscore ?? '',
    f.savedAt,
  ]);
  return `\ufeff${[CSV_HEADER, ...rows].map((row) => row.map(toCsvCell).join(',')).join('\r\n')}\r\n`;
}

function toCsvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
