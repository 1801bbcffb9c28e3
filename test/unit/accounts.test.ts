import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkNewPassword, toEmail } from '../../src/accounts/account-forms.js';
import { isCommonPassword } from '../../src/accounts/common-passwords.js';
import { createPasswords } from '../../src/accounts/password.js';

describe('e-mail addresses', () => {
  it('has one spelling per address: NFKC, no invisible characters, trimmed, lower-case', () => {
    for (const variant of [
      'bob@example.com',
      'ｂｏｂ@example.com',
      'BOB@EXAMPLE.COM',
      ' bob@example.com\t',
      'b\u200bob@example.com',
      '\ufeffbob@exa\u200dmple.com',
      'bo\u00adb@example.com',
      'bob\u2060@example.com',
      'bob＠example.com',
    ])
      assert.equal(toEmail(variant), 'bob@example.com', JSON.stringify(variant));
    assert.equal(toEmail(undefined), '');
  });
});

describe('new passwords', () => {
  it('refuses the common ones, in any case, and one or two characters repeated', () => {
    for (const common of [
      'azertyuiop',
      'QWERTYUIOP',
      '1234567890',
      'motdepasse',
      'aaaaaaaaaa',
      'abababababab',
    ])
      assert.equal(isCommonPassword(common), true, common);
    for (const fine of ['du-beurre-de-qualite', 'Colette aime le beurre salé'])
      assert.equal(isCommonPassword(fine), false, fine);
  });

  it('reports every problem at once', () => {
    assert.deepEqual(Object.keys(checkNewPassword('court', 'autre')), ['password', 'passwordConfirm']);
    assert.deepEqual(Object.keys(checkNewPassword('azertyuiop', 'azertyuiop')), ['password']);
    assert.deepEqual(checkNewPassword('du-beurre-de-qualite', 'du-beurre-de-qualite'), {});
  });
});

describe('password hashes', () => {
  it("are scrypt at OWASP's cost by default, salted, and verify only the right password", async () => {
    const passwords = createPasswords();
    const [first, second] = await Promise.all([
      passwords.hash('un-mot-de-passe-solide'),
      passwords.hash('un-mot-de-passe-solide'),
    ]);
    assert.match(first, /^scrypt\$32768\$8\$3\$/);
    assert.notEqual(first, second);
    assert.equal(await passwords.verify('un-mot-de-passe-solide', first), true);
    assert.equal(await passwords.verify('un-mot-de-passe-solidE', first), false);
  });

  it('stay verifiable after the cost changes, since each hash carries its own', async () => {
    const cheap = await createPasswords({ N: 2 ** 10, r: 8, p: 1 }).hash('ancien-mot-de-passe');
    assert.equal(await createPasswords().verify('ancien-mot-de-passe', cheap), true);
  });
});
