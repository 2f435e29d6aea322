/**
 * The encrypted columns of `apps`: `api_secret` and `sqs_secret`. Each
 * value is encrypted with a context naming its row and column, so a value
 * copied to another app or column fails to decrypt.
 *
 * Writers of these columns take SQLite's write lock before they encrypt,
 * and `finishKeyRotation` checks and drops old keys under that lock, so no
 * value can be written under a key that is being dropped.
 */
import { sql, type RawBuilder, type SqlBool, type Transaction } from 'kysely';

import type { Database } from '../db/schema.js';
import type { Db } from '../db/database.js';
import {
  keyIdOf,
  SecretDecryptionError,
} from '../secrets/secret-box.js';
import type { SecretStore } from '../secrets/secret-store.js';

export const SECRET_COLUMNS = ['api_secret', 'sqs_secret'] as const;

export type SecretColumn = (typeof SECRET_COLUMNS)[number];

/** Builds the additional authenticated data of one stored secret. */
export function secretContext(appId: string, column: SecretColumn): string {
  return `apps:${appId}:${column}`;
}

/**
 * Takes SQLite's write lock for the rest of the transaction. An UPDATE
 * starts a write transaction even when it matches no row.
 */
export async function takeWriteLock(
  trx: Transaction<Database>,
): Promise<void> {
  await sql`update apps set id = id where 0`.execute(trx);
}

/** Ids of the keys that encrypted the stored secrets, sorted. */
export async function listStoredKeyIds(db: Db): Promise<string[]> {
  const ids = new Set<string>();
  for (const column of SECRET_COLUMNS) {
    const rows = await db
      .selectFrom('apps')
      .select(column)
      .distinct()
      .where(column, 'like', 'enc:v1:%')
      .execute();
    for (const row of rows) {
      const id = keyIdOf(row[column]);
      if (id !== null) ids.add(id);
    }
  }
  return [...ids].sort();
}

/** Number of stored values in clear or under a key other than `keyId`. */
export async function countStaleSecrets(
  db: Db | Transaction<Database>,
  keyId: string,
): Promise<number> {
  let total = 0;
  for (const column of SECRET_COLUMNS) {
    const row = await db
      .selectFrom('apps')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(staleIn(column, keyId))
      .executeTakeFirstOrThrow();
    total += Number(row.count);
  }
  return total;
}

export interface ReencryptResult {
  /** Values now encrypted under the current key. */
  reencrypted: number;
  /** Values under an older key that failed authentication, now emptied. */
  cleared: number;
}

/**
 * Re-encrypts, under the current key, every stored value in clear or
 * under an older key, `batchSize` apps per transaction.
 *
 * A value under an older key that fails authentication cannot be read
 * with any key, so it is emptied: its app then has no secret stored, and
 * the older key can be dropped. A value that changed since it was read is
 * left to its writer.
 */
export async function reencryptAppSecrets(
  db: Db,
  store: SecretStore,
  options: { batchSize?: number } = {},
): Promise<ReencryptResult> {
  const batchSize = options.batchSize ?? 100;
  const result: ReencryptResult = { reencrypted: 0, cleared: 0 };
  let afterId = '';
  for (;;) {
    const lastId = await db.transaction().execute(async (trx) => {
      await takeWriteLock(trx);
      store.reloadIfChanged();
      const keyId = store.current.id;
      const rows = await trx
        .selectFrom('apps')
        .select(['id', 'api_secret', 'sqs_secret'])
        .where('id', '>', afterId)
        .where((eb) =>
          eb.or(SECRET_COLUMNS.map((column) => staleIn(column, keyId))),
        )
        .orderBy('id')
        .limit(batchSize)
        .execute();
      for (const row of rows) {
        for (const column of SECRET_COLUMNS) {
          await reencryptValue(trx, store, row, column, result);
        }
      }
      return rows.at(-1)?.id ?? null;
    });
    if (lastId === null) return result;
    afterId = lastId;
  }
}

async function reencryptValue(
  trx: Transaction<Database>,
  store: SecretStore,
  row: { id: string } & Record<SecretColumn, string>,
  column: SecretColumn,
  result: ReencryptResult,
): Promise<void> {
  const stored = row[column];
  if (!store.isStale(stored)) return;
  const context = secretContext(row.id, column);
  let next: string;
  if (keyIdOf(stored) === null) {
    next = store.encrypt(stored, context);
    result.reencrypted += 1;
  } else {
    try {
      next = store.encrypt(store.decrypt(stored, context), context);
      result.reencrypted += 1;
    } catch (err) {
      if (!(err instanceof SecretDecryptionError)) throw err;
      store.logger?.warn(
        { appId: row.id, column, keyId: keyIdOf(stored) },
        'stored secret under an older key failed authentication; emptied ' +
          'it, so the app needs this secret again',
      );
      next = '';
      result.cleared += 1;
    }
  }
  await trx
    .updateTable('apps')
    .set({ [column]: next })
    .where('id', '=', row.id)
    .where(column, '=', stored)
    .execute();
}

/** Whether `column` contains a value in clear or under another key. */
function staleIn(column: SecretColumn, keyId: string): RawBuilder<SqlBool> {
  const prefix = `enc:v1:${keyId}:`;
  const ref = sql.ref(column);
  return sql<SqlBool>`(${ref} != '' and substr(${ref}, 1, ${prefix.length}) != ${prefix})`;
}
