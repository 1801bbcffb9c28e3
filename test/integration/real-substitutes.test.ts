// Issue 12 measured on real Open Food Facts records (test/fixtures/off): every JSONL fixture is
// imported into one catalogue, and named real products are checked as a shopper would see them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { toText } from '../support/html-text.js';
import { REAL_FIXTURES } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { startTestSite } from '../support/test-app.js';
import type { TestDb } from '../support/test-db.js';

describe('substitutes on real Open Food Facts data', () => {
  let testDb: TestDb;
  let app: FastifyInstance;
  const resources = new Resources();
  before(async () => {
    ({ testDb, app } = await startTestSite(resources, { fixtures: REAL_FIXTURES, taxonomy: true }));
  });
  after(() => resources.close());

  const page = async (url: string) => {
    const response = await app.inject(url);
    assert.equal(response.statusCode, 200, url);
    return toText(response.body);
  };

  /** The page-1 substitutes of a product, with their category tags and countries. */
  const substitutesOf = async (code: string) => {
    const response = await app.inject(`/produit/${code}/substituts`);
    assert.equal(response.statusCode, 200);
    const codes = [...response.body.matchAll(/<h3 class="h5 card-title"><a href="\/produit\/(\d+)"/g)].map(
      (match) => match[1] as string,
    );
    const rows = await testDb.db.query<{ code: string; name: string; tags: string[]; countries: string[] }>(
      `SELECT p.code, p.name, p.countries_tags AS countries,
         ARRAY(SELECT c.tag FROM categories c WHERE c.id = ANY (p.category_ids)) AS tags
       FROM products p WHERE p.code = ANY ($1::text[])`,
      [codes],
    );
    return { page: toText(response.body), products: rows };
  };

  /** Substitutes sold in France: OFF says so, or the record does not say where it is sold. */
  const soldInFrance = (product: { countries: string[] }) =>
    product.countries.length === 0 || product.countries.includes('en:france');

  /** Each page-1 substitute carries one of `tags`, none carries a `never` tag, all sold in France. */
  const assertSubstitutes = async (code: string, tags: RegExp, never?: RegExp) => {
    const { page, products } = await substitutesOf(code);
    assert.ok(products.length > 0, `${code}: no substitute in ${page.slice(0, 800)}`);
    for (const product of products) {
      assert.ok(
        product.tags.some((tag) => tags.test(tag)),
        `${product.name}: ${product.tags.join(' ')}`,
      );
      if (never !== undefined) {
        assert.ok(!product.tags.some((tag) => never.test(tag)), `${product.name}: ${product.tags.join(' ')}`);
      }
      assert.ok(soldInFrance(product), `${product.name} is sold in ${product.countries.join(', ')}`);
    }
    return page;
  };

  describe('the same kind of food, sold in France', () => {
    it('gives Nutella hazelnut-cocoa spreads sold in France, never muesli', async () => {
      const page = await assertSubstitutes(
        '3017620422003',
        /noisettes-et-au-cacao|cocoa-and-hazelnuts-spreads/,
        /muesli/,
      );
      assert.match(page, /Même rayon : Pâtes à tartiner aux noisettes et au cacao/);
    });

    it('gives Coca-Cola sodas, never plain water', async () => {
      await assertSubstitutes(
        '5449000028921',
        /^en:(colas|sodas)$/,
        /^en:(waters|mineral-waters|spring-waters)$/,
      );
    });

    it('gives a butter butters', async () => {
      await assertSubstitutes('3032220013017', /^en:butters$/, /oils|fromage|yogurts/);
    });

    it('offers a camembert only camemberts or soft cheeses, and says so when none is better', async () => {
      // Too few camemberts in the fixtures to be a shelf (MIN_REFERENCE_PRODUCTS): the reference is
      // its deepest big-enough category, soft cheeses with bloomy rind; none grades better than D,
      // and the search never widens to en:cheeses (a near-root: fromage blanc, mozzarella).
      const { page, products } = await substitutesOf('3596710343355');
      assert.deepEqual(products, []);
      assert.match(
        page,
        /Aucun aliment vendu en France du rayon « Fromages à pâte molle à croûte fleurie » n’a un meilleur Nutri-Score/,
      );
    });

    it('matches display-name categories to OFF’s tags through the taxonomy', async () => {
      // The 2021 dump writes "Produits Laitiers"; OFF's taxonomy names en:dairies so.
      const [row] = await testDb.db.query<{ tags: string[] }>(
        `SELECT ARRAY(SELECT c.tag FROM categories c WHERE c.id = ANY (p.category_ids)) AS tags
         FROM products p WHERE p.code = '7613035866386'`,
      );
      assert.deepEqual(row?.tags, ['en:dairies']);
      const [untranslated] = await testDb.db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM categories WHERE tag = 'fr:produits-laitiers'`,
      );
      assert.equal(untranslated?.count, 0);
    });

    it('never tells an E camembert whose only category is not an OFF one that it may be the best choice', async () => {
      // Its only category, from a 2019 student dump, is carried by no other product.
      const { page, products } = await substitutesOf('3254550039639');
      assert.deepEqual(products, []);
      assert.match(page, /Aucun autre aliment de notre catalogue n’est rangé dans « Camembert au lait cru/);
      assert.doesNotMatch(page, /meilleur choix|aucune catégorie assez précise/);
    });

    it('gives chips crisps, never frozen fries', async () => {
      await assertSubstitutes('3336971805021', /^en:crisps$/, /^en:(fries|frozen-fries|frozen-foods)$/);
    });

    it('gives a product OFF says is sold in France only substitutes OFF says are sold in France', async () => {
      // A sheep's-milk vanilla yoghurt of the 2024 export (en:france): the 2019 dump's sheep's-milk
      // yoghurts record no country, so only the export's plain one is offered.
      const { products } = await substitutesOf('0002000002336');
      assert.deepEqual(
        products.map((product) => product.code),
        ['0002000000714'],
      );
      for (const product of products) assert.ok(product.countries.includes('en:france'), product.name);
    });

    it('opens the sheet of a product sold elsewhere, saying where, and keeps it out of French searches', async () => {
      // Welch's red apple chips: sold in the United States only.
      const sheet = await page('/produit/0000790420002');
      assert.match(sheet, /Vendu : aux États-Unis/);
      assert.match(sheet, /n’est pas vendu en France/);
      assert.doesNotMatch(await page('/recherche?q=welch'), /Welch/);
      const suggestions = await app.inject('/api/autocomplete?q=welch');
      assert.deepEqual(suggestions.json().suggestions, []);
    });

    it('says precisely when a product has no category precise enough to compare', async () => {
      // Welch's red apple chips: its only category is en:snacks, a broad root.
      assert.match(await page('/produit/0000790420002/substituts'), /aucune catégorie assez précise/);
    });

    it('answers a page past the end with a page-out-of-range message', async () => {
      const response = await app.inject('/produit/3017620422003/substituts?page=99');
      assert.equal(response.statusCode, 404);
      assert.match(
        toText(response.body),
        /Il n’y a pas de page 99 : les substituts de ce produit tiennent sur 2 pages\b/,
      );
      assert.doesNotMatch(toText(response.body), /code-barres/);
    });
  });

  describe('honest comparisons', () => {
    it('compares a drink per 100 ml, with OFF’s drink thresholds', async () => {
      // Coca-Cola "Original" of the 2021 dump: display-name categories (Boissons, Sodas au cola),
      // no levels from OFF, 10.6 g of sugars: high for a drink (moderate for a food).
      const sheet = await page('/produit/5449000267412');
      assert.match(sheet, /Repères nutritionnels pour 100 ml/);
      assert.match(sheet, /Sucres 11 g quantité élevée/);
      const { page: substitutes } = await substitutesOf('5449000267412');
      assert.doesNotMatch(substitutes, /\/ 100 g/);
    });

    it('makes no claim on nutriments a record lacks or gives all as 0', async () => {
      const rows = await testDb.db.query<{ code: string }>(
        `SELECT code FROM products WHERE fat_100g IS NULL AND sugars_100g IS NULL AND salt_100g IS NULL
           AND saturated_fat_100g IS NULL AND nutriscore_grade IS NOT NULL`,
      );
      assert.ok(rows.length > 0, 'the fixtures hold records without nutriments (all 0 in the source)');
      const missing = new Set(rows.map((row) => row.code));
      for (const code of ['3017620422003', '5449000028921', '3032220013017', '3336971805021']) {
        const response = await app.inject(`/produit/${code}/substituts`);
        for (const card of response.body.split('substitute-card').slice(1)) {
          const substitute = /href="\/produit\/(\d+)"/.exec(card)?.[1] ?? '';
          if (missing.has(substitute)) assert.doesNotMatch(card, /g d(e |’)[^<]* \/ 100/, substitute);
        }
      }
    });
  });

  describe('the current Nutri-Score', () => {
    it('shows the 2023 grade, and says so, where it differs from the older one', async () => {
      // Yaourt de brebis vanille: B under the older algorithm, C in 2023.
      const sheet = await page('/produit/0002000002336');
      assert.match(sheet, /Nutri-Score C/);
      assert.doesNotMatch(sheet, /Nutri-Score B/);
      assert.match(sheet, /méthode de 2023/);
    });

    it('says when a grade comes from the older computation', async () => {
      // The 2019 Pur Beurre fixture only has `nutriscore_grade`.
      assert.match(await page('/produit/3017620429484'), /ancienne méthode/);
    });

    it('shows a not-applicable Nutri-Score as such, never as unknown', async () => {
      // Balsamic vinegar of Modena: OFF does not grade vinegars.
      const sheet = await page('/produit/0008295616241');
      assert.match(sheet, /Nutri-Score : non concerné/);
      assert.doesNotMatch(sheet, /inconnu/);
      const substitutes = await page('/produit/0008295616241/substituts');
      assert.match(substitutes, /ne s’applique pas/);
      assert.doesNotMatch(substitutes, /inconnu|pas encore de Nutri-Score/);
    });
  });
});
