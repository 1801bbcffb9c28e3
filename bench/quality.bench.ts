// Substitute quality on real Open Food Facts data (issue 12, "How it is measured"): every JSONL
// fixture of test/fixtures/off is imported into an in-memory embedded database, then the page-1
// substitutes of every French C/D/E product with at least two categories are checked through
// the site's own functions (findProductByCode, findSubstitutes, toImprovements).
// Run: `npm run bench:quality` (about a minute; no server, no network). Method: bench/README.md.
// OFF's category taxonomy (the trimmed real one of test/fixtures/off) is stored by the first
// import, as `import --taxonomy` does; `npm run bench:quality -- --no-taxonomy` measures without it.
import { gunzipSync } from 'node:zlib';
import { importCatalogue } from '../src/catalogue/import.js';
import { toLoadedTaxonomy } from '../src/catalogue/taxonomy.repository.js';
import { migrate } from '../src/db/migrate.js';
import { createPgliteDb } from '../src/db/pglite.js';
import { openJsonlFile } from '../src/off/record-source.js';
import { toSubstituteMarkets } from '../src/product/product-rows.js';
import { toImprovements } from '../src/products/improvements.js';
import { findProductByCode, findSubstitutes } from '../src/products/products.repository.js';
import { SUBSTITUTES_PER_PAGE } from '../src/products/products.routes.js';
import { readSample, samplePath } from '../test/support/off-samples.js';

const FIXTURES = [
  'off-dump-min-1000.jsonl.gz',
  'purbeurre-aspidistras-fr-2019.jsonl.gz',
  'purbeurre-davidbarat-fr-2021.jsonl.gz',
  'purbeurre-guillaumeoj-fixture.jsonl',
];
const COUNTRY = 'en:france';

const db = await createPgliteDb(null);
await migrate(db);
const TAXONOMY = 'off-categories-taxonomy.json.gz';
const withTaxonomy = !process.argv.includes('--no-taxonomy');
const taxonomy = withTaxonomy
  ? toLoadedTaxonomy(gunzipSync(readSample(TAXONOMY)).toString('utf8'), TAXONOMY)
  : undefined;
for (const [index, name] of FIXTURES.entries()) {
  await importCatalogue(db, await openJsonlFile(samplePath(name)), {
    ...(index === 0 && taxonomy !== undefined ? { taxonomy } : {}),
  });
}

type Row = {
  code: string;
  countries_tags: string[];
  category_ids: number[];
  all_zero: boolean;
};
// French: sold in France by OFF's word, or from the French-only derived files (no countries).
const products = await db.query<Row>(
  `SELECT code, countries_tags, category_ids,
     coalesce(fat_100g, 0) = 0 AND coalesce(sugars_100g, 0) = 0 AND coalesce(salt_100g, 0) = 0
       AND coalesce(saturated_fat_100g, 0) = 0 AND coalesce(proteins_100g, 0) = 0 AS all_zero
   FROM products
   WHERE nutriscore_grade IN ('c', 'd', 'e') AND cardinality(category_ids) >= 2
     AND (countries_tags @> ARRAY[$1] OR countries_tags = '{}')
   ORDER BY code`,
  [COUNTRY],
);
const facts = new Map(
  (
    await db.query<Row>(
      `SELECT code, countries_tags, category_ids,
         coalesce(fat_100g, 0) = 0 AND coalesce(sugars_100g, 0) = 0 AND coalesce(salt_100g, 0) = 0
           AND coalesce(saturated_fat_100g, 0) = 0 AND coalesce(proteins_100g, 0) = 0 AS all_zero
       FROM products`,
    )
  ).map((row) => [row.code, row]),
);

