/**
 * Loads the secrets key ring. `SECRETS_KEY` (64 hex characters) is the
 * current key, and `SECRETS_KEY_PREVIOUS` lists older keys that still
 * decrypt until re-encryption ends. Without `SECRETS_KEY`, the key file
 * `secrets.key` in the data folder is used, created with mode 0600 on
 * first start.
 *
 * Key file format: one key per line as 64 hex characters. The first line
 * is the current key; any further lines are older keys, kept there only
 * while `secrets rotate-key` re-encrypts. Blank lines are ignored.
 */
import fs from 'node:fs';
import path from 'node:path';

import {
  generateKeyHex,
  keyFromHex,
  SecretBox,
  type SecretKey,
} from './secret-box.js';

export const KEY_FILE = 'secrets.key';

export interface KeyRingOptions {
  dataDir: string;
  /** The current key as 64 hex characters; unset selects the key file. */
  secretsKey?: string | null | undefined;
  /** Older keys as 64 hex characters each; they only decrypt. */
  previousKeys?: readonly string[] | undefined;
  /**
   * Ids of the keys that encrypted the stored secrets. When there are
   * any, a missing key file is an error and is not created, because a new
   * key could not read them.
   */
  storedKeyIds: readonly string[];
}

/** A key needed by stored secrets is not available. */
export class MissingKeyError extends Error {
  override name = 'MissingKeyError';
}

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, KEY_FILE);
}

export function loadSecretBox(options: KeyRingOptions): SecretBox {
  const previous = (options.previousKeys ?? []).map(keyFromHex);
  if (options.secretsKey) {
    return new SecretBox(keyFromHex(options.secretsKey.trim()), previous);
  }
  const fileKeys = readKeyFile(options.dataDir);
  if (fileKeys !== null) {
    const [current, ...older] = fileKeys;
    return new SecretBox(current, [...older, ...previous]);
  }
  if (options.storedKeyIds.length > 0) {
    throw new MissingKeyError(
      `Stored secrets are encrypted with key ` +
        `${options.storedKeyIds.join(', ')}, but no key is available: ` +
        `${keyFilePath(options.dataDir)} is missing and SECRETS_KEY is not ` +
        'set. Restore the key file from a backup, or set SECRETS_KEY to ' +
        'the key that encrypted them. No new key is created, because it ' +
        'could not read them.',
    );
  }
  const hex = generateKeyHex();
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyFilePath(options.dataDir), `${hex}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  return new SecretBox(keyFromHex(hex), previous);
}

/**
 * Reads the key file: the current key first, then older ones. Returns
 * null when the file does not exist.
 */
export function readKeyFile(
  dataDir: string,
): [SecretKey, ...SecretKey[]] | null {
  const file = keyFilePath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const keys = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(keyFromHex);
  const [current, ...older] = keys;
  if (current === undefined) {
    throw new MissingKeyError(`${file} is empty; restore it from a backup.`);
  }
  return [current, ...older];
}

/**
 * Replaces the key file with `keys`, the current key first. The new file
 * is written with mode 0600 beside the old one and renamed over it, so a
 * reader sees either the old or the new file, never a partial one.
 */
export function writeKeyFile(
  dataDir: string,
  keys: readonly SecretKey[],
): void {
  const file = keyFilePath(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  const text = keys.map((key) => `${key.key.toString('hex')}\n`).join('');
  fs.rmSync(temporary, { force: true });
  const handle = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeSync(handle, text);
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  fs.renameSync(temporary, file);
}
