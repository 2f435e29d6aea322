/**
 * The delivery worker: sends waiting events to each app's queue.
 *
 * One loop runs per app with events due, so a slow queue delays only its
 * own app. A run claims a page of events under a lease, packs them into
 * `SendMessageBatch` calls, and then: marks sent what SQS accepted; drops
 * events larger than the queue's maximum and entries SQS rejected as the
 * sender's fault, with the reason; and schedules everything else for a
 * retry after an exponential back-off with jitter. On shutdown the worker
 * stops claiming and waits for the calls in flight; events it had claimed
 * but not sent are claimed again when their lease runs out.
 */
import type { Logger } from 'pino';

import { getApp, isSqsEnabled, type App } from '../accounts/apps.js';
import type { Db } from '../db/database.js';
import { encodeEventBody } from '../events/encoding.js';
import { createSqsClient } from '../sqs/client-factory.js';
import { describeSqsError, isRetryable } from '../sqs/errors.js';
import { entrySizeBytes, sendEventBatch } from '../sqs/send-batch.js';
import { parseQueueUrl } from '@sqs-bridge/contracts';
import { packBatches } from './batching.js';
import {
  claimEvents,
  listAppsWithDueEvents,
  markDropped,
  markSent,
  scheduleRetry,
  type OutboxEvent,
} from './outbox.js';

/**
 * The maximum message size assumed for a queue: 256 KiB, the smallest
 * default an existing queue can have.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 262_144;

export interface DeliveryWorkerOptions {
  db: Db;
  logger: Logger;
  allowedSqsOrigins: readonly string[];
  /** How often to look for due events when nothing wakes the worker. */
  pollIntervalMs?: number;
  /** Events claimed in one run. Default 100. */
  claimLimit?: number;
  /** A claim lasts this long; longer than any send. Default 60 s. */
  leaseMs?: number;
  /** Deadline of one `SendMessageBatch` call. Default 10 s. */
  sendTimeoutMs?: number;
}

interface PendingEntry {
  event: OutboxEvent;
  entry: { id: string; body: string; eventType: string };
  sizeBytes: number;
}

export class DeliveryWorker {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly options: Required<
    Omit<DeliveryWorkerOptions, 'db' | 'logger' | 'allowedSqsOrigins'>
  >;

