import pg from 'pg';
import type { Db, Queryable, QueryOptions, Row } from './db.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Counts (int8) and numerics as numbers, as PGlite returns them, so both drivers give the same rows.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  max?: number;
  applicationName?: string;
}

export function createPostgresDb(connectionString: string, options: PostgresOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'pur-beurre',
    connectionTimeoutMillis: 5_000,
    types,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  const max = options.max ?? 10;
  return {
    driver: 'postgres',
    ...queryableOf(pool),
    async transaction(work, options = {}) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(queryableOf(client));
        await client.query(options.rollback === true ? 'ROLLBACK' : 'COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    stats: () => ({ max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

function queryableOf(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      const result = await client.query<R>({
        text: sql,
        values: params as unknown[],
        name: options.prepareAs,
      });
      return result.rows;
    },
    async exec<R extends Row>(script: string) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      const result = (await client.query(script)) as unknown as pg.QueryResult<R> | pg.QueryResult<R>[];
      return (Array.isArray(result) ? result.at(-1)?.rows : result.rows) ?? [];
    },
  };
}
