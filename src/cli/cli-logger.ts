// JSON logs (pino) on stdout for commands run by a scheduler: journald or a log shipper reads one
// event per line. LOG_PRETTY=true for humans.
import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Config } from '../config.js';

export function createCliLogger(config: Config, command: string): Logger {
  const options = { level: config.log.level, base: { command } };
  // Synchronous writes: the last line is out before the process exits with its code.
  return config.log.pretty
    ? pino(options, pinoPretty({ colorize: process.stdout.isTTY === true, sync: true }))
    : pino(options, pino.destination({ dest: 1, sync: true }));
}
