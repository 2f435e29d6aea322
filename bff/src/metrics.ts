/**
 * Prometheus metrics of delivery, on a registry per server so that tests
 * can run several servers in one process. `GET /metrics` serves them with
 * Node.js process metrics.
 */
import { performance } from 'node:perf_hooks';

import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';

import type { Db } from './db/database.js';
import type { DropCause } from './db/schema.js';
import { countWaiting } from './outbox/outbox.js';

/** The delivery metrics the worker records. */
export interface DeliveryMetrics {
  registry: Registry;
  eventsSent: Counter;
  eventsDropped: Counter<'reason'>;
  sqsCallFailures: Counter<'action' | 'code'>;
  batchEntries: Histogram;
  deliverySeconds: Histogram;
}

/** Error codes are AWS error names; anything else is cut to this shape. */
const CODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Creates the registry. `db` feeds the gauge of waiting events, which is
 * counted when the metrics are scraped.
 */
export function createDeliveryMetrics(db: Db): DeliveryMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const eventsSent = new Counter({
    name: 'sqs_bridge_events_sent_total',
    help: 'Events that SQS accepted.',
    registers: [registry],
  });
  new Gauge({
    name: 'sqs_bridge_events_waiting',
    help: 'Events of all apps that wait to be sent.',
    registers: [registry],
    async collect() {
      this.set(await countWaiting(db));
    },
  });
  new Counter({
    name: 'sqs_bridge_event_loop_active_seconds_total',
    help: 'Time the event loop spent running callbacks rather than ' +
      'waiting for I/O. Its rate near 1 means the main thread is saturated.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(performance.eventLoopUtilization().active / 1000);
    },
  });
  const eventsDropped = new Counter({
    name: 'sqs_bridge_events_dropped_total',
    help: 'Events that will not be sent, by reason.',
    labelNames: ['reason'],
    registers: [registry],
  });
  const sqsCallFailures = new Counter({
    name: 'sqs_bridge_sqs_call_failures_total',
    help: 'Failed SQS calls and rejected batch entries, by action and code.',
    labelNames: ['action', 'code'],
    registers: [registry],
  });
  const batchEntries = new Histogram({
    name: 'sqs_bridge_batch_entries',
    help: 'Entries per SendMessageBatch call.',
    buckets: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    registers: [registry],
  });
  const deliverySeconds = new Histogram({
    name: 'sqs_bridge_event_delivery_seconds',
    help: 'Time from an event to its acceptance by SQS, in seconds.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
    registers: [registry],
  });
  return {
    registry,
    eventsSent,
    eventsDropped,
    sqsCallFailures,
    batchEntries,
    deliverySeconds,
  };
}

/** Counts dropped events under their cause. */
export function countDrops(
  metrics: DeliveryMetrics,
  cause: DropCause,
  count = 1,
): void {
  if (count > 0) metrics.eventsDropped.inc({ reason: cause }, count);
}

/** Counts a failed call or entry, with a code label of bounded shape. */
export function countFailure(
  metrics: DeliveryMetrics,
  action: string,
  code: string,
): void {
  const label = CODE_PATTERN.test(code) ? code : 'Other';
  metrics.sqsCallFailures.inc({ action, code: label });
}
