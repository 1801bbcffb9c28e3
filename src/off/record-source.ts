// Where import records come from: a JSONL export (file or URL, gzip or not), streamed line by
// line, or pages of the OFF search API. Each yields raw records for `toCatalogueProduct`.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { OffClient } from './off-client.js';

export type SourceRecord = { line: number; raw: unknown } | { line: number; invalid: string };

export interface RecordSource {
  /** What the import run records as its source, e.g. `file:/srv/off.jsonl.gz`. */
  label: string;
  records: AsyncIterable<SourceRecord>;
  /** Progress through the source, for the ETA: bytes for exports, records for the API. */
  position(): { done: number; total: number | null };
}

/** A line longer than this is not a product record (the biggest real ones are ~100 KB). */
const MAX_LINE_LENGTH = 8 * 1024 * 1024;

export async function openJsonlFile(path: string): Promise<RecordSource> {
  const { size } = await stat(path);
  return createJsonlSource(`file:${path}`, createReadStream(path), size);
}

export async function openJsonlUrl(client: OffClient, url: string): Promise<RecordSource> {
  const { body, size } = await client.openStream(url);
  return createJsonlSource(url, body, size);
}

export function createJsonlSource(label: string, input: Readable, size: number | null): RecordSource {
  let bytesRead = 0;
  async function* countBytes(): AsyncGenerator<Buffer> {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      yield chunk;
    }
  }
  return {
    label,
    records: readJsonlRecords(countBytes()),
    position: () => ({ done: bytesRead, total: size }),
  };
}

/** An input that is not OFF JSONL at all: the import fails with this one line, changing nothing. */
export class UnreadableInputError extends Error {}

const EXPECTED = 'expected Open Food Facts JSONL: one product object per line (.jsonl or .jsonl.gz)';

async function* readJsonlRecords(input: AsyncIterable<Buffer>): AsyncGenerator<SourceRecord> {
  let line = 0;
  let first = true;
  for await (const text of readLines(await decompressIfGzip(input))) {
    line++;
    if (text.trim() === '') continue;
    if (first) {
      first = false;
      const unreadable = describeUnreadable(text);
      if (unreadable !== null) throw new UnreadableInputError(`got ${unreadable}; ${EXPECTED}`);
    }
    if (text.length > MAX_LINE_LENGTH) {
      yield { line, invalid: `line is longer than ${MAX_LINE_LENGTH} characters` };
      continue;
    }
    try {
      yield { line, raw: JSON.parse(text) };
    } catch (error) {
      yield { line, invalid: `not valid JSON (${(error as Error).message})` };
    }
  }
}

/**
 * What the first line says the input is, when it cannot be OFF JSONL: a Parquet export (magic
 * bytes PAR1), pretty-printed or array JSON, an API reply (a search page, a product envelope).
 * Null when it may be JSONL: a bad product line is only rejected, as ever.
 */
function describeUnreadable(firstLine: string): string | null {
  if (firstLine.startsWith('PAR1')) return 'a Parquet file (magic bytes PAR1)';
  const text = firstLine.trim();
  if (text === '{' || text === '[' || (text.startsWith('[') && !text.endsWith(']'))) {
    return 'JSON spread over several lines (pretty-printed)';
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(value)) return 'a JSON array';
  if (typeof value !== 'object' || value === null) return 'a JSON value that is not an object';
  if (Array.isArray((value as { products?: unknown }).products)) {
    return 'an Open Food Facts API search reply ({"products": [...]})';
  }
  if ('product' in value && 'status' in value)
    return 'an Open Food Facts API product reply ({"product": {...}})';
  return null;
}

/** Gzip is told by its magic bytes, not by the file name. */
async function decompressIfGzip(input: AsyncIterable<Buffer>): Promise<AsyncIterable<Buffer>> {
  const chunks = input[Symbol.asyncIterator]();
  const first = await chunks.next();
  async function* replay(): AsyncGenerator<Buffer> {
    if (first.done) return;
    yield first.value;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  if (first.done || !(first.value[0] === 0x1f && first.value[1] === 0x8b)) return replay();
  const gunzip = createGunzip();
  // pipeline passes a failure of the input on to gunzip, hence to the reader.
  pipeline(replay(), gunzip, () => {});
  return gunzip;
}

async function* readLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of chunks) {
    pending += decoder.write(chunk);
    let start = 0;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
      yield pending.slice(start, end);
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}

export interface ApiSearchOptions {
  baseUrl: string;
  /** OFF country tag without prefix, e.g. `france`. */
  country: string;
  pageSize: number;
  pages: number;
  /** An OFF `sort_by` value, e.g. `unique_scans_n`. */
  sort: string;
}

/** Only the fields the catalogue keeps: OFF asks clients to trim replies with `fields=`. */
const SEARCH_FIELDS = [
  'code',
  'product_name',
  'product_name_fr',
  'generic_name',
  'generic_name_fr',
  'abbreviated_product_name',
  'brands',
  'brands_tags',
  'quantity',
  'nutriscore_grade',
  'nutriscore_version',
  'nutriscore_2023_tags',
  'nutrition_grades',
  'nutriscore_score',
  'nova_group',
  'ecoscore_grade',
  'allergens_tags',
  'additives_tags',
  'labels_tags',
  'ingredients_text_fr',
  'ingredients_text',
  'nutriments',
  'nutrition',
  'nutrient_levels',
  'image_front_url',
  'image_front_small_url',
  'image_url',
  'image_small_url',
  'images',
  'lang',
  'unique_scans_n',
  'last_modified_t',
  'categories_tags',
  'categories_tags_fr',
].join(',');

export function createApiSearchSource(client: OffClient, options: ApiSearchOptions): RecordSource {
  let fetched = 0;
  async function* records(): AsyncGenerator<SourceRecord> {
    let line = 0;
    for (let page = 1; page <= options.pages; page++) {
      const url = new URL('/api/v2/search', options.baseUrl);
      url.search = new URLSearchParams({
        countries_tags: `en:${options.country}`,
        sort_by: options.sort,
        page_size: String(options.pageSize),
        page: String(page),
        fields: SEARCH_FIELDS,
      }).toString();
      const reply = await client.getJson(url.toString());
      const products = (reply as { products?: unknown }).products;
      if (!Array.isArray(products))
        throw new Error(`Open Food Facts search reply has no product list: ${url}`);
      for (const raw of products) yield { line: ++line, raw };
      fetched += products.length;
      // A short page is the last one: asking further would only spend OFF's rate limit.
      if (products.length < options.pageSize) return;
    }
  }
  return {
    label: `api:${options.baseUrl} country=${options.country} sort=${options.sort} pages=${options.pages}x${options.pageSize}`,
    records: records(),
    position: () => ({ done: fetched, total: options.pages * options.pageSize }),
  };
}
