// The single-use links mailed to an account (password reset, e-mail verification): the token
// travels in the link, only its SHA-256 is stored, so a leaked table opens no account.
import { createHash, randomBytes } from 'node:crypto';

/** A token for a link: 256 random bits, URL-safe. */
export function createLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a link's token. */
export function toTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
