import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createDataDir, lockDataDir } from './data-dir-lock.js';
import type { Db, Queryable, Row } from './db.js';

const NUMERIC_OID = 1700;

export interface PgliteOptions {
  /** A tarball from `dumpDataDir`, to start from a copy instead of running initdb (tests). */
  loadDataDir?: Blob;
}

/**
 * The embedded PostgreSQL: a data folder on disk, or in memory when `dataDir` is null.
 * One process at a time may open a folder: a lock file says who holds it.
 */
export async function createPgliteDb(dataDir: string | null, options: PgliteOptions = {}): Promise<Db> {
  let unlock = () => {};
  if (dataDir !== null) {
    createDataDir(dataDir);
    unlock = lockDataDir(dataDir);
  }
  try {
    const pglite = await PGlite.create({
      ...(dataDir === null ? {} : { dataDir }),
      ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
      extensions: { pg_trgm, unaccent },
      // PGlite's WASM heap grows to hold PostgreSQL's buffers and never shrinks. Smaller shared
      // buffers and index-build memory than the defaults (128 MB, 64 MB) took a 200,000-product
      // import's peak from 523 to 433 MB RSS; the OS file cache still holds the data folder.
      startParams: [
        ...PGlite.defaultStartParams,
        ...['-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB'],
      ],
      parsers: { [NUMERIC_OID]: (value: string) => Number(value) },
    });
    return wrap(pglite, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/** A tarball of an instance's data folder, to clone it cheaply with `loadDataDir`. */
export async function dumpPgliteDb(db: Db): Promise<Blob> {
  const pglite = pgliteOf.get(db);
  if (pglite === undefined) throw new Error('not a PGlite database');
  return pglite.dumpDataDir('none');
}

const pgliteOf = new WeakMap<Db, PGlite>();

function wrap(pglite: PGlite, unlock: () => void): Db {
  const db: Db = {
    driver: 'pglite',
    ...queryableOf(pglite),
    transaction: (work, options = {}) =>
      pglite.transaction(async (tx) => {
        const result = await work(queryableOf(tx));
        if (options.rollback === true) await tx.rollback();
        return result;
      }),
    stats: () => ({ max: 1, total: 1, idle: 1, waiting: 0 }),
    async close() {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        unlock();
      }
    },
  };
  pgliteOf.set(db, pglite);
  return db;
}

function queryableOf(client: PGlite | Transaction): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query<R>(sql, params as unknown[]);
      return result.rows;
    },
    async exec<R extends Row>(script: string) {
      const results = await client.exec(script);
      return (results.at(-1)?.rows ?? []) as R[];
    },
  };
}
