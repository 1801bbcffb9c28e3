import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerAccountRoutes } from './accounts/accounts.routes.js';
import {
  createEmailVerifier,
  registerEmailVerificationRoutes,
} from './accounts/email-verification.routes.js';
import { createMailer } from './accounts/mailer.js';
import { createPasswords, type ScryptCost } from './accounts/password.js';
import { registerPasswordResetRoutes } from './accounts/password-reset.routes.js';
import { findUserById } from './accounts/users.repository.js';
import { findLatestImportRun } from './catalogue/import-runs.repository.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { registerFavouriteRoutes } from './favourites/favourites.routes.js';
import { registerHealthRoutes } from './health/health.routes.js';
import { registerHomeRoutes } from './home/home.routes.js';
import { registerLegalRoutes } from './legal/legal.routes.js';
import { createMetrics, registerMetricsRoute, registerRequestMetrics } from './observability/metrics.js';
import { countProducts } from './products/products.repository.js';
import { registerProductRoutes } from './products/products.routes.js';
import { registerSearchRoutes } from './search/search.routes.js';
import { PACKAGE_ROOT } from './version.js';
import { handleClientError, handleFrameworkError, registerErrorPages } from './web/error-pages.js';
import { type ErrorReporter, noErrorReporter } from './web/error-reporter.js';
import { registerGracefulClose } from './web/graceful-close.js';
import { registerLoadShedding } from './web/load-shedding.js';
import { createRequestIdReader, REQUEST_ID_HEADER, RequestLogController } from './web/logger.js';
import { type PageCacheOptions, pageCache } from './web/page-cache.js';
import { registerNulByteGuard } from './web/reject-nul-bytes.js';
import { createNotFoundRateLimit, registerRateLimit, registerSecurityHeaders } from './web/security.js';
import { sessions } from './web/sessions.js';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Fastify logger options; false (tests) logs nothing. */
  logger?: FastifyServerOptions['logger'];
  /** Where 5xx errors are reported besides the log (Sentry); nowhere by default. */
  errorReporter?: ErrorReporter;
  /** Visitors' pages kept per instance; `{ ttlMs: 0 }` turns it off. */
  pageCache?: PageCacheOptions;
  /** Password hashing cost; OWASP's by default. Tests that sign up thousands of times lower it. */
  passwordCost?: ScryptCost;
}

/** Request headers beyond this are refused with 431 (Node's default is 16 KiB). */
const MAX_HEADER_BYTES = 8 * 1024;

export const DEFAULT_PAGE_CACHE: PageCacheOptions = { ttlMs: 30_000, maxEntries: 1_000 };

/** The whole site, not listening: the server, the CLI and every test build it with their own deps. */
export async function buildApp({
  config,
  db,
  logger = false,
  errorReporter = noErrorReporter,
  pageCache: cache = DEFAULT_PAGE_CACHE,
  passwordCost,
}: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    logController: new RequestLogController(),
    genReqId: createRequestIdReader(config.trustProxy),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 200 },
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    // Slow clients must not hold sockets forever (slowloris); nginx buffers real ones.
    requestTimeout: 30_000,
    // While an instance drains (a rolling restart), requests still arriving on its open
    // connections are served, with Connection: close, rather than answered 503: nginx does not
    // retry a 503 on another instance (it would multiply load shedding's), so a 503 here would
    // reach the visitor. New connections are refused, which nginx does retry.
    return503OnClosing: false,
    frameworkErrors: handleFrameworkError,
    // What Node refuses before Fastify sees a request (431, a malformed request line): our page.
    clientErrorHandler: handleClientError,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  // Order matters: metrics time everything, shedding and limits refuse work before it starts,
  // security headers cover every answer including static files and error pages.
  const metrics = createMetrics(db, {
    countProducts: () => countProducts(db),
    findLatestImportRun: (status) => findLatestImportRun(db, status),
  });
  registerGracefulClose(app);
  registerRequestMetrics(app, metrics);
  await registerLoadShedding(app, config, metrics.registry);
  registerSecurityHeaders(app);
  await registerRateLimit(app, config);
  // Before any route: Fastify binds each route to the error handler set when it is declared.
  registerErrorPages(app, {
    reporter: errorReporter,
    notFoundPreHandler: createNotFoundRateLimit(app, config),
    retryAfterS: config.pressure.retryAfterS,
  });

  registerMetricsRoute(app, metrics, config);
  registerHealthRoutes(app, { config, db });
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
  // The camera scan's decoder (public/scanner.js), for browsers without a BarcodeDetector of their
  // own: the barcode-detector ponyfill and the ZXing WebAssembly it runs, from our own origin.
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('node_modules/barcode-detector/dist/iife/', PACKAGE_ROOT)),
    prefix: '/static/vendor/barcode-detector/',
    decorateReply: false,
    allowedPath: (path) => path === '/ponyfill.js',
    maxAge: '30d',
  });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('node_modules/zxing-wasm/dist/reader/', PACKAGE_ROOT)),
    prefix: '/static/vendor/zxing/',
    decorateReply: false,
    allowedPath: (path) => path === '/zxing_reader.wasm',
    maxAge: '30d',
  });

  await app.register(fastifyFormbody);
  registerNulByteGuard(app);
  // Visitors' pages: served before the route's handler, after limits and headers.
  await app.register(pageCache, cache);
  await app.register(sessions, {
    db,
    findViewer: (userId) => findUserById(db, userId),
    // Without a configured secret (tests, a bare buildApp) sessions last as long as the process.
    secrets:
      config.sessionSecrets.length > 0 ? config.sessionSecrets : [randomBytes(32).toString('base64url')],
  });

  registerHomeRoutes(app, db);
  registerSearchRoutes(app, db, config.country);
  registerProductRoutes(app, db, config.country);
  const passwords = createPasswords(passwordCost);
  const mailer = createMailer(config);
  if (mailer !== null) app.addHook('onClose', async () => mailer.close());
  const verifier = createEmailVerifier({ db, mailer, config });
  registerAccountRoutes(app, db, passwords, verifier);
  registerPasswordResetRoutes(app, { db, mailer, passwords, config });
  registerEmailVerificationRoutes(app, { db, verifier });
  registerFavouriteRoutes(app, db);
  registerLegalRoutes(app);
  return app;
}
