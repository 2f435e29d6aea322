/**
 * Each app's delivery state, stored so that a pause survives a restart
 * and applies to every server process sharing the database. Only changes of
 * state are written, not every attempt.
 */
import type { Selectable } from 'kysely';

import type { Db } from '../db/database.js';
import type { DeliveryStateName, DeliveryStateTable } from '../db/schema.js';

export type StoredDeliveryState = Selectable<DeliveryStateTable>;

/** Returns an app's stored state; an app never written is `active`. */
export async function getDeliveryState(
  db: Db,
  appId: string,
): Promise<StoredDeliveryState> {
  const row = await db
    .selectFrom('delivery_states')
    .selectAll()
    .where('app_id', '=', appId)
    .executeTakeFirst();
  return (
    row ?? {
      app_id: appId,
      state: 'active',
      reason: null,
      error_code: null,
      since: null,
      updated_at: new Date(0).toISOString(),
    }
  );
}

/**
 * Sets an app's state. `since` is kept while the state stays the same, so
 * it is the start of the current pause or retry streak. Returns whether
 * the state changed.
 */
export async function setDeliveryState(
  db: Db,
  appId: string,
  state: DeliveryStateName,
  details: { reason: string | null; errorCode: string | null } = {
    reason: null,
    errorCode: null,
  },
): Promise<boolean> {
  const now = new Date().toISOString();
  const previous = await getDeliveryState(db, appId);
  const changed = previous.state !== state;
  let since: string | null = null;
  if (state !== 'active') since = changed ? now : previous.since;
  await db
    .insertInto('delivery_states')
    .values({
      app_id: appId,
      state,
      reason: details.reason,
      error_code: details.errorCode,
      since,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('app_id').doUpdateSet({
        state,
        reason: details.reason,
        error_code: details.errorCode,
        since,
        updated_at: now,
      }),
    )
    .execute();
  return changed;
}

/** Lists the apps whose delivery is paused. */
export async function listPausedApps(db: Db): Promise<StoredDeliveryState[]> {
  return db
    .selectFrom('delivery_states')
    .selectAll()
    .where('state', '=', 'paused')
    .execute();
}
