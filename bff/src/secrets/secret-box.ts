/**
 * Encryption of secrets at rest: AES-256-GCM with a random 96-bit IV per
 * value. Each ciphertext names the id of its key, and the additional
 * authenticated data binds it to its row and column, so a ciphertext
 * copied to another app or field fails to decrypt.
 *
 * Stored form: `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'node:crypto';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const KEY_BYTES = 32;

/** A 256-bit key and its id, derived from the key so instances agree. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
}

/** Builds a key from 64 hex characters. */
export function keyFromHex(hex: string): SecretKey {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error(
      'A secrets key must be 32 bytes written as 64 hex characters; ' +
        'generate one with: openssl rand -hex 32',
    );
  }
  const key = Buffer.from(hex, 'hex');
  const id = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return { id, key };
}

export function generateKeyHex(): string {
  return randomBytes(KEY_BYTES).toString('hex');
}

/**
 * Encrypts and decrypts with a key ring: the current key encrypts, and
 * every key in the ring, older ones included, decrypts.
 */
export class SecretBox {
  private readonly byId: Map<string, SecretKey>;

  constructor(
    readonly current: SecretKey,
    previous: readonly SecretKey[] = [],
  ) {
    this.byId = new Map([current, ...previous].map((key) => [key.id, key]));
  }

  hasKey(id: string): boolean {
    return this.byId.has(id);
  }

  /** Encrypts `plaintext`; an empty string stays empty (nothing stored). */
  encrypt(plaintext: string, context: string): string {
    if (plaintext === '') return '';
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    return [
      `${PREFIX}${this.current.id}`,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join(':');
  }

  /** Decrypts a stored value; raises `SecretDecryptionError` on failure. */
  decrypt(stored: string, context: string): string {
    if (stored === '') return '';
    const parsed = parseStored(stored);
    const key = this.byId.get(parsed.keyId);
    if (!key) {
      throw new SecretDecryptionError(
        `secret is encrypted with key ${parsed.keyId}, which is not loaded`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, parsed.iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(parsed.tag);
      return Buffer.concat([
        decipher.update(parsed.ciphertext),
        decipher.final(),
      ]).toString('utf8');
    } catch (err) {
      throw new SecretDecryptionError(
        `secret failed authentication with key ${parsed.keyId}`,
        { cause: err },
      );
    }
  }

  /** Tells whether a stored value needs re-encryption under the current key. */
  isStale(stored: string): boolean {
    return stored !== '' && keyIdOf(stored) !== this.current.id;
  }
}

/** Returns the key id named by a stored value, or null for one in clear. */
export function keyIdOf(stored: string): string | null {
  if (!stored.startsWith(PREFIX)) return null;
  return stored.slice(PREFIX.length).split(':')[0] ?? null;
}

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

function parseStored(stored: string) {
  const parts = stored.startsWith(PREFIX)
    ? stored.slice(PREFIX.length).split(':')
    : [];
  const [keyId, iv, tag, ciphertext] = parts;
  if (parts.length !== 4 || !keyId || !iv || !tag || ciphertext === undefined) {
    throw new SecretDecryptionError('stored secret is not in enc:v1 form');
  }
  return {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
}
