// Issue 12, item 6 ("search like a shopper"), on real Open Food Facts records (test/fixtures/off):
// brands and categories are searched, name-and-brand matches come first, results have pages,
// and autocomplete shows brands without near-duplicates. Through the app, on both drivers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { toText } from '../support/html-text.js';
import { REAL_FIXTURES } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { startTestSite } from '../support/test-app.js';
import { DRIVERS, type TestDb } from '../support/test-db.js';

const toFolded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** A name as a shopper would not tell it apart: no accents, case, punctuation or spaces. */
const toKey = (text: string) => toFolded(text).replace(/[^\p{L}\p{N}]/gu, '');

for (const driver of DRIVERS) {
  describe(`search on real Open Food Facts data (${driver})`, () => {
    let testDb: TestDb;
    let app: FastifyInstance;
    const resources = new Resources();
    before(async () => {
      ({ testDb, app } = await startTestSite(resources, { driver, fixtures: REAL_FIXTURES }));
    });
    after(() => resources.close());

    /** A results page: its status, text, HTML and the products of its cards, in order. */
    const search = async (query: string, page?: number) => {
      const url = `/recherche?q=${encodeURIComponent(query)}${page === undefined ? '' : `&page=${page}`}`;
      const response = await app.inject(url);
      const codes = [
        ...response.body.matchAll(/<a class="stretched-link" href="\/produit\/(\d+)\/substituts">/g),
      ].map((match) => match[1] as string);
      const rows = await testDb.db.query<{
        code: string;
        name: string;
        brands: string | null;
        categories: string[];
      }>(
        `SELECT p.code, p.name, p.brands,
           ARRAY(SELECT c.name FROM categories c WHERE c.id = ANY (p.category_ids)) AS categories
         FROM products p WHERE p.code = ANY ($1::text[])`,
        [codes],
      );
      const byCode = new Map(rows.map((row) => [row.code, row]));
      const products = codes.map((code) => {
        const product = byCode.get(code);
        assert.ok(product !== undefined, code);
        return product;
      });
      return { status: response.statusCode, html: response.body, text: toText(response.body), products };
    };

    it('finds products by their brand: "bonduelle" lists Bonduelle carrots whose name does not say so', async () => {
      const { status, products } = await search('bonduelle');
      assert.equal(status, 200);
      assert.ok(products.every((product) => /bonduelle/i.test(`${product.name} ${product.brands}`)));
      assert.ok(
        products.some(
          (product) => product.name === 'carottes rapées' && /bonduelle/i.test(product.brands ?? ''),
        ),
        products.map((product) => product.name).join(' | '),
      );
    });

    it('finds LU biscuits for "LU", a two-letter brand, and no lentils or other "lu…" words', async () => {
      const { status, products } = await search('LU');
      assert.equal(status, 200);
      assert.ok(products.some((product) => product.name === 'LU Chamonix'));
      assert.ok(products.some((product) => product.name === 'petit beurre Lu'));
      for (const product of products) {
        assert.match(`${product.name} ${product.brands ?? ''}`, /\blu\b/i, product.name);
      }
    });

    it('finds products by category: "céréales" lists cereal products whose name does not say so', async () => {
      const first = await search('céréales');
      assert.equal(first.status, 200);
      const pages = Number(/Page 1 sur (\d+)/.exec(first.text)?.[1] ?? 1);
      const all = [...first.products];
      for (let page = 2; page <= pages; page++) all.push(...(await search('céréales', page)).products);
      // By name: a word of the name starts with "cereales" (what the search matches).
      const named = (product: { name: string }) => /(^|[^\p{L}\p{N}])cereales/u.test(toFolded(product.name));
      const byCategory = all.filter(
        (product) => !/cereale/.test(toFolded(`${product.name} ${product.brands ?? ''}`)),
      );
      assert.ok(byCategory.length > 0, 'no product found through its category');
      for (const product of byCategory) {
        assert.ok(
          product.categories.some((category) => /cereales/.test(toFolded(category))),
          `${product.name}: ${product.categories.join(', ')}`,
        );
      }
      // Products named after the search come before those found only through a category.
      const order = all.map(named);
      assert.deepEqual(order, [...order].sort().reverse(), all.map((product) => product.name).join(' | '));
    });

    it('ranks first the products whose name and brand both match ("chocolat lindt")', async () => {
      const { status, products } = await search('chocolat lindt');
      assert.equal(status, 200);
      const words = /chocolat|lindt/i;
      const both = products.map((product) => words.test(product.name) && words.test(product.brands ?? ''));
      assert.deepEqual(
        both,
        [...both].sort().reverse(),
        JSON.stringify(products.map((p) => [p.name, p.brands])),
      );
      const position = (name: string) => products.findIndex((product) => product.name === name);
      // Name "chocolat", brand Lindt, before a record naming both words but giving no brand.
      assert.ok(position('Chocolat noir roasted hazelnut') >= 0);
      assert.ok(position('Chocolat Lindt Noir Extra fondant. 52% cacao') >= 0);
      assert.ok(
        position('Chocolat noir roasted hazelnut') < position('Chocolat Lindt Noir Extra fondant. 52% cacao'),
      );
    });

    it('shows brand, quantity and Nutri-Score on result cards, and finds a brand\'s products by brand ("lindt")', async () => {
      const { status, text, products } = await search('lindt');
      assert.equal(status, 200);
      assert.equal(products[0]?.name, 'Lindt Excellence 85% Cocoa Extra Dark');
      assert.match(
        text,
        /Lindt Excellence 85% Cocoa Extra Dark Lindt · 100g Code-barres 0009542005948 Nutri-Score/,
      );
      assert.ok(products.some((product) => !/lindt/i.test(product.name)));
    });

    it('pages the results: "jambon" has a page 2, different from page 1, with links both ways', async () => {
      const first = await search('jambon');
      assert.equal(first.status, 200, 'one ham named "Jambon" among a hundred is not a clear match');
      assert.equal(first.products.length, 20);
      assert.match(
        first.html,
        /<a class="page-link" href="\/recherche\?q=jambon&amp;page=2" rel="next">Page suivante<\/a>/,
      );
      assert.doesNotMatch(first.html, /rel="prev"/);
      assert.doesNotMatch(first.text, /seuls les plus consultés/, 'a catalogue of 6,000 is ranked whole');
      const second = await search('jambon', 2);
      assert.equal(second.status, 200);
      assert.ok(second.products.length > 0);
      const firstCodes = new Set(first.products.map((product) => product.code));
      assert.ok(
        second.products.every((product) => !firstCodes.has(product.code)),
        'page 2 repeats page 1',
      );
      assert.match(
        second.html,
        /<a class="page-link" href="\/recherche\?q=jambon" rel="prev">Page précédente<\/a>/,
      );
      assert.match(second.text, /Page 2 sur \d+/);
      for (const product of [...first.products, ...second.products])
        assert.match(toKey(product.name), /jambon/);
    });

    it('says kindly that a page past the end does not exist, with a way back to page 1', async () => {
      const past = await search('jambon', 99);
      assert.equal(past.status, 404);
      assert.match(past.text, /Il n’y a pas de page 99 de résultats pour « jambon »/);
      assert.match(past.html, /href="\/recherche\?q=jambon">Revenir à la première page des résultats/);
      assert.doesNotMatch(past.text, /code-barres/i);
      const huge = await app.inject(`/recherche?q=jambon&page=${'9'.repeat(400)}`);
      assert.ok(huge.statusCode === 400 || huge.statusCode === 404, String(huge.statusCode));
    });

    it('lists a single partial match instead of jumping to it ("danone")', async () => {
      const { status, products } = await search('danone');
      assert.equal(status, 200);
      assert.equal(products.length, 1);
    });

    it('spells typos right and says so: "nutela", "bonduele" (a brand), "confitrue de fraises"', async () => {
      for (const [typed, meant, pattern] of [
        ['nutela', 'nutella', /nutella/i],
        ['bonduele', 'bonduelle', /bonduelle/i],
        ['confitrue de fraises', 'confiture de fraises', /confiture/i],
      ] as const) {
        const { status, text, html, products } = await search(typed);
        assert.equal(status, 200, typed);
        assert.match(text, new RegExp(`Résultats pour « ${meant} »`), typed);
        assert.match(text, new RegExp(`Aucun produit ne correspond à « ${typed} »`), typed);
        const asTyped = `/recherche?q=${encodeURIComponent(typed).replaceAll('%20', '+')}&amp;exact=1`;
        assert.ok(html.includes(`href="${asTyped}"`), `${typed}: no link to ${asTyped}`);
        assert.ok(products.length > 0, typed);
        for (const product of products) {
          assert.match(`${product.name} ${product.brands ?? ''} ${product.categories.join(' ')}`, pattern);
        }
      }
      // A product named Nutella comes first, not one that only mentions it.
      const { products } = await search('nutela');
      assert.match(products[0]?.name ?? '', /^nutella/i);
    });

    it('takes a rare word for a typo of a frequent one: "camenbert" lists camemberts, not one misspelt record', async () => {
      const asTyped = await search('camenbert', undefined);
      assert.equal(asTyped.status, 200);
      assert.match(asTyped.text, /Résultats pour « camembert »/);
      assert.ok(asTyped.products.length > 5, String(asTyped.products.length));
      assert.ok(
        asTyped.products.every((product) =>
          /camembert/i.test(`${product.name} ${product.categories.join(' ')}`),
        ),
      );
      // The words as typed still find the record that spells it so.
      const exact = await app.inject('/recherche?q=camenbert&exact=1');
      assert.match(toText(exact.body), /Camenbert de Normandie/);
      assert.doesNotMatch(toText(exact.body), /Résultats pour « camembert »/);
    });

    it('corrects nothing when the words match ("chocolat noir"), and says plainly when nothing is close ("zzkqwx")', async () => {
      const found = await search('chocolat noir');
      assert.equal(found.status, 200);
      assert.doesNotMatch(found.text, /Aucun produit ne correspond/);
      const none = await search('zzkqwx');
      assert.equal(none.status, 200);
      assert.match(none.text, /Aucun produit ne correspond à « zzkqwx »\./);
      assert.equal(none.products.length, 0);
    });

    it('suggests names with their brand, and "Coca Cola Zero" / "Coca-Cola Zero" only once', async () => {
      const [spellings] = await testDb.db.query<{ names: string[] }>(
        `SELECT array_agg(DISTINCT name) AS names FROM products
         WHERE name IN ('Coca Cola Zero', 'Coca-Cola Zero') AND brands IS NULL
           AND (countries_tags = '{}' OR 'en:france' = ANY (countries_tags))`,
      );
      assert.deepEqual(
        spellings?.names.sort(),
        ['Coca Cola Zero', 'Coca-Cola Zero'],
        'the fixtures hold both',
      );
      for (const prefix of ['coca', 'Coca-Cola Z', 'coca cola z', 'jamb', 'pate a', 'lait demi']) {
        const response = await app.inject(`/api/autocomplete?q=${encodeURIComponent(prefix)}`);
        assert.equal(response.statusCode, 200);
        const suggestions: { name: string; brand: string | null }[] = response.json().suggestions;
        assert.ok(suggestions.length > 0, prefix);
        const keys = suggestions.map(
          (suggestion) => `${toKey(suggestion.name)}/${toKey(suggestion.brand ?? '')}`,
        );
        assert.equal(new Set(keys).size, keys.length, `${prefix}: ${JSON.stringify(suggestions)}`);
      }
      const zero = (await app.inject('/api/autocomplete?q=coca%20cola%20zero')).json().suggestions;
      assert.equal(
        zero.filter((suggestion: { name: string }) => toKey(suggestion.name) === 'cocacolazero').length,
        1,
      );
      const lindt = (await app.inject('/api/autocomplete?q=lind')).json().suggestions;
      assert.deepEqual(lindt[0], { name: 'Lindt Excellence 85% Cocoa Extra Dark', brand: 'Lindt' });
    });
  });
}
