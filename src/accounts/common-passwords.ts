// Passwords attackers try first. The list is zxcvbn-ts's (`@zxcvbn-ts/language-common`, about
// 49,000 passwords from leaks, most common first), kept up to date by npm updates rather than by us.
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | null = null;

/**
 * True for a password from the list (in any letter case), and for one made of one or two
 * characters repeated (`aaaaaaaaaa`, `ababababab`), which no list holds in every length.
 */
export function isCommonPassword(password: string): boolean {
  if (new Set(password).size <= 2) return true;
  common ??= new Set(dictionary['passwords-common']);
  return common.has(password.toLowerCase());
}
