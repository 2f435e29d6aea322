/**
 * Opens the database: SQLite in the data folder through better-sqlite3,
 * behind Kysely so that the queries stay portable to PostgreSQL. Each open
 * database carries the key ring of its encrypted secrets.
 */
import fs from 'node:fs';
import path from 'node:path';

import SqliteDatabase from 'better-sqlite3';
import { Kysely, type Transaction } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';

import {
  openSecretStore,
  type SecretsKeyOptions,
} from '../accounts/secrets-key.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { startCheckpointer } from './checkpointer.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';
import { createSqliteDialect } from './sqlite-dialect.js';

export type Db = Kysely<Database>;

/** The database, or a transaction on it: what runs a query. */
export type Executor = Db | Transaction<Database>;

export interface OpenDatabaseOptions extends SecretsKeyOptions {
  /**
   * Interval of write-ahead log checkpoints on a worker thread, which
   * replace those inside commits (see `startCheckpointer`). The server
   * sets it; without it, SQLite checkpoints inside commits.
   */
  checkpointIntervalMs?: number | undefined;
  /** Receives the message of each failed checkpoint of that thread. */
  onCheckpointError?: ((message: string) => void) | undefined;
}

const secretStores = new WeakMap<Db, SecretStore>();

/** The key ring of a database opened with `openDatabase`. */
export function secretStoreOf(db: Db): SecretStore {
  const store = secretStores.get(db);
  if (store === undefined) {
    throw new Error('The database was not opened with openDatabase.');
  }
  return store;
}

export const DATABASE_FILE = 'sqs-bridge.sqlite';

/**
 * Size the write-ahead log is cut back to once a checkpoint emptied it. A
 * long read stops checkpoints and lets the log grow past this; without
 * the limit, the file would keep its largest size for good.
 */
export const WAL_SIZE_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Opens (creating if needed) the database in `dataDir`, applies every
 * pending migration and loads the secrets key ring (see
 * `openSecretStore`, which raises `MissingKeyError` when a stored secret's
 * key is missing). WAL mode and a busy timeout let the CLI write while the
 * server runs.
 */
export async function openDatabase(
  dataDir: string,
  options: OpenDatabaseOptions = {},
): Promise<Db> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DATABASE_FILE);
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // 8 MiB of page cache, where SQLite's default is 2 MiB, which the indexes
  // of a busy outbox outgrow. The benchmark's server then used about 5%
  // less CPU per message, and 16 MiB gained no more.
  sqlite.pragma('cache_size = -8192');
  sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const checkpointer = options.checkpointIntervalMs === undefined
    ? undefined
    : startCheckpointer(sqlite, file, {
      intervalMs: options.checkpointIntervalMs,
      truncateAboveBytes: WAL_SIZE_LIMIT_BYTES,
      onError: options.onCheckpointError ?? (() => {}),
    });
  const db = new Kysely<Database>({
    dialect: createSqliteDialect(sqlite, () => void checkpointer?.stop()),
  });
  try {
    await migrateToLatest(db);
    secretStores.set(db, await openSecretStore(db, dataDir, options));
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    throw new Error(
      `Database migration ${failed?.migrationName ?? ''} failed`,
      { cause: error },
    );
  }
}
