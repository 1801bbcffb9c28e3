// Trims OFF's `categories.full.json` to the categories some JSONL files use (their tags, the tags
// their display names match, and every ancestor), keeping French and English names and synonyms
// and the parents: how test/fixtures/off/off-categories-taxonomy.json.gz and the starter
// snapshot's taxonomy were made (see their READMEs).
// Run: `tsx bench/trim-taxonomy.ts FULL.json OUT.json.gz RECORDS.jsonl[.gz]...`
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { toCatalogueProduct } from '../src/off/off-record.js';
import { openJsonlFile } from '../src/off/record-source.js';
import { parseTaxonomy, toTaxonomyCategories, toTaxonomyIndex } from '../src/off/taxonomy.js';

const [fullPath, outPath, ...recordPaths] = process.argv.slice(2);
if (fullPath === undefined || outPath === undefined || recordPaths.length === 0) {
  throw new Error('usage: tsx bench/trim-taxonomy.ts FULL.json OUT.json.gz RECORDS.jsonl[.gz]...');
}
const raw = JSON.parse(readFileSync(fullPath, 'utf8')) as Record<string, Record<string, unknown>>;
const index = toTaxonomyIndex(parseTaxonomy(raw).categories);

const kept = new Set<string>();
for (const path of recordPaths) {
  for await (const record of (await openJsonlFile(path)).records) {
    if ('invalid' in record) continue;
    const mapped = toCatalogueProduct(record.raw);
    if (!mapped.ok) continue;
    for (const category of toTaxonomyCategories(mapped.product.categories, index)) {
      if (index.byTag.has(category.tag)) kept.add(category.tag);
    }
  }
}

const pick = (value: unknown) => {
  if (typeof value !== 'object' || value === null) return undefined;
  const byLang = value as Record<string, unknown>;
  const picked = Object.fromEntries(
    ['en', 'fr'].flatMap((lang) => (lang in byLang ? [[lang, byLang[lang]]] : [])),
  );
  return Object.keys(picked).length === 0 ? undefined : picked;
};
const trimmed: Record<string, unknown> = {};
for (const tag of [...kept].sort()) {
  const entry = raw[tag] ?? {};
  trimmed[tag] = {
    name: pick(entry.name),
    ...(Array.isArray(entry.parents) ? { parents: entry.parents } : {}),
    ...(pick(entry.synonyms) === undefined ? {} : { synonyms: pick(entry.synonyms) }),
  };
}
writeFileSync(outPath, gzipSync(`${JSON.stringify(trimmed)}\n`, { level: 9 }));
process.stdout.write(`${kept.size} categories of ${index.byTag.size} kept in ${outPath}\n`);
