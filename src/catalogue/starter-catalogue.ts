// The first start of the embedded mode fills the empty catalogue, so the site has something to
// show: the most-scanned French products from OFF, or, offline, the snapshot of real French OFF
// products shipped in snapshot/ (dated, and labelled as such on the home page).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/db.js';
import { createOffClient, OffRequestError } from '../off/off-client.js';
import { createApiSearchSource, openJsonlFile } from '../off/record-source.js';
import { type ImportObserver, type ImportSummary, importCatalogue } from './import.js';

/** As the original: 3 pages of 1000 products, France, by unique scans. */
export const STARTER_SEARCH = {
  country: 'france',
  pageSize: 1000,
  pages: 3,
  sort: 'unique_scans_n',
} as const;

/** `snapshot/` sits two levels above this module, in `src/` and in `dist/` alike. */
const SNAPSHOT_FILE = fileURLToPath(new URL('../../snapshot/off-fr-starter.jsonl.gz', import.meta.url));
const SNAPSHOT_DESCRIPTION = fileURLToPath(new URL('../../snapshot/off-fr-starter.json', import.meta.url));

/** The import run's source for the snapshot, `snapshot:<date of its newest data>`. */
const SNAPSHOT_SOURCE_PREFIX = 'snapshot:';

export interface StarterOptions {
  offBaseUrl: string;
  userAgent: string;
  observer?: ImportObserver;
  signal?: AbortSignal;
  /** One line for the operator when OFF cannot be reached. */
  warn: (message: string) => void;
}

export async function loadStarterCatalogue(db: Db, options: StarterOptions): Promise<ImportSummary> {
  const client = createOffClient({
    userAgent: options.userAgent,
    retries: 1,
    timeoutMs: 15_000,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const source = createApiSearchSource(client, { baseUrl: options.offBaseUrl, ...STARTER_SEARCH });
  try {
    return await importCatalogue(db, source, pick(options));
  } catch (error) {
    if (!(error instanceof Error && error.cause instanceof OffRequestError)) throw error;
    const { date, products } = readSnapshotDescription();
    options.warn(
      `Open Food Facts cannot be reached (${error.cause.summary}): loading the snapshot shipped with Pur Beurre instead (${products.toLocaleString('en')} real French products, data of ${date}).`,
    );
    const snapshot = await openJsonlFile(SNAPSHOT_FILE);
    return importCatalogue(db, { ...snapshot, label: `${SNAPSHOT_SOURCE_PREFIX}${date}` }, pick(options));
  }
}

/** The date of the snapshot an import run loaded, or null for any other source. */
export function toSnapshotDate(importSource: string | undefined): string | null {
  return importSource?.startsWith(SNAPSHOT_SOURCE_PREFIX) === true
    ? importSource.slice(SNAPSHOT_SOURCE_PREFIX.length)
    : null;
}

function readSnapshotDescription(): { date: string; products: number } {
  return JSON.parse(readFileSync(SNAPSHOT_DESCRIPTION, 'utf8')) as { date: string; products: number };
}

function pick(options: StarterOptions) {
  return {
    ...(options.observer === undefined ? {} : { observer: options.observer }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}
