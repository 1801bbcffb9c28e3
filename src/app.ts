import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { registerHomeRoutes } from './home/home.routes.js';
import { PACKAGE_ROOT } from './version.js';
import { registerErrorPages } from './web/error-pages.js';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Fastify logger options; false (tests) logs nothing. */
  logger?: FastifyServerOptions['logger'];
}

/** The whole site, not listening: the server, the CLI and every test build it with their own deps. */
export async function buildApp({ config, db, logger = false }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
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

  registerHomeRoutes(app, db);
  registerErrorPages(app);
  return app;
}
