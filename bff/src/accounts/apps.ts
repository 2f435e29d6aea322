/** Apps: each has API credentials and its own SQS settings. */
import type { Db } from '../db/database.js';
import type { AppTable } from '../db/schema.js';
import { NotFoundError } from './errors.js';
import { newApiKey, newApiSecret, newId } from './ids.js';
import { findOrCreateOrg } from './orgs.js';
import { toAppColumns, type SettingsChange } from './app-settings.js';

export type App = AppTable;

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
  const app: App = {
    id: newId(),
    org_id: input.orgId,
    name: input.name.trim(),
    api_key: newApiKey(),
    api_secret: newApiSecret(),
    sqs_url: '',
    sqs_key: '',
    sqs_secret: '',
    webhook_events: null,
    enable_hook_payload_compression: 0,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('apps').values(app).execute();
  return app;
}

/** Lists apps, oldest first; all of them when `orgId` is omitted. */
export async function listApps(db: Db, orgId?: string): Promise<App[]> {
  let query = db.selectFrom('apps').selectAll();
  if (orgId !== undefined) query = query.where('org_id', '=', orgId);
  return query.orderBy('created_at').orderBy('id').execute();
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
  return app;
}

export async function findAppByApiKey(
  db: Db,
  apiKey: string,
): Promise<App | undefined> {
  return db
    .selectFrom('apps')
    .selectAll()
    .where('api_key', '=', apiKey)
    .executeTakeFirst();
}

export async function getApp(db: Db, appId: string): Promise<App> {
  const app = await db
    .selectFrom('apps')
    .selectAll()
    .where('id', '=', appId)
    .executeTakeFirst();
  if (!app) throw new NotFoundError(`App ${appId} not found.`);
  return app;
}

/** Stores a validated settings change and returns the updated app. */
export async function updateAppSettings(
  db: Db,
  appId: string,
  change: SettingsChange,
): Promise<App> {
  const columns = toAppColumns(change);
  if (Object.keys(columns).length > 0) {
    await db
      .updateTable('apps')
      .set({ ...columns, updated_at: new Date().toISOString() })
      .where('id', '=', appId)
      .execute();
    for (const listener of settingsListeners.get(db) ?? []) listener(appId);
  }
  return getApp(db, appId);
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

/** Whether events of this app go to a queue. */
export function isSqsEnabled(app: App): boolean {
  return app.sqs_url !== '';
}
