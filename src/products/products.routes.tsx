import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { Db } from '../db/db.js';
import { sendPage } from '../web/render.js';
import { ProductSheetPage, UnknownProductPage } from './product.view.js';
import { findProductByCode, findSubstitutes, type ProductSheet } from './products.repository.js';
import { type SubstitutesOutcome, SubstitutesPage } from './substitutes.view.js';

export const SUBSTITUTES_PER_PAGE = 6;
const BARCODE = /^[0-9]{1,24}$/;

const CodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) });

export function registerProductRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Params: { code: string } }>(
    '/produit/:code',
    { schema: { params: CodeParams }, config: { pageCache: true } },
    async (request, reply) => {
      const product = await loadProduct(db, request.params.code);
      if (product === null) return sendUnknown(reply, request.params.code);
      return sendPage(reply, <ProductSheetPage product={product} />);
    },
  );

  app.get<{ Params: { code: string }; Querystring: { page?: number } }>(
    '/produit/:code/substituts',
    { schema: { params: CodeParams, querystring: PageQuery }, config: { pageCache: true } },
    async (request, reply) => {
      const product = await loadProduct(db, request.params.code);
      if (product === null) return sendUnknown(reply, request.params.code);
      const page = request.query.page ?? 1;
      const outcome = await findOutcome(db, product, page);
      if (outcome === null) return sendUnknown(reply, request.params.code);
      return sendPage(reply, <SubstitutesPage product={product} outcome={outcome} />);
    },
  );
}

function loadProduct(db: Db, code: string): Promise<ProductSheet | null> {
  return BARCODE.test(code) ? findProductByCode(db, code) : Promise.resolve(null);
}

/** Null for a page past the last one. */
async function findOutcome(db: Db, product: ProductSheet, page: number): Promise<SubstitutesOutcome | null> {
  // Ajv coerces a 400-digit `page` to Infinity and lets it past `maximum` (found by
  // test/reliability/bad-input.test.ts); an OFFSET of Infinity would be a 500.
  if (!Number.isSafeInteger(page)) return null;
  if (product.nutriscoreGrade === null) {
    if (page !== 1) return null;
    return product.nutriscoreNotApplicable ? { kind: 'not-applicable' } : { kind: 'no-grade' };
  }
  if (product.nutriscoreGrade === 'a') return page === 1 ? { kind: 'already-a' } : null;
  const found = await findSubstitutes(db, product.id, {
    limit: SUBSTITUTES_PER_PAGE,
    offset: (page - 1) * SUBSTITUTES_PER_PAGE,
  });
  if (found.total === 0) return page === 1 ? { kind: 'none-better' } : null;
  const pages = Math.ceil(found.total / SUBSTITUTES_PER_PAGE);
  if (page > pages) return null;
  return { kind: 'substitutes', items: found.items, page, pages, total: found.total };
}

function sendUnknown(reply: FastifyReply, code: string): FastifyReply {
  return sendPage(reply, <UnknownProductPage code={code.slice(0, 64)} />, 404);
}
