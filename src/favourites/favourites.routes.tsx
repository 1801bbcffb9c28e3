import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { Db } from '../db/db.js';
import { findProductByCode } from '../products/products.repository.js';
import { sendDownload, sendPage } from '../web/render.js';
import { requireViewer } from '../web/require-viewer.js';
import { toSafeNext } from '../web/safe-next.js';
import { setFlash } from '../web/sessions.js';
import { frFavourites, frVerification } from '../web/strings.fr.js';
import {
  listFavourites,
  listSavedSubstituteCodes,
  removeFavourite,
  saveFavourite,
} from './favourites.repository.js';
import { FavouritesPage } from './favourites.view.js';
import { toExportedFavourites, toFavouritesCsv } from './favourites-export.js';

const code = Type.String({ pattern: '^[0-9]{1,24}$' });
const PairBody = Type.Object({
  product: code,
  substitute: code,
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});

declare module 'fastify' {
  interface FastifyRequest {
    /** See PageContextValue.savedPairs. */
    savedPairs?: ReadonlySet<string>;
  }
}

/** The pages with "Sauvegarder" buttons, which show "Sauvegardé ✓" for pairs already saved. */
const PAGES_WITH_SAVE_BUTTONS = new Set(['/produit/:code/substituts', '/produit/:code/comparer/:other']);

export function registerFavouriteRoutes(app: FastifyInstance, db: Db): void {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preHandler', async (request) => {
    if (request.viewer === null || !PAGES_WITH_SAVE_BUTTONS.has(request.routeOptions.url ?? '')) return;
    const { code } = request.params as { code?: string };
    if (code === undefined || !/^[0-9]{1,24}$/.test(code)) return;
    const saved = await listSavedSubstituteCodes(db, request.viewer.id, code);
    request.savedPairs = new Set(saved.map((substitute) => `${code}-${substitute}`));
  });

  app.get('/mes-aliments', async (request, reply) => {
    const user = requireViewer(request, reply);
    if (user === null) return reply;
    return sendPage(reply, <FavouritesPage pairs={await listFavourites(db, user.id)} />);
  });

  // Downloads of the list (RGPD art. 20): never cached, named as a file.
  app.get('/mes-aliments/export.csv', async (request, reply) => {
    const user = requireViewer(request, reply, '/mes-aliments');
    if (user === null) return reply;
    return sendDownload(
      reply,
      'mes-aliments.csv',
      'text/csv; charset=utf-8',
      toFavouritesCsv(await listFavourites(db, user.id)),
    );
  });

  app.get('/mes-aliments/export.json', async (request, reply) => {
    const user = requireViewer(request, reply, '/mes-aliments');
    if (user === null) return reply;
    const favourites = toExportedFavourites(await listFavourites(db, user.id));
    return sendDownload(
      reply,
      'mes-aliments.json',
      'application/json; charset=utf-8',
      `${JSON.stringify({ favourites }, null, 2)}\n`,
    );
  });

  routes.post('/mes-aliments', { schema: { body: PairBody } }, async (request, reply) => {
    const next = toSafeNext(request.body.next, `/produit/${request.body.product}/substituts`);
    const user = requireViewer(request, reply, next);
    if (user === null) return reply;
    if (user.awaitingEmailVerification) {
      setFlash(request, { kind: 'danger', text: frVerification.saveNeedsVerification });
      return reply.redirect(next, 303);
    }
    const outcome = await saveFavourite(db, user.id, request.body.product, request.body.substitute);
    if (outcome === 'unknown') return reply.callNotFound();
    const name = (await findProductByCode(db, request.body.substitute))?.name ?? '';
    setFlash(
      request,
      outcome === 'saved'
        ? { kind: 'success', text: frFavourites.saved(name) }
        : { kind: 'info', text: frFavourites.alreadySaved(name) },
    );
    return reply.redirect(next, 303);
  });

  routes.post('/mes-aliments/retirer', { schema: { body: PairBody } }, async (request, reply) => {
    const next = toSafeNext(request.body.next, '/mes-aliments');
    const user = requireViewer(request, reply, next);
    if (user === null) return reply;
    const name = (await findProductByCode(db, request.body.substitute))?.name ?? '';
    if (await removeFavourite(db, user.id, request.body.product, request.body.substitute))
      setFlash(request, { kind: 'success', text: frFavourites.removed(name) });
    return reply.redirect(next, 303);
  });
}
