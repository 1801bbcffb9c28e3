// Password hashing with scrypt, Node's built-in memory-hard KDF (docs/decisions/005-accounts-sessions-search.md).
// The cost is stored with each hash, so raising it later keeps old hashes verifiable.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt profile: 32 MiB and about a tenth of a second per hash. */
export const OWASP_SCRYPT_COST: ScryptCost = Object.freeze({ N: 2 ** 15, r: 8, p: 3 });

export interface Passwords {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** Spends the same time as a real check, so a login with an unknown address is not faster. */
  verifyAgainstNothing(password: string): Promise<false>;
}

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scryptAsync(
  password: string,
  salt: Buffer,
  options: ScryptOptions,
  length: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      length,
      { ...options, maxmem: 256 * 1024 * 1024 },
      (error, key) => (error === null ? resolve(key) : reject(error)),
    );
  });
}

/** Hashing at `cost`; only tests that sign up thousands of times choose a lower one. */
export function createPasswords(cost: ScryptCost = OWASP_SCRYPT_COST): Passwords {
  const hash = async (password: string) => {
    const salt = randomBytes(SALT_LENGTH);
    const key = await scryptAsync(password, salt, cost, KEY_LENGTH);
    return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
  };
  const verify = async (password: string, stored: string) => {
    const [kind, n, r, p, salt, hashed] = stored.split('$');
    if (kind !== 'scrypt' || salt === undefined || hashed === undefined) return false;
    const expected = Buffer.from(hashed, 'base64');
    const key = await scryptAsync(
      password,
      Buffer.from(salt, 'base64'),
      { N: Number(n), r: Number(r), p: Number(p) },
      expected.length,
    );
    return timingSafeEqual(key, expected);
  };
  let dummyHash: Promise<string> | null = null;
  return {
    hash,
    verify,
    async verifyAgainstNothing(password) {
      dummyHash ??= hash('pur-beurre-dummy-password');
      await verify(password, await dummyHash);
      return false;
    },
  };
}
