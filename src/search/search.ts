// What a search leads to: a product (barcode), its substitutes (one clear match), a page of
// results, close names (typos), or nothing.
import type { Queryable } from '../db/db.js';
import {
  type FoundProducts,
  findProductCodeByBarcode,
  findProducts,
  findProductsWithCloseNames,
  foldForSearch,
  type SearchMatch,
} from './search.repository.js';
import { toSearchTerm } from './search-query.js';

export const RESULTS_LIMIT = 20;

export type SearchOutcome =
  | { kind: 'empty' }
  | { kind: 'redirect'; location: string }
  | { kind: 'results'; matches: SearchMatch[]; page: number; pages: number }
  | { kind: 'close'; matches: SearchMatch[] }
  | { kind: 'past-end'; page: number }
  | { kind: 'none' };

/**
 * `markets`: the shopper's (toMarkets); a barcode finds any product, sold there or not.
 * `page` counts from 1; only the first page may go straight to a product or offer close names.
 */
export async function searchCatalogue(
  db: Queryable,
  query: string,
  markets: readonly string[],
  page = 1,
): Promise<SearchOutcome> {
  const term = toSearchTerm(query);
  if (term.kind === 'empty') return { kind: 'empty' };
  if (term.kind === 'barcode') {
    const code = await findProductCodeByBarcode(db, term.codes);
    // An unknown barcode still goes to its address, whose 404 page says so and offers a search.
    return { kind: 'redirect', location: `/produit/${code ?? term.codes[0]}` };
  }
  const folded = await foldForSearch(db, term.text);
  const found = await findProducts(db, folded, markets, {
    limit: RESULTS_LIMIT,
    offset: (page - 1) * RESULTS_LIMIT,
  });
  if (page > 1) {
    if (found.items.length === 0) return { kind: 'past-end', page };
  } else {
    const clear = toClearMatch(found);
    if (clear !== null) return { kind: 'redirect', location: `/produit/${clear.code}/substituts` };
  }
  if (found.items.length > 0) {
    return { kind: 'results', matches: found.items, page, pages: Math.ceil(found.total / RESULTS_LIMIT) };
  }
  const close = await findProductsWithCloseNames(db, folded, RESULTS_LIMIT, markets);
  return close.length > 0 ? { kind: 'close', matches: close } : { kind: 'none' };
}

/**
 * The one product that matches, when its name is exactly the query. A single partial match is no
 * answer ("Danone" once led straight to a German flavoured water), nor is one exact name among
 * other matches: "jambon" led to one unbranded ham of that name while 110 other hams matched,
 * "pizza" to one "Pizza" (issue 12).
 */
export function toClearMatch(found: FoundProducts): SearchMatch | null {
  const [only] = found.items;
  return found.total === 1 && found.exactNames === 1 && only?.exactName === true ? only : null;
}
