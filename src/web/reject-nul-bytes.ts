// PostgreSQL text cannot hold U+0000: a form carrying one would fail in the database with a 500.
// Refuse it up front with a 400 page, before any handler stores or looks it up. (Query strings
// are cleaned by each route: search drops control characters.)
import type { FastifyInstance } from 'fastify';

export function registerNulByteGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (holdsNulByte(request.body))
      throw Object.assign(new Error('a form field holds a NUL character'), { statusCode: 400 });
  });
}

function holdsNulByte(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNulByte);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsNulByte);
  return false;
}
