import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { requireViewer } from '../accounts/require-viewer.js';
import type { Db } from '../db/db.js';
import { findProductByCode } from '../products/products.repository.js';
import { sendPage } from '../web/render.js';
import { toSafeNext } from '../web/safe-next.js';
import { setFlash } from '../web/sessions.js';
import { frFavourites } from '../web/strings.fr.js';
import { listFavourites, removeFavourite, saveFavourite } from './favourites.repository.js';
import { FavouritesPage } from './favourites.view.js';

const code = Type.String({ pattern: '^[0-9]{1,24}$' });
const PairBody = Type.Object({
  product: code,
  substitute: code,
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});
type Pair = { product: string; substitute: string; next?: string };

export function registerFavouriteRoutes(app: FastifyInstance, db: Db): void {
  app.get('/mes-aliments', async (request, reply) => {
    const user = requireViewer(request, reply);
    if (user === null) return reply;
    return sendPage(reply, <FavouritesPage pairs={await listFavourites(db, user.id)} />);
  });

  app.post<{ Body: Pair }>('/mes-aliments', { schema: { body: PairBody } }, async (request, reply) => {
    const next = toSafeNext(request.body.next, `/produit/${request.body.product}/substituts`);
    const user = requireViewer(request, reply, next);
    if (user === null) return reply;
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

  app.post<{ Body: Pair }>(
    '/mes-aliments/retirer',
    { schema: { body: PairBody } },
    async (request, reply) => {
      const user = requireViewer(request, reply, '/mes-aliments');
      if (user === null) return reply;
      const name = (await findProductByCode(db, request.body.substitute))?.name ?? '';
      if (await removeFavourite(db, user.id, request.body.product, request.body.substitute))
        setFlash(request, { kind: 'success', text: frFavourites.removed(name) });
      return reply.redirect('/mes-aliments', 303);
    },
  );
}
