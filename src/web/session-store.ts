// Server-side sessions in PostgreSQL, so any app instance can serve any request (issue 4).
// The cookie carries only the signed session id; the data lives in `sessions`.
import type { SessionStore } from '@fastify/session';
import type { Db } from '../db/db.js';

type SessionData = Parameters<SessionStore['set']>[1];
type Callback = (error?: unknown) => void;

const VISITOR_SESSION_MS = 2 * 3600 * 1000;

export interface PgSessionStore extends SessionStore {
  /** Deletes expired rows; returns how many. */
  deleteExpired(): Promise<number>;
}

/** @fastify/session's callback store over our `Db`. Rows past `expires_at` are never returned. */
export function createSessionStore(db: Db, fallbackMaxAgeMs: number): PgSessionStore {
  return {
    set(sid, session, callback) {
      const userId = typeof session.userId === 'number' ? session.userId : null;
      const cookieExpires = session.cookie.expires ?? new Date(Date.now() + fallbackMaxAgeMs);
      // A visitor's session only carries a CSRF secret or a message: a few hours are enough, so
      // crawlers opening forms do not leave rows for a month.
      const expires =
        userId === null
          ? new Date(Math.min(cookieExpires.getTime(), Date.now() + VISITOR_SESSION_MS))
          : cookieExpires;
      settle(
        db.query(
          `INSERT INTO sessions (sid, data, user_id, expires_at) VALUES ($1, $2::jsonb, $3, $4)
           ON CONFLICT (sid) DO UPDATE SET data = EXCLUDED.data, user_id = EXCLUDED.user_id,
             expires_at = EXCLUDED.expires_at`,
          [sid, JSON.stringify(session), userId, expires.toISOString()],
        ),
        callback,
      );
    },
    get(sid, callback) {
      // Primary key lookup (sessions_pkey).
      db.query<{ data: SessionData }>('SELECT data FROM sessions WHERE sid = $1 AND expires_at > now()', [
        sid,
      ]).then(
        (rows) => callback(null, rows[0]?.data ?? null),
        (error: unknown) => callback(error, null),
      );
    },
    destroy(sid, callback) {
      settle(db.query('DELETE FROM sessions WHERE sid = $1', [sid]), callback);
    },
    async deleteExpired() {
      // sessions_expires_at_idx
      const rows = await db.query<{ sid: string }>(
        'DELETE FROM sessions WHERE expires_at <= now() RETURNING sid',
      );
      return rows.length;
    },
  };
}

function settle(work: Promise<unknown>, callback: Callback): void {
  work.then(
    () => callback(),
    (error: unknown) => callback(error),
  );
}
