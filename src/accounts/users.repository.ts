import type { Queryable } from '../db/db.js';

export interface User {
  id: number;
  email: string;
  firstName: string;
  lastName: string | null;
  /** Signed up with EMAIL_VERIFICATION on and has not opened the link yet: cannot save favourites. */
  awaitingEmailVerification: boolean;
}

type UserRow = {
  id: number;
  email: string;
  first_name: string;
  last_name: string | null;
  awaiting_email_verification: boolean;
};

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  firstName: row.first_name,
  lastName: row.last_name,
  awaitingEmailVerification: row.awaiting_email_verification,
});

/** One query per request of a logged-in user (users_pkey). */
export async function findUserById(db: Queryable, id: number): Promise<User | null> {
  const [row] = await db.query<UserRow>(
    'SELECT id, email, first_name, last_name, awaiting_email_verification FROM users WHERE id = $1',
    [id],
  );
  return row === undefined ? null : toUser(row);
}

/** Everything the account holds about its user, for the data export; users_pkey. */
export async function findAccountRecord(
  db: Queryable,
  id: number,
): Promise<(Omit<User, 'id'> & { createdAt: Date; updatedAt: Date }) | null> {
  const [row] = await db.query<UserRow & { created_at: Date | string; updated_at: Date | string }>(
    'SELECT id, email, first_name, last_name, awaiting_email_verification, created_at, updated_at FROM users WHERE id = $1',
    [id],
  );
  if (row === undefined) return null;
  const { id: _id, ...user } = toUser(row);
  return { ...user, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) };
}

/** users_email_key */
export async function findUserCredentials(
  db: Queryable,
  email: string,
): Promise<{ id: number; passwordHash: string; awaitingEmailVerification: boolean } | null> {
  const [row] = await db.query<{ id: number; password_hash: string; awaiting_email_verification: boolean }>(
    'SELECT id, password_hash, awaiting_email_verification FROM users WHERE email = $1',
    [email],
  );
  return row === undefined
    ? null
    : {
        id: row.id,
        passwordHash: row.password_hash,
        awaitingEmailVerification: row.awaiting_email_verification,
      };
}

export async function findPasswordHash(db: Queryable, userId: number): Promise<string | null> {
  const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
    userId,
  ]);
  return row?.password_hash ?? null;
}

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string | null;
  passwordHash: string;
  /** EMAIL_VERIFICATION: the account waits for its link. */
  awaitingEmailVerification?: boolean;
}

/** Null when the address is already taken. */
export async function createUser(db: Queryable, user: NewUser): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO users (email, first_name, last_name, password_hash, awaiting_email_verification)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [user.email, user.firstName, user.lastName, user.passwordHash, user.awaitingEmailVerification ?? false],
  );
  return row?.id ?? null;
}

/** False when the new address belongs to another account. */
export async function updateUserProfile(
  db: Queryable,
  userId: number,
  profile: Pick<User, 'email' | 'firstName' | 'lastName'>,
): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `UPDATE users SET email = $2, first_name = $3, last_name = $4, updated_at = now()
     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM users other WHERE other.email = $2 AND other.id <> $1)
     RETURNING id`,
    [userId, profile.email, profile.firstName, profile.lastName],
  );
  return rows.length === 1;
}

/** Also ends the user's other sessions: a changed password logs out every other device. */
export async function updateUserPassword(
  db: Queryable,
  userId: number,
  passwordHash: string,
  keepSessionId: string,
): Promise<void> {
  await db.query(
    `WITH changed AS (UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 RETURNING id)
     DELETE FROM sessions WHERE user_id IN (SELECT id FROM changed) AND sid <> $3`,
    [userId, passwordHash, keepSessionId],
  );
}

/** Favourites and sessions go with it (ON DELETE CASCADE). */
export async function deleteUser(db: Queryable, userId: number): Promise<void> {
  await db.query('DELETE FROM users WHERE id = $1', [userId]);
}
