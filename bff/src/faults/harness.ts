/**
 * Tools of the fault tests: load sent through the official SDK, a
 * collector that drains the queue and counts every event it receives, and
 * the ledger that compares both.
 */
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { parseSqs, type Channel, type StreamChat } from 'stream-chat';

import { createLocalClient } from '../test-support/local-sqs-client.js';

/** The user every fault test sends as. */
export const SENDER_ID = 'alice';

/** Creates the sender and a channel it is a member of. */
export async function createChannel(
  chat: StreamChat,
  channelId: string,
): Promise<Channel> {
  await chat.upsertUsers([{ id: SENDER_ID }]);
  const channel = chat.channel('messaging', channelId, {
    created_by_id: SENDER_ID,
    members: [SENDER_ID],
  });
  await channel.create();
  return channel;
}

/** Options of `startLoad`. */
export interface LoadOptions {
  /** Senders, each with one request in flight at a time. */
  senders: number;
  /** Messages sent at most, acknowledged or not. */
  maxMessages: number;
  /** Prefix of the message ids, so that ids stay unique across loads. */
  prefix: string;
  /** Characters of filler appended to each text. Default 0. */
  paddingChars?: number;
}

/** A running load: messages sent with ids chosen by the test. */
export interface Load {
  /** Ids of the messages that the API accepted with a 2xx status. */
  readonly acknowledged: string[];
  /** Errors of the requests that failed, in order. */
  readonly failures: unknown[];
  /** Makes every sender stop after its request in flight. */
  stop(): void;
  /** Resolves when every sender stopped. */
  done: Promise<void>;
}

/**
 * Starts `senders` loops that send messages with ids `<prefix>-<n>` until
 * `maxMessages` were sent or `stop()` is called.
 */
export function startLoad(channel: Channel, options: LoadOptions): Load {
  const acknowledged: string[] = [];
  const failures: unknown[] = [];
  const padding = ' '.repeat(options.paddingChars ?? 0);
  let next = 0;
  let stopped = false;
  const sendAll = async () => {
    while (!stopped && next < options.maxMessages) {
      const id = `${options.prefix}-${next++}`;
      try {
        const text = id + padding;
        await channel.sendMessage({ id, text, user_id: SENDER_ID });
        acknowledged.push(id);
      } catch (err) {
        failures.push(err);
      }
    }
  };
  const senders = Array.from({ length: options.senders }, sendAll);
  return {
    acknowledged,
    failures,
    stop: () => {
      stopped = true;
    },
    done: Promise.all(senders).then(() => undefined),
  };
}

/**
 * Drains a queue in the background: receives, decodes with the SDK's
 * `parseSqs`, deletes, and records the SQS message ids of each event id.
 * An event sent twice has two SQS message ids. A message received again
 * because its delete failed keeps its one id, so it does not count.
 * Failed calls, such as while the queue server is stopped, are retried
 * after 100 ms.
 */
export class QueueCollector {
  private readonly client: SQSClient;
  private readonly sqsIdsByEventId = new Map<string, Set<string>>();
  /** `message.id` of each message event, by event id. */
  private readonly messageIds = new Map<string, string>();
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly queueUrl: string,
    origin: string,
  ) {
    this.client = createLocalClient(origin);
  }

  start(): void {
    this.running = true;
    this.loop = this.drain();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.client.destroy();
  }

  /** Events that SQS accepted more than once. */
  duplicates(): { eventId: string; messageId: string | null }[] {
    return [...this.sqsIdsByEventId]
      .filter(([, sqsIds]) => sqsIds.size > 1)
      .map(([eventId]) => ({
        eventId,
        messageId: this.messageIds.get(eventId) ?? null,
      }));
  }

  /** Events received, counting each event id once. */
  distinctEvents(): number {
    return this.sqsIdsByEventId.size;
  }

  /**
   * Waits until every message id arrived or `timeoutMs` passed, and
   * returns the ids still missing.
   */
  async waitForMessages(
    messageIds: readonly string[],
    timeoutMs: number,
  ): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let missing = [...messageIds];
    for (;;) {
      const received = this.messageIdSet();
      missing = missing.filter((id) => !received.has(id));
      if (missing.length === 0 || Date.now() >= deadline) return missing;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private messageIdSet(): Set<string> {
    return new Set(this.messageIds.values());
  }

  /** Waits until no new event arrived for `quietMs`. */
  async waitForQuiet(quietMs: number): Promise<void> {
    let seen = -1;
    while (seen !== this.total()) {
      seen = this.total();
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }

  private total(): number {
    let sum = 0;
    for (const sqsIds of this.sqsIdsByEventId.values()) sum += sqsIds.size;
    return sum;
  }

  private async drain(): Promise<void> {
    while (this.running) {
      try {
        await this.receiveOnce();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private async receiveOnce(): Promise<void> {
    const { Messages: messages = [] } = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    if (messages.length === 0) return;
    for (const message of messages) {
      this.record(message.MessageId ?? '', message.Body ?? '');
    }
    await this.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: this.queueUrl,
        Entries: messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
  }

  private record(sqsMessageId: string, body: string): void {
    const event = parseSqs(body) as unknown as {
      id: string;
      message?: { id?: string };
    };
    const sqsIds = this.sqsIdsByEventId.get(event.id) ?? new Set<string>();
    sqsIds.add(sqsMessageId);
    this.sqsIdsByEventId.set(event.id, sqsIds);
    if (event.message?.id !== undefined) {
      this.messageIds.set(event.id, event.message.id);
    }
  }
}

/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the
 * same faults in the same order of requests.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
