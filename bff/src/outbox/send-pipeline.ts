/**
 * The send loop of one delivery run. It keeps up to 8 `SendMessageBatch`
 * calls in flight (1 for FIFO queues), and claims the next page while
 * calls are still in flight, so that the calls do not stop between pages.
 * After a full page it claims larger pages, up to `BACKLOG_CLAIM_FACTOR`
 * times the configured limit.
 */
import type { BatchEntry } from '../sqs/send-batch.js';
import type { RunOutcome, RunSettings } from './app-run.js';
import { MAX_BATCH_ENTRIES } from './batching.js';
import type { Claim, OutboxEvent } from './outbox.js';

/** Time kept free before a lease ends; no call starts inside it. */
export const LEASE_MARGIN_MS = 1_000;

/**
 * `SendMessageBatch` calls of one run in flight at once. One call waits
 * for SQS most of its time, so several keep the connection busy. FIFO
 * queues get one at a time, so that each message group stays in order.
 */
const MAX_BATCHES_IN_FLIGHT = 8;

/**
 * Multiple of `claimLimit` that a claim requests after a full page. A
 * page also stops at `MAX_CLAIM_BYTES` of payload.
 */
const BACKLOG_CLAIM_FACTOR = 5;

/**
 * The next page is claimed once fewer entries than this many full
 * rounds of calls wait, so that a claim overlaps the calls in flight.
 */
const ROUNDS_KEPT_CLAIMED = 2;

export type FailedOutcome = Extract<RunOutcome, { kind: 'failed' }>;

/** An event with its encoded SQS entry. */
export interface PendingEntry {
  event: OutboxEvent;
  entry: BatchEntry;
  sizeBytes: number;
}

/** Result of one `SendMessageBatch` call, as the send loop reads it. */
export type BatchStep =
  | { kind: 'sent'; limitChanged: boolean }
  | { kind: 'split'; requeue: PendingEntry[] }
  | { kind: 'failed'; outcome: FailedOutcome };

/** Claimed entries of one claim that wait to be sent, oldest first. */
export interface Segment {
  claim: Claim;
  items: PendingEntry[];
  /** Whether the claim returned as many events as it requested. */
  full: boolean;
}

/** The parts of a run that the pipeline calls. */
export interface PipelineHost {
  readonly settings: RunSettings;
  readonly fifo: boolean;
  isStopping(): boolean;
  /** Claims up to `limit` events; returns null when none are due. */
  claimPage(limit: number): Promise<Segment | null>;
  takeBatchFrom(items: readonly PendingEntry[]): PendingEntry[];
  /** Sends one batch; marks, retries or drops its entries before returning. */
  send(batch: PendingEntry[], owner: string): Promise<BatchStep>;
  /** Drops entries over the queue's current limit and returns the others. */
  recheckSizes(items: PendingEntry[]): Promise<PendingEntry[]>;
  /** Hands events back, due at once, without spending attempts. */
  release(items: PendingEntry[], owner: string): Promise<void>;
}

/**
 * Runs the send loop of one run. Call `run()`, then always `settle()`,
 * which waits for the calls in flight and hands back what was not sent.
 */
export class SendPipeline {
  private segments: Segment[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failed: FailedOutcome | null = null;
  private readonly errors: unknown[] = [];
  private recheck = false;
  private claims = 0;
  private exhausted = false;
  private claimLimit: number;
  private readonly maxCalls: number;

  constructor(private readonly host: PipelineHost) {
    this.claimLimit = host.settings.claimLimit;
    this.maxCalls = host.fifo ? 1 : MAX_BATCHES_IN_FLIGHT;
  }

  async run(): Promise<RunOutcome> {
    const { settings } = this.host;
    for (;;) {
      if (this.errors.length > 0) throw this.errors[0];
      if (this.failed !== null) return this.failed;
      if (this.host.isStopping()) return { kind: 'stopped' };
      if (this.recheck) {
        this.recheck = false;
        await this.recheckQueued();
        continue;
      }
      if (this.shouldClaim()) {
        await this.claimNext();
        continue;
      }
      const front = this.segments[0];
      if (front === undefined || this.inFlight.size >= this.maxCalls) {
        if (this.inFlight.size === 0) return { kind: 'drained' };
        await Promise.race(this.inFlight);
        continue;
      }
      const callEndsMs = Date.now() + settings.sendTimeoutMs;
      if (callEndsMs > front.claim.leaseUntilMs - LEASE_MARGIN_MS) {
        // Everything queued goes back, so that the next claim takes these
        // events again before any later ones.
        await this.releaseQueued();
        this.exhausted = false;
        continue;
      }
      const batch = this.host.takeBatchFrom(front.items);
      front.items = front.items.slice(batch.length);
      if (front.items.length === 0) this.segments.shift();
      this.start(batch, front.claim);
    }
  }

  /**
   * Waits for the calls in flight, each of which marks what SQS accepted,
   * then hands back the events that were claimed but not sent. Throws the
   * first error a call threw.
   */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    await this.releaseQueued();
    if (this.errors.length > 0) throw this.errors[0];
  }

  private shouldClaim(): boolean {
    if (this.exhausted || this.failed !== null) return false;
    if (this.claims >= this.host.settings.maxClaims) return false;
    const queued = this.segments.reduce((n, s) => n + s.items.length, 0);
    return queued < this.maxCalls * MAX_BATCH_ENTRIES * ROUNDS_KEPT_CLAIMED;
  }

  private async claimNext(): Promise<void> {
    this.claims++;
    const segment = await this.host.claimPage(this.claimLimit);
    if (segment === null) {
      this.exhausted = true;
      return;
    }
    this.claimLimit = segment.full
      ? this.host.settings.claimLimit * BACKLOG_CLAIM_FACTOR
      : this.host.settings.claimLimit;
    if (segment.items.length > 0) this.segments.push(segment);
  }

  private start(batch: PendingEntry[], claim: Claim): void {
    const call = this.host.send(batch, claim.owner).then(
      (step) => {
        if (step.kind === 'failed') {
          this.failed ??= step.outcome;
        } else if (step.kind === 'split') {
          this.segments.unshift({ claim, items: step.requeue, full: false });
          this.recheck = true;
        } else if (step.limitChanged) {
          this.recheck = true;
        }
      },
      (err: unknown) => {
        this.errors.push(err);
      },
    ).finally(() => this.inFlight.delete(call));
    this.inFlight.add(call);
  }

  private async recheckQueued(): Promise<void> {
    for (const segment of this.segments) {
      segment.items = await this.host.recheckSizes(segment.items);
    }
    this.segments = this.segments.filter((s) => s.items.length > 0);
  }

  private async releaseQueued(): Promise<void> {
    const queued = this.segments;
    this.segments = [];
    for (const segment of queued) {
      await this.host.release(segment.items, segment.claim.owner);
    }
  }
}
