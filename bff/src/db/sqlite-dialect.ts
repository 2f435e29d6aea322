/**
 * Kysely's SQLite dialect, with transactions that take the write lock when
 * they begin, and a rollback that skips a transaction that SQLite already
 * ended. After `SQLITE_FULL`, SQLite may have rolled the
 * transaction back by itself. Kysely 0.29's own `ROLLBACK` then fails with
 * "cannot rollback - no transaction is active", and that error would
 * replace the one that explains the failure.
 */
import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
} from 'kysely';

import { withStatementCache } from './statement-cache.js';

class RollbackTolerantDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    onClose: () => void,
  ) {
    super({ database: withStatementCache(sqlite, onClose) });
  }

  /**
   * Begins with the write lock (`BEGIN IMMEDIATE`), waiting for it under
   * the busy timeout. A deferred transaction that has read and then writes
   * while another connection holds the lock fails at once with
   * `SQLITE_BUSY`. The checkpoint thread and the CLI take that lock.
   */
  override async beginTransaction(
    connection: DatabaseConnection,
  ): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(
    connection: DatabaseConnection,
  ): Promise<void> {
    if (!this.sqlite.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

/**
 * Creates the dialect for one better-sqlite3 connection. `onClose` runs
 * when the connection closes.
 */
export function createSqliteDialect(
  sqlite: SqliteDatabase.Database,
  onClose: () => void = () => {},
): SqliteDialect {
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new RollbackTolerantDriver(sqlite, onClose);
    }
  })({ database: sqlite });
}
