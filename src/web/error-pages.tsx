import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { render } from 'preact-render-to-string';
import { isDatabaseUnavailable } from '../db/database-unavailable.js';
import type { ErrorReporter } from './error-reporter.js';
import { Layout, SearchForm } from './layout.js';
import { sendPage } from './render.js';
import { toSecurityHeaderLines } from './security.js';
import { fr } from './strings.fr.js';

/**
 * Friendly pages for every failure: a 4xx says what happened, a 5xx is logged with its request
 * and shows a generic page. No stack trace or error message ever reaches a user.
 */
export interface ErrorPagesDeps {
  reporter: ErrorReporter;
  /** The 404 page's rate limit: URL probing is what scanners do. */
  notFoundPreHandler?: preHandlerAsyncHookHandler;
  /** Retry-After of the 503 answered while the database is unreachable. */
  retryAfterS: number;
}

export function registerErrorPages(
  app: FastifyInstance,
  { reporter, notFoundPreHandler, retryAfterS }: ErrorPagesDeps,
): void {
  const notFoundOptions = notFoundPreHandler === undefined ? {} : { preHandler: notFoundPreHandler };
  app.setNotFoundHandler(notFoundOptions, (_request, reply) =>
    sendPage(
      reply,
      <Layout title={fr.notFoundTitle}>
        <h1>{fr.notFoundTitle}</h1>
        <p>{fr.notFoundText}</p>
        <SearchForm />
        <a href="/">{fr.backHome}</a>
      </Layout>,
      404,
    ),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A database restart or outage: readiness (/readyz) and its alert tell the operator once;
    // each visitor gets "try again shortly", not a 500 reported to Sentry per request.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: { message: error.message, code: error.code } }, 'database unavailable');
      reply.header('retry-after', String(retryAfterS));
      return sendErrorPage(reply, 503);
    }
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    // 503 is load shedding or a stop in progress (their headers are already set): expected.
    if (status >= 500 && status !== 503) {
      request.log.error({ err: error }, 'request failed');
      reporter.reportRequestError(error, request);
    } else request.log.info({ err: { message: error.message, code: error.code } }, 'request rejected');
    return sendErrorPage(reply, status);
  });
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot take (bad percent-encoding, a parameter
 * over `maxParamLength`) gets the site's 4xx page too, not Fastify's JSON.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  request.log.info({ err: { message: error.message, code: error.code } }, 'request rejected by the router');
  const status =
    error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
      ? error.statusCode
      : 400;
  sendErrorPage(reply, status);
}

function sendErrorPage(reply: FastifyReply, status: number): FastifyReply {
  return sendPage(reply, <ErrorPage status={status} />, status);
}

function ErrorPage({ status }: { status: number }) {
  const [title, text] = toMessage(status);
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      <a href="/">{fr.backHome}</a>
    </Layout>
  );
}

/** Written once: these pages name no user and hold no token. */
const clientErrorAnswers = new Map<number, string>();

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request
 * (headers over `maxHeaderSize`: 431; a malformed request line or an unknown method: 400; a
 * request too slow to arrive: 408) gets our French page and security headers instead of Fastify's
 * English JSON. A client that already went away gets nothing (there is no one to answer).
 */
export function handleClientError(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Duplex,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  this.log.debug({ err: { message: error.message, code: error.code } }, 'request refused by the HTTP parser');
  let answer = clientErrorAnswers.get(status);
  if (answer === undefined) {
    const body = Buffer.from(`<!doctype html>${render(<ErrorPage status={status} />)}`);
    answer =
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: text/html; charset=utf-8\r\n' +
      `Content-Length: ${body.length}\r\n` +
      'Cache-Control: no-store\r\nConnection: close\r\n' +
      toSecurityHeaderLines() +
      `\r\n${body.toString()}`;
    clientErrorAnswers.set(status, answer);
  }
  if (socket.writable) socket.end(answer);
  else socket.destroy();
}

function toMessage(status: number): [string, string] {
  if (status === 503) return [fr.unavailableTitle, fr.unavailableText];
  if (status >= 500) return [fr.serverErrorTitle, fr.serverErrorText];
  if (status === 403) return [fr.forbiddenTitle, fr.forbiddenText];
  if (status === 429) return [fr.tooManyRequestsTitle, fr.tooManyRequestsText];
  if (status === 404) return [fr.notFoundTitle, fr.notFoundText];
  if (status === 431) return [fr.headersTooLargeTitle, fr.headersTooLargeText];
  if (status === 408) return [fr.timeoutTitle, fr.timeoutText];
  return [fr.badRequestTitle, fr.badRequestText];
}
