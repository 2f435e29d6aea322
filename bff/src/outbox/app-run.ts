/**
 * One delivery run of one app: claims pages of due events and sends them
 * in `SendMessageBatch` calls until nothing is due, the worker stops, or
 * the queue fails as a whole. What SQS accepted is marked sent at once;
 * what it failed is retried, dropped or handed back, as `worker.ts`
 * describes.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';

import type { App } from '../accounts/apps.js';
import type { Db } from '../db/database.js';
import { encodeEventJson } from '../events/encoding.js';
import { countFailure, type DeliveryMetrics } from '../metrics.js';
import {
  classifyCallFailure,
  isSizeRejection,
} from '../sqs/delivery-failures.js';
import { SqsError, describeSqsError, type SqsAction } from '../sqs/errors.js';
import type { QueueLimits } from '../sqs/queue-limits.js';
import {
  entrySizeBytes,
  sendEventBatch,
  type BatchEntry,
  type SendEventBatchResult,
} from '../sqs/send-batch.js';
import { backoffMs, type BackoffPolicy } from './backoff.js';
import { splitOversize, takeBatch } from './batching.js';
import { oversizeDrop, recordDrops, type EventDrop } from './drops.js';
import {
  SendPipeline,
  type BatchStep,
  type FailedOutcome,
  type PendingEntry,
  type PipelineHost,
  type Segment,
} from './send-pipeline.js';
import {
  claimEvents,
  releaseEvents,
  scheduleRetry,
  type OutboxEvent,
  type SentMarks,
  type RetryEvent,
} from './outbox.js';

/** Settings of a run, as the worker's options set them. */
export interface RunSettings {
  claimLimit: number;
  leaseMs: number;
  sendTimeoutMs: number;
  eventBackoff: BackoffPolicy;
  maxAttempts: number;
  maxEventAgeMs: number;
  /** Claims in one run at most; a probe makes one. */
  maxClaims: number;
}

/** The queue's limits, cached by the worker. */
export interface LimitsSource {
  current(): Promise<QueueLimits>;
  /** Reads the limits from SQS again, such as after a size rejection. */
  refresh(): Promise<QueueLimits>;
}

/** Dependencies and inputs of one run. */
export interface AppRunContext {
  db: Db;
  /** Marks events sent, grouped with the other runs' marks. */
  sentMarks: SentMarks;
  logger: Logger;
  metrics: DeliveryMetrics;
  app: App;
  queueUrl: string;
  client: SQSClient;
  limits: LimitsSource;
  settings: RunSettings;
  isStopping: () => boolean;
}

/** The result of a run. */
export type RunOutcome =
  | { kind: 'drained' }
  | { kind: 'stopped' }
  | {
      kind: 'failed';
      reaction: 'back-off' | 'pause';
      code: string;
      reason: string;
    };

/** Delivers an app's due events; see `RunOutcome`. */
export function runAppDelivery(context: AppRunContext): Promise<RunOutcome> {
  return new AppRun(context).execute();
}

class AppRun implements PipelineHost {
  private limits: QueueLimits = { maxMessageBytes: 0, fifo: false };
  /** Lowered after `BatchRequestTooLong`, for the rest of the run. */
  private batchCapBytes = Number.POSITIVE_INFINITY;

  constructor(private readonly context: AppRunContext) {}

  async execute(): Promise<RunOutcome> {
    try {
      this.limits = await this.context.limits.current();
    } catch (err) {
      return this.failedCall(err, 'GetQueueAttributes');
    }
    const pipeline = new SendPipeline(this);
    try {
      return await pipeline.run();
    } finally {
      await pipeline.settle();
    }
  }

  /** Claims the next page, drops what cannot be sent, and returns the rest. */
  async claimPage(limit: number): Promise<Segment | null> {
    const { db, app, settings } = this.context;
    const claim = await claimEvents(db, app.id, {
      limit,
      leaseMs: settings.leaseMs,
    });
    if (claim.events.length === 0) return null;
    const fresh = await this.dropExpired(claim.events);
    const items = await this.dropOversize(fresh.map((e) => this.toEntry(e)));
    return { claim, items, full: claim.events.length >= limit };
  }

  get settings(): RunSettings {
    return this.context.settings;
  }

  get fifo(): boolean {
    return this.limits.fifo;
  }

  isStopping(): boolean {
    return this.context.isStopping();
  }

  takeBatchFrom(items: readonly PendingEntry[]): PendingEntry[] {
    return takeBatch(
      items,
      Math.min(this.limits.maxMessageBytes, this.batchCapBytes),
    );
  }

