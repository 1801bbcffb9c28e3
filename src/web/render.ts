import type { FastifyReply } from 'fastify';
import { h, type VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { PageContext, toPageContext } from './page-context.js';

/** Server-rendered HTML: preact escapes every interpolated value by default. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const html = render(h(PageContext.Provider, { value: toPageContext(reply) }, page));
  return reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html>${html}`);
}
