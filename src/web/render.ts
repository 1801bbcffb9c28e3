import type { FastifyReply } from 'fastify';
import { h, type VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { PageContext, toPageContext } from './page-context.js';

/** A file to save (an export): private to its user, never cached, never sniffed as something else. */
export function sendDownload(
  reply: FastifyReply,
  filename: string,
  type: string,
  body: string,
): FastifyReply {
  return reply
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .type(type)
    .send(body);
}

/** Server-rendered HTML: preact escapes every interpolated value by default. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const context = toPageContext(reply);
  const html = render(h(PageContext.Provider, { value: context }, page));
  // A page naming its user, or holding a one-time message, is nobody else's.
  if (context.viewer !== null || context.flash !== null) reply.header('cache-control', 'private, no-store');
  return reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html>${html}`);
}
