import type { FastifyInstance } from 'fastify';

/**
 * Once `app.close()` is called, every answer still being written says `Connection: close`, so
 * keep-alive clients of in-flight requests let go and the server stops as soon as they are
 * served, not when their idle connections time out.
 */
export function registerGracefulClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
