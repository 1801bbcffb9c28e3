import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerAccountRoutes } from './accounts/accounts.routes.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { registerFavouriteRoutes } from './favourites/favourites.routes.js';
import { registerHomeRoutes } from './home/home.routes.js';
import { registerLegalRoutes } from './legal/legal.routes.js';
import { registerProductRoutes } from './products/products.routes.js';
import { registerSearchRoutes } from './search/search.routes.js';
import { PACKAGE_ROOT } from './version.js';
import { handleFrameworkError, registerErrorPages } from './web/error-pages.js';
import { type PageCacheOptions, pageCache } from './web/page-cache.js';
import { sessions } from './web/sessions.js';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Fastify logger options; false (tests) logs nothing. */
  logger?: FastifyServerOptions['logger'];
  /** Visitors' pages kept per instance; `{ ttlMs: 0 }` turns it off. */
  pageCache?: PageCacheOptions;
}

export const DEFAULT_PAGE_CACHE: PageCacheOptions = { ttlMs: 30_000, maxEntries: 1_000 };

/** The whole site, not listening: the server, the CLI and every test build it with their own deps. */
export async function buildApp({
  config,
  db,
  logger = false,
  pageCache: cache = DEFAULT_PAGE_CACHE,
}: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    frameworkErrors: handleFrameworkError,
  });

  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('public/', PACKAGE_ROOT)),
    prefix: '/static/',
    maxAge: '7d',
  });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('node_modules/bootstrap/dist/css/', PACKAGE_ROOT)),
    prefix: '/static/vendor/',
    decorateReply: false,
    allowedPath: (path) => path === '/bootstrap.min.css' || path === '/bootstrap.min.css.map',
    maxAge: '30d',
  });

  await app.register(fastifyFormbody);
  // Limits only the routes that ask for one (log-in, sign-up, password checks); keyed on
  // request.ip, which honours X-Forwarded-For only from TRUST_PROXY.
  await app.register(fastifyRateLimit, { global: false });
  // Before the sessions: a cached visitor's page costs no session work at all.
  await app.register(pageCache, cache);
  await app.register(sessions, {
    db,
    // Without a configured secret (tests, a bare buildApp) sessions last as long as the process.
    secrets:
      config.sessionSecrets.length > 0 ? config.sessionSecrets : [randomBytes(32).toString('base64url')],
  });

  registerHomeRoutes(app, db);
  registerSearchRoutes(app, db);
  registerProductRoutes(app, db);
  registerAccountRoutes(app, db);
  registerFavouriteRoutes(app, db);
  registerLegalRoutes(app);
  registerErrorPages(app);
  return app;
}
