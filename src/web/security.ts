// Security headers and rate limits, registered before every route so static files, pages and
// error pages all get them. See docs/decisions/003-production-hardening.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../config.js';

/** Product pictures come from Open Food Facts' image server. */
// Product pictures: OFF's image host, and its static host in older records.
const OFF_IMAGES = ['https://images.openfoodfacts.org', 'https://static.openfoodfacts.org'];
const ONE_YEAR_S = 31_536_000;

/**
 * Browser features the site never uses are off for it and anything it embeds; the camera stays
 * possible for the site itself (a barcode scan).
 */
export const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';

// helmet itself, made once: the @fastify/helmet plugin rebuilt it on every request (15 µs of
// the 115 µs an instance spends on a cached page, against 3 µs).
const setHelmetHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      // 'wasm-unsafe-eval' lets the camera scan compile its self-hosted ZXing WebAssembly
      // (public/scanner.js); it allows WebAssembly compilation only, not eval() or inline scripts.
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', ...OFF_IMAGES],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  // Sent below only when the request came over HTTPS: on plain HTTP it is ignored by browsers
  // anyway, and a local `npm start` must never teach a browser to insist on HTTPS for 127.0.0.1.
  strictTransportSecurity: false,
  referrerPolicy: { policy: 'same-origin' },
  // The legacy twin of frame-ancestors 'none', for browsers without CSP level 2.
  xFrameOptions: { action: 'deny' },
});

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('permissions-policy', PERMISSIONS_POLICY);
    setHelmetHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  app.addHook('onSend', async (request, reply) => {
    // request.protocol honours X-Forwarded-Proto only from a trusted proxy (config.trustProxy).
    if (request.protocol === 'https')
      reply.header('strict-transport-security', `max-age=${ONE_YEAR_S}; includeSubDomains`);
  });
}

/**
 * The same headers as lines of a raw HTTP answer, for what Node refuses before Fastify has a
 * reply (error-pages.tsx's handleClientError). helmet's headers do not depend on the request.
 */
export function toSecurityHeaderLines(): string {
  const headers: [string, string][] = [['Permissions-Policy', PERMISSIONS_POLICY]];
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      headers.push([name, String(value)]),
    removeHeader: () => {},
  };
  setHelmetHeaders({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
}

/**
 * One budget per client IP for every route; request.ip is the socket address unless the socket
 * belongs to a configured trusted proxy (Fastify's trustProxy), so X-Forwarded-For cannot be forged.
 */
export async function registerRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.max,
    timeWindow: 60_000,
    keyGenerator: toRateLimitKey,
    // Load balancers and Prometheus poll these; they have their own access rules.
    allowList: (request) => NOT_RATE_LIMITED.has(request.routeOptions.url ?? ''),
  });
}

const NOT_RATE_LIMITED = new Set(['/healthz', '/readyz', '/metrics']);

/** The one key of every client whose connection closed before its request was handled. */
export const CLIENT_GONE_KEY = 'client-gone';

/**
 * The plugin's own key is `request.ip`, which is undefined once the client has reset its
 * connection: its key generator then threw, and each such request became a logged, reported 500.
 * Same keys otherwise: an IPv4 address, or an IPv6 address's /64 (one subscriber's network).
 */
export function toRateLimitKey(request: Pick<FastifyRequest, 'ip'>): string {
  const ip: string | undefined = request.ip;
  if (ip === undefined || ip === '') return CLIENT_GONE_KEY;
  const address = ip.split('%', 1)[0] ?? ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined && isIPv4(mapped)) return mapped;
  if (!isIPv6(address)) return address.toLowerCase();
  return `${toHextets(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded and an embedded IPv4 converted. */
function toHextets(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const toGroups = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [group];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        });
  const left = toGroups(head);
  const right = tail === undefined ? [] : toGroups(tail);
  const zeros = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => '0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16).toString(16));
}

/** The 404 page's own, stricter budget: probing for URLs is what attackers do (fastify/demo). */
export function createNotFoundRateLimit(app: FastifyInstance, config: Config) {
  return app.rateLimit({ max: config.rateLimit.notFoundMax, timeWindow: 60_000 });
}
