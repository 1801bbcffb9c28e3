import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSignUp } from '../../src/accounts/account-forms.js';
import { toImprovements } from '../../src/products/improvements.js';
import { toPageWindow } from '../../src/products/substitutes.view.js';
import { toClearMatch } from '../../src/search/search.js';
import {
  toCleanQuery,
  toIndexQuery,
  toQueryWords,
  toSearchTerm,
  toSearchWords,
} from '../../src/search/search-query.js';
import { toSafeNext } from '../../src/web/safe-next.js';
import { CLIENT_GONE_KEY, toRateLimitKey } from '../../src/web/security.js';

describe('return addresses', () => {
  it('keeps same-site paths with their query', () => {
    assert.equal(
      toSafeNext('/produit/3017620422003/substituts?page=2'),
      '/produit/3017620422003/substituts?page=2',
    );
    assert.equal(toSafeNext('/mes-aliments'), '/mes-aliments');
    assert.equal(toSafeNext('/a/../b?x=1'), '/b?x=1');
    assert.equal(toSafeNext('/./mes-aliments'), '/mes-aliments');
  });
  it('refuses every way out of the site', () => {
    for (const forged of [
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/%2F%2Fevil.example',
      '/%5Cevil.example',
      '%2F%2Fevil.example',
      '/%252F%252Fevil.example',
      '/\t/evil.example',
      ' //evil.example',
      'evil.example',
      '',
      '/%E0%A4%A',
      // Dot segments resolve to a protocol-relative URL: judged after normalisation.
      '/.//evil.example',
      '/x/..//evil.example',
      '/%2e//evil.example',
      '/x/%2E%2E//evil.example',
      '/x/%252e%252e//evil.example',
      '/./%2F/evil.example',
      '/x/..%2F%2Fevil.example',
      '/.\\evil.example',
      '/x/..\\/evil.example',
    ]) {
      assert.equal(toSafeNext(forged), '/', forged);
    }
    assert.equal(toSafeNext(['/a', '/b']), '/');
  });
});

describe('search terms', () => {
  it('recognises barcodes, with the EAN-13 form of a UPC-12', () => {
    assert.deepEqual(toSearchTerm('3017620422003'), { kind: 'barcode', codes: ['3017620422003'] });
    assert.deepEqual(toSearchTerm('30176204'), { kind: 'barcode', codes: ['30176204'] });
    assert.deepEqual(toSearchTerm('062020000316'), {
      kind: 'barcode',
      codes: ['062020000316', '0062020000316'],
    });
    assert.deepEqual(toSearchTerm('3 017620 422003'), { kind: 'barcode', codes: ['3017620422003'] });
    assert.equal(toSearchTerm('nutella 400').kind, 'name');
    assert.equal(toSearchTerm('').kind, 'empty');
  });
  it('cleans control characters, broken unicode and long input', () => {
    assert.equal(toCleanQuery('  nu\u0000tel\u202ela  '), 'nu tel la');
    assert.equal(toCleanQuery('\ud800abc'), '\ufffdabc');
    assert.equal(toCleanQuery('a'.repeat(500)).length, 100);
    assert.equal(toCleanQuery(undefined), '');
  });
  it('keeps only words an index can serve: trigram (typos), full text (search)', () => {
    assert.deepEqual(toSearchWords('pate a tartiner de noisettes'), ['pate', 'tartiner', 'noisettes']);
    // Full-text words: stop words out, short words whole ("lu" is the brand LU), longer ones prefixes.
    assert.deepEqual(toQueryWords('pate a tartiner de noisettes'), ['pate:*', 'tartiner:*', 'noisettes:*']);
    assert.deepEqual(toQueryWords('lu petit-beurre'), ['lu', 'petit:*', 'beurre:*']);
    assert.deepEqual(toQueryWords("a la & | ! :* ' ("), []);
  });
  it('looks prefixes up by their words, leaving to the filter those with too many', () => {
    const vocabulary = new Map([
      ['pomme:*', { hits: 26_000, words: ['pomme', 'pommes'] }],
      ['banane:*', { hits: 866, words: ['banane'] }],
      ['cho:*', { hits: 400_000, words: null }],
      ['zzq:*', { hits: 0, words: [] }],
      ['aujourd:*', { hits: 3, words: ["aujourd'hui"] }],
    ]);
    assert.equal(toIndexQuery(['pomme:*', 'banane:*'], vocabulary), "('pomme' | 'pommes') & ('banane')");
    // Whole short words stay exact lookups; a number, or a prefix of too many words, is filtered.
    assert.equal(toIndexQuery(['lu', 'cho:*', '100:*', 'banane:*'], vocabulary), "'lu' & ('banane')");
    // Alone, they are looked up all the same; a prefix of no word finds nothing at once.
    assert.equal(toIndexQuery(['cho:*', '100:*'], vocabulary), "'cho':* & '100':*");
    assert.equal(toIndexQuery(['zzq:*', 'cho:*'], vocabulary), "'zzq':*");
    assert.equal(toIndexQuery(['aujourd:*'], vocabulary), "('aujourd\\'hui')");
  });
  it('goes straight to a product only when the match is clear', () => {
    const match = (code: string, exactName: boolean) => ({
      id: 1,
      code,
      name: code,
      brands: null,
      quantity: null,
      nutriscoreGrade: null,
      nutriscoreNotApplicable: false,
      imageSmallUrl: null,
      rank: exactName ? (1 as const) : (2 as const),
      exactName,
    });
    const found = (items: ReturnType<typeof match>[], total = items.length) => ({
      items,
      total,
      capped: false,
    });
    assert.equal(toClearMatch(found([match('1', true)]))?.code, '1');
    assert.equal(toClearMatch(found([match('1', false)])), null, 'one partial match is listed, not taken');
    assert.equal(
      toClearMatch(found([match('1', true), match('2', false)])),
      null,
      'one exact name among others',
    );
    assert.equal(toClearMatch(found([match('1', true), match('2', true)])), null);
    assert.equal(toClearMatch(found([match('1', true)], 40)), null, 'more matches on later pages');
  });
});

