/**
 * Start-up checks and rotation of the key that encrypts the stored app
 * secrets.
 *
 * At start, every key id named by a stored secret must be loaded, or the
 * process stops with an error naming the missing ones. Then every value
 * in clear or under an older key is re-encrypted under the current key,
 * and in key-file mode the older keys are dropped from the key file.
 *
 * Rotation in key-file mode (`secrets rotate-key`): the new key is written
 * as the first line of the key file with the old ones after it, every
 * value is re-encrypted, and the old keys are dropped once no value
 * needs them. A running server follows the key file (see `SecretStore`).
 */
import type { Logger } from 'pino';

import type { Db } from '../db/database.js';
import {
  loadSecretBox,
  MissingKeyError,
  readKeyFile,
  writeKeyFile,
} from '../secrets/key-ring.js';
import { generateKeyHex, keyFromHex } from '../secrets/secret-box.js';
import { SecretStore } from '../secrets/secret-store.js';
import {
  countStaleSecrets,
  listStoredKeyIds,
  reencryptAppSecrets,
  takeWriteLock,
  type ReencryptResult,
} from './app-secrets.js';

export interface SecretsKeyOptions {
  /** The current key as 64 hex characters; unset selects the key file. */
  secretsKey?: string | null | undefined;
  /** Older keys as 64 hex characters each, accepted for decryption. */
  previousKeys?: readonly string[] | undefined;
  logger?: Logger | undefined;
}

/**
 * Loads the key ring for the database in `dataDir`, checks that it contains
 * every key the stored secrets name, and re-encrypts stale values. Raises
 * `MissingKeyError` naming the missing key ids.
 */
export async function openSecretStore(
  db: Db,
  dataDir: string,
  options: SecretsKeyOptions = {},
): Promise<SecretStore> {
  const storedKeyIds = await listStoredKeyIds(db);
  const previousKeys = options.previousKeys ?? [];
  const box = loadSecretBox({
    dataDir,
    secretsKey: options.secretsKey,
    previousKeys,
    storedKeyIds,
  });
  const missing = storedKeyIds.filter((id) => !box.hasKey(id));
  if (missing.length > 0) throw missingKeyError(missing, options);
  const store = new SecretStore(box, previousKeys.map(keyFromHex), {
    dataDir,
    usesKeyFile: !options.secretsKey,
    logger: options.logger,
  });
  const result = await reencryptAppSecrets(db, store);
  logReencryption(options.logger, store, result);
  if (store.usesKeyFile) {
    await finishKeyRotation(db, store);
  } else if (previousKeys.length > 0 &&
    (await countStaleSecrets(db, store.current.id)) === 0) {
    options.logger?.info(
      'every stored secret is under SECRETS_KEY; SECRETS_KEY_PREVIOUS is ' +
        'no longer needed and can be removed at the next restart',
    );
  }
  return store;
}

function missingKeyError(
  keyIds: readonly string[],
  options: SecretsKeyOptions,
): MissingKeyError {
  const source = options.secretsKey
    ? 'SECRETS_KEY and SECRETS_KEY_PREVIOUS do not contain it'
    : 'the key file and SECRETS_KEY_PREVIOUS do not contain it';
  return new MissingKeyError(
    `Stored secrets are encrypted with key ${keyIds.join(', ')}, but ` +
      `${source}. Add that key to SECRETS_KEY_PREVIOUS (or restore the ` +
      'key file that contains it) and start again. Nothing was changed.',
  );
}

function logReencryption(
  logger: Logger | undefined,
  store: SecretStore,
  result: ReencryptResult,
): void {
  if (result.reencrypted === 0 && result.cleared === 0) return;
  logger?.info(
    { keyId: store.current.id, ...result },
    'stored secrets re-encrypted under the current key',
  );
}

export interface KeyRotationResult {
  keyId: string;
  /** Ids of the keys removed from the key file. */
  droppedKeyIds: string[];
  reencrypted: number;
  cleared: number;
}

/** Attempts of the final check before `rotateKeyFile` gives up. */
const FINISH_ATTEMPTS = 5;

/**
 * Rotates the key in the key file: writes a new current key, re-encrypts
 * every stored secret under it, and drops the older keys. Raises an error
 * when secrets kept being written under an older key, leaving the older
 * keys in the file so that nothing becomes unreadable.
 */
export async function rotateKeyFile(
  db: Db,
  store: SecretStore,
): Promise<KeyRotationResult> {
  const fileKeys = readKeyFile(store.dataDir);
  if (fileKeys === null) {
    throw new MissingKeyError(`The key file in ${store.dataDir} is missing.`);
  }
  const key = keyFromHex(generateKeyHex());
  writeKeyFile(store.dataDir, [key, ...fileKeys]);
  store.reloadIfChanged();
  const total = { reencrypted: 0, cleared: 0 };
  for (let attempt = 0; attempt < FINISH_ATTEMPTS; attempt++) {
    const result = await reencryptAppSecrets(db, store);
    total.reencrypted += result.reencrypted;
    total.cleared += result.cleared;
    const dropped = await finishKeyRotation(db, store);
    if (dropped !== null) {
      return { keyId: key.id, droppedKeyIds: dropped, ...total };
    }
  }
  throw new Error(
    'Secrets kept being written under an older key, so the older keys ' +
      'stay in the key file; run secrets rotate-key again.',
  );
}

/**
 * Drops the older keys from the key file when no stored secret needs
 * them. The check and the file write happen under SQLite's write lock, so
 * no writer can store a value under an older key in between. Returns the
 * dropped key ids, or null when some secret still needs an older key.
 */
export async function finishKeyRotation(
  db: Db,
  store: SecretStore,
): Promise<string[] | null> {
  return db.transaction().execute(async (trx) => {
    await takeWriteLock(trx);
    store.reloadIfChanged();
    const fileKeys = readKeyFile(store.dataDir);
    if (fileKeys === null) return null;
    const [current, ...older] = fileKeys;
    if (older.length === 0) return [];
    if ((await countStaleSecrets(trx, current.id)) > 0) return null;
    writeKeyFile(store.dataDir, [current]);
    store.logger?.info(
      { keyId: current.id, droppedKeyIds: older.map((key) => key.id) },
      'older secrets keys dropped from the key file',
    );
    return older.map((key) => key.id);
  });
}
