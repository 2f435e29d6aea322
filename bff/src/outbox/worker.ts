/**
 * The delivery worker: sends waiting events to each app's queue.
 *
 * Guarantees: an event is marked sent only after SQS returned a message
 * id for it, and stays pending across restarts until then. Only events
 * in flight when the process dies may be sent twice (see `outbox.ts`).
 *
 * One run at a time per app, at most `maxConcurrentApps` runs at once, so
 * a slow or broken queue holds only its own app. Each app has its own
 * `SQSClient` and its own back-off. A run claims a page under a lease,
 * packs it into batches by entry count and the queue's
 * `MaximumMessageSize` (read with `GetQueueAttributes`, cached, 256 KiB
 * when that call is denied), and then:
 * - marks sent what SQS accepted;
 * - drops an event over the queue's maximum, one that SQS rejected as the
 *   sender's fault, one that failed `maxAttempts` times on its own, and
 *   one older than `maxEventAgeMs`, recording why;
 * - retries an entry that SQS failed (`SenderFault: false`) on its own
 *   after `EVENT_BACKOFF`, spending one of its attempts;
 * - on throttling, 5xx, timeouts and connection errors, hands the events
 *   back without spending attempts and retries the app after
 *   `QUEUE_BACKOFF` (at most 10 s), with state `retrying`;
 * - on configuration errors (queue not found, access denied, invalid key
 *   or secret, KMS, not SQS), pauses the app in the database. A pause
 *   ends when the settings change, Test SQS passes on the stored
 *   settings, Resume is pressed, or a `GetQueueAttributes` probe every
 *   `probeIntervalMs` passes.
 *
 * Shutdown: `stop()` stops claiming, lets calls in flight finish (each has
 * a deadline of `sendTimeoutMs`), hands back claimed events it did not
 * send, and destroys the clients.
 */
import type { Logger } from 'pino';

import {
  getApp,
  isSqsEnabled,
  onSettingsChanged,
  type App,
} from '../accounts/apps.js';
import type { Db } from '../db/database.js';
import type { DeliveryMetrics } from '../metrics.js';
import { SqsClientCache } from '../sqs/client-cache.js';
import { classifyCallFailure } from '../sqs/delivery-failures.js';
import { readQueueLimits, type QueueLimits } from '../sqs/queue-limits.js';
import { onQueueCheckPassed } from '../sqs/test-sqs.js';
import { parseQueueUrl, type ParsedQueue } from '@sqs-bridge/contracts';
import { runAppDelivery, type RunOutcome, type RunSettings } from './app-run.js';
import {
  backoffMs,
  EVENT_BACKOFF,
  QUEUE_BACKOFF,
  type BackoffPolicy,
} from './backoff.js';
import {
  getDeliveryState,
  listPausedApps,
  setDeliveryState,
} from './delivery-state.js';
import { listAppsWithDueEvents, SentMarks } from './outbox.js';
import { runMaintenance } from './worker-maintenance.js';

/**
 * The maximum message size assumed when `GetQueueAttributes` is denied:
 * 256 KiB, the smallest default an existing queue can have.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 262_144;

const DAY_MS = 86_400_000;

/**
 * Lease time beyond the send deadline by default: room for marking the
 * batch sent, short enough that a crash delays the events it held by
 * seconds, not minutes.
 */
const LEASE_SLACK_MS = 5_000;

export interface DeliveryWorkerOptions {
  db: Db;
  logger: Logger;
  metrics: DeliveryMetrics;
  allowedSqsOrigins: readonly string[];
  /** How often to look for due events when nothing wakes the worker. Default 500 ms. */
  pollIntervalMs?: number;
  /** Events claimed at once. Default 100. */
  claimLimit?: number;
  /**
   * A claim lasts this long, longer than any call. Events of a worker that
   * died wait this long before another claims them. Default: the send
   * deadline plus 5 s.
   */
  leaseMs?: number;
  /** Deadline of one SQS call. Default 10 s. */
  sendTimeoutMs?: number;
  /** Deadline to open a connection. Default 3 s. */
  connectionTimeoutMs?: number;
  /** Apps delivered at the same time, at most. Default 32. */
  maxConcurrentApps?: number;
  /** Back-off of an app whose queue failed as a whole. */
  queueBackoff?: BackoffPolicy;
  /** Back-off of one event that SQS failed. */
  eventBackoff?: BackoffPolicy;
  /** Failed attempts of one event before it is dropped. Default 10. */
  maxAttempts?: number;
  /** Events older than this are dropped as expired. Default 7 days. */
  maxEventAgeMs?: number;
  /** Sent and dropped events are kept this long. Default 7 days. */
  retentionMs?: number;
  /** How often paused apps are probed. Default 30 s. */
  probeIntervalMs?: number;
  /** How often expiry and pruning run. Default 60 s. */
  maintenanceIntervalMs?: number;
}

