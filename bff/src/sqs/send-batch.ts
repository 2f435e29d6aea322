/**
 * Sends up to 10 events to a queue in one `SendMessageBatch` call. The
 * call can succeed as a whole and still reject single entries, so the
 * result lists both. Whole-call failures raise an `SqsError`.
 */
import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SendMessageBatchResult,
  type SQSClient,
} from '@aws-sdk/client-sqs';

import { EVENT_TYPE_ATTRIBUTE } from '../events/encoding.js';
import { toSqsError } from './errors.js';

/** Maximum entries of one `SendMessageBatch` call (an SQS limit). */
export const MAX_BATCH_ENTRIES = 10;

/** One event to send. */
export interface BatchEntry {
  /** Entry id, unique within the call: 1 to 80 of `[A-Za-z0-9_-]`. */
  id: string;
  /** The message body, already encoded. */
  body: string;
  /** Sent as the String message attribute `event_type`. */
  eventType: string;
  /** `MessageGroupId`, required by FIFO queues. */
  groupId?: string;
  /** `MessageDeduplicationId` for FIFO queues without content-based ids. */
  deduplicationId?: string;
}

export interface SendEventBatchOptions {
  /** Time allowed for the whole call, retries included, in milliseconds. */
  timeoutMs: number;
}

/** An entry that SQS rejected while accepting the call. */
export interface FailedEntry {
  id: string;
  code: string;
  message: string;
  /** True when the entry itself is wrong and sending it again fails again. */
  senderFault: boolean;
}

export interface SendEventBatchResult {
  successful: { id: string; messageId: string }[];
  failed: FailedEntry[];
}

/**
 * Returns the size SQS counts for an entry, in bytes: the UTF-8 bytes of
 * the body plus those of the `event_type` attribute's name, data type
 * (`String`) and value. Group and de-duplication ids do not count.
 */
export function entrySizeBytes(entry: BatchEntry): number {
  return (
    Buffer.byteLength(entry.body, 'utf8') +
    Buffer.byteLength(EVENT_TYPE_ATTRIBUTE, 'utf8') +
    Buffer.byteLength('String', 'utf8') +
    Buffer.byteLength(entry.eventType, 'utf8')
  );
}

/**
 * Sends 1 to 10 entries in one `SendMessageBatch` call and returns which
 * were accepted and which were rejected. An entry missing from both lists
 * of the response is reported as failed with code `MissingResult` and
 * `senderFault: false`. Raises a `RangeError` for an empty or too large
 * batch, and an `SqsError` when the call fails as a whole.
 */
export async function sendEventBatch(
  client: SQSClient,
  queueUrl: string,
  entries: readonly BatchEntry[],
  options: SendEventBatchOptions,
): Promise<SendEventBatchResult> {
  if (entries.length < 1 || entries.length > MAX_BATCH_ENTRIES) {
    throw new RangeError(
      `A batch has 1 to ${MAX_BATCH_ENTRIES} entries, got ${entries.length}.`,
    );
  }
  const command = new SendMessageBatchCommand({
    QueueUrl: queueUrl,
    Entries: entries.map(toRequestEntry),
  });
  let response: SendMessageBatchResult;
  try {
    response = await client.send(command, {
      abortSignal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    const entryIds = entries.map((entry) => entry.id);
    throw toSqsError(err, { queueUrl, action: 'SendMessageBatch', entryIds });
  }
  return readBatchResult(entries, response);
}

function toRequestEntry(entry: BatchEntry): SendMessageBatchRequestEntry {
  return {
    Id: entry.id,
    MessageBody: entry.body,
    MessageAttributes: {
      [EVENT_TYPE_ATTRIBUTE]: {
        DataType: 'String',
        StringValue: entry.eventType,
      },
    },
    ...(entry.groupId === undefined ? {} : { MessageGroupId: entry.groupId }),
    ...(entry.deduplicationId === undefined
      ? {}
      : { MessageDeduplicationId: entry.deduplicationId }),
  };
}

function readBatchResult(
  entries: readonly BatchEntry[],
  response: SendMessageBatchResult,
): SendEventBatchResult {
  const successful = (response.Successful ?? []).map((entry) => ({
    id: entry.Id ?? '',
    messageId: entry.MessageId ?? '',
  }));
  const failed: FailedEntry[] = (response.Failed ?? []).map((entry) => ({
    id: entry.Id ?? '',
    code: entry.Code ?? 'Unknown',
    message: entry.Message ?? '',
    senderFault: entry.SenderFault ?? false,
  }));
  const answered = new Set([...successful, ...failed].map((e) => e.id));
  for (const entry of entries) {
    if (!answered.has(entry.id)) {
      failed.push({
        id: entry.id,
        code: 'MissingResult',
        message: 'The response lists this entry neither as sent nor failed.',
        senderFault: false,
      });
    }
  }
  return { successful, failed };
}
