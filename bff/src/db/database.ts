/**
 * Opens the database: SQLite in the data folder through better-sqlite3,
 * behind Kysely so that the queries stay portable to PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';

import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';

import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export const DATABASE_FILE = 'sqs-bridge.sqlite';

/**
 * Opens (creating if needed) the database in `dataDir` and applies every
 * pending migration. WAL mode and a busy timeout let the CLI write while
 * the server runs.
 */
export async function openDatabase(dataDir: string): Promise<Db> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DATABASE_FILE);
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
  });
  await migrateToLatest(db);
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
