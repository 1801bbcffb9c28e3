// The only reader of the environment: every key is documented in `.env.example`.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import { APP_NAME, APP_VERSION } from './version.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = Type.Object({
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  OFF_BASE_URL: Type.String({ pattern: '^https?://', default: 'https://world.openfoodfacts.org' }),
  OFF_STATIC_URL: Type.String({ pattern: '^https?://', default: 'https://static.openfoodfacts.org' }),
  OFF_USER_AGENT_CONTACT: Type.Optional(Type.String({ minLength: 3 })),
  SESSION_SECRET: Type.Optional(Type.String({ pattern: '^[^,]{32,}(,[^,]{32,})*$' })),
  TRUST_PROXY: Type.Optional(Type.String()),
  SENTRY_DSN: Type.Optional(Type.String({ pattern: '^https?://' })),
  SENTRY_ENVIRONMENT: Type.String({ default: 'production' }),
  SENTRY_TRACES_SAMPLE_RATE: Type.Number({ minimum: 0, maximum: 1, default: 0.05 }),
  SENTRY_UPDATE_MONITOR_SLUG: Type.String({ pattern: '^[a-z0-9_-]{1,50}$', default: 'pur-beurre-update' }),
  UPDATE_MAX_SHRINK: Type.Number({ minimum: 0, maximum: 1, default: 0.1 }),
  COUNTRY: Type.String({ pattern: '^[a-z]{2,3}:[a-z0-9-]{1,60}$', default: 'en:france' }),
  SENTRY_SEND_PII: Type.Boolean({ default: false }),
  RELEASE: Type.Optional(Type.String({ pattern: '^[\\w.@+-]{1,200}$' })),
  GIT_COMMIT: Type.Optional(Type.String({ pattern: '^[0-9a-f]{7,40}$' })),
  METRICS_ALLOW: Type.String({ default: '127.0.0.1,::1' }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Pur Beurre <no-reply@localhost>' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^/]+' })),
  CONTACT_EMAIL: Type.Optional(Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$' })),
  EMAIL_VERIFICATION: Type.Boolean({ default: false }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 300 }),
  RATE_LIMIT_NOT_FOUND_MAX: Type.Integer({ minimum: 1, default: 60 }),
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, default: 1000 }),
  PRESSURE_MAX_HEAP_USED_MB: Type.Integer({ minimum: 0, default: 0 }),
  PRESSURE_MAX_RSS_MB: Type.Integer({ minimum: 0, default: 0 }),
  PRESSURE_MAX_IN_FLIGHT: Type.Integer({ minimum: 0, default: 32 }),
  PRESSURE_RETRY_AFTER_S: Type.Integer({ minimum: 1, default: 10 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  LOG_PRETTY: Type.Boolean({ default: false }),
});

type Env = Static<typeof EnvSchema>;

