// Open Food Facts' daily delta exports: `data/delta/index.txt` on the static server lists files
// `products_<fromTs>_<toTs>.json.gz` (newest first, about 14 kept), each holding the products
// changed in (fromTs, toTs] in the export's JSONL format, to be applied in name order. They never
// report deletions: only a full export tells which products are gone.
// Source: openfoodfacts-server `scripts/mongodb_dump.sh`; OFF's data page (openfoodfacts-web `lang/en/texts/data.html`).
import type { OffClient } from './off-client.js';
import { createJsonlSource, type RecordSource, type SourceRecord } from './record-source.js';

export const DELTA_INDEX_PATH = '/data/delta/index.txt';
export const FULL_EXPORT_PATH = '/data/openfoodfacts-products.jsonl.gz';

export interface DeltaFile {
  name: string;
  /** Unix seconds: the file holds changes after `fromTs`, up to and including `toTs`. */
  fromTs: number;
  toTs: number;
}

const DELTA_NAME = /^products_(\d+)_(\d+)\.json\.gz$/;

/** The delta files an index lists, oldest first; lines that are not delta files are ignored. */
export function parseDeltaIndex(text: string): DeltaFile[] {
  const deltas: DeltaFile[] = [];
  for (const line of text.split('\n')) {
    const name = line.trim();
    const match = DELTA_NAME.exec(name);
    if (match === null) continue;
    const fromTs = Number(match[1]);
    const toTs = Number(match[2]);
    if (toTs > fromTs) deltas.push({ name, fromTs, toTs });
  }
  // OFF says "import in alphabetical order"; its timestamps have the same number of digits, so
  // sorting on them is the same order and stays right if they ever do not.
  return deltas.sort((a, b) => a.fromTs - b.fromTs || a.toTs - b.toTs);
}

export type UpdatePlan =
  | { mode: 'deltas'; deltas: DeltaFile[]; coveredUntil: number | null }
  | { mode: 'full'; reason: string; coveredUntil: number | null };

/**
 * What an update must read to bring a catalogue covering OFF's changes up to `coveredUntil`
 * (unix seconds; null: unknown) up to date: the deltas after it when OFF still keeps an unbroken
 * chain of them from there, else the full export. After a full export the catalogue is taken to
 * cover changes up to the start of the newest delta: the next update applies that delta again
 * (an upsert, so harmless), which covers an export made a little before the delta.
 */
export function planUpdate(
  deltas: readonly DeltaFile[],
  coveredUntil: number | null,
  full: boolean,
): UpdatePlan {
  const newest = deltas.at(-1);
  const afterFull = newest?.fromTs ?? null;
  if (full) return { mode: 'full', reason: 'asked for (--full)', coveredUntil: afterFull };
  if (coveredUntil === null)
    return { mode: 'full', reason: 'no successful update yet', coveredUntil: afterFull };
  const oldest = deltas[0];
  if (oldest === undefined || newest === undefined)
    return { mode: 'full', reason: 'Open Food Facts lists no delta file', coveredUntil: afterFull };
  if (newest.toTs <= coveredUntil) return { mode: 'deltas', deltas: [], coveredUntil };
  if (oldest.fromTs > coveredUntil) {
    return {
      mode: 'full',
      reason: `the catalogue covers changes up to ${toIso(coveredUntil)}, the oldest delta kept starts at ${toIso(oldest.fromTs)}`,
      coveredUntil: afterFull,
    };
  }
  const needed = deltas.filter((delta) => delta.toTs > coveredUntil);
  let reached = coveredUntil;
  for (const delta of needed) {
    if (delta.fromTs > reached) {
      return {
        mode: 'full',
        reason: `the deltas kept have a gap: nothing covers ${toIso(reached)} to ${toIso(delta.fromTs)}`,
        coveredUntil: afterFull,
      };
    }
    reached = Math.max(reached, delta.toTs);
  }
  return { mode: 'deltas', deltas: needed, coveredUntil: reached };
}

export async function fetchDeltaIndex(client: OffClient, staticUrl: string): Promise<DeltaFile[]> {
  const { body } = await client.openStream(`${staticUrl}${DELTA_INDEX_PATH}`);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  return parseDeltaIndex(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The records of several delta files, one after the other in the given order, each downloaded
 * only when the previous one is read to its end (streamed, never held whole).
 */
export function openDeltaChain(
  client: OffClient,
  staticUrl: string,
  deltas: readonly DeltaFile[],
): RecordSource {
  let done = 0;
  let current: RecordSource | null = null;
  async function* records(): AsyncGenerator<SourceRecord> {
    for (const delta of deltas) {
      const { body, size } = await client.openStream(deltaUrl(staticUrl, delta));
      current = createJsonlSource(delta.name, body, size);
      for await (const record of current.records) {
        yield 'invalid' in record
          ? { line: record.line, invalid: `${delta.name}: ${record.invalid}` }
          : record;
      }
      done += current.position().done;
      current = null;
    }
  }
  return {
    label:
      deltas.length === 0
        ? `deltas:${staticUrl}${DELTA_INDEX_PATH} (nothing new)`
        : `deltas:${staticUrl}/data/delta/ ${deltas[0]?.name}${deltas.length > 1 ? ` … ${deltas.at(-1)?.name} (${deltas.length} files)` : ''}`,
    records: records(),
    position: () => ({ done: done + ((current as RecordSource | null)?.position().done ?? 0), total: null }),
  };
}

export function deltaUrl(staticUrl: string, delta: DeltaFile): string {
  return `${staticUrl}/data/delta/${delta.name}`;
}

function toIso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}
