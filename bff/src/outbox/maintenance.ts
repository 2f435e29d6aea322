/**
 * Housekeeping of the outbox: events that waited longer than the maximum
 * age are dropped as `expired`, and finished events past the retention
 * are deleted. Both work in bounded statements so that a large backlog
 * never holds the database lock for long.
 */
import type { Db } from '../db/database.js';

/** Rows changed by one statement at most. */
export const MAINTENANCE_BATCH_ROWS = 500;

/** An event dropped because it waited too long. */
export interface ExpiredEvent {
  appId: string;
  eventId: string;
  eventType: string;
}

/**
 * Drops pending events created before `createdBefore` that no worker
 * holds, and returns them.
 */
export async function expireEvents(
  db: Db,
  createdBefore: Date,
): Promise<ExpiredEvent[]> {
  const expired: ExpiredEvent[] = [];
  const cutoff = createdBefore.toISOString();
  const reason = `Waited since before ${cutoff} without being accepted.`;
  for (;;) {
    const now = new Date().toISOString();
    const rows = await db
      .updateTable('outbox')
      .set({
        status: 'dropped',
        drop_cause: 'expired',
        dropped_at: now,
        last_error: reason,
        lease_until: null,
        lease_owner: null,
      })
      .where('seq', 'in', (eb) =>
        eb
          .selectFrom('outbox')
          .select('seq')
          .where('status', '=', 'pending')
          .where('created_at', '<', cutoff)
          .where((w) =>
            w.or([w('lease_until', 'is', null), w('lease_until', '<=', now)]),
          )
          .limit(MAINTENANCE_BATCH_ROWS),
      )
      .returning(['app_id', 'event_id', 'event_type'])
      .execute();
    for (const row of rows) {
      expired.push({
        appId: row.app_id,
        eventId: row.event_id,
        eventType: row.event_type,
      });
    }
    if (rows.length < MAINTENANCE_BATCH_ROWS) return expired;
  }
}

/**
 * Deletes events sent or dropped before `finishedBefore` and returns how
 * many were deleted. Each status is looked up by its own partial index.
 */
export async function pruneFinished(
  db: Db,
  finishedBefore: Date,
): Promise<number> {
  const cutoff = finishedBefore.toISOString();
  return await pruneWhere(db, 'sent', 'sent_at', cutoff) +
    await pruneWhere(db, 'dropped', 'dropped_at', cutoff);
}

async function pruneWhere(
  db: Db,
  status: 'sent' | 'dropped',
  column: 'sent_at' | 'dropped_at',
  cutoff: string,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await db
      .deleteFrom('outbox')
      .where('seq', 'in', (eb) =>
        eb
          .selectFrom('outbox')
          .select('seq')
          .where('status', '=', status)
          .where(column, '<', cutoff)
          .limit(MAINTENANCE_BATCH_ROWS),
      )
      .executeTakeFirst();
    const rows = Number(result.numDeletedRows);
    deleted += rows;
    if (rows < MAINTENANCE_BATCH_ROWS) return deleted;
  }
}