describe('what a substitute improves', () => {
  it('says how many grams less or more, biggest change first, and ignores noise', () => {
    const nutella = { fat: 30.9, saturatedFat: 10.6, sugars: 56.3, salt: 0.107 };
    const better = { fat: 30, saturatedFat: 4, sugars: 47, salt: 0.1 };
    assert.deepEqual(
      toImprovements(nutella, better).map((i) => i.text),
      [
        '−9,3 g de sucres / 100 g',
        '−6,6 g d’acides gras saturés / 100 g',
        '−0,9 g de matières grasses / 100 g',
      ],
    );
    // The card: −28 g of fat said, +19 g of sugars hidden; and "−0,08 g de sel" first.
    const butterCookie = { fat: 40, saturatedFat: 20, sugars: 10, salt: 0.5 };
    const cake = { fat: 12, saturatedFat: 6, sugars: 29, salt: 0.42 };
    assert.deepEqual(
      toImprovements(butterCookie, cake).map((i) => i.text),
      [
        '−28 g de matières grasses / 100 g',
        '+19 g de sucres / 100 g',
        '−14 g d’acides gras saturés / 100 g',
        '−0,08 g de sel / 100 g',
      ],
    );
  });

  it('compares only nutrients known in both records, per 100 ml for drinks', () => {
    const nutella = { fat: 30.9, saturatedFat: 10.6, sugars: 56.3, salt: 0.107 };
    assert.deepEqual(
      toImprovements(nutella, { fat: null, saturatedFat: null, sugars: 60, salt: 0.1 }).map((i) => i.text),
      ['+3,7 g de sucres / 100 g'],
    );
    const cola = { fat: 0, saturatedFat: 0, sugars: 10.6, salt: 0 };
    const light = { fat: 0, saturatedFat: 0, sugars: 4.5, salt: null };
    assert.deepEqual(
      toImprovements(cola, light, 'ml').map((i) => i.text),
      ['−6,1 g de sucres / 100 ml'],
    );
  });
});

describe('pagination', () => {
  it('shows the first, the last and the pages around the current one', () => {
    assert.deepEqual(toPageWindow(1, 3), [1, 2, 3]);
    assert.deepEqual(toPageWindow(10, 41), [1, null, 8, 9, 10, 11, 12, null, 41]);
  });
});

describe('sign-up form', () => {
  it('lists every problem at once', () => {
    const checked = checkSignUp({
      email: 'nope',
      firstName: ' ',
      password: 'short',
      passwordConfirm: 'short',
    });
    assert.equal(checked.ok, false);
    assert.deepEqual(Object.keys(checked.ok ? {} : checked.errors).sort(), [
      'email',
      'firstName',
      'password',
    ]);
  });
  it('normalises the address', () => {
    const checked = checkSignUp({
      email: ' Colette@Example.ORG ',
      firstName: 'Colette',
      lastName: '',
      password: 'du-beurre-et-du-bon',
      passwordConfirm: 'du-beurre-et-du-bon',
    });
    assert.deepEqual(checked.ok && checked.value, {
      email: 'colette@example.org',
      firstName: 'Colette',
      lastName: null,
      password: 'du-beurre-et-du-bon',
    });
  });
});

describe('rate-limit keys', () => {
  it('keys a client by its IPv4 address or its IPv6 /64, and one key for clients already gone', () => {
    assert.equal(toRateLimitKey({ ip: '203.0.113.7' }), '203.0.113.7');
    assert.equal(toRateLimitKey({ ip: '::ffff:203.0.113.7' }), '203.0.113.7');
    assert.equal(toRateLimitKey({ ip: '2001:db8:1:2:3:4:5:6' }), '2001:db8:1:2::/64');
    assert.equal(toRateLimitKey({ ip: '2001:DB8:1:2::9' }), '2001:db8:1:2::/64');
    assert.equal(toRateLimitKey({ ip: '2001:db8::1' }), '2001:db8:0:0::/64');
    assert.equal(toRateLimitKey({ ip: '::1' }), '0:0:0:0::/64');
    assert.equal(toRateLimitKey({ ip: '64:ff9b::192.0.2.33' }), '64:ff9b:0:0::/64');
    assert.equal(toRateLimitKey({ ip: undefined as unknown as string }), CLIENT_GONE_KEY);
  });
});
