// Open Food Facts delta exports for tests: products in the JSONL export format, gzipped delta
// files and their index (newest first, as OFF lists them), served by the fake OFF server.
import { gzipSync } from 'node:zlib';
import type { FakeOff } from './fake-off-server.js';

export const DAY = 86_400;
/** 2025-11-24T16:00:00Z: the first delta of the tests starts here. */
export const T0 = 1_764_000_000;

export interface TestProduct {
  code: string;
  name: string;
  grade: string | null;
  categories?: string[];
  lastModified?: number;
}

/** A raw export record, as in `openfoodfacts-products.jsonl.gz`. */
export function toExportRecord(product: TestProduct): Record<string, unknown> {
  return {
    _id: product.code,
    code: product.code,
    product_name: product.name,
    ...(product.grade === null ? {} : { nutriscore_grade: product.grade }),
    categories_tags: product.categories ?? ['en:snacks'],
    last_modified_t: product.lastModified ?? T0,
  };
}

export function toJsonlGz(products: readonly TestProduct[], extraLines: readonly string[] = []): Buffer {
  const lines = products.map((product) => JSON.stringify(toExportRecord(product)));
  return gzipSync([...lines, ...extraLines].join('\n'));
}

export function deltaName(fromTs: number, toTs: number): string {
  return `products_${fromTs}_${toTs}.json.gz`;
}

/** Serves these delta files (name → gzipped JSONL) and an index listing them newest first. */
export function publishDeltas(off: FakeOff, deltas: ReadonlyMap<string, Buffer>): void {
  for (const [name, body] of deltas) off.files.set(`/data/delta/${name}`, body);
  const names = [...deltas.keys()].sort().reverse();
  off.files.set('/data/delta/index.txt', Buffer.from(`${names.join('\n')}\n`));
}

export function publishFullExport(off: FakeOff, products: readonly TestProduct[]): void {
  off.files.set('/data/openfoodfacts-products.jsonl.gz', toJsonlGz(products));
}

export function deltaDownloads(off: FakeOff): string[] {
  return off.requests
    .filter((request) => /^\/data\/delta\/products_/.test(request.path))
    .map((request) => request.path.replace('/data/delta/', ''));
}
