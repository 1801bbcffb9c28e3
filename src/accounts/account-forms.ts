// Validation of the account forms: pure functions returning clean values or per-field messages.
import { frAccounts } from '../web/strings.fr.js';
import { isCommonPassword } from './common-passwords.js';

export type FieldErrors = Partial<Record<string, string>>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SignUpForm {
  email: string;
  firstName: string;
  lastName: string | null;
  password: string;
}

export interface ProfileForm {
  email: string;
  firstName: string;
  lastName: string | null;
}

/** Zero-width and invisible formatting characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen). */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;

/**
 * One spelling per address before it is looked up or stored: NFKC (full-width `ｂｏｂ` is `bob`),
 * invisible characters removed, trimmed, lower-cased. Without it, `ｂｏｂ@example.com` or a
 * zero-width space made a second account next to `bob@example.com`.
 */
export function toEmail(raw: string | undefined): string {
  return (raw ?? '').normalize('NFKC').replace(INVISIBLE, '').trim().toLowerCase();
}

export function checkProfile(body: Record<string, string | undefined>): Checked<ProfileForm> {
  const errors: FieldErrors = {};
  const email = toEmail(body.email);
  const firstName = (body.firstName ?? '').trim();
  const lastName = (body.lastName ?? '').trim();
  if (!EMAIL.test(email) || email.length > 254) errors.email = frAccounts.errors.emailInvalid;
  if (firstName === '') errors.firstName = frAccounts.errors.firstNameRequired;
  else if (firstName.length > 100) errors.firstName = frAccounts.errors.tooLong;
  if (lastName.length > 100) errors.lastName = frAccounts.errors.tooLong;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { email, firstName, lastName: lastName === '' ? null : lastName } };
}

/** Every problem with a new password at once: its own, and its confirmation's. */
export function checkNewPassword(
  password: string | undefined,
  confirmation: string | undefined,
): FieldErrors {
  const value = password ?? '';
  const errors: FieldErrors = {};
  if (value.length < PASSWORD_MIN) errors.password = frAccounts.errors.passwordTooShort;
  else if (value.length > PASSWORD_MAX) errors.password = frAccounts.errors.passwordTooLong;
  else if (isCommonPassword(value)) errors.password = frAccounts.errors.passwordCommon;
  if (value !== (confirmation ?? '')) errors.passwordConfirm = frAccounts.errors.passwordMismatch;
  return errors;
}

export function checkSignUp(body: Record<string, string | undefined>): Checked<SignUpForm> {
  const profile = checkProfile(body);
  const passwordErrors = checkNewPassword(body.password, body.passwordConfirm);
  const errors = { ...(profile.ok ? {} : profile.errors), ...passwordErrors };
  if (!profile.ok || Object.keys(passwordErrors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...profile.value, password: body.password ?? '' } };
}