type Settings = Required<
  Omit<DeliveryWorkerOptions, 'db' | 'logger' | 'metrics' | 'allowedSqsOrigins'>
>;

interface CachedLimits {
  queueUrl: string;
  limits: QueueLimits;
}

/** An app with its parsed queue URL. */
interface Destination {
  app: App;
  queue: ParsedQueue;
}

export class DeliveryWorker {
  private readonly settings: Settings;
  private readonly clients: SqsClientCache;
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly waiting = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly limits = new Map<string, CachedLimits>();
  private readonly probing = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly sentMarks: SentMarks;
  private readonly unsubscribe: (() => void)[] = [];
  private stopped = true;

  constructor(private readonly deps: DeliveryWorkerOptions) {
    this.sentMarks = new SentMarks(deps.db);
    const sendTimeoutMs = deps.sendTimeoutMs ?? 10_000;
    this.settings = {
      pollIntervalMs: deps.pollIntervalMs ?? 500,
      claimLimit: deps.claimLimit ?? 100,
      leaseMs: deps.leaseMs ?? sendTimeoutMs + LEASE_SLACK_MS,
      sendTimeoutMs,
      connectionTimeoutMs: deps.connectionTimeoutMs ?? 3_000,
      maxConcurrentApps: deps.maxConcurrentApps ?? 32,
      queueBackoff: deps.queueBackoff ?? QUEUE_BACKOFF,
      eventBackoff: deps.eventBackoff ?? EVENT_BACKOFF,
      maxAttempts: deps.maxAttempts ?? 10,
      maxEventAgeMs: deps.maxEventAgeMs ?? 7 * DAY_MS,
      retentionMs: deps.retentionMs ?? 7 * DAY_MS,
      probeIntervalMs: deps.probeIntervalMs ?? 30_000,
      maintenanceIntervalMs: deps.maintenanceIntervalMs ?? 60_000,
    };
    this.clients = new SqsClientCache({
      requestTimeoutMs: this.settings.sendTimeoutMs,
      connectionTimeoutMs: this.settings.connectionTimeoutMs,
    });
  }

  start(): void {
    this.stopped = false;
    this.unsubscribe.push(
      onSettingsChanged(this.deps.db, (appId) => void this.settingsChanged(appId)),
      onQueueCheckPassed((appId) => void this.resume(appId, 'test-sqs')),
    );
    this.every(this.settings.pollIntervalMs, () => this.poll());
    this.every(this.settings.probeIntervalMs, () => this.probePausedApps());
    this.every(this.settings.maintenanceIntervalMs, () => this.maintain());
    void this.poll();
  }

  /** Wakes the worker for an app that has new events. */
  notify(appId: string): void {
    if (this.stopped) return;
    this.runApp(appId);
  }

  /**
   * Resumes a paused app and wakes it. `cause` names who resumed it, for
   * the log. Does nothing for an app that is not paused.
   */
  async resume(appId: string, cause: string): Promise<void> {
    const stored = await getDeliveryState(this.deps.db, appId);
    if (stored.state !== 'paused') return;
    await setDeliveryState(this.deps.db, appId, 'active');
    this.deps.logger.info({ appId, cause }, 'delivery resumed');
    this.failures.delete(appId);
    this.blockedUntil.delete(appId);
    this.notify(appId);
  }

  /** Waits for the app's current run, if one is in flight. */
  async waitForRun(appId: string): Promise<void> {
    while (this.running.has(appId)) await this.running.get(appId);
  }

  /** Drops expired events and prunes finished ones now. */
  async maintain(): Promise<void> {
    this.clients.evictIdle();
    await runMaintenance({
      db: this.deps.db,
      logger: this.deps.logger,
      metrics: this.deps.metrics,
      maxEventAgeMs: this.settings.maxEventAgeMs,
      retentionMs: this.settings.retentionMs,
    });
  }

