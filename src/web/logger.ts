import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

/** pino JSON on stdout; readable output only when asked (LOG_PRETTY). Secrets never logged. */
export function createLoggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.log.level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password'],
      censor: '[redacted]',
    },
    ...(config.log.pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  };
}
