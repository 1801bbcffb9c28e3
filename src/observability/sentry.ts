// Error reports to Sentry, only when SENTRY_DSN is set. A client of our own (not `Sentry.init`):
// no global state, no auto-instrumentation of modules, so each app instance and each test has its
// own client and DSN. See docs/decisions/004-sentry-without-global-init.md.
// The SDK is loaded only when a DSN is set: it is the biggest module of a start (about a second).
import type { ErrorEvent, EventHint, Scope } from '@sentry/node';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { ErrorReporter } from '../web/error-reporter.js';

/** Load balancers and Prometheus: their errors are noise, they retry on their own. */
const UNREPORTED_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);
/** Crawlers hit odd URLs all day; an error only they trigger is not worth a page to anyone. */
const BOT_USER_AGENT = /bot|crawl|spider|slurp|facebookexternalhit|bingpreview|headless/i;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}/g;
const IPV4 = /\b\d{1,3}(\.\d{1,3}){3}\b/g;

export type SentryConfig = Pick<Config, 'sentry' | 'release'>;

export interface SentryReporter extends ErrorReporter {
  /** Sends one message and says whether Sentry accepted it (`pur-beurre doctor`). */
  sendTestEvent(message: string, timeoutMs: number): Promise<{ accepted: boolean; detail: string }>;
}

/** null when SENTRY_DSN is not set: Sentry stays off. */
export async function createSentryReporter(config: SentryConfig): Promise<SentryReporter | null> {
  const { dsn, environment, tracesSampleRate, sendPii } = config.sentry;
  if (dsn === null) return null;
  const {
    dedupeIntegration,
    defaultStackParser,
    eventFiltersIntegration,
    linkedErrorsIntegration,
    makeNodeTransport,
    NodeClient,
    Scope,
  } = await import('@sentry/node');

  const client = new NodeClient({
    dsn,
    release: config.release,
    environment,
    // Only what we need: no http/fetch/pg auto-instrumentation, no console capture, no
    // process-wide handlers (serve.command.ts installs its own and reports through us).
    integrations: [eventFiltersIntegration(), linkedErrorsIntegration(), dedupeIntegration()],
    transport: makeNodeTransport,
    stackParser: defaultStackParser,
    tracesSampleRate,
    // Session cookies are credentials, never personal-data-we-may-send: off in both modes.
    dataCollection: {
      userInfo: sendPii,
      cookies: false,
      httpHeaders: { request: { allow: ['user-agent'] }, response: false },
      httpBodies: [],
      urlQueryParams: sendPii,
    },
    sendClientReports: false,
    beforeSend: (event) => (sendPii ? event : scrubPersonalData(event)),
  });
  client.init();
  const baseScope = new Scope();
  baseScope.setClient(client);

  const statusOf = new Map<string, number | undefined>();
  client.on('afterSendEvent', (event, response) => {
    if (event.event_id !== undefined) statusOf.set(event.event_id, response.statusCode);
  });

  const capture = (error: unknown, scope: Scope) => {
    scope.captureException(error, { originalException: error });
  };

  return {
    reportRequestError(error, request) {
      const route = request.routeOptions.url;
      if (route !== undefined && UNREPORTED_ROUTES.has(route)) return;
      if (BOT_USER_AGENT.test(request.headers['user-agent'] ?? '')) return;
      const scope = baseScope.clone();
      scope.setTag('route', route ?? '(unmatched)');
      scope.setTag('method', request.method);
      scope.setTag('request_id', request.id);
      const requestData = toRequestData(request, sendPii);
      scope.addEventProcessor((event) => ({ ...event, request: requestData }));
      if (sendPii) scope.setUser({ ip_address: request.ip });
      capture(error, scope);
    },
    reportProcessError(error) {
      const scope = baseScope.clone();
      scope.setTag('handled', 'no');
      capture(error, scope);
    },
    async sendTestEvent(message, timeoutMs) {
      const eventId = baseScope.clone().captureMessage(message, 'info');
      const flushed = await client.flush(timeoutMs);
      const status = statusOf.get(eventId);
      statusOf.delete(eventId);
      if (status === undefined)
        return {
          accepted: false,
          detail: flushed ? 'no answer from Sentry' : `no answer within ${timeoutMs} ms`,
        };
      if (status >= 200 && status < 300)
        return { accepted: true, detail: `accepted (HTTP ${status}), event ${eventId}` };
      return { accepted: false, detail: `refused with HTTP ${status}` };
    },
    flush: async (timeoutMs) => client.flush(timeoutMs),
    close: async (timeoutMs) => client.close(timeoutMs),
  };
}

/** Path only: query strings carry searches and tokens; headers carry cookies and IPs. */
function toRequestData(request: FastifyRequest, sendPii: boolean) {
  const [path = '/', query = ''] = request.url.split('?', 2);
  return {
    method: request.method,
    url: `${request.protocol}://${request.host}${path}`,
    ...(sendPii && query !== '' ? { query_string: query } : {}),
    headers: {
      ...(request.headers['user-agent'] === undefined ? {} : { 'user-agent': request.headers['user-agent'] }),
    },
  };
}

/**
 * Last line of defence: error messages can quote data (a unique-violation message quotes the
 * e-mail address that collided), so e-mail and IPv4 addresses are masked everywhere in the event.
 */
export function scrubPersonalData(event: ErrorEvent, _hint?: EventHint): ErrorEvent {
  delete event.user;
  if (event.request !== undefined) {
    delete event.request.cookies;
    delete event.request.query_string;
    delete event.request.data;
    delete event.request.env;
    if (event.request.headers !== undefined) {
      const userAgent = event.request.headers['user-agent'];
      event.request.headers = userAgent === undefined ? {} : { 'user-agent': userAgent };
    }
  }
  return JSON.parse(
    JSON.stringify(event, (_key, value: unknown) =>
      typeof value === 'string' ? value.replace(EMAIL, '[email]').replace(IPV4, '[ip]') : value,
    ),
  ) as ErrorEvent;
}