export interface Config {
  host: string;
  port: number;
  /** null: the embedded PGlite database in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  off: {
    baseUrl: string;
    staticUrl: string;
    /** `AppName/Version (contact)`, as Open Food Facts asks of every client. */
    userAgent: string;
  };
  /** First one signs; all of them verify (rotation). Empty: the embedded mode makes its own. */
  sessionSecrets: string[];
  /** Fastify `trustProxy`: addresses or CIDRs of the reverse proxies whose X-Forwarded-For counts. */
  trustProxy: string | false;
  /** The running build: RELEASE, else GIT_COMMIT, else `pur-beurre@<package version>`. */
  release: string;
  sentry: {
    dsn: string | null;
    environment: string;
    tracesSampleRate: number;
    sendPii: boolean;
    updateMonitorSlug: string;
  };
  /** `pur-beurre update`: share of the listed catalogue a run may remove before it is refused. */
  update: { maxShrink: number };
  /** The shoppers' market, an OFF country tag (`en:france`): what search and substitutes offer. */
  country: string;
  /** Addresses or CIDRs that may read /metrics, checked against the socket (never X-Forwarded-For). */
  metricsAllow: string[];
  /** E-mail (password reset): off without SMTP_URL, and the page says whom to write to instead. */
  mail: {
    smtpUrl: string | null;
    from: string;
    contact: string | null;
    /** EMAIL_VERIFICATION: new accounts confirm their address before saving favourites. */
    verifySignUps: boolean;
  };
  /** The site's address as shoppers reach it, for links in e-mails (never the Host header). */
  publicUrl: string;
  /** Requests per minute and client IP: all routes, and the 404 page (URL probing). */
  rateLimit: { max: number; notFoundMax: number };
  /** Load shedding (503 + Retry-After); 0 turns a check off, a heap of 0 means 90% of V8's limit. */
  pressure: {
    maxEventLoopDelayMs: number;
    maxHeapUsedMb: number;
    maxRssMb: number;
    /** Requests being answered at once (health and metrics routes aside) beyond which new ones get 503. */
    maxInFlight: number;
    retryAfterS: number;
  };
  /** How long a stop waits for in-flight requests before cutting them. */
  shutdownTimeoutMs: number;
  log: { level: (typeof LOG_LEVELS)[number]; pretty: boolean };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `.env` (if any) under the real environment, which wins. Fails listing every bad key at once. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  dotenvPath = resolve('.env'),
): Config {
  const fromFile = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, 'utf8')) : {};
  const raw: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = env[key] ?? fromFile[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  const candidate = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw));
  const problems = [...Value.Errors(EnvSchema, candidate)].map(
    (error) =>
      `${error.instancePath.slice(1) || 'environment'}: ${error.message} (got ${JSON.stringify(raw[error.instancePath.slice(1)] ?? null)})`,
  );
  if (problems.length > 0) throw new ConfigError(problems);
  const checked = candidate as Env;
  if (checked.DATABASE_URL !== undefined) {
    // A production database with a default secret or an anonymous client would be a silent risk.
    if (checked.SESSION_SECRET === undefined)
      problems.push(
        'SESSION_SECRET: required with DATABASE_URL (at least 32 characters; comma-separated to rotate)',
      );
    if (checked.OFF_USER_AGENT_CONTACT === undefined)
      problems.push(
        'OFF_USER_AGENT_CONTACT: required with DATABASE_URL (an e-mail Open Food Facts can reach)',
      );
  }
  if (checked.EMAIL_VERIFICATION && checked.SMTP_URL === undefined)
    problems.push('EMAIL_VERIFICATION: needs SMTP_URL (the links are sent by e-mail)');
  if (problems.length > 0) throw new ConfigError(problems);
  return toConfig(checked);
}

function toConfig(env: Env): Config {
  const contact = env.OFF_USER_AGENT_CONTACT ?? 'self-hosted, no contact configured';
  return Object.freeze({
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL ?? null,
    dataDir: resolve(env.DATA_DIR),
    off: {
      baseUrl: env.OFF_BASE_URL.replace(/\/+$/, ''),
      staticUrl: env.OFF_STATIC_URL.replace(/\/+$/, ''),
      userAgent: `${APP_NAME}/${APP_VERSION} (${contact})`,
    },
    sessionSecrets: env.SESSION_SECRET?.split(',') ?? [],
    trustProxy: env.TRUST_PROXY ?? false,
    sentry: {
      dsn: env.SENTRY_DSN ?? null,
      environment: env.SENTRY_ENVIRONMENT,
      tracesSampleRate: env.SENTRY_TRACES_SAMPLE_RATE,
      updateMonitorSlug: env.SENTRY_UPDATE_MONITOR_SLUG,
      sendPii: env.SENTRY_SEND_PII,
    },
    update: { maxShrink: env.UPDATE_MAX_SHRINK },
    country: env.COUNTRY,
    release: env.RELEASE ?? env.GIT_COMMIT ?? `pur-beurre@${APP_VERSION}`,
    metricsAllow: splitList(env.METRICS_ALLOW),
    mail: {
      smtpUrl: env.SMTP_URL ?? null,
      from: env.MAIL_FROM,
      contact: env.CONTACT_EMAIL ?? null,
      verifySignUps: env.EMAIL_VERIFICATION,
    },
    publicUrl: (
      env.PUBLIC_URL ?? `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`
    ).replace(/\/+$/, ''),
    rateLimit: { max: env.RATE_LIMIT_MAX, notFoundMax: env.RATE_LIMIT_NOT_FOUND_MAX },
    pressure: {
      maxEventLoopDelayMs: env.PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedMb: env.PRESSURE_MAX_HEAP_USED_MB,
      maxRssMb: env.PRESSURE_MAX_RSS_MB,
      maxInFlight: env.PRESSURE_MAX_IN_FLIGHT,
      retryAfterS: env.PRESSURE_RETRY_AFTER_S,
    },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    log: { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY },
  });
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
