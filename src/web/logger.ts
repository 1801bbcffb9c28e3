import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from '../config.js';
import { isInAddressList, toAddressList } from './address-list.js';

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

/**
 * Fastify's `genReqId`: the proxy's id (so nginx and app logs join up) when the request came from
 * a TRUST_PROXY address and the id is well-formed, else a new one. Any other client could
 * otherwise choose the id its requests are logged (and reported to Sentry) under.
 */
export function createRequestIdReader(
  trustProxy: Config['trustProxy'],
): (request: IncomingMessage) => string {
  const proxies =
    trustProxy === false
      ? null
      : toAddressList(
          trustProxy.split(',').map((entry) => entry.trim()),
          'TRUST_PROXY',
        );
  return (request) => {
    const incoming = request.headers[REQUEST_ID_HEADER];
    const trusted = proxies !== null && isInAddressList(proxies, request.socket?.remoteAddress);
    return trusted && typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming)
      ? incoming
      : randomUUID();
  };
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