  constructor(private readonly deps: DeliveryWorkerOptions) {
    this.options = {
      pollIntervalMs: deps.pollIntervalMs ?? 500,
      claimLimit: deps.claimLimit ?? 100,
      leaseMs: deps.leaseMs ?? 60_000,
      sendTimeoutMs: deps.sendTimeoutMs ?? 10_000,
    };
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Wakes the worker for an app that has new events. */
  notify(appId: string): void {
    if (this.stopped) return;
    this.runApp(appId);
  }

  /** Stops claiming events and waits for the runs in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled(this.running.values());
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), delayMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    try {
      const appIds = await listAppsWithDueEvents(this.deps.db);
      for (const appId of appIds) this.runApp(appId);
    } catch (err) {
      this.deps.logger.error({ err }, 'listing apps with due events failed');
    }
    this.schedule(this.options.pollIntervalMs);
  }

  private runApp(appId: string): void {
    if (this.running.has(appId)) {
      this.again.add(appId);
      return;
    }
    const run = this.deliverApp(appId)
      .catch((err: unknown) => {
        this.deps.logger.error({ err, appId }, 'delivery run failed');
      })
      .finally(() => {
        this.running.delete(appId);
        if (this.again.delete(appId)) this.notify(appId);
      });
    this.running.set(appId, run);
  }

  private async deliverApp(appId: string): Promise<void> {
    const app = await getApp(this.deps.db, appId);
    if (!isSqsEnabled(app)) return;
    const parsed = parseQueueUrl(app.sqs_url, {
      allowedOrigins: this.deps.allowedSqsOrigins,
    });
    if (!parsed.ok) {
      this.deps.logger.warn(
        { appId, reason: parsed.error },
        'delivery skipped: stored queue URL is no longer allowed',
      );
      return;
    }
    const client = createSqsClient({
      region: parsed.queue.region,
      endpoint: parsed.queue.endpoint,
      accessKeyId: app.sqs_key,
      secretAccessKey: app.sqs_secret,
      requestTimeoutMs: this.options.sendTimeoutMs,
      connectionTimeoutMs: 3000,
      maxAttempts: 1,
    });
    try {
      while (!this.stopped) {
        const events = await claimEvents(
          this.deps.db,
          appId,
          this.options.claimLimit,
          this.options.leaseMs,
        );
        if (events.length === 0) return;
        const ok = await this.deliverPage(app, client, events);
        if (!ok) return;
      }
    } finally {
      client.destroy();
    }
  }

  /** Sends one claimed page; returns false when the queue failed. */
  private async deliverPage(
    app: App,
    client: ReturnType<typeof createSqsClient>,
    events: OutboxEvent[],
  ): Promise<boolean> {
    const compress = app.enable_hook_payload_compression === 1;
    const entries: PendingEntry[] = events.map((event, index) => {
      const entry = {
        id: `e${index}`,
        body: encodeEventBody(JSON.parse(event.payload), { compress }),
        eventType: event.eventType,
      };
      return { event, entry, sizeBytes: entrySizeBytes(entry) };
    });
    const { batches, oversize } = packBatches(
      entries,
      DEFAULT_MAX_MESSAGE_BYTES,
    );
    await this.dropOversize(app.id, oversize);
    for (let i = 0; i < batches.length; i++) {
      const batch = batches[i]!;
      try {
        await this.sendBatch(app, client, batch);
      } catch (err) {
        const rest = batches.slice(i).flat().map((item) => item.event);
        await this.retryLater(app, rest, err);
        return false;
      }
    }
    return true;
  }

  private async sendBatch(
    app: App,
    client: ReturnType<typeof createSqsClient>,
    batch: PendingEntry[],
  ): Promise<void> {
    const byId = new Map(batch.map((item) => [item.entry.id, item]));
    const started = Date.now();
    const result = await sendEventBatch(
      client,
      app.sqs_url,
      batch.map((item) => item.entry),
      { timeoutMs: this.options.sendTimeoutMs },
    );
    const sent = result.successful.flatMap(({ id, messageId }) => {
      const item = byId.get(id);
      return item ? [{ seq: item.event.seq, messageId }] : [];
    });
    await markSent(this.deps.db, sent);
    this.deps.logger.info(
      {
        appId: app.id,
        entries: batch.length,
        sent: sent.length,
        failed: result.failed.length,
        durationMs: Date.now() - started,
      },
      'SendMessageBatch done',
    );
    const dropped = [];
    const retry = [];
    for (const failure of result.failed) {
      const item = byId.get(failure.id);
      if (!item) continue;
      const reason = `${failure.code}: ${failure.message}`;
      if (failure.senderFault) dropped.push({ seq: item.event.seq, reason });
      else retry.push(item.event.seq);
    }
    await markDropped(this.deps.db, dropped);
    for (const drop of dropped) {
      this.deps.logger.warn(
        { appId: app.id, seq: drop.seq, reason: drop.reason },
        'event dropped: SQS rejected the entry',
      );
    }
    await scheduleRetry(this.deps.db, retry, backoffMs(1), 'SQS failed the entry; retrying');
  }

  private async dropOversize(
    appId: string,
    oversize: PendingEntry[],
  ): Promise<void> {
    const dropped = oversize.map((item) => ({
      seq: item.event.seq,
      reason:
        `event is ${item.sizeBytes} bytes, over the queue's maximum of ` +
        `${DEFAULT_MAX_MESSAGE_BYTES} bytes`,
    }));
    await markDropped(this.deps.db, dropped);
    for (const item of oversize) {
      this.deps.logger.warn(
        {
          appId,
          eventId: item.event.eventId,
          eventType: item.event.eventType,
          sizeBytes: item.sizeBytes,
          maxBytes: DEFAULT_MAX_MESSAGE_BYTES,
        },
        'event dropped: larger than the queue allows',
      );
    }
  }

  private async retryLater(
    app: App,
    events: OutboxEvent[],
    err: unknown,
  ): Promise<void> {
    const attempts = Math.max(...events.map((event) => event.attempts)) + 1;
    const delayMs = backoffMs(attempts);
    const reason = describeSqsError(err, {
      queueUrl: app.sqs_url,
      action: 'SendMessage',
    });
    await scheduleRetry(
      this.deps.db,
      events.map((event) => event.seq),
      delayMs,
      reason,
    );
    this.deps.logger.warn(
      {
        appId: app.id,
        events: events.length,
        retryable: isRetryable(err),
        retryInMs: delayMs,
        reason,
      },
      'SendMessageBatch failed; events will be retried',
    );
  }
}

/** Back-off before attempt `attempt`: 1 s doubling to 5 min, with jitter. */
export function backoffMs(attempt: number): number {
  const ceilingMs = Math.min(300_000, 1000 * 2 ** Math.min(attempt - 1, 20));
  return Math.round(ceilingMs / 2 + Math.random() * (ceilingMs / 2));
}
