/**
 * Password hashing with scrypt (Node's crypto, RFC 7914). The stored form
 * names its parameters, so they can be raised later without breaking old
 * hashes.
 */
import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

const KEY_LENGTH_BYTES = 64;
const SALT_LENGTH_BYTES = 16;
/** N = 2^15, r = 8, p = 1: about 32 MiB and tens of milliseconds a hash. */
const PARAMETERS = { N: 32768, r: 8, p: 1 } as const;
const MAX_MEMORY_BYTES = 64 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 12;

function scrypt(
  password: string,
  salt: Buffer,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, KEY_LENGTH_BYTES, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes a password into `scrypt$N$r$p$salt$key` (base64 parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH_BYTES);
  const key = await scrypt(password, salt, {
    ...PARAMETERS,
    maxmem: MAX_MEMORY_BYTES,
  });
  const { N, r, p } = PARAMETERS;
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')]
    .join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(
  password: string,
  stored: string,
): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY_BYTES,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A stored hash that no password matches, for unknown emails. */
let dummyHash: Promise<string> | undefined;
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** Generates a password of 20 characters for a first owner account. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
