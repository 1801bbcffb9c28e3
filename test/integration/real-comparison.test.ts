// Issue 12, items 5 and 8, on real Open Food Facts records (test/fixtures/off): the richer product
// sheet and the side-by-side comparison of a product and one substitute.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { toText } from '../support/html-text.js';
import { createInjectBrowser } from '../support/inject-browser.js';
import { REAL_FIXTURES } from '../support/off-samples.js';
import { Resources } from '../support/resources.js';
import { startTestSite } from '../support/test-app.js';

const NUTELLA = '3017620422003';
// Marks & Spencer All Butter Sultana Cookies (dump): Nova 4, Green-Score C, gluten and milk.
const COOKIES = '00011686';
// Coca-Cola "Original" (2021 dump): a drink, 10.6 g of sugars per 100 ml.
const COCA_COLA = '5449000267412';
// Coca-Cola 33 cl (2019 fixture): every nutriment 0 in the source, so none known.
const COCA_COLA_NO_NUTRIMENTS = '5449000028921';

describe('the product sheet and the comparison page on real Open Food Facts data', () => {
  let app: FastifyInstance;
  const resources = new Resources();
  before(async () => {
    ({ app } = await startTestSite(resources, { fixtures: REAL_FIXTURES }));
  });
  after(() => resources.close());

  const get = async (url: string, status = 200) => {
    const response = await app.inject(url);
    assert.equal(response.statusCode, status, url);
    return response.body;
  };

  /** The first substitute card's comparison link on a product's substitutes page. */
  const firstComparison = async (code: string) => {
    const html = await get(`/produit/${code}/substituts`);
    const link = new RegExp(`href="(/produit/${code}/comparer/(\\d+))"`).exec(html);
    assert.ok(link !== null, `${code}: no comparison link in ${toText(html).slice(0, 600)}`);
    return { url: link[1] as string, other: link[2] as string };
  };

  /** The text of one row of the comparison table, by its criterion. */
  const row = (html: string, criterion: string) => {
    const found = new RegExp(`<th scope="row">${criterion}</th>(.*?)</tr>`).exec(html);
    assert.ok(found !== null, `no row ${criterion}`);
    return [...(found[1] as string).matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) =>
      toText(cell[1] as string).trim(),
    );
  };

  describe('the sheet shows what shoppers look for', () => {
    it('shows Nova, Green-Score, allergens, additives, labels and ingredients in French', async () => {
      const html = await get(`/produit/${COOKIES}`);
      const text = toText(html);
      assert.match(text, /Groupe Nova Nova 4 : Produits alimentaires et boissons ultra-transformés/);
      assert.match(text, /Green-Score Green-Score C/);
      assert.match(text, /Allergènes Gluten, Lait/);
      assert.match(text, /Additifs E450 – diphosphates, E500 – carbonates de sodium/);
      assert.match(text, /Labels Végétarien, Point vert, Pure butter/);
      // OFF marks allergens in the ingredients as _blé_: bold on the page, underscores gone.
      assert.match(html, /Farine de <strong>blé<\/strong>/);
      assert.match(text, /Code-barres 00011686/);
      assert.match(text, /Énergie \d+ kcal Fibres [\d,]+ g Protéines [\d,]+ g/);
      assert.match(html, /href="https:\/\/fr\.openfoodfacts\.org\/produit\/00011686"/);
    });

    it('says "non renseigné" where the record does not say, never "none"', async () => {
      // Nutella of the 2019 Pur Beurre fixture: no ingredients, allergens, additives nor labels.
      const text = toText(await get(`/produit/${NUTELLA}`));
      assert.match(text, /Allergènes non renseigné/);
      assert.match(text, /Additifs non renseigné/);
      assert.match(text, /Ingrédients non renseigné/);
      assert.doesNotMatch(text, /aucun allergène|aucun additif/);
    });

    it('gives a drink’s nutrients per 100 ml', async () => {
      assert.match(toText(await get(`/produit/${COCA_COLA}`)), /Repères nutritionnels pour 100 ml/);
    });
  });

  describe('a product and one substitute side by side', () => {
    it('compares Nutella with its first substitute, the better values marked in words', async () => {
      const { url, other } = await firstComparison(NUTELLA);
      const html = await get(url);
      const text = toText(html);
      assert.match(text, /Comparaison pour 100 g/);
      for (const criterion of [
        'Nutri-Score',
        'Groupe Nova',
        'Sucres',
        'Acides gras saturés',
        'Sel',
        'Matières grasses',
        'Fibres',
        'Protéines',
        'Énergie',
      ]) {
        assert.equal(row(html, criterion).length, 2, criterion);
      }
      // A substitute has the better Nutri-Score, and the page says so in words.
      const [nutella, substitute] = row(html, 'Nutri-Score');
      assert.match(nutella ?? '', /Nutri-Score E \(ancien calcul, avant 2023\)/);
      assert.match(substitute ?? '', /✓ meilleur$/);
      assert.match(row(html, 'Sucres')[0] ?? '', /^56 g quantité élevée/);
      assert.match(html, new RegExp(`href="/produit/${NUTELLA}"`));
      assert.match(html, new RegExp(`href="/produit/${other}"`));
      assert.equal([...html.matchAll(/<img [^>]*class="product-picture/g)].length, 2);
      // An offered substitute can be saved from here (a visitor goes through the log-in page).
      assert.match(html, new RegExp(`sauver=${NUTELLA}-${other}`));
    });

    it('compares a drink per 100 ml and makes no claim on a record without nutriments', async () => {
      const { url } = await firstComparison(COCA_COLA_NO_NUTRIMENTS);
      const html = await get(url);
      assert.match(toText(html), /Comparaison pour 100 ml/);
      for (const criterion of ['Sucres', 'Acides gras saturés', 'Sel', 'Matières grasses', 'Énergie']) {
        const [coke, other] = row(html, criterion);
        assert.match(coke ?? '', /^non renseigné$/, criterion);
        assert.doesNotMatch(other ?? '', /meilleur/, criterion);
      }
    });

    it('compares any two products, without a save button when the other is not a substitute', async () => {
      const html = await get(`/produit/${NUTELLA}/comparer/${COCA_COLA}`);
      assert.match(toText(html), /n’est pas un substitut que nous proposons/);
      assert.doesNotMatch(html, /sauver=|Sauvegarder/);
    });

    it('saves the substitute from the comparison page and then shows it saved', async () => {
      const { url, other } = await firstComparison(NUTELLA);
      const browser = createInjectBrowser(app);
      await browser.get('/inscription');
      const password = 'du-beurre-de-qualite';
      const signUp = await browser.post('/inscription', {
        email: 'comparer@example.org',
        firstName: 'Colette',
        lastName: '',
        password,
        passwordConfirm: password,
        next: url,
      });
      assert.equal(signUp.statusCode, 303);
      const unsaved = await browser.get(url);
      assert.match(unsaved.body, new RegExp(`name="substitute" value="${other}"`));
      const saved = await browser.post('/mes-aliments', { product: NUTELLA, substitute: other, next: url });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, url);
      const savedPage = toText((await browser.get(url)).body);
      assert.match(savedPage, /Sauvegardé ✓/);
      assert.match(savedPage, /Retirer/);
    });

    it('answers an unknown barcode with a 404 and a bad one with a 400', async () => {
      assert.match(
        toText(await get(`/produit/${NUTELLA}/comparer/0000000000001`, 404)),
        /Produit introuvable/,
      );
      assert.match(
        toText(await get(`/produit/0000000000001/comparer/${NUTELLA}`, 404)),
        /Produit introuvable/,
      );
      await get(`/produit/${NUTELLA}/comparer/abc`, 400);
      await get(`/produit/x${NUTELLA}/comparer/${COOKIES}`, 400);
      await get(`/produit/${NUTELLA}/comparer/${'1'.repeat(25)}`, 400);
    });
  });
});
