/**
 * The outbox: events wait here, in the database, until SQS accepts them.
 *
 * Guarantees: an event is appended in the same transaction as the chat
 * change that caused it, so a change that is committed always has its
 * event. An event is marked sent only after SQS returned a message id for
 * it; everything else stays pending and is tried again. A worker claims
 * events under a lease, so events claimed by a worker that died are
 * claimed again once the lease runs out; only those may be sent twice.
 */
import type { Transaction } from 'kysely';

import type { Db } from '../db/database.js';
import type { Selectable } from 'kysely';

import type { Database, OutboxTable } from '../db/schema.js';
import type { ChatEvent } from '../events/encoding.js';

export type Executor = Db | Transaction<Database>;

export interface OutboxEvent {
  seq: number;
  appId: string;
  eventId: string;
  eventType: string;
  payload: string;
  attempts: number;
  createdAt: string;
}

/** Whether this app sends events of this type, per `webhook_events`. */
export function isEventSelected(
  webhookEvents: string | null,
  eventType: string,
): boolean {
  if (webhookEvents === null) return true;
  const types = JSON.parse(webhookEvents) as string[];
  return types.length === 0 || types.includes(eventType) ||
    types.includes('*');
}

/** Appends events for an app; run it inside the chat write's transaction. */
export async function appendEvents(
  executor: Executor,
  app: { id: string; sqs_url: string; webhook_events: string | null },
  events: readonly (ChatEvent & { id: string })[],
): Promise<number> {
  if (app.sqs_url === '') return 0;
  const now = new Date().toISOString();
  const rows = events
    .filter((event) => isEventSelected(app.webhook_events, event.type))
    .map((event) => ({
      app_id: app.id,
      event_id: event.id,
      event_type: event.type,
      payload: JSON.stringify(event),
      created_at: event.created_at,
      status: 'pending' as const,
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      sent_at: null,
      sqs_message_id: null,
      last_error: null,
    }));
  if (rows.length > 0) await executor.insertInto('outbox').values(rows).execute();
  return rows.length;
}

/**
 * Claims up to `limit` due events of one app, oldest first, under a lease
 * of `leaseMs`. The claim is one transaction, so two workers never hold
 * the same event at once.
 */
export async function claimEvents(
  db: Db,
  appId: string,
  limit: number,
  leaseMs: number,
): Promise<OutboxEvent[]> {
  const now = new Date();
  const nowText = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('app_id', '=', appId)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowText)
      .where((eb) =>
        eb.or([
          eb('lease_until', 'is', null),
          eb('lease_until', '<=', nowText),
        ]),
      )
      .orderBy('seq')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('outbox')
      .set({ lease_until: leaseUntil })
      .where('seq', 'in', rows.map((row) => row.seq))
      .execute();
    return rows.map(toOutboxEvent);
  });
}

function toOutboxEvent(row: Selectable<OutboxTable>): OutboxEvent {
  return {
    seq: row.seq,
    appId: row.app_id,
    eventId: row.event_id,
    eventType: row.event_type,
    payload: row.payload,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

/** Marks events sent, with the message ids SQS returned. */
export async function markSent(
  db: Db,
  sent: readonly { seq: number; messageId: string }[],
): Promise<void> {
  if (sent.length === 0) return;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const { seq, messageId } of sent) {
      await trx
        .updateTable('outbox')
        .set({
          status: 'sent',
          sent_at: now,
          sqs_message_id: messageId,
          lease_until: null,
          last_error: null,
        })
        .where('seq', '=', seq)
        .execute();
    }
  });
}

/** Releases events for a later attempt, after `delayMs`. */
export async function scheduleRetry(
  db: Db,
  seqs: readonly number[],
  delayMs: number,
  error: string,
): Promise<void> {
  if (seqs.length === 0) return;
  const next = new Date(Date.now() + delayMs).toISOString();
  await db
    .updateTable('outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      next_attempt_at: next,
      lease_until: null,
      last_error: error,
    }))
    .where('seq', 'in', [...seqs])
    .execute();
}

/** Marks events dropped: they will not be sent, and the reason stays. */
export async function markDropped(
  db: Db,
  dropped: readonly { seq: number; reason: string }[],
): Promise<void> {
  if (dropped.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const { seq, reason } of dropped) {
      await trx
        .updateTable('outbox')
        .set({ status: 'dropped', lease_until: null, last_error: reason })
        .where('seq', '=', seq)
        .execute();
    }
  });
}

/** Lists apps that have events due now. */
export async function listAppsWithDueEvents(db: Db): Promise<string[]> {
  const now = new Date().toISOString();
  const rows = await db
    .selectFrom('outbox')
    .select('app_id')
    .distinct()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .execute();
  return rows.map((row) => row.app_id);
}

export interface DeliveryCounts {
  sent: number;
  waiting: number;
  dropped: number;
  lastSentAt: string | null;
  lastError: string | null;
}

/** Counts an app's events by state, for the dashboard. */
export async function getDeliveryCounts(
  db: Db,
  appId: string,
): Promise<DeliveryCounts> {
  const counts = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('app_id', '=', appId)
    .groupBy('status')
    .execute();
  const byStatus = new Map(counts.map((row) => [row.status, Number(row.count)]));
  const lastSent = await db
    .selectFrom('outbox')
    .select('sent_at')
    .where('app_id', '=', appId)
    .where('status', '=', 'sent')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const lastPending = await db
    .selectFrom('outbox')
    .select('last_error')
    .where('app_id', '=', appId)
    .where('status', '=', 'pending')
    .where('last_error', 'is not', null)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return {
    sent: byStatus.get('sent') ?? 0,
    waiting: byStatus.get('pending') ?? 0,
    dropped: byStatus.get('dropped') ?? 0,
    lastSentAt: lastSent?.sent_at ?? null,
    lastError: lastPending?.last_error ?? null,
  };
}
