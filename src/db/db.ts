// The tiny database interface every repository is written against. Only `pglite.ts` and
// `postgres.ts` import a driver, so the same SQL runs on the embedded and the server database.

export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * Keeps the statement prepared on each server connection under this name, so PostgreSQL parses
   * and plans it once rather than on every call. Only for hot reads whose best plan does not
   * depend on the values (a LIKE pattern's does); PGlite ignores it.
   */
  prepareAs?: string;
}

export interface Queryable {
  /** One parameterised statement; returns its rows. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]>;
  /** A script of several statements without parameters (migrations); returns the last one's rows. */
  exec<R extends Row = Row>(script: string): Promise<R[]>;
}

/** Connection pool usage, for /metrics. PGlite is a single connection: always 1 of 1. */
export interface PoolStats {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

export interface TransactionOptions {
  /** Roll back even when `work` resolves (a dry run): its result is returned, nothing is kept. */
  rollback?: boolean;
}

export interface Db extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  stats(): PoolStats;
  close(): Promise<void>;
}
