// Micro-cache for visitors' pages: a visitor without a session sees exactly what every other
// visitor sees, and the catalogue changes only when an import commits, so the rendered response
// is kept a short while per instance (the classic nginx micro-caching, done where we know which
// pages are personal). Any request carrying the session cookie bypasses it.
//
// Each cached answer also says how long it stays fresh in `X-Accel-Expires`, an nginx-only
// header (never passed on to browsers): the deploy kit's nginx keeps it for that long in a cache
// its instances share (deploy/roles/nginx), and a page needs no header to be kept out of it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from './sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Opt a GET route in: its responses to visitors may be cached. */
    pageCache?: boolean;
  }
}

export interface PageCacheOptions {
  /** 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
}

interface Entry {
  expires: number;
  status: number;
  headers: Record<string, string>;
  body: string;
}

const KEPT_HEADERS = ['content-type', 'cache-control', 'location'] as const;
const served = new WeakSet<FastifyRequest>();

/** Whole seconds left, rounded down: 0 tells nginx not to keep it at all. */
function secondsLeft(expires: number): string {
  return String(Math.max(0, Math.floor((expires - Date.now()) / 1000)));
}

function isCacheable(request: FastifyRequest): boolean {
  if (request.method !== 'GET' || request.routeOptions.config.pageCache !== true) return false;
  const cookie = request.headers.cookie;
  return cookie === undefined || !cookie.includes(`${SESSION_COOKIE}=`);
}

export const pageCache = fp(
  async (app: FastifyInstance, options: PageCacheOptions) => {
    if (options.ttlMs <= 0) return;
    // A Map keeps insertion order: re-inserting on write makes the first key the oldest.
    const entries = new Map<string, Entry>();

    // preHandler, not onRequest: rate limits, load shedding, metrics and security headers
    // (onRequest hooks, some of them per route) must apply to cache hits too.
    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!isCacheable(request)) return;
      const entry = entries.get(request.url);
      if (entry === undefined) return;
      if (entry.expires <= Date.now()) {
        entries.delete(request.url);
        return;
      }
      served.add(request);
      return reply
        .code(entry.status)
        .headers(entry.headers)
        .header('x-page-cache', 'hit')
        .header('x-accel-expires', secondsLeft(entry.expires))
        .send(entry.body);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const body = payload === undefined || payload === null ? '' : payload;
      if (served.has(request) || !isCacheable(request) || typeof body !== 'string') return payload;
      if (![200, 303, 404].includes(reply.statusCode) || reply.hasHeader('set-cookie')) return payload;
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const expires = Date.now() + options.ttlMs;
      entries.delete(request.url);
      entries.set(request.url, { expires, status: reply.statusCode, headers, body });
      reply.header('x-accel-expires', secondsLeft(expires));
      if (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return payload;
    });
  },
  { name: 'pur-beurre-page-cache' },
);
