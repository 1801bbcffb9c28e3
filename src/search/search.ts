// What a search leads to: a product (barcode), its substitutes (one clear match), a list to pick
// from, close names (typos), or nothing.
import type { Queryable } from '../db/db.js';
import {
  findProductCodeByBarcode,
  findProductsByName,
  findProductsWithCloseNames,
  foldForSearch,
  type SearchMatch,
} from './search.repository.js';
import { toSearchTerm } from './search-query.js';

export const RESULTS_LIMIT = 20;

export type SearchOutcome =
  | { kind: 'empty' }
  | { kind: 'redirect'; location: string }
  | { kind: 'results'; matches: SearchMatch[] }
  | { kind: 'close'; matches: SearchMatch[] }
  | { kind: 'none' };

/** `markets`: the shopper's (toMarkets); a barcode finds any product, sold there or not. */
export async function searchCatalogue(
  db: Queryable,
  query: string,
  markets: readonly string[],
): Promise<SearchOutcome> {
  const term = toSearchTerm(query);
  if (term.kind === 'empty') return { kind: 'empty' };
  if (term.kind === 'barcode') {
    const code = await findProductCodeByBarcode(db, term.codes);
    // An unknown barcode still goes to its address, whose 404 page says so and offers a search.
    return { kind: 'redirect', location: `/produit/${code ?? term.codes[0]}` };
  }
  const folded = await foldForSearch(db, term.text);
  const matches = await findProductsByName(db, folded, RESULTS_LIMIT, markets);
  const clear = toClearMatch(matches);
  if (clear !== null) return { kind: 'redirect', location: `/produit/${clear.code}/substituts` };
  if (matches.length > 0) return { kind: 'results', matches };
  const close = await findProductsWithCloseNames(db, folded, RESULTS_LIMIT, markets);
  return close.length > 0 ? { kind: 'close', matches: close } : { kind: 'none' };
}

/**
 * The only product whose name is exactly the query. A single partial match is no answer: "Danone"
 * once led straight to a German flavoured water, "jambon" to one unbranded ham (issue 12).
 */
export function toClearMatch(matches: readonly SearchMatch[]): SearchMatch | null {
  const exact = matches.filter((match) => match.rank === 0);
  return exact.length === 1 ? (exact[0] ?? null) : null;
}
