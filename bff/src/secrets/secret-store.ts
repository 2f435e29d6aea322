/**
 * The key ring of one open database. It encrypts with the current key and
 * decrypts with every key it has loaded.
 *
 * In key-file mode the store follows the key file, so a running server
 * keeps working while `secrets rotate-key` runs in another process. It
 * reloads a changed file before each encryption, and when a stored value
 * names a key it has not loaded. Keys once loaded stay loaded, so values
 * not yet re-encrypted still decrypt.
 */
import fs from 'node:fs';

import type { Logger } from 'pino';

import { keyFilePath, readKeyFile } from './key-ring.js';
import { keyIdOf, SecretBox, type SecretKey } from './secret-box.js';

export interface SecretStoreOptions {
  dataDir: string;
  /** Whether the keys come from the key file, so it may be reloaded. */
  usesKeyFile: boolean;
  logger?: Logger | undefined;
}

/** Decrypted values kept at most; the cache is emptied when full. */
const MAX_DECRYPTED = 1000;

export class SecretStore {
  private box: SecretBox;
  private readonly loaded = new Map<string, SecretKey>();
  private fileVersion: string | null;
  private readonly warned = new Set<string>();
  /** Values decrypted before, by context and stored text. */
  private readonly decrypted = new Map<string, string>();

  constructor(
    box: SecretBox,
    previous: readonly SecretKey[],
    private readonly options: SecretStoreOptions,
  ) {
    this.box = box;
    for (const key of [box.current, ...previous]) this.loaded.set(key.id, key);
    this.fileVersion = this.readFileVersion();
  }

  /** The key that encrypts. */
  get current(): SecretKey {
    return this.box.current;
  }

  /** Every loaded key, the current one first. */
  get keys(): SecretKey[] {
    return [...this.loaded.values()];
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  get usesKeyFile(): boolean {
    return this.options.usesKeyFile;
  }

  get logger(): Logger | undefined {
    return this.options.logger;
  }

  hasKey(id: string): boolean {
    return this.box.hasKey(id);
  }

  /** Encrypts under the current key, reloading a changed key file first. */
  encrypt(plaintext: string, context: string): string {
    this.reloadIfChanged();
    return this.box.encrypt(plaintext, context);
  }

  /**
   * Decrypts a stored value. Raises `SecretDecryptionError` when its key
   * is not loaded, even after a reload, or when it fails authentication.
   */
  decrypt(stored: string, context: string): string {
    // Every API request reads its app's secrets. A stored value decrypts
    // to the same text for as long as it is stored: a key id always
    // names the same key.
    const cacheKey = `${context}\n${stored}`;
    const cached = this.decrypted.get(cacheKey);
    if (cached !== undefined) return cached;
    const keyId = keyIdOf(stored);
    if (keyId !== null && !this.box.hasKey(keyId)) this.reloadIfChanged();
    const plaintext = this.box.decrypt(stored, context);
    if (this.decrypted.size >= MAX_DECRYPTED) this.decrypted.clear();
    this.decrypted.set(cacheKey, plaintext);
    return plaintext;
  }

  /** Checks whether a stored value is in clear or under an older key. */
  isStale(stored: string): boolean {
    return this.box.isStale(stored);
  }

  /**
   * Loads the key file again when it changed since the last read. Returns
   * whether the current key changed.
   */
  reloadIfChanged(): boolean {
    if (!this.options.usesKeyFile) return false;
    const version = this.readFileVersion();
    if (version === this.fileVersion || version === null) return false;
    const fileKeys = readKeyFile(this.options.dataDir);
    this.fileVersion = version;
    if (fileKeys === null) return false;
    const [current, ...older] = fileKeys;
    for (const key of [current, ...older]) this.loaded.set(key.id, key);
    const before = this.box.current.id;
    const others = this.keys.filter((key) => key.id !== current.id);
    this.box = new SecretBox(current, others);
    const changed = before !== current.id;
    if (changed) {
      this.options.logger?.info(
        { keyId: current.id, previousKeyId: before },
        'secrets key file reloaded with a new current key',
      );
    }
    return changed;
  }

  /** Logs a warning once per `key`, so a bad row is not logged per read. */
  warnOnce(key: string, fields: Record<string, unknown>, message: string) {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.logger?.warn(fields, message);
  }

  private readFileVersion(): string | null {
    if (!this.options.usesKeyFile) return null;
    try {
      const stat = fs.statSync(keyFilePath(this.options.dataDir));
      return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}
