// Open Food Facts' category taxonomy: `categories.full.json`, an object keyed by tag
// ("en:cocoa-and-hazelnuts-spreads") whose values carry `name` and `synonyms` by language and
// `parents` (https://wiki.openfoodfacts.org/Global_taxonomies). We cannot check every detail of
// the published file from here, so it is read defensively: an entry of another shape is skipped
// and counted, never fatal; only a file that is not an object of entries at all is refused.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import Type from 'typebox';
import Value from 'typebox/value';
import type { ProductCategory } from '../product/product.js';
import type { OffClient } from './off-client.js';

/** The languages kept: French for display, English as its fallback; both for matching names. */
const LANGUAGES = ['fr', 'en'] as const;
const TAG = /^[a-z]{2,3}:[^\s]{1,200}$/;

const EntrySchema = Type.Object({
  name: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  parents: Type.Optional(Type.Array(Type.Unknown())),
  synonyms: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export interface TaxonomyCategory {
  tag: string;
  nameFr: string | null;
  nameEn: string | null;
  /** Parent tags present in the taxonomy. */
  parents: string[];
  /** Steps from a root along the longest path: 0 for a root; the deeper, the more specific. */
  depth: number;
  /** Names and synonyms, lang-prefixed and folded (toMatchKey): how display names find the tag. */
  matchKeys: string[];
}

export interface ParsedTaxonomy {
  categories: TaxonomyCategory[];
  /** Entries skipped: a malformed tag or value. */
  skipped: number;
}

export class TaxonomyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaxonomyError';
  }
}

/** Reads `categories.full.json` (already parsed JSON); throws TaxonomyError only for a non-taxonomy. */
export function parseTaxonomy(json: unknown): ParsedTaxonomy {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TaxonomyError(
      `not a category taxonomy: got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}, expected an object keyed by tag (OFF's categories.full.json)`,
    );
  }
  const read = new Map<string, Omit<TaxonomyCategory, 'depth'>>();
  let skipped = 0;
  for (const [key, value] of Object.entries(json)) {
    const tag = key.trim().toLowerCase();
    if (!TAG.test(tag) || !Value.Check(EntrySchema, value) || read.has(tag)) {
      skipped++;
      continue;
    }
    const names = value.name ?? {};
    const synonyms = value.synonyms ?? {};
    const keys = new Set<string>([toMatchKey(tag)]);
    for (const lang of LANGUAGES) {
      for (const text of [names[lang], ...(Array.isArray(synonyms[lang]) ? synonyms[lang] : [])]) {
        if (typeof text === 'string' && text.trim() !== '') keys.add(toMatchKey(`${lang}:${text}`));
      }
    }
    read.set(tag, {
      tag,
      nameFr: readName(names.fr),
      nameEn: readName(names.en),
      parents: (value.parents ?? []).filter((parent): parent is string => typeof parent === 'string'),
      matchKeys: [...keys].filter((matchKey) => matchKey !== ''),
    });
  }
  for (const category of read.values()) {
    category.parents = [...new Set(category.parents.map((p) => p.trim().toLowerCase()))].filter(
      (parent) => parent !== category.tag && read.has(parent),
    );
  }
  const depths = new Map<string, number>();
  const depthOf = (tag: string, path: Set<string>): number => {
    const known = depths.get(tag);
    if (known !== undefined) return known;
    // A cycle (never in OFF's taxonomy, which is a DAG, but a file could hold one) ends the path.
    if (path.has(tag)) return 0;
    path.add(tag);
    const parents = read.get(tag)?.parents ?? [];
    const depth = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((p) => depthOf(p, path)));
    path.delete(tag);
    depths.set(tag, depth);
    return depth;
  };
  const categories = [...read.values()].map((category) => ({
    ...category,
    depth: depthOf(category.tag, new Set()),
  }));
  return { categories, skipped };
}

function readName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim().replace(/\s+/g, ' ');
  return name === '' || name.length > 200 ? null : name;
}

/**
 * `fr:Produits laitiers`, `fr:produits-laitiers` and `FR:Produits Laitiers` → `fr:produits-laitiers`:
 * lower case, accents folded, every run of other characters one hyphen (OFF's own tag rule).
 */
