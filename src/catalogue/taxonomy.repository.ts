// The stored category taxonomy (migration 013): replaced whole inside an import or update run,
// read once per run by the import to map and complete products' categories.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import {
  type ParsedTaxonomy,
  parseTaxonomy,
  TaxonomyError,
  type TaxonomyIndex,
  toTaxonomyIndex,
} from '../off/taxonomy.js';

const INSERT_BATCH = 2_000;

/** A taxonomy read from a file or a download, with what identifies it. */
export interface LoadedTaxonomy extends ParsedTaxonomy {
  sha256: string;
  source: string;
}

/** `categories.full.json` as text → a taxonomy; a TaxonomyError names the source when it is none. */
export function toLoadedTaxonomy(text: string, source: string): LoadedTaxonomy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TaxonomyError(
      `${source} is not a category taxonomy: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  try {
    return { ...parseTaxonomy(json), sha256: createHash('sha256').update(text).digest('hex'), source };
  } catch (error) {
    throw error instanceof TaxonomyError ? new TaxonomyError(`${source}: ${error.message}`) : error;
  }
}

/** The stored taxonomy's checksum, null when none was ever stored. */
export async function findTaxonomySha256(db: Queryable): Promise<string | null> {
  const [row] = await db.query<{ sha256: string }>('SELECT sha256 FROM taxonomy_source');
  return row?.sha256 ?? null;
}

/**
 * Replaces the stored taxonomy unless the same file is stored already (false then), and gives
 * the categories products carry their French names from it.
 */
export async function saveTaxonomy(tx: Queryable, taxonomy: LoadedTaxonomy): Promise<boolean> {
  if ((await findTaxonomySha256(tx)) === taxonomy.sha256) return false;
  await tx.query('DELETE FROM taxonomy_categories');
  for (let start = 0; start < taxonomy.categories.length; start += INSERT_BATCH) {
    const rows = taxonomy.categories.slice(start, start + INSERT_BATCH).map((category) => ({
      tag: category.tag,
      name_fr: category.nameFr,
      name_en: category.nameEn,
      parents: category.parents,
      depth: category.depth,
      match_keys: category.matchKeys,
    }));
    await tx.query(
      `INSERT INTO taxonomy_categories (tag, name_fr, name_en, parents, depth, match_keys)
       SELECT tag, name_fr, name_en, parents, depth, match_keys
       FROM jsonb_to_recordset($1::jsonb)
         AS r(tag text, name_fr text, name_en text, parents text[], depth integer, match_keys text[])`,
      [JSON.stringify(rows)],
    );
  }
  await tx.query(
    `INSERT INTO taxonomy_source (sha256, source, categories, skipped) VALUES ($1, $2, $3, $4)
     ON CONFLICT (only_row) DO UPDATE SET sha256 = EXCLUDED.sha256, source = EXCLUDED.source,
       categories = EXCLUDED.categories, skipped = EXCLUDED.skipped, loaded_at = now()`,
    [taxonomy.sha256, taxonomy.source, taxonomy.categories.length, taxonomy.skipped],
  );
  await tx.query(
    `UPDATE categories c SET name = t.name_fr, name_is_official = true
     FROM taxonomy_categories t
     WHERE t.tag = c.tag AND t.name_fr IS NOT NULL AND c.name IS DISTINCT FROM t.name_fr`,
  );
  return true;
}

/** The stored taxonomy as the import uses it; empty when none is stored. */
export async function loadTaxonomyIndex(tx: Queryable): Promise<TaxonomyIndex> {
  const rows = await tx.query<{
    tag: string;
    name_fr: string | null;
    name_en: string | null;
    parents: string[];
    depth: number;
    match_keys: string[];
  }>('SELECT tag, name_fr, name_en, parents, depth, match_keys FROM taxonomy_categories');
  return toTaxonomyIndex(
    rows.map((row) => ({
      tag: row.tag,
      nameFr: row.name_fr,
      nameEn: row.name_en,
      parents: row.parents,
      depth: row.depth,
      matchKeys: row.match_keys,
    })),
  );
}
