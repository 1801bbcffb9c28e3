// What a search leads to: a product (barcode), its substitutes (one clear match), a page of
// results (of the query as typed, or spelled right when nothing matched it), or nothing.
import type { Queryable } from '../db/db.js';
import {
  type FoundProducts,
  findProductCodeByBarcode,
  findProducts,
  foldForSearch,
  lookUpWords,
  type SearchMatch,
} from './search.repository.js';
import { applyCorrections, chooseCorrection, toCorrectableWords, toSearchTerm } from './search-query.js';

export const RESULTS_LIMIT = 20;

export type SearchOutcome =
  | { kind: 'empty' }
  | { kind: 'redirect'; location: string }
  | {
      kind: 'results';
      matches: SearchMatch[];
      page: number;
      pages: number;
      /** Only the most popular matching products are listed (findProducts). */
      capped: boolean;
      /** The query as searched when nothing matched it as typed: its words spelled right, folded. */
      corrected?: string;
    }
  | { kind: 'past-end'; page: number }
  | { kind: 'none' };

/**
 * `markets`: the shopper's (toMarkets); a barcode finds any product, sold there or not.
 * `page` counts from 1; only the first page may go straight to a product. When nothing matches
 * the words as typed, they are spelled right against the catalogue's vocabulary and searched
 * again ("nutela" → "nutella"), unless `exact` (the shopper asked for the words as typed).
 */
export async function searchCatalogue(
  db: Queryable,
  query: string,
  markets: readonly string[],
  page = 1,
  { exact = false }: { exact?: boolean } = {},
): Promise<SearchOutcome> {
  const term = toSearchTerm(query);
  if (term.kind === 'empty') return { kind: 'empty' };
  if (term.kind === 'barcode') {
    const code = await findProductCodeByBarcode(db, term.codes);
    // An unknown barcode still goes to its address, whose 404 page says so and offers a search.
    return { kind: 'redirect', location: `/produit/${code ?? term.codes[0]}` };
  }
  const folded = await foldForSearch(db, term.text);
  const window = { limit: RESULTS_LIMIT, offset: (page - 1) * RESULTS_LIMIT };
  const found = await findProducts(db, folded, markets, window);
  const clear = page === 1 ? toClearMatch(found) : null;
  if (clear !== null) return { kind: 'redirect', location: `/produit/${clear.code}/substituts` };
  // Nothing on this page (a typo, or a page past the end, whose count an empty page cannot
  // tell), or next to nothing on the first: the words spelled right may find what was meant.
  // Known words get no correction, so a page past the end costs one small lookup more.
  const tryCorrection = !exact && (found.items.length === 0 || (page === 1 && found.total <= FEW));
  const corrected = tryCorrection ? await correctSpelling(db, folded) : null;
  if (corrected !== null) {
    const again = await findProducts(db, corrected, markets, window);
    // A guess never goes straight to a product: the shopper sees what was searched instead.
    if (again.items.length > 0 && again.total > found.total) {
      const pages = Math.ceil(again.total / RESULTS_LIMIT);
      return { kind: 'results', matches: again.items, page, pages, capped: again.capped, corrected };
    }
  }
  if (found.items.length > 0) {
    const pages = Math.ceil(found.total / RESULTS_LIMIT);
    return { kind: 'results', matches: found.items, page, pages, capped: found.capped };
  }
  return page > 1 ? { kind: 'past-end', page } : { kind: 'none' };
}

/** At most this many results: a rare word among them may be a typo the catalogue holds too. */
const FEW = 2;
/** A word held by this many product rows or fewer is rare ("camenbert", once in real OFF data). */
const RARE = 2;
/** A rare word is taken for a typo of a word one edit away held by this many times more rows. */
const RARER = 10;

/**
 * The folded query with each word found nowhere in the catalogue (not even as the start of a
 * word) replaced by the vocabulary word it most likely meant, and each rare word by a word one
 * edit away and RARER times as frequent ("camenbert" → "camembert"); null when no word needed
 * it or none could be corrected.
 */
export async function correctSpelling(db: Queryable, folded: string): Promise<string | null> {
  const lookups = await lookUpWords(db, toCorrectableWords(folded), RARE);
  const corrections = new Map<string, string>();
  for (const lookup of lookups) {
    const correction = !lookup.known
      ? chooseCorrection(lookup.word, lookup.candidates)
      : lookup.frequency > 0 && lookup.frequency <= RARE
        ? chooseCorrection(lookup.word, lookup.candidates, {
            edits: 1,
            minFrequency: lookup.frequency * RARER,
          })
        : null;
    if (correction !== null) corrections.set(lookup.word, correction);
  }
  return corrections.size === 0 ? null : applyCorrections(folded, corrections);
}

/**
 * The one product that matches, when its name is exactly the query. A single partial match is no
 * answer ("Danone" once led straight to a German flavoured water), nor is one exact name among
 * other matches: "jambon" led to one unbranded ham of that name while 110 other hams matched,
 * "pizza" to one "Pizza" (issue 12).
 */
export function toClearMatch(found: FoundProducts): SearchMatch | null {
  const [only] = found.items;
  return found.total === 1 && only?.exactName === true ? only : null;
}
