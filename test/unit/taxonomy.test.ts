import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseTaxonomy,
  TaxonomyError,
  toMatchKey,
  toTaxonomyCategories,
  toTaxonomyIndex,
} from '../../src/off/taxonomy.js';
import { generateTaxonomy } from '../support/catalogue-generator.js';

// The shape of OFF's categories.full.json (entries copied from the real file, trimmed).
const TAXONOMY = {
  'en:spreads': { name: { en: 'Spreads', fr: 'Produits à tartiner' } },
  'en:sweet-spreads': {
    name: { en: 'Sweet spreads', fr: 'Produits à tartiner sucrés' },
    parents: ['en:spreads'],
  },
  'en:hazelnut-spreads': {
    name: { en: 'Hazelnut spreads', fr: 'Pâtes à tartiner aux noisettes' },
    parents: ['en:sweet-spreads'],
  },
  'en:chocolate-spreads': {
    name: { en: 'Chocolate spreads', fr: 'Pâtes à tartiner au chocolat' },
    parents: ['en:sweet-spreads'],
  },
  'en:cocoa-and-hazelnuts-spreads': {
    name: { en: 'Cocoa and hazelnuts spreads', fr: 'Pâtes à tartiner aux noisettes et au cacao' },
    parents: ['en:chocolate-spreads', 'en:hazelnut-spreads'],
    synonyms: {
      fr: ['Pâtes à tartiner aux noisettes et au cacao', 'pâtes à tartiner au chocolat et aux noisettes'],
    },
    children: [],
  },
  'en:dairies': {
    name: { en: 'Dairies', fr: 'Produits laitiers' },
    synonyms: { fr: ['Produits laitiers', 'laitages'], en: ['Dairies', 'Dairy'] },
  },
};

describe('OFF’s category taxonomy', () => {
  it('reads names, parents and depth: the deeper, the more specific', () => {
    const { categories, skipped } = parseTaxonomy(TAXONOMY);
    assert.equal(skipped, 0);
    const spread = categories.find((category) => category.tag === 'en:cocoa-and-hazelnuts-spreads');
    assert.equal(spread?.nameFr, 'Pâtes à tartiner aux noisettes et au cacao');
    assert.equal(spread?.nameEn, 'Cocoa and hazelnuts spreads');
    assert.deepEqual(spread?.parents, ['en:chocolate-spreads', 'en:hazelnut-spreads']);
    assert.equal(spread?.depth, 3);
    assert.equal(categories.find((category) => category.tag === 'en:spreads')?.depth, 0);
  });

  it('skips malformed entries, keeps the good ones, and never crashes', () => {
    const { categories, skipped } = parseTaxonomy({
      ...TAXONOMY,
      'not a tag': { name: { en: 'x' } },
      'en:string-entry': 'Sodas',
      'en:null-entry': null,
      'en:bad-name': { name: 'Colas' },
      'en:bad-parents': { parents: 'en:sodas' },
      'en:odd-values': {
        name: { fr: 42, en: ['x'] },
        parents: [7, 'en:unknown', 'en:spreads'],
        synonyms: { fr: 'laitages' },
      },
      'en:cycle-a': { parents: ['en:cycle-b'] },
      'en:cycle-b': { parents: ['en:cycle-a'] },
    });
    assert.equal(skipped, 5);
    const odd = categories.find((category) => category.tag === 'en:odd-values');
    assert.deepEqual(
      { nameFr: odd?.nameFr, nameEn: odd?.nameEn, parents: odd?.parents, depth: odd?.depth },
      { nameFr: null, nameEn: null, parents: ['en:spreads'], depth: 1 },
    );
    assert.ok(categories.some((category) => category.tag === 'en:cycle-a'));
  });

  it('refuses a file that is not an object of entries, saying what it got', () => {
    assert.throws(() => parseTaxonomy([]), TaxonomyError);
    assert.throws(() => parseTaxonomy(null), /got null, expected an object keyed by tag/);
    assert.throws(() => parseTaxonomy('categories'), /got string/);
  });

  it('maps display names to tags through names and synonyms, and adds the ancestors', () => {
    const index = toTaxonomyIndex(parseTaxonomy(TAXONOMY).categories);
    assert.equal(toMatchKey('fr:Produits Laitiers'), 'fr:produits-laitiers');
    assert.deepEqual(
      toTaxonomyCategories([{ tag: 'fr:produits-laitiers', name: 'Produits Laitiers' }], index),
      [{ tag: 'en:dairies', name: 'Produits laitiers' }],
    );
    // A synonym, accents and case folded; an English name written with an `fr:` prefix.
    assert.deepEqual(
      toTaxonomyCategories(
        [
          { tag: 'fr:pates-a-tartiner-au-chocolat-et-aux-noisettes', name: null },
          { tag: 'fr:dairy', name: null },
          { tag: 'fr:camembert-au-lait-cru', name: 'Camembert au lait cru' },
        ],
        index,
      ).map((category) => category.tag),
      [
        'en:spreads',
        'en:dairies',
        'en:sweet-spreads',
        'en:chocolate-spreads',
        'en:hazelnut-spreads',
        'en:cocoa-and-hazelnuts-spreads',
        'fr:camembert-au-lait-cru',
      ],
    );
    // Without a taxonomy, nothing changes.
    const categories = [{ tag: 'fr:produits-laitiers', name: 'Produits Laitiers' }];
    assert.deepEqual(toTaxonomyCategories(categories, toTaxonomyIndex([])), categories);
  });
});

describe('the generated catalogue’s taxonomy (the 1M benchmarks)', () => {
  it('has OFF’s shape: every entry read, broad roots and deep leaves, French names', () => {
    const { categories, skipped } = parseTaxonomy(generateTaxonomy());
    assert.equal(skipped, 0);
    const depths = categories.map((category) => category.depth);
    assert.ok(depths.filter((depth) => depth === 0).length >= 5, 'several roots');
    assert.ok(Math.max(...depths) >= 4, 'leaves at least 4 deep');
    assert.ok(categories.every((category) => category.nameFr !== null));
  });
});
