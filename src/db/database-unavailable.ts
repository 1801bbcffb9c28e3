/**
 * True when `error` says the database cannot be reached right now (down, restarting, refusing
 * connections), not that a query is wrong: the site answers 503 + Retry-After, as for load
 * shedding, instead of a 500 that would page someone for every request of a restart.
 * SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    // 08: connection exception; 57P01-03: shutdown or not accepting connections yet; 53300: too many connections.
    if (code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300') return true;
  }
  // node-postgres reports a lost connection or a connect timeout without a code.
  return typeof message === 'string' && PG_CONNECTION_MESSAGES.test(message);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const PG_CONNECTION_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;
