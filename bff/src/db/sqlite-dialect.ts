/**
 * Kysely's SQLite dialect, with transactions that take the write lock when
 * they begin, and a rollback that skips a transaction that SQLite already
 * ended. After `SQLITE_FULL`, SQLite may have rolled the
 * transaction back by itself. Kysely 0.29's own `ROLLBACK` then fails with
 * "cannot rollback - no transaction is active", and that error would
 * replace the one that explains the failure. `executeCompiled` runs
 * compiled queries on the connection without Kysely's executor.
 */
import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult,
  type SqliteDatabase as KyselySqliteDatabase,
} from 'kysely';

import type { Executor } from './database.js';
import { withStatementCache } from './statement-cache.js';

class RollbackTolerantDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    statements: KyselySqliteDatabase,
  ) {
    super({ database: statements });
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

/** The connection behind a dialect adapter, with its statement cache. */
interface Connection {
  sqlite: SqliteDatabase.Database;
  statements: KyselySqliteDatabase;
}

const connections = new WeakMap<DialectAdapter, Connection>();

/**
 * Creates the dialect for one better-sqlite3 connection. `onClose` runs
 * when the connection closes.
 */
export function createSqliteDialect(
  sqlite: SqliteDatabase.Database,
  onClose: () => void = () => {},
): SqliteDialect {
  const connection = {
    sqlite,
    statements: withStatementCache(sqlite, onClose),
  };
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new RollbackTolerantDriver(sqlite, connection.statements);
    }

    override createAdapter(): DialectAdapter {
      const adapter = super.createAdapter();
      connections.set(adapter, connection);
      return adapter;
    }
  })({ database: sqlite });
}

/**
 * Runs a compiled query. On a database of `createSqliteDialect` it runs the
 * cached statement directly, without Kysely's executor, whose promises and
 * closures were about a quarter of the server's allocations on the message
 * path in a heap profile of the benchmark. A query on the database itself
 * while a transaction is open goes through Kysely, which waits for the
 * transaction instead of running the query inside it. Other dialects
 * always go through Kysely.
 */
export async function executeCompiled<Row>(
  executor: Executor,
  query: CompiledQuery<Row>,
): Promise<QueryResult<Row>> {
  const connection = connections.get(executor.getExecutor().adapter);
  if (connection === undefined ||
      (!executor.isTransaction && connection.sqlite.inTransaction)) {
    return await executor.executeQuery(query);
  }
  const statement = connection.statements.prepare(query.sql);
  const parameters = query.parameters as unknown[];
  if (statement.reader) return { rows: statement.all(parameters) as Row[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return {
    rows: [],
    numAffectedRows: BigInt(changes),
    insertId: BigInt(lastInsertRowid),
  };
}
