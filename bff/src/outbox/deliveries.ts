/**
 * Reads of an app's delivery for the dashboard: its state and counts, the
 * recent deliveries, and one delivery with its event.
 */
import type { Selectable } from 'kysely';
import type {
  DeliveryDetails,
  DeliveryList,
  DeliveryRecord,
  DeliveryRecordStatus,
  DeliveryState,
  DeliveryStatus,
  DroppedEvent,
} from '@sqs-bridge/contracts';

import { NotFoundError } from '../accounts/errors.js';
import type { Db } from '../db/database.js';
import type { OutboxTable } from '../db/schema.js';
import { getDeliveryState } from './delivery-state.js';

/** Drops listed in `DeliveryStatus.recentDrops`. */
export const RECENT_DROPS = 5;
/** Default and maximum `limit` of `listDeliveries`. */
export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;

type OutboxRow = Selectable<OutboxTable>;

/**
 * Maximum of each count in the status. Counting a million events took
 * about a quarter of a second, which blocks the server, and the dashboard
 * requests the status every few seconds.
 */
export const COUNT_LIMIT = 100_000;

/**
 * Returns an app's delivery state, counts (up to `countLimit`, default
 * `COUNT_LIMIT`) and recent drops.
 */
export async function getDeliveryStatus(
  db: Db,
  app: { id: string; sqs_url: string },
  countLimit = COUNT_LIMIT,
): Promise<DeliveryStatus> {
  const counts = await countByStatus(db, app.id, countLimit);
  const stored = await getDeliveryState(db, app.id);
  const sqsEnabled = app.sqs_url !== '';
  let state: DeliveryState;
  if (!sqsEnabled) state = 'off';
  else if (stored.state === 'paused') state = 'paused';
  else if (stored.state === 'retrying') state = 'retrying';
  else state = counts.pending > 0 ? 'sending' : 'idle';
  const streak = state === 'paused' || state === 'retrying';
  return {
    sqsEnabled,
    state,
    reason: streak ? stored.reason : null,
    since: streak ? stored.since : null,
    countLimit,
    sent: counts.sent,
    waiting: counts.pending,
    dropped: counts.dropped,
    lastSentAt: await lastSentAt(db, app.id),
    lastError: await lastError(db, app.id, streak ? stored.reason : null),
    recentDrops: await recentDrops(db, app.id),
  };
}

async function countByStatus(
  db: Db,
  appId: string,
  countLimit: number,
): Promise<Record<DeliveryRecordStatus, number>> {
  const count = async (status: DeliveryRecordStatus): Promise<number> => {
    const row = await db
      .selectFrom((events) => events
        .selectFrom('outbox')
        .select('seq')
        .where('app_id', '=', appId)
        .where('status', '=', status)
        .limit(countLimit)
        .as('events'))
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };
  return {
    pending: await count('pending'),
    sent: await count('sent'),
    dropped: await count('dropped'),
  };
}

/**
 * Returns when the app's newest sent event was sent. An older event that
 * needed retries may have been sent later. The newest by `seq` is one
 * index step, whereas the latest `sent_at` took a sort of every sent event.
 */
async function lastSentAt(db: Db, appId: string): Promise<string | null> {
  const row = await db
    .selectFrom('outbox')
    .select('sent_at')
    .where('app_id', '=', appId)
    .where('status', '=', 'sent')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.sent_at ?? null;
}

async function lastError(
  db: Db,
  appId: string,
  stateReason: string | null,
): Promise<string | null> {
  if (stateReason !== null) return stateReason;
  const row = await db
    .selectFrom('outbox')
    .select('last_error')
    .where('app_id', '=', appId)
    .where('status', '=', 'pending')
    .where('last_error', 'is not', null)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return row?.last_error ?? null;
}

async function recentDrops(db: Db, appId: string): Promise<DroppedEvent[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('app_id', '=', appId)
    .where('status', '=', 'dropped')
    .orderBy('dropped_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(RECENT_DROPS)
    .execute();
  return rows.map((row) => ({
    eventId: row.event_id,
    eventType: row.event_type,
    cid: row.cid,
    createdAt: row.created_at,
    droppedAt: row.dropped_at ?? row.created_at,
    reason: row.last_error ?? '',
    sizeBytes: row.size_bytes,
    limitBytes: row.limit_bytes,
  }));
}

/** Filters of `listDeliveries`. */
export interface DeliveryFilters {
  eventType?: string;
  status?: DeliveryRecordStatus;
  /** Default 50, at most 200. */
  limit?: number;
}

/** Lists an app's deliveries, newest first, with its event types. */
export async function listDeliveries(
  db: Db,
  appId: string,
  filters: DeliveryFilters = {},
): Promise<DeliveryList> {
  const limit = Math.min(filters.limit ?? DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
  let query = db
    .selectFrom('outbox')
    .selectAll()
    .where('app_id', '=', appId);
  if (filters.eventType !== undefined) {
    query = query.where('event_type', '=', filters.eventType);
  }
  if (filters.status !== undefined) {
    query = query.where('status', '=', filters.status);
  }
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
  return {
    deliveries: rows.map(toRecord),
    eventTypes: await listEventTypes(db, appId),
  };
}

/**
 * Lists the event types of an app's events, in order. Each type is one
 * seek in the `(app_id, event_type)` index, where `DISTINCT` read every
 * event of the app: about a second for a million waiting events.
 */
async function listEventTypes(db: Db, appId: string): Promise<string[]> {
  const types: string[] = [];
  for (;;) {
    const next = await db
      .selectFrom('outbox')
      .select('event_type')
      .where('app_id', '=', appId)
      .where('event_type', '>', types.at(-1) ?? '')
      .orderBy('event_type')
      .limit(1)
      .executeTakeFirst();
    if (next === undefined) return types;
    types.push(next.event_type);
  }
}

/** Returns one delivery with its decoded event, or raises `NotFoundError`. */
export async function getDeliveryDetails(
  db: Db,
  appId: string,
  eventId: string,
): Promise<DeliveryDetails> {
  const row = await db
    .selectFrom('outbox')
    .innerJoin('outbox_payloads', 'outbox_payloads.seq', 'outbox.seq')
    .selectAll('outbox')
    .select('outbox_payloads.payload')
    .where('outbox.app_id', '=', appId)
    .where('outbox.event_id', '=', eventId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Event ${eventId} not found.`);
  return {
    delivery: toRecord(row),
    event: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

function toRecord(row: OutboxRow): DeliveryRecord {
  return {
    eventId: row.event_id,
    eventType: row.event_type,
    cid: row.cid,
    createdAt: row.created_at,
    status: row.status,
    sentAt: row.sent_at,
    sizeBytes: row.size_bytes,
    sqsMessageId: row.sqs_message_id,
    reason: row.last_error,
  };
}
