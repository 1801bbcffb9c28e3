// "Sauvegarder" clicked by a visitor: the pair travels with the log-in or sign-up form (`sauver`),
// and is saved as soon as the account is known, so the shopper does not have to find it again.
import type { Queryable } from '../db/db.js';
import { findProductByCode } from '../products/products.repository.js';
import { frFavourites } from '../web/strings.fr.js';
import { saveFavourite } from './favourites.repository.js';

export interface PendingSave {
  product: string;
  substitute: string;
}

const PAIR = /^([0-9]{1,24})-([0-9]{1,24})$/;

/** `sauver=<product>-<substitute>` as barcodes, or null for anything else. */
export function toPendingSave(raw: unknown): PendingSave | null {
  const match = typeof raw === 'string' ? PAIR.exec(raw) : null;
  if (match === null) return null;
  return { product: match[1] ?? '', substitute: match[2] ?? '' };
}

export function toPendingSaveParam(pending: PendingSave): string {
  return `${pending.product}-${pending.substitute}`;
}

/** Saves the pair for the user who just logged in; the sentence that says so, or null. */
export async function savePendingFavourite(
  db: Queryable,
  userId: number,
  pending: PendingSave | null,
): Promise<string | null> {
  if (pending === null) return null;
  const outcome = await saveFavourite(db, userId, pending.product, pending.substitute);
  if (outcome === 'unknown') return null;
  const name = (await findProductByCode(db, pending.substitute))?.name ?? '';
  return outcome === 'saved' ? frFavourites.saved(name) : frFavourites.alreadySaved(name);
}
