/** Random identifiers and API credentials. */
import { randomBytes, randomUUID } from 'node:crypto';

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number): string {
  const bytes = randomBytes(length);
  let text = '';
  // 256 is not a multiple of 36, so a byte above the last whole multiple
  // would bias the result; such bytes are redrawn.
  const limit = 256 - (256 % KEY_ALPHABET.length);
  for (let i = 0; text.length < length; i++) {
    if (i >= bytes.length) return text + randomString(length - text.length);
    const byte = bytes[i]!;
    if (byte < limit) text += KEY_ALPHABET[byte % KEY_ALPHABET.length];
  }
  return text;
}

export function newId(): string {
  return randomUUID();
}

/** Generates an app's public API key: 12 lower-case letters and digits. */
export function newApiKey(): string {
  return randomString(12);
}

/** Generates an app's API secret: 64 lower-case letters and digits. */
export function newApiSecret(): string {
  return randomString(64);
}