export function toMatchKey(text: string): string {
  const prefixed = /^\s*([a-z]{2,3}):\s*(.*)$/i.exec(text);
  const lang = prefixed?.[1]?.toLowerCase() ?? '';
  const slug = (prefixed?.[2] ?? text)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? '' : `${lang}:${slug}`;
}

/** What the import needs of the taxonomy: tags, their parents, and the names that lead to them. */
export interface TaxonomyIndex {
  byTag: ReadonlyMap<string, Pick<TaxonomyCategory, 'nameFr' | 'nameEn' | 'parents' | 'depth'>>;
  byMatchKey: ReadonlyMap<string, string>;
}

export function toTaxonomyIndex(categories: readonly TaxonomyCategory[]): TaxonomyIndex {
  const byTag = new Map(categories.map((category) => [category.tag, category]));
  const byMatchKey = new Map<string, string>();
  // A name shared by two entries leads to the first one read unless it is one's own tag.
  for (const category of categories) byMatchKey.set(category.tag, category.tag);
  for (const category of categories) {
    for (const key of category.matchKeys) if (!byMatchKey.has(key)) byMatchKey.set(key, category.tag);
  }
  return { byTag, byMatchKey };
}

/**
 * A product's categories as taxonomy tags: a tag the taxonomy knows stays; a display-name entry
 * (`fr:produits-laitiers`, from a derived file) becomes the tag whose name or synonym it is
 * (`en:dairies`); then every ancestor is added, as OFF's own `categories_tags` does, so that a
 * derived record can widen to its parents too. Root first (by depth), then the entries the
 * taxonomy does not know, in their order. Unchanged without a taxonomy.
 */
export function toTaxonomyCategories(
  categories: readonly ProductCategory[],
  taxonomy: TaxonomyIndex,
): ProductCategory[] {
  if (taxonomy.byTag.size === 0) return [...categories];
  const known = new Set<string>();
  const unknown: ProductCategory[] = [];
  const given = new Map(categories.flatMap(({ tag, name }) => (name === null ? [] : [[tag, name]])));
  for (const category of categories) {
    const tag = taxonomy.byTag.has(category.tag) ? category.tag : findTag(category, taxonomy);
    if (tag === undefined) unknown.push(category);
    else addWithAncestors(tag, taxonomy, known);
  }
  const tags = [...known].sort(
    (a, b) => (taxonomy.byTag.get(a)?.depth ?? 0) - (taxonomy.byTag.get(b)?.depth ?? 0),
  );
  const seen = new Set(tags);
  return [
    ...tags.map((tag) => {
      // The French name for display; else the source's own; else the import derives one from the tag.
      return { tag, name: taxonomy.byTag.get(tag)?.nameFr ?? given.get(tag) ?? null };
    }),
    ...unknown.filter((category) => !seen.has(category.tag)),
  ];
}

/**
 * The tag a display-name entry stands for: its name in its own language first, then in the other
 * kept one (the mixed-language files write English names with an `fr:` prefix).
 */
function findTag(category: ProductCategory, taxonomy: TaxonomyIndex): string | undefined {
  const key = toMatchKey(category.tag);
  const slug = key.slice(key.indexOf(':') + 1);
  const candidates = [key, ...LANGUAGES.map((lang) => `${lang}:${slug}`)];
  if (category.name !== null) candidates.push(toMatchKey(`fr:${category.name}`));
  for (const candidate of candidates) {
    const tag = taxonomy.byMatchKey.get(candidate);
    if (tag !== undefined) return tag;
  }
  return undefined;
}

function addWithAncestors(tag: string, taxonomy: TaxonomyIndex, into: Set<string>): void {
  if (into.has(tag)) return;
  into.add(tag);
  for (const parent of taxonomy.byTag.get(tag)?.parents ?? []) addWithAncestors(parent, taxonomy, into);
}

/** Where OFF publishes the taxonomy, under its static server (OFF_STATIC_URL). */
export const TAXONOMY_PATH = '/data/taxonomies/categories.full.json';

/** The published taxonomy's text (a few MB), from `staticUrl`. */
export async function fetchTaxonomyText(client: OffClient, staticUrl: string): Promise<string> {
  const { body } = await client.openStream(`${staticUrl}${TAXONOMY_PATH}`);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** A taxonomy file as text: `categories.full.json`, or the same gzipped (`.gz`). */
export async function readTaxonomyFile(path: string): Promise<string> {
  const bytes = await readFile(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}
