// Spelling correction's choices (issue 12): which vocabulary word a typed word is taken for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyCorrections,
  chooseCorrection,
  maxEdits,
  toCorrectableWords,
  type VocabularyWord,
} from '../../src/search/search-query.js';

const words = (...list: [string, number][]): VocabularyWord[] =>
  list.map(([word, frequency]) => ({ word, frequency }));

describe('spelling correction', () => {
  it('takes each kind of slip for the word meant: a letter dropped, doubled, changed, or two swapped', () => {
    const vocabulary = words(['nutella', 500], ['camembert', 300], ['chocapic', 40], ['confiture', 200]);
    assert.equal(chooseCorrection('nutela', vocabulary), 'nutella');
    assert.equal(chooseCorrection('nuttella', vocabulary), 'nutella');
    assert.equal(chooseCorrection('camenbert', vocabulary), 'camembert');
    assert.equal(chooseCorrection('chocapik', vocabulary), 'chocapic');
    assert.equal(chooseCorrection('confitrue', vocabulary), 'confiture');
  });

  it('prefers the fewest edits, then the most frequent word, then the first alphabetically', () => {
    assert.equal(chooseCorrection('lati', words(['lait', 900], ['latte', 5000])), 'lait');
    assert.equal(chooseCorrection('pattes', words(['pates', 100], ['patte', 3], ['pattes', 0])), 'pates');
    assert.equal(chooseCorrection('bere', words(['bire', 7], ['bore', 7])), 'bire');
  });

  it('leaves a word alone when nothing is close enough: one edit up to 4 letters, two beyond', () => {
    assert.equal(maxEdits('lait'), 1);
    assert.equal(maxEdits('yaourt'), 2);
    assert.equal(chooseCorrection('tiaf', words(['lait', 900])), null);
    assert.equal(chooseCorrection('xylophone', words(['yaourt', 900], ['nutella', 500])), null);
    assert.equal(chooseCorrection('nutela', []), null);
  });

  it('takes a rare word for a typo only of a far more frequent word, within the edits allowed', () => {
    const vocabulary = words(['camenbert', 1], ['camembert', 19], ['camemberts', 2]);
    assert.equal(chooseCorrection('camenbert', vocabulary, { edits: 1, minFrequency: 10 }), 'camembert');
    assert.equal(chooseCorrection('camenbert', vocabulary, { edits: 1, minFrequency: 20 }), null);
    assert.equal(chooseCorrection('camenberts', vocabulary, { edits: 1, minFrequency: 10 }), null);
  });

  it('corrects words of 3 characters or more with a letter, not stop words, numbers or repeats', () => {
    assert.deepEqual(toCorrectableWords('pate a tartiner nutela 400 g nutela'), [
      'pate',
      'tartiner',
      'nutela',
    ]);
    assert.deepEqual(toCorrectableWords('lu de la'), []);
    assert.deepEqual(toCorrectableWords('7up coca-cola'), ['7up', 'coca', 'cola']);
  });

  it('replaces whole words only, keeping spaces and punctuation', () => {
    const corrections = new Map([['nutela', 'nutella']]);
    assert.equal(
      applyCorrections('pate a tartiner nutela, 400 g', corrections),
      'pate a tartiner nutella, 400 g',
    );
    assert.equal(applyCorrections('nutelas nutela', corrections), 'nutelas nutella');
  });
});
