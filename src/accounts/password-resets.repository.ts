import type { Queryable } from '../db/db.js';

/** A reset link's token: stored as its hash only. */
export async function createPasswordReset(
  db: Queryable,
  userId: number,
  tokenHash: string,
  lifetimeMinutes: number,
): Promise<void> {
  await db.query(
    `INSERT INTO password_resets (token_hash, user_id, expires_at)
     VALUES ($1, $2, now() + make_interval(mins => $3))`,
    [tokenHash, userId, lifetimeMinutes],
  );
}

/** The user a live (unused, unexpired) token belongs to; password_resets_pkey. */
export async function findPasswordResetUser(db: Queryable, tokenHash: string): Promise<number | null> {
  const [row] = await db.query<{ user_id: number }>(
    'SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()',
    [tokenHash],
  );
  return row?.user_id ?? null;
}

/**
 * Uses the token once: sets the new password, deletes the user's other tokens and ends every
 * session of the user, in one statement. Null when the token was used, expired or unknown.
 */
export async function resetPasswordWithToken(
  db: Queryable,
  tokenHash: string,
  passwordHash: string,
): Promise<number | null> {
  const [row] = await db.query<{ user_id: number }>(
    `WITH used AS (
       UPDATE password_resets SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id
     ), changed AS (
       UPDATE users SET password_hash = $2, updated_at = now() WHERE id IN (SELECT user_id FROM used) RETURNING id
     ), other_tokens AS (
       DELETE FROM password_resets WHERE user_id IN (SELECT id FROM changed) AND token_hash <> $1
     ), ended AS (
       DELETE FROM sessions WHERE user_id IN (SELECT id FROM changed)
     )
     SELECT id AS user_id FROM changed`,
    [tokenHash, passwordHash],
  );
  return row?.user_id ?? null;
}
