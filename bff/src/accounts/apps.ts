/**
 * Apps: each has API credentials and its own SQS settings. The API secret
 * and the AWS secret are stored encrypted. Every read goes through
 * `toApp`, which decrypts them, and every write through `encryptSecret`.
 */
import { secretStoreOf, type Db } from '../db/database.js';
import { prepareQuery } from '../db/prepared-query.js';
import type { AppTable } from '../db/schema.js';
import { keyIdOf, SecretDecryptionError } from '../secrets/secret-box.js';
import {
  secretContext,
  takeWriteLock,
  type SecretColumn,
} from './app-secrets.js';
import { NotFoundError } from './errors.js';
import { newApiKey, newApiSecret, newId } from './ids.js';
import { findOrCreateOrg } from './orgs.js';
import { toAppColumns, type SettingsChange } from './app-settings.js';

/** An app with its secrets decrypted. */
export interface App extends AppTable {
  /**
   * Secrets whose stored value could not be decrypted. Each of them reads
   * as an empty string until it is entered or rotated again.
   */
  unreadableSecrets: SecretColumn[];
}

export type { SecretColumn };

/** Creates an app in the named organisation, creating it when missing. */
export async function createApp(
  db: Db,
  input: { name: string; orgName: string },
): Promise<App> {
  const org = await findOrCreateOrg(db, input.orgName);
  return createAppInOrg(db, { name: input.name, orgId: org.id });
}

export async function createAppInOrg(
  db: Db,
  input: { name: string; orgId: string },
): Promise<App> {
  const now = new Date().toISOString();
  const row: AppTable = {
    id: newId(),
    org_id: input.orgId,
    name: input.name.trim(),
    api_key: newApiKey(),
    api_secret: '',
    sqs_url: '',
    sqs_key: '',
    sqs_secret: '',
    webhook_events: null,
    enable_hook_payload_compression: 0,
    created_at: now,
    updated_at: now,
  };
  const apiSecret = newApiSecret();
  await db.transaction().execute(async (trx) => {
    // The insert takes the write lock that `encryptSecret` needs.
    await trx.insertInto('apps').values(row).execute();
    const stored = encryptSecret(db, row.id, 'api_secret', apiSecret);
    await trx
      .updateTable('apps')
      .set({ api_secret: stored })
      .where('id', '=', row.id)
      .execute();
  });
  return { ...row, api_secret: apiSecret, unreadableSecrets: [] };
}

/** Lists apps, oldest first; all of them when `orgId` is omitted. */
export async function listApps(db: Db, orgId?: string): Promise<App[]> {
  let query = db.selectFrom('apps').selectAll();
  if (orgId !== undefined) query = query.where('org_id', '=', orgId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => toApp(db, row));
}

/**
 * Returns an app of the given organisation. An app of another
 * organisation is reported as not found, so ids reveal nothing.
 */
export async function getAppInOrg(
  db: Db,
  orgId: string,
  appId: string,
): Promise<App> {
  const app = await db
    .selectFrom('apps')
    .selectAll()
    .where('id', '=', appId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  if (!app) throw new NotFoundError(`App ${appId} not found.`);
  return toApp(db, app);
}

const selectAppByApiKey = prepareQuery((db, values: { apiKey: string }) =>
  db.selectFrom('apps').selectAll().where('api_key', '=', values.apiKey));

export async function findAppByApiKey(
  db: Db,
  apiKey: string,
): Promise<App | undefined> {
  const [row] = await selectAppByApiKey.execute(db, { apiKey });
  return row === undefined ? undefined : toApp(db, row);
}

export async function getApp(db: Db, appId: string): Promise<App> {
  const app = await db
    .selectFrom('apps')
    .selectAll()
    .where('id', '=', appId)
    .executeTakeFirst();
  if (!app) throw new NotFoundError(`App ${appId} not found.`);
  return toApp(db, app);
}

/** Stores a validated settings change and returns the updated app. */
export async function updateAppSettings(
  db: Db,
  appId: string,
  change: SettingsChange,
): Promise<App> {
  const columns = toAppColumns(change);
  if (Object.keys(columns).length > 0) {
    await db.transaction().execute(async (trx) => {
      await takeWriteLock(trx);
      const secret = columns.sqs_secret;
      const encrypted = secret === undefined
        ? {}
        : { sqs_secret: encryptSecret(db, appId, 'sqs_secret', secret) };
      await trx
        .updateTable('apps')
        .set({
          ...columns,
          ...encrypted,
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', appId)
        .execute();
    });
    for (const listener of settingsListeners.get(db) ?? []) listener(appId);
  }
  return getApp(db, appId);
}

/**
 * Replaces an app's API secret with a new random one and returns the app
 * with it. Tokens signed with the old secret stop working at once.
 */
export async function rotateApiSecret(db: Db, appId: string): Promise<App> {
  const apiSecret = newApiSecret();
  const result = await db.transaction().execute(async (trx) => {
    await takeWriteLock(trx);
    return trx
      .updateTable('apps')
      .set({
        api_secret: encryptSecret(db, appId, 'api_secret', apiSecret),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', appId)
      .executeTakeFirst();
  });
  if (result.numUpdatedRows === 0n) {
    throw new NotFoundError(`App ${appId} not found.`);
  }
  return getApp(db, appId);
}

/**
 * Encrypts a secret of an app for storage. Call it after the transaction
 * took SQLite's write lock, so that a concurrent key rotation cannot drop
 * the key in between.
 */
function encryptSecret(
  db: Db,
  appId: string,
  column: SecretColumn,
  plaintext: string,
): string {
  return secretStoreOf(db).encrypt(plaintext, secretContext(appId, column));
}

/**
 * Decrypts the secrets of a stored row. A secret that cannot be
 * decrypted reads as empty and is listed in `unreadableSecrets`, so the
 * rest of the app keeps working.
 */
function toApp(db: Db, row: AppTable): App {
  const store = secretStoreOf(db);
  const unreadableSecrets: SecretColumn[] = [];
  const decrypt = (column: SecretColumn): string => {
    const stored = row[column];
    try {
      return store.decrypt(stored, secretContext(row.id, column));
    } catch (err) {
      if (!(err instanceof SecretDecryptionError)) throw err;
      unreadableSecrets.push(column);
      store.warnOnce(
        `${row.id}:${column}:${stored}`,
        { appId: row.id, column, keyId: keyIdOf(stored), err: err.message },
        'stored secret cannot be decrypted; the app needs it again',
      );
      return '';
    }
  };
  return {
    ...row,
    api_secret: decrypt('api_secret'),
    sqs_secret: decrypt('sqs_secret'),
    unreadableSecrets,
  };
}

type SettingsListener = (appId: string) => void;

const settingsListeners = new WeakMap<Db, Set<SettingsListener>>();

/**
 * Calls `listener` after `updateAppSettings` stored a change of an app in
 * this database. Returns a function that removes the listener.
 */
export function onSettingsChanged(
  db: Db,
  listener: SettingsListener,
): () => void {
  const listeners = settingsListeners.get(db) ?? new Set();
  settingsListeners.set(db, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells whether events of this app go to a queue. */
export function isSqsEnabled(app: App): boolean {
  return app.sqs_url !== '';
}