  send(batch: PendingEntry[], owner: string): Promise<BatchStep> {
    return this.sendBatch(batch, owner);
  }

  recheckSizes(items: PendingEntry[]): Promise<PendingEntry[]> {
    return this.dropOversize(items);
  }

  private toEntry(event: OutboxEvent): PendingEntry {
    const { app } = this.context;
    const compress = app.enable_hook_payload_compression === 1;
    const entry: BatchEntry = {
      id: `e${event.seq}`,
      body: encodeEventJson(event.payload, { compress }),
      eventType: event.eventType,
      ...(this.limits.fifo
        ? { groupId: event.cid ?? app.id, deduplicationId: event.eventId }
        : {}),
    };
    return { event, entry, sizeBytes: entrySizeBytes(entry) };
  }

  private async sendBatch(
    batch: PendingEntry[],
    owner: string,
  ): Promise<BatchStep> {
    const { client, queueUrl, settings, metrics } = this.context;
    let result: SendEventBatchResult;
    try {
      result = await sendEventBatch(
        client,
        queueUrl,
        batch.map((item) => item.entry),
        { timeoutMs: settings.sendTimeoutMs },
      );
    } catch (err) {
      return this.batchCallFailed(batch, owner, err);
    }
    metrics.batchEntries.observe(batch.length);
    const byId = new Map(batch.map((item) => [item.entry.id, item]));
    await this.markAccepted(result, byId);
    const limitChanged = await this.settleFailures(result, byId, owner);
    return { kind: 'sent', limitChanged };
  }

  private async markAccepted(
    result: SendEventBatchResult,
    byId: ReadonlyMap<string, PendingEntry>,
  ): Promise<void> {
    const { sentMarks, metrics } = this.context;
    const accepted = result.successful.flatMap(({ id, messageId }) => {
      const item = byId.get(id);
      return item === undefined ? [] : [{ item, messageId }];
    });
    await sentMarks.mark(
      accepted.map(({ item, messageId }) => ({
        seq: item.event.seq,
        messageId,
        sizeBytes: item.sizeBytes,
      })),
    );
    const now = Date.now();
    for (const { item } of accepted) {
      const ageMs = now - Date.parse(item.event.createdAt);
      metrics.deliverySeconds.observe(Math.max(0, ageMs) / 1000);
    }
    metrics.eventsSent.inc(accepted.length);
  }

  /**
   * Retries, drops or re-measures the entries SQS failed. Returns whether
   * the queue's size limit was read again and changed.
   */
  private async settleFailures(
    result: SendEventBatchResult,
    byId: ReadonlyMap<string, PendingEntry>,
    owner: string,
  ): Promise<boolean> {
    const { metrics, settings } = this.context;
    const retries: RetryEvent[] = [];
    const drops: EventDrop[] = [];
    const sizeRejected: PendingEntry[] = [];
    for (const failure of result.failed) {
      const item = byId.get(failure.id);
      if (item === undefined) continue;
      countFailure(metrics, 'SendMessageBatch', failure.code);
      const reason = `SQS rejected the event (${failure.code}): ` +
        failure.message;
      if (!failure.senderFault) {
        const attempts = item.event.attempts + 1;
        if (attempts >= settings.maxAttempts) {
          drops.push({ event: item.event, cause: 'attempts', reason });
        } else {
          const delayMs = backoffMs(attempts, settings.eventBackoff);
          retries.push({ seq: item.event.seq, delayMs, error: reason });
        }
      } else if (isSizeRejection(failure.code, failure.message)) {
        sizeRejected.push(item);
      } else {
        drops.push({ event: item.event, cause: 'rejected', reason });
      }
    }
    await scheduleRetry(this.context.db, retries, owner);
    await recordDrops(this.context, drops);
    if (sizeRejected.length === 0) return false;
    const changed = await this.refreshLimits();
    const { oversize, fitting } = splitOversize(
      sizeRejected,
      this.limits.maxMessageBytes,
    );
    await this.dropAsOversize(oversize);
    await recordDrops(
      this.context,
      fitting.map((item) => ({
        event: item.event,
        cause: 'rejected' as const,
        reason: `SQS rejected the event as too large at ${item.sizeBytes} ` +
          `bytes, within the queue's maximum of ` +
          `${this.limits.maxMessageBytes} bytes.`,
        sizeBytes: item.sizeBytes,
        limitBytes: this.limits.maxMessageBytes,
      })),
    );
    return changed;
  }

