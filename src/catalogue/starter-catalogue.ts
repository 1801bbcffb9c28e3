// The first start of the embedded mode fills the empty catalogue, so the site has something to
// show: the most-scanned French products from OFF, or a generated demo catalogue when offline.
import type { Db } from '../db/db.js';
import { createOffClient, OffRequestError } from '../off/off-client.js';
import { createApiSearchSource, type RecordSource } from '../off/record-source.js';
import { createDemoRecords, DEMO_SOURCE } from './demo-catalogue.js';
import { type ImportObserver, type ImportSummary, importCatalogue } from './import.js';

/** As the original: 3 pages of 1000 products, France, by unique scans. */
export const STARTER_SEARCH = {
  country: 'france',
  pageSize: 1000,
  pages: 3,
  sort: 'unique_scans_n',
} as const;

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
    options.warn(
      `Open Food Facts cannot be reached (${error.cause.summary}): loading the demo catalogue instead (invented products, to try the site offline).`,
    );
    return importCatalogue(db, createDemoSource(), pick(options));
  }
}

export function createDemoSource(): RecordSource {
  const records = createDemoRecords();
  let done = 0;
  async function* read() {
    for (const [index, raw] of records.entries()) {
      done = index + 1;
      yield { line: index + 1, raw };
    }
  }
  return { label: DEMO_SOURCE, records: read(), position: () => ({ done, total: records.length }) };
}

function pick(options: StarterOptions) {
  return {
    ...(options.observer === undefined ? {} : { observer: options.observer }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}
