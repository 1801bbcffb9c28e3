import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCategoryChain } from '../../src/products/reference-category.js';

// Nutella's categories in OFF's order (root first), as the 2024 dump records them.
const NUTELLA = [
  { id: 1, tag: 'en:breakfasts', productCount: 900 },
  { id: 2, tag: 'en:spreads', productCount: 400 },
  { id: 3, tag: 'en:sweet-spreads', productCount: 200 },
  { id: 4, tag: 'fr:pates-a-tartiner', productCount: 150 },
  { id: 5, tag: 'en:hazelnut-spreads', productCount: 60 },
  { id: 6, tag: 'en:chocolate-spreads', productCount: 80 },
  { id: 7, tag: 'en:cocoa-and-hazelnuts-spreads', productCount: 50 },
];
const ids = NUTELLA.map((category) => category.id);
const tags = (chain: { tag: string }[]) => chain.map((category) => category.tag);

describe('the reference category', () => {
  it('is OFF’s compared_to_category, widened one parent at a time', () => {
    assert.deepEqual(tags(toCategoryChain(ids, NUTELLA, 7)), [
      'en:cocoa-and-hazelnuts-spreads',
      'en:hazelnut-spreads',
    ]);
  });

  it('is the category with the fewest products when no hierarchy is known', () => {
    const shuffled = [5, 3, 1, 2, 6, 4, 7];
    assert.equal(toCategoryChain(shuffled, NUTELLA, null)[0]?.tag, 'en:cocoa-and-hazelnuts-spreads');
  });

  it('prefers OFF’s taxonomy tags to an untaxonomised entry carried by fewer products', () => {
    const rare = NUTELLA.map((category) => (category.id === 4 ? { ...category, productCount: 3 } : category));
    assert.equal(toCategoryChain(ids, rare, null)[0]?.tag, 'en:cocoa-and-hazelnuts-spreads');
    const onlyFrench = [{ id: 4, tag: 'fr:pates-a-tartiner', productCount: 3 }];
    assert.equal(toCategoryChain([4], onlyFrench, null)[0]?.tag, 'fr:pates-a-tartiner');
  });

  it('is never a broad root, and there is none when only roots are left', () => {
    assert.deepEqual(tags(toCategoryChain(ids, NUTELLA, 1)), [
      'en:cocoa-and-hazelnuts-spreads',
      'en:hazelnut-spreads',
    ]);
    const snacks = [{ id: 9, tag: 'en:snacks', productCount: 3 }];
    assert.deepEqual(toCategoryChain([9], snacks, 9), []);
    assert.deepEqual(toCategoryChain([], [], null), []);
  });

  it('never widens to a category below the reference', () => {
    // compared_to_category en:sweet-spreads: its parents only (en:spreads is a broad root).
    assert.deepEqual(tags(toCategoryChain(ids, NUTELLA, 3)), ['en:sweet-spreads']);
  });
});
