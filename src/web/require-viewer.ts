import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from './sessions.js';

/** The logged-in user, or null after sending a visitor to log in and come back here. */
export function requireViewer(
  request: FastifyRequest,
  reply: FastifyReply,
  back = request.url,
): Viewer | null {
  if (request.viewer !== null) return request.viewer;
  void reply.redirect(`/connexion?next=${encodeURIComponent(back)}`, 303);
  return null;
}
