import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from '../config.js';

/** pino JSON on stdout; readable output only when asked (LOG_PRETTY). Secrets never logged. */
export function createLoggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.log.level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'headers.cookie',
        'headers.authorization',
        'headers["set-cookie"]',
        '*.password',
        '*.passwordConfirmation',
        '*.newPassword',
        '*.currentPassword',
      ],
      censor: '[redacted]',
    },
    ...(config.log.pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  };
}

export const REQUEST_ID_HEADER = 'x-request-id';
/** nginx's $request_id is 32 hex digits; anything else a client sends is not trusted as an id. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The request id: the proxy's (so nginx and app logs join up) when well-formed, else a new one. */
export function toRequestId(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * One line per request, when it ends: id (pino's `reqId`), method, route pattern, path (never
 * the query string: searches and tokens stay out of the logs), status and duration.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      path: request.url.split('?', 1)[0],
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