const counts = {
  products: products.length,
  declaredFrench: products.filter((p) => p.countries_tags.includes(COUNTRY)).length,
  noReference: 0,
  covered: 0,
  coveredAtReference: 0,
  coveredByWidening: 0,
  substitutes: 0,
  sharingReference: 0,
  soldInFranceDeclared: 0,
  countriesUnknown: 0,
  soldElsewhere: 0,
  declaredFrenchCovered: 0,
  declaredFrenchSubstitutes: 0,
  declaredFrenchSubstitutesInFrance: 0,
  strictlyBetter: 0,
  claims: 0,
  claimsOnMissing: 0,
};
const started = performance.now();
for (const row of products) {
  const sheet = await findProductByCode(db, row.code);
  if (sheet === null || sheet.nutriscoreGrade === null) continue;
  const found = await findSubstitutes(db, sheet, toSubstituteMarkets(COUNTRY, sheet.countries), {
    limit: SUBSTITUTES_PER_PAGE,
    offset: 0,
  });
  const reference = found.chain[0];
  if (reference === undefined) {
    counts.noReference += 1;
    continue;
  }
  if (found.category === null) continue;
  counts.covered += 1;
  const declaredFrench = row.countries_tags.includes(COUNTRY);
  if (declaredFrench) counts.declaredFrenchCovered += 1;
  if (found.category.id === reference.id) counts.coveredAtReference += 1;
  else counts.coveredByWidening += 1;
  for (const substitute of found.items) {
    const substituteFacts = facts.get(substitute.code);
    counts.substitutes += 1;
    if (substituteFacts?.category_ids.includes(reference.id)) counts.sharingReference += 1;
    const countries = substituteFacts?.countries_tags ?? [];
    if (declaredFrench) {
      counts.declaredFrenchSubstitutes += 1;
      if (countries.includes(COUNTRY)) counts.declaredFrenchSubstitutesInFrance += 1;
    }
    if (countries.includes(COUNTRY)) counts.soldInFranceDeclared += 1;
    else if (countries.length === 0) counts.countriesUnknown += 1;
    else counts.soldElsewhere += 1;
    if (substitute.nutriscoreGrade !== null && substitute.nutriscoreGrade < sheet.nutriscoreGrade) {
      counts.strictlyBetter += 1;
    }
    for (const improvement of toImprovements(sheet.nutriments, substitute.nutriments)) {
      counts.claims += 1;
      const missing =
        sheet.nutriments[improvement.nutrient] === null ||
        substitute.nutriments[improvement.nutrient] === null ||
        row.all_zero ||
        substituteFacts?.all_zero === true;
      if (missing) counts.claimsOnMissing += 1;
    }
  }
}
const seconds = (performance.now() - started) / 1000;
await db.close();

const share = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`;
const lines = [
  `Substitute quality on the real OFF fixtures (${new Date().toISOString().slice(0, 10)}, COUNTRY=${COUNTRY}, ${taxonomy === undefined ? 'no taxonomy' : `taxonomy: ${taxonomy.categories.length} categories`})`,
  '',
  '| measure | value |',
  '| --- | ---: |',
  `| French C/D/E products with ≥ 2 categories | ${counts.products} (${counts.declaredFrench} with en:france declared, the rest from the French-only derived files) |`,
  `| … with no reference category (only broad roots) | ${counts.noReference} |`,
  `| coverage: products with ≥ 1 substitute | ${counts.covered} (${share(counts.covered, counts.products)}) |`,
  `| … found in the reference category | ${counts.coveredAtReference} (${share(counts.coveredAtReference, counts.products)}) |`,
  `| … found only by widening one parent | ${counts.coveredByWidening} (${share(counts.coveredByWidening, counts.products)}) |`,
  `| page-1 substitutes | ${counts.substitutes} |`,
  `| sharing the product's reference category | ${share(counts.sharingReference, counts.substitutes)} |`,
  `| sold in France (declared) | ${share(counts.soldInFranceDeclared, counts.substitutes)} |`,
  `| countries not recorded (shown in every market) | ${share(counts.countriesUnknown, counts.substitutes)} |`,
  `| declared sold elsewhere only | ${counts.soldElsewhere} |`,
  `| products declared sold in France: covered / their substitutes sold in France (declared) | ${counts.declaredFrenchCovered} of ${counts.declaredFrench} / ${share(counts.declaredFrenchSubstitutesInFrance, counts.declaredFrenchSubstitutes)} of ${counts.declaredFrenchSubstitutes} |`,
  `| strictly better by the grade shown | ${share(counts.strictlyBetter, counts.substitutes)} |`,
  `| nutrient claims shown / resting on missing values | ${counts.claims} / ${counts.claimsOnMissing} |`,
  `| time for all substitutes pages | ${seconds.toFixed(1)} s |`,
];
process.stdout.write(`${lines.join('\n')}\n`);
