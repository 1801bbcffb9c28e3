import type { FastifyInstance } from 'fastify';
import { findLatestImportRun } from '../catalogue/import-runs.repository.js';
import { toSnapshotDate } from '../catalogue/starter-catalogue.js';
import type { Db } from '../db/db.js';
import { countProducts } from '../products/products.repository.js';
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
      <HomePage productCount={productCount} snapshotDate={toSnapshotDate(latestRun?.source)} />,
    );
  });
}
