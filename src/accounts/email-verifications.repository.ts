import type { Queryable } from '../db/db.js';

/** A verification link's token for the address it is sent to, stored as its hash only. */
export async function createEmailVerification(
  db: Queryable,
  userId: number,
  email: string,
  tokenHash: string,
  lifetimeMinutes: number,
): Promise<void> {
  await db.query(
    `INSERT INTO email_verifications (token_hash, user_id, email, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [tokenHash, userId, email, lifetimeMinutes],
  );
}

/**
 * Uses a live token once, if the account still has the address it was sent to: the account stops
 * waiting and its other tokens go, in one statement. The user's id, or null (used, expired,
 * unknown, or the address changed since).
 */
export async function verifyEmailWithToken(db: Queryable, tokenHash: string): Promise<number | null> {
  const [row] = await db.query<{ user_id: number }>(
    `WITH used AS (
       UPDATE email_verifications SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id, email
     ), verified AS (
       UPDATE users SET awaiting_email_verification = false, updated_at = now()
       WHERE (id, email) IN (SELECT user_id, email FROM used) RETURNING id
     ), other_tokens AS (
       DELETE FROM email_verifications WHERE user_id IN (SELECT id FROM verified) AND token_hash <> $1
     )
     SELECT id AS user_id FROM verified`,
    [tokenHash],
  );
  return row?.user_id ?? null;
}

/** A changed address must be verified again (EMAIL_VERIFICATION); users_pkey. */
export async function markAwaitingEmailVerification(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE users SET awaiting_email_verification = true WHERE id = $1', [userId]);
}
