// Micro-cache for visitors' pages: a visitor without a session sees exactly what every other
// visitor sees, and the catalogue changes only when an import commits, so the rendered response
// is kept a short while per instance (the classic nginx micro-caching, done where we know which
// pages are personal). Any request carrying the session cookie bypasses it.
//
// Concurrent misses for one page wait for the first to be rendered instead of each running the
// same queries: a popular search that just expired, asked by 32 visitors at once, is one typo
// search, not 32 of them queued on the database (seen in bench:load: 0.6 s each).
//
// Each cached answer also says how long it stays fresh in `X-Accel-Expires`, an nginx-only
// header (never passed on to browsers): the deploy kit's nginx keeps it for that long in a cache
// its instances share (deploy/roles/nginx), and a page needs no header to be kept out of it.
//
// A kept page is gzipped once, when it is rendered, and sent so to the requests that accept it:
// nginx (which always asks for gzip) keeps that copy and sends it as it is, instead of
// compressing every answer it serves from its cache again.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
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
  /** The body gzipped, unless it is too short to gain from it. */
  gzipped: Buffer | undefined;
}

const gzipAsync = promisify(gzip);
/** nginx's gzip_min_length in the deploy kit: shorter bodies are sent as they are. */
const GZIP_MIN_BYTES = 256;

const KEPT_HEADERS = ['content-type', 'cache-control', 'location'] as const;
const served = new WeakSet<FastifyRequest>();

/**
 * How long a page is kept: between two thirds of the TTL and the whole of it. Pages rendered
 * together (after a restart, a release, a burst of visits) would otherwise expire together and be
 * rendered again all at once: bench:load at 1M saw 336 search pages expire within a second and
 * the site's p99 go from 5 ms to 0.6 s while the instances caught up.
 */
function keptFor(ttlMs: number): number {
  return ttlMs * (1 - Math.random() / 3);
}

/** Whole seconds left, rounded down: 0 tells nginx not to keep it at all. */
function secondsLeft(expires: number): string {
  return String(Math.max(0, Math.floor((expires - Date.now()) / 1000)));
}

function acceptsGzip(request: FastifyRequest): boolean {
  const header = request.headers['accept-encoding'];
  return typeof header === 'string' && negotiate(header, ['gzip']) === 'gzip';
}

/** The entry's body for this request: gzipped when it has that copy and the request accepts it. */
function bodyFor(request: FastifyRequest, reply: FastifyReply, entry: Entry): string | Buffer {
  if (entry.gzipped === undefined) return entry.body;
  reply.header('vary', 'Accept-Encoding');
  if (!acceptsGzip(request)) return entry.body;
  reply.header('content-encoding', 'gzip');
  return entry.gzipped;
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
    /** Pages being rendered by a first request: the promise settles when it is answered. */
    const rendering = new Map<string, Promise<void>>();
    const finishRendering = new WeakMap<FastifyRequest, () => void>();

    const freshEntry = (url: string): Entry | undefined => {
      const entry = entries.get(url);
      if (entry === undefined || entry.expires > Date.now()) return entry;
      entries.delete(url);
      return undefined;
    };
    const done = (request: FastifyRequest) => finishRendering.get(request)?.();

    // preHandler, not onRequest: rate limits, load shedding, metrics and security headers
    // (onRequest hooks, some of them per route) must apply to cache hits too.
    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!isCacheable(request)) return;
      let entry = freshEntry(request.url);
      if (entry === undefined) {
        const pending = rendering.get(request.url);
        if (pending === undefined) {
          let resolve = () => {};
          rendering.set(request.url, new Promise<void>((settle) => (resolve = settle)));
          finishRendering.set(request, () => {
            finishRendering.delete(request);
            rendering.delete(request.url);
            resolve();
          });
          return;
        }
        await pending;
        // Not kept (an error, a cookie set): this request renders its own.
        entry = freshEntry(request.url);
        if (entry === undefined) return;
      }
      served.add(request);
      reply
        .code(entry.status)
        .headers(entry.headers)
        .header('x-page-cache', 'hit')
        .header('x-accel-expires', secondsLeft(entry.expires));
      return reply.send(bodyFor(request, reply, entry));
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
      const gzipped = Buffer.byteLength(body) >= GZIP_MIN_BYTES ? await gzipAsync(body) : undefined;
      const expires = Date.now() + keptFor(options.ttlMs);
      const entry = { expires, status: reply.statusCode, headers, body, gzipped };
      entries.delete(request.url);
      entries.set(request.url, entry);
      reply.header('x-accel-expires', secondsLeft(expires));
      if (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      done(request);
      return bodyFor(request, reply, entry);
    });
    // Whatever became of the first request (not kept, failed, abandoned by its client), the
    // others stop waiting for it.
    app.addHook('onResponse', async (request) => done(request));
    app.addHook('onRequestAbort', async (request) => done(request));
  },
  { name: 'pur-beurre-page-cache' },
);