  private async batchCallFailed(
    batch: PendingEntry[],
    owner: string,
    err: unknown,
  ): Promise<BatchStep> {
    const failure = classifyCallFailure(err);
    countFailure(this.context.metrics, 'SendMessageBatch', failure.code);
    if (failure.reaction === 'split-batch') {
      await this.refreshLimits();
      const totalBytes = batch.reduce((sum, item) => sum + item.sizeBytes, 0);
      if (batch.length > 1) {
        this.batchCapBytes = Math.floor(totalBytes / 2);
        return { kind: 'split', requeue: batch };
      }
      const reason = this.describe(err, 'SendMessageBatch');
      await recordDrops(
        this.context,
        batch.map((item) => ({
          event: item.event,
          cause: 'rejected',
          reason,
          sizeBytes: item.sizeBytes,
        })),
      );
      return { kind: 'sent', limitChanged: false };
    }
    const outcome = this.failedCall(err, 'SendMessageBatch');
    // NOTE: a whole-call error of no known kind is charged to the batch's
    // events, so one that persists for every call drops events after
    // `maxAttempts`; no such error has been seen from SQS.
    if (failure.reaction === 'charge-events') {
      await this.chargeEvents(batch, owner, outcome.reason);
    } else {
      await this.release(batch, owner);
    }
    return { kind: 'failed', outcome };
  }

  /** Spends an attempt of each event after a call failed for no known cause. */
  private async chargeEvents(
    batch: PendingEntry[],
    owner: string,
    reason: string,
  ): Promise<void> {
    const { settings } = this.context;
    const retries: RetryEvent[] = [];
    const drops: EventDrop[] = [];
    for (const { event } of batch) {
      const attempts = event.attempts + 1;
      if (attempts >= settings.maxAttempts) {
        drops.push({ event, cause: 'attempts', reason });
      } else {
        const delayMs = backoffMs(attempts, settings.eventBackoff);
        retries.push({ seq: event.seq, delayMs, error: reason });
      }
    }
    await scheduleRetry(this.context.db, retries, owner);
    await recordDrops(this.context, drops);
  }

  private failedCall(err: unknown, action: SqsAction): FailedOutcome {
    const failure = classifyCallFailure(err);
    if (action === 'GetQueueAttributes') {
      countFailure(this.context.metrics, action, failure.code);
    }
    return {
      kind: 'failed',
      reaction: failure.reaction === 'pause' ? 'pause' : 'back-off',
      code: failure.code,
      reason: this.describe(err, action),
    };
  }

  private describe(err: unknown, action: SqsAction): string {
    const { app, queueUrl } = this.context;
    const redact = [app.sqs_secret];
    if (err instanceof SqsError) {
      return describeSqsError(err.cause ?? err, { queueUrl, action, redact });
    }
    return describeSqsError(err, { queueUrl, action, redact });
  }

  /** Reads the limits again; returns whether the maximum size changed. */
  private async refreshLimits(): Promise<boolean> {
    const before = this.limits.maxMessageBytes;
    try {
      this.limits = await this.context.limits.refresh();
    } catch (err) {
      this.context.logger.warn(
        { err: describeSqsError(err, {
          queueUrl: this.context.queueUrl,
          action: 'GetQueueAttributes',
        }) },
        'reading the queue limits again failed; keeping the cached ones',
      );
    }
    return this.limits.maxMessageBytes !== before;
  }

  private async dropExpired(events: OutboxEvent[]): Promise<OutboxEvent[]> {
    const oldestMs = Date.now() - this.context.settings.maxEventAgeMs;
    const expired = events.filter((e) => Date.parse(e.createdAt) < oldestMs);
    if (expired.length === 0) return events;
    const hours = Math.round(this.context.settings.maxEventAgeMs / 3_600_000);
    await recordDrops(
      this.context,
      expired.map((event) => ({
        event,
        cause: 'expired',
        reason: `The event waited more than ${hours} hours.`,
      })),
    );
    return events.filter((event) => !expired.includes(event));
  }

  /** Drops entries over the queue's limit and returns the others. */
  private async dropOversize(items: PendingEntry[]): Promise<PendingEntry[]> {
    const { fitting, oversize } = splitOversize(
      items,
      this.limits.maxMessageBytes,
    );
    await this.dropAsOversize(oversize);
    return fitting;
  }

  private async dropAsOversize(items: PendingEntry[]): Promise<void> {
    const limitBytes = this.limits.maxMessageBytes;
    await recordDrops(
      this.context,
      items.map((item) => oversizeDrop(item.event, item.sizeBytes, limitBytes)),
    );
  }

  async release(items: PendingEntry[], owner: string): Promise<void> {
    await releaseEvents(
      this.context.db,
      items.map((item) => item.event.seq),
      owner,
    );
  }
}
