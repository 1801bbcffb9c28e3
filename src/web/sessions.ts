// Sessions, CSRF and the current user, for every route. Registered before the features.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/db.js';
import { createSessionStore } from './session-store.js';

export const SESSION_COOKIE = 'pb_session';
const SESSION_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
const CLEANUP_EVERY_MS = 3600 * 1000;

/** The logged-in user, as pages show it; `accounts/` finds it (`findViewer`). */
export interface Viewer {
  id: number;
  email: string;
  firstName: string;
  lastName: string | null;
  /** EMAIL_VERIFICATION: the address is not confirmed yet, so favourites cannot be saved. */
  awaitingEmailVerification: boolean;
}

export interface Flash {
  kind: 'success' | 'info' | 'danger';
  text: string;
}

declare module 'fastify' {
  interface Session {
    userId?: number;
    flash?: Flash;
  }
  interface FastifyRequest {
    /** The logged-in user, or null for a visitor. */
    viewer: Viewer | null;
  }
}

export interface SessionOptions {
  db: Db;
  /** The first signs, all verify (rotation). */
  secrets: readonly string[];
  /** The user a session's `userId` names, read once per request of a logged-in user. */
  findViewer: (userId: number) => Promise<Viewer | null>;
}

/**
 * Cookie `pb_session`: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS (as the
 * trusted proxy says), signed. A row is written only when a session holds something (a CSRF
 * secret, a user), so anonymous browsing costs no database write.
 */
export const sessions = fp(
  async (app: FastifyInstance, { db, secrets, findViewer }: SessionOptions) => {
    const store = createSessionStore(db, SESSION_MAX_AGE_MS);
    await app.register(fastifyCookie);
    await app.register(fastifySession, {
      secret: [...secrets],
      cookieName: SESSION_COOKIE,
      store,
      saveUninitialized: false,
      // No database write on every request; the expiry counts from the last change (log-in).
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge: SESSION_MAX_AGE_MS },
    });
    await app.register(fastifyCsrfProtection, { sessionPlugin: '@fastify/session' });

    // Every state change is a POST, and every POST carries the session's CSRF token (`_csrf`).
    app.addHook('preValidation', (request, reply, done) => {
      // An unknown address or method answers 404 whatever the token.
      if (request.method === 'GET' || request.method === 'HEAD' || request.is404) return done();
      app.csrfProtection(request, reply, done);
    });

    app.decorateRequest('viewer', null);
    app.addHook('preHandler', async (request) => {
      // Stylesheets and scripts never show the user (in production nginx serves them anyway).
      if (request.routeOptions.url?.startsWith('/static/') === true) return;
      const userId = request.session?.get?.('userId');
      if (typeof userId !== 'number') return;
      request.viewer = await findViewer(userId);
    });

    const timer = setInterval(() => {
      store.deleteExpired().catch((error: unknown) => app.log.warn({ err: error }, 'session cleanup failed'));
    }, CLEANUP_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'pur-beurre-sessions' },
);

/** A new session id at log-in (no fixation), holding only the user. */
export async function logIn(request: FastifyRequest, userId: number): Promise<void> {
  await request.session.regenerate();
  request.session.set('userId', userId);
}

/** Deletes the session row (every instance sees the log-out) and starts an empty session. */
export async function logOut(request: FastifyRequest): Promise<void> {
  await request.session.regenerate();
}

/** A one-time message shown on the next page. */
export function setFlash(request: FastifyRequest, flash: Flash): void {
  request.session.set('flash', flash);
}

export function takeFlash(request: FastifyRequest): Flash | null {
  const flash = request.session?.get?.('flash');
  if (flash === undefined) return null;
  request.session.set('flash', undefined);
  return flash;
}
