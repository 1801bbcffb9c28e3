import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { Db } from '../db/db.js';
import { toMarkets } from '../product/product-rows.js';
import { sendPage } from '../web/render.js';
import { searchCatalogue } from './search.js';
import { findNameSuggestions, toSuggestionKey } from './search.repository.js';
import { SearchPage } from './search.view.js';
import { toCleanQuery } from './search-query.js';

const SearchQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 1000 })) });
const SearchPageQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 1000 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  // "Rechercher « nutela » tel quel": the words as typed, without spelling correction.
  exact: Type.Optional(Type.Literal('1')),
});
const SUGGESTIONS = 8;

/** `country`: the shoppers' market (config COUNTRY). */
export function registerSearchRoutes(app: FastifyInstance, db: Db, country: string): void {
  const markets = toMarkets(country);
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  routes.get(
    '/recherche',
    { schema: { querystring: SearchPageQuery }, config: { pageCache: true } },
    async (request, reply) => {
      const query = toCleanQuery(request.query.q);
      const page = request.query.page ?? 1;
      const exact = request.query.exact === '1';
      // Ajv coerces a 400-digit `page` to Infinity past `maximum` (see products.routes.tsx).
      const outcome = Number.isSafeInteger(page)
        ? await searchCatalogue(db, query, markets, page, { exact })
        : ({ kind: 'past-end', page } as const);
      if (outcome.kind === 'redirect') return reply.redirect(outcome.location, 303);
      const status = outcome.kind === 'past-end' ? 404 : 200;
      return sendPage(reply, <SearchPage query={query} outcome={outcome} exact={exact} />, status);
    },
  );

  // From our own database, never from Open Food Facts live (its API forbids search-as-you-type).
  routes.get(
    '/api/autocomplete',
    { schema: { querystring: SearchQuery }, config: { pageCache: true } },
    async (request, reply) => {
      const query = toCleanQuery(request.query.q);
      const key = query.length < 2 ? '' : await toSuggestionKey(db, query);
      const suggestions = key.length < 2 ? [] : await findNameSuggestions(db, key, SUGGESTIONS, markets);
      return reply.header('cache-control', 'public, max-age=300').send({ query, suggestions });
    },
  );
}