  /** Stops claiming events and waits for the runs in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    this.waiting.clear();
    await Promise.allSettled(this.running.values());
    this.clients.clear();
  }

  private every(intervalMs: number, task: () => Promise<void>): void {
    const timer = setInterval(() => {
      task().catch((err: unknown) => {
        this.deps.logger.error({ err }, 'delivery task failed');
      });
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    const appIds = await listAppsWithDueEvents(this.deps.db);
    for (const appId of appIds) this.runApp(appId);
  }

  private async settingsChanged(appId: string): Promise<void> {
    this.clients.evictApp(appId);
    this.limits.delete(appId);
    this.failures.delete(appId);
    this.blockedUntil.delete(appId);
    await this.resume(appId, 'settings-changed');
    this.notify(appId);
  }

  private runApp(appId: string): void {
    if (this.stopped) return;
    if (this.running.has(appId)) {
      this.again.add(appId);
      return;
    }
    if ((this.blockedUntil.get(appId) ?? 0) > Date.now()) return;
    if (this.running.size >= this.settings.maxConcurrentApps) {
      this.waiting.add(appId);
      return;
    }
    const run = this.deliverApp(appId)
      .catch((err: unknown) => {
        this.deps.logger.error({ err, appId }, 'delivery run failed');
      })
      .finally(() => {
        this.running.delete(appId);
        if (this.again.delete(appId)) this.runApp(appId);
        this.startWaiting();
      });
    this.running.set(appId, run);
  }

  private startWaiting(): void {
    for (const appId of this.waiting) {
      if (this.running.size >= this.settings.maxConcurrentApps) return;
      this.waiting.delete(appId);
      this.runApp(appId);
    }
  }

  private async deliverApp(appId: string): Promise<void> {
    const { db } = this.deps;
    const stored = await getDeliveryState(db, appId);
    if (stored.state === 'paused') return;
    const destination = await this.findDestination(appId);
    if (destination === null) return;
    const outcome = await this.runOnce(destination, this.runSettings());
    await this.settle(destination.app, outcome, stored.state);
  }

  private async runOnce(
    destination: Destination,
    settings: RunSettings,
  ): Promise<RunOutcome> {
    const { app, queue } = destination;
    try {
      return await runAppDelivery({
        db: this.deps.db,
        sentMarks: this.sentMarks,
        logger: this.deps.logger.child({ appId: app.id }),
        metrics: this.deps.metrics,
        app,
        queueUrl: queue.url,
        client: this.clientFor(app, queue),
        limits: {
          current: () => this.limitsFor(destination, false),
          refresh: () => this.limitsFor(destination, true),
        },
        settings,
        isStopping: () => this.stopped,
      });
    } catch (err) {
      const failure = classifyCallFailure(err);
      if (failure.reaction !== 'pause') throw err;
      return {
        kind: 'failed',
        reaction: 'pause',
        code: failure.code,
        reason: err instanceof Error ? err.message : String(err),
      };
    }
  }

  private async findDestination(appId: string): Promise<Destination | null> {
    const app = await getApp(this.deps.db, appId);
    if (!isSqsEnabled(app)) return null;
    if (app.unreadableSecrets.includes('sqs_secret')) {
      await this.pause(app.id, {
        code: 'SecretUnreadable',
        reason: 'The stored AWS secret cannot be decrypted; enter it again ' +
          'in the dashboard.',
      });
      return null;
    }
    const parsed = parseQueueUrl(app.sqs_url, {
      allowedOrigins: this.deps.allowedSqsOrigins,
    });
    if (parsed.ok) return { app, queue: parsed.queue };
    await this.pause(app.id, {
      code: 'InvalidQueueUrl',
      reason: `The stored queue URL is not valid or no longer allowed: ` +
        parsed.error,
    });
    return null;
  }

  private runSettings(): RunSettings {
    const { claimLimit, leaseMs, sendTimeoutMs, eventBackoff, maxAttempts,
      maxEventAgeMs } = this.settings;
    return { claimLimit, leaseMs, sendTimeoutMs, eventBackoff, maxAttempts,
      maxEventAgeMs, maxClaims: Number.POSITIVE_INFINITY };
  }

  private clientFor(app: App, queue: ParsedQueue) {
    return this.clients.get({
      appId: app.id,
      region: queue.region,
      endpoint: queue.endpoint,
      accessKeyId: app.sqs_key,
      secretAccessKey: app.sqs_secret,
      fips: new URL(queue.url).hostname.startsWith('sqs-fips.'),
    });
  }

  /**
   * Returns the queue's limits, read once per app and queue URL. When the
   * key may not call `GetQueueAttributes`, delivery assumes 256 KiB. A
   * queue set lower then rejects larger events, and that size rejection
   * is recorded as the drop reason.
   */
  private async limitsFor(
    destination: Destination,
    refresh: boolean,
  ): Promise<QueueLimits> {
    const { app, queue } = destination;
    const cached = this.limits.get(app.id);
    if (!refresh && cached?.queueUrl === queue.url) return cached.limits;
    const client = this.clientFor(app, queue);
    let limits: QueueLimits;
    try {
      const read = await readQueueLimits(client, queue.url, {
        timeoutMs: this.settings.sendTimeoutMs,
      });
      limits = { ...read, fifo: read.fifo || queue.fifo };
    } catch (err) {
      if (classifyCallFailure(err).kind !== 'access-denied') throw err;
      this.deps.logger.info(
        { appId: app.id, maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES },
        'GetQueueAttributes denied; assuming the default maximum size',
      );
      limits = { maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES, fifo: queue.fifo };
    }
    this.limits.set(app.id, { queueUrl: queue.url, limits });
    return limits;
  }

