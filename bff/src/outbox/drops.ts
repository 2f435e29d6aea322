/** Records dropped events: the outbox row, the metric and a log line. */
import type { Logger } from 'pino';

import type { Db } from '../db/database.js';
import type { DropCause } from '../db/schema.js';
import { countDrops, type DeliveryMetrics } from '../metrics.js';
import { markDropped, type OutboxEvent } from './outbox.js';

/** An event that will not be sent, and why. */
export interface EventDrop {
  event: OutboxEvent;
  cause: DropCause;
  reason: string;
  sizeBytes?: number;
  limitBytes?: number;
}

/** Marks the events dropped, counts them and logs each with its ids. */
export async function recordDrops(
  target: { db: Db; logger: Logger; metrics: DeliveryMetrics },
  drops: readonly EventDrop[],
): Promise<void> {
  if (drops.length === 0) return;
  await markDropped(
    target.db,
    drops.map((drop) => ({
      seq: drop.event.seq,
      cause: drop.cause,
      reason: drop.reason,
      sizeBytes: drop.sizeBytes ?? null,
      limitBytes: drop.limitBytes ?? null,
    })),
  );
  for (const drop of drops) {
    countDrops(target.metrics, drop.cause);
    target.logger.warn(
      {
        eventId: drop.event.eventId,
        eventType: drop.event.eventType,
        cause: drop.cause,
        sizeBytes: drop.sizeBytes,
        limitBytes: drop.limitBytes,
        reason: drop.reason,
      },
      'event dropped',
    );
  }
}

/** Returns the drop of an event larger than the queue's maximum. */
export function oversizeDrop(
  event: OutboxEvent,
  sizeBytes: number,
  limitBytes: number,
): EventDrop {
  return {
    event,
    cause: 'oversize',
    reason: `The event is ${sizeBytes} bytes, over the queue's maximum ` +
      `message size of ${limitBytes} bytes.`,
    sizeBytes,
    limitBytes,
  };
}
