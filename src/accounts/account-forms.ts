// Validation of the account forms: pure functions returning clean values or per-field messages.
import { frAccounts } from '../web/strings.fr.js';

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

export function toEmail(raw: string | undefined): string {
  return (raw ?? '').trim().toLowerCase();
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

export function checkNewPassword(
  password: string | undefined,
  confirmation: string | undefined,
): FieldErrors {
  const value = password ?? '';
  if (value.length < PASSWORD_MIN) return { password: frAccounts.errors.passwordTooShort };
  if (value.length > PASSWORD_MAX) return { password: frAccounts.errors.passwordTooLong };
  if (value !== confirmation) return { passwordConfirm: frAccounts.errors.passwordMismatch };
  return {};
}

export function checkSignUp(body: Record<string, string | undefined>): Checked<SignUpForm> {
  const profile = checkProfile(body);
  const passwordErrors = checkNewPassword(body.password, body.passwordConfirm);
  const errors = { ...(profile.ok ? {} : profile.errors), ...passwordErrors };
  if (!profile.ok || Object.keys(passwordErrors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...profile.value, password: body.password ?? '' } };
}
