/**
 * Loads the secrets key ring. `SECRETS_KEY` (64 hex characters) is the
 * current key, and `SECRETS_KEY_PREVIOUS` lists older keys, comma-
 * separated, that still decrypt until re-encryption ends. Without
 * `SECRETS_KEY`, a key file in the data folder is used, created with mode
 * 0600 on first start.
 */
import fs from 'node:fs';
import path from 'node:path';

import { generateKeyHex, keyFromHex, SecretBox } from './secret-box.js';

export const KEY_FILE = 'secrets.key';

export interface KeyRingOptions {
  dataDir: string;
  secretsKey?: string | undefined;
  previousKeys?: string | undefined;
  /**
   * Whether the key file may be created. False when stored secrets exist:
   * a new key could not read them.
   */
  mayCreateKeyFile: boolean;
}

export class MissingKeyError extends Error {
  override name = 'MissingKeyError';
}

export function loadSecretBox(options: KeyRingOptions): SecretBox {
  const previous = (options.previousKeys ?? '')
    .split(',')
    .map((hex) => hex.trim())
    .filter((hex) => hex !== '')
    .map(keyFromHex);
  if (options.secretsKey) {
    return new SecretBox(keyFromHex(options.secretsKey.trim()), previous);
  }
  const file = path.join(options.dataDir, KEY_FILE);
  if (fs.existsSync(file)) {
    const hex = fs.readFileSync(file, 'utf8').trim();
    return new SecretBox(keyFromHex(hex), previous);
  }
  if (!options.mayCreateKeyFile) {
    throw new MissingKeyError(
      `Stored secrets exist but no key is available: ${file} is missing ` +
        'and SECRETS_KEY is not set. Restore the key file or set ' +
        'SECRETS_KEY to the key that encrypted them; a new key would not ' +
        'read them.',
    );
  }
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const hex = generateKeyHex();
  fs.writeFileSync(file, `${hex}\n`, { mode: 0o600, flag: 'wx' });
  return new SecretBox(keyFromHex(hex), previous);
}
