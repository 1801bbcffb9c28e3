import type { FastifyInstance } from 'fastify';
import { countProducts } from '../catalogue/catalogue.repository.js';
import { DEMO_SOURCE } from '../catalogue/demo-catalogue.js';
import { findLatestImportRun } from '../catalogue/import-runs.repository.js';
import type { Db } from '../db/db.js';
import { sendPage } from '../web/render.js';
import { HomePage } from './home.view.js';

export function registerHomeRoutes(app: FastifyInstance, db: Db): void {
  app.get('/', { config: { pageCache: true } }, async (_request, reply) => {
    const [productCount, latestRun] = await Promise.all([
      countProducts(db),
      findLatestImportRun(db, 'succeeded'),
    ]);
    return sendPage(
      reply,
      <HomePage productCount={productCount} isDemoCatalogue={latestRun?.source === DEMO_SOURCE} />,
    );
  });
}