  private async settle(
    app: App,
    outcome: RunOutcome,
    storedState: string,
  ): Promise<void> {
    if (outcome.kind !== 'failed') {
      this.failures.delete(app.id);
      this.blockedUntil.delete(app.id);
      if (storedState === 'retrying' && outcome.kind === 'drained') {
        await setDeliveryState(this.deps.db, app.id, 'active');
        this.deps.logger.info({ appId: app.id }, 'delivery recovered');
      }
      return;
    }
    if (outcome.reaction === 'pause') {
      await this.pause(app.id, outcome);
      return;
    }
    const failures = (this.failures.get(app.id) ?? 0) + 1;
    const delayMs = backoffMs(failures, this.settings.queueBackoff);
    this.failures.set(app.id, failures);
    this.blockedUntil.set(app.id, Date.now() + delayMs);
    await setDeliveryState(this.deps.db, app.id, 'retrying', {
      reason: outcome.reason,
      errorCode: outcome.code,
    });
    this.deps.logger.warn(
      { appId: app.id, code: outcome.code, failures, retryInMs: delayMs },
      'queue failed; delivery will retry',
    );
  }

  private async pause(
    appId: string,
    failure: { code: string; reason: string },
  ): Promise<void> {
    const changed = await setDeliveryState(this.deps.db, appId, 'paused', {
      reason: failure.reason,
      errorCode: failure.code,
    });
    this.failures.delete(appId);
    this.blockedUntil.delete(appId);
    const level = changed ? 'warn' : 'debug';
    this.deps.logger[level](
      { appId, code: failure.code, reason: failure.reason },
      'delivery paused',
    );
  }

  /**
   * Probes each paused app: reads its queue limits and sends its oldest
   * waiting event, the way delivery does. A probe that gets through
   * resumes the app; one that fails leaves it paused.
   */
  async probePausedApps(): Promise<void> {
    if (this.stopped) return;
    const paused = await listPausedApps(this.deps.db);
    await Promise.allSettled(
      paused.map(async ({ app_id: appId }) => {
        if (this.probing.has(appId) || this.running.has(appId)) return;
        this.probing.add(appId);
        try {
          await this.probe(appId);
        } finally {
          this.probing.delete(appId);
        }
      }),
    );
  }

  private async probe(appId: string): Promise<void> {
    const destination = await this.findDestination(appId);
    if (destination === null) return;
    this.limits.delete(appId);
    const outcome = await this.runOnce(destination, {
      ...this.runSettings(),
      claimLimit: 1,
      maxClaims: 1,
    });
    if (outcome.kind === 'failed') {
      this.deps.logger.debug(
        { appId, code: outcome.code },
        'paused queue still failing',
      );
      if (outcome.reaction === 'pause') await this.pause(appId, outcome);
      return;
    }
    await this.resume(appId, 'probe');
  }
}
