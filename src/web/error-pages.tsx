import type { FastifyError, FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ErrorReporter } from '../observability/error-reporter.js';
import { Layout, SearchForm } from './layout.js';
import { sendPage } from './render.js';
import { fr } from './strings.fr.js';

/**
 * Friendly pages for every failure: a 4xx says what happened, a 5xx is logged with its request
 * and shows a generic page. No stack trace or error message ever reaches a user.
 */
export interface ErrorPagesDeps {
  reporter: ErrorReporter;
  /** The 404 page's rate limit: URL probing is what scanners do. */
  notFoundPreHandler?: preHandlerAsyncHookHandler;
}

export function registerErrorPages(
  app: FastifyInstance,
  { reporter, notFoundPreHandler }: ErrorPagesDeps,
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
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    // 503 is load shedding or a stop in progress (their headers are already set): expected.
    if (status >= 500 && status !== 503) {
      request.log.error({ err: error }, 'request failed');
      reporter.reportRequestError(error, request);
    } else request.log.info({ err: { message: error.message, code: error.code } }, 'request rejected');
    const [title, text] =
      status === 429
        ? [fr.tooManyRequestsTitle, fr.tooManyRequestsText]
        : status === 503
          ? [fr.unavailableTitle, fr.unavailableText]
          : status >= 500
            ? [fr.serverErrorTitle, fr.serverErrorText]
            : [fr.badRequestTitle, fr.badRequestText];
    return sendPage(
      reply,
      <Layout title={title}>
        <h1>{title}</h1>
        <p>{text}</p>
        <a href="/">{fr.backHome}</a>
      </Layout>,
      status,
    );
  });
}
