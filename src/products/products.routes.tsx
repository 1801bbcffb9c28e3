import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { Db } from '../db/db.js';
import type { ProductSheet } from '../product/product.js';
import { toSubstituteMarkets } from '../product/product-rows.js';
import { sendPage } from '../web/render.js';
import { ComparisonPage } from './comparison.view.js';
import { PageOutOfRangePage, ProductSheetPage, UnknownProductPage } from './product.view.js';
import {
  type CategoryFacts,
  findProductByCode,
  findSubstitutes,
  isOfferedSubstitute,
} from './products.repository.js';
import { type SubstitutesOutcome, SubstitutesPage } from './substitutes.view.js';

export const SUBSTITUTES_PER_PAGE = 6;
const BARCODE = /^[0-9]{1,24}$/;

const CodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });
// A newer page: a code that is not a barcode is a bad request (400), an unknown one a 404.
const BARCODE_PARAM = Type.String({ pattern: BARCODE.source });
const PairParams = Type.Object({ code: BARCODE_PARAM, other: BARCODE_PARAM });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) });

/** `country`: the shoppers' market (config COUNTRY). */
export function registerProductRoutes(app: FastifyInstance, db: Db, country: string): void {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  routes.get(
    '/produit/:code',
    { schema: { params: CodeParams }, config: { pageCache: true } },
    async (request, reply) => {
      const product = await loadProduct(db, request.params.code);
      if (product === null) return sendUnknown(reply, request.params.code);
      return sendPage(reply, <ProductSheetPage product={product} country={country} />);
    },
  );

  routes.get(
    '/produit/:code/substituts',
    { schema: { params: CodeParams, querystring: PageQuery }, config: { pageCache: true } },
    async (request, reply) => {
      const product = await loadProduct(db, request.params.code);
      if (product === null) return sendUnknown(reply, request.params.code);
      const page = request.query.page ?? 1;
      const outcome = await findOutcome(db, product, toSubstituteMarkets(country, product.countries), page);
      if (outcome.kind === 'out-of-range') {
        return sendPage(
          reply,
          <PageOutOfRangePage code={product.code} name={product.name} page={page} pages={outcome.pages} />,
          404,
        );
      }
      return sendPage(reply, <SubstitutesPage product={product} outcome={outcome} country={country} />);
    },
  );

  routes.get(
    '/produit/:code/comparer/:other',
    { schema: { params: PairParams }, config: { pageCache: true } },
    async (request, reply) => {
      const { code, other: otherCode } = request.params;
      const [product, other] = await Promise.all([
        findProductByCode(db, code),
        findProductByCode(db, otherCode),
      ]);
      if (product === null) return sendUnknown(reply, code);
      if (other === null) return sendUnknown(reply, otherCode);
      const markets = toSubstituteMarkets(country, product.countries);
      const isSubstitute = await isOfferedSubstitute(db, product, other, markets);
      return sendPage(reply, <ComparisonPage product={product} other={other} isSubstitute={isSubstitute} />);
    },
  );
}

function loadProduct(db: Db, code: string): Promise<ProductSheet | null> {
  return BARCODE.test(code) ? findProductByCode(db, code) : Promise.resolve(null);
}

/** `out-of-range` for a page past the last one (a 404 saying how many pages there are). */
async function findOutcome(
  db: Db,
  product: ProductSheet,
  markets: readonly string[],
  page: number,
): Promise<SubstitutesOutcome | { kind: 'out-of-range'; pages: number }> {
  // Ajv coerces a 400-digit `page` to Infinity and lets it past `maximum` (found by
  // test/reliability/bad-input.test.ts); an OFFSET of Infinity would be a 500.
  if (!Number.isSafeInteger(page)) return { kind: 'out-of-range', pages: 1 };
  const single = (outcome: SubstitutesOutcome) =>
    page === 1 ? outcome : { kind: 'out-of-range' as const, pages: 1 };
  if (product.nutriscoreGrade === null) {
    return single(product.nutriscoreNotApplicable ? { kind: 'not-applicable' } : { kind: 'no-grade' });
  }
  if (product.nutriscoreGrade === 'a') return single({ kind: 'already-a' });
  const found = await findSubstitutes(db, product, markets, {
    limit: SUBSTITUTES_PER_PAGE,
    offset: (page - 1) * SUBSTITUTES_PER_PAGE,
  });
  if (found.chain.length === 0) return single({ kind: 'no-category' });
  // A category no other product carries (an untaxonomised tag of an old record, say) says
  // nothing about the aisle: "maybe already the best choice" would be a claim on no data.
  if (found.category === null && found.chain.every((category) => category.productCount <= 1)) {
    return single({ kind: 'alone', category: found.chain[0] as CategoryFacts });
  }
  if (found.category === null) return single({ kind: 'none-better', searched: found.chain });
  const pages = Math.ceil(found.total / SUBSTITUTES_PER_PAGE);
  if (page > pages) return { kind: 'out-of-range', pages };
  return {
    kind: 'substitutes',
    items: found.items,
    page,
    pages,
    total: found.total,
    category: found.category,
    reference: found.chain[0] ?? found.category,
  };
}

function sendUnknown(reply: FastifyReply, code: string): FastifyReply {
  return sendPage(reply, <UnknownProductPage code={code.slice(0, 64)} />, 404);
}
