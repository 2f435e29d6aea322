/**
 * Reads the queue attributes that shape a `SendMessageBatch`: the
 * maximum message size and whether the queue is FIFO.
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

import { toSqsError } from './errors.js';

/** The limits of one queue, as delivery packs its batches. */
export interface QueueLimits {
  /** `MaximumMessageSize`: body plus attributes of one message, in bytes. */
  maxMessageBytes: number;
  fifo: boolean;
}

/**
 * Calls `GetQueueAttributes` for `MaximumMessageSize` and `FifoQueue`.
 * Raises an `SqsError` when the call fails, or when the response has no
 * valid `MaximumMessageSize` (the server is then not SQS).
 */
export async function readQueueLimits(
  client: SQSClient,
  queueUrl: string,
  options: { timeoutMs: number },
): Promise<QueueLimits> {
  const command = new GetQueueAttributesCommand({
    QueueUrl: queueUrl,
    AttributeNames: ['MaximumMessageSize', 'FifoQueue'],
  });
  let attributes: Partial<Record<string, string>>;
  try {
    const output = await client.send(command, {
      abortSignal: AbortSignal.timeout(options.timeoutMs),
    });
    attributes = output.Attributes ?? {};
  } catch (err) {
    throw toSqsError(err, { queueUrl, action: 'GetQueueAttributes' });
  }
  const maxMessageBytes = Number(attributes['MaximumMessageSize']);
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes <= 0) {
    const notSqs = Object.assign(new Error('no MaximumMessageSize'), {
      name: 'NotSqsEndpoint',
    });
    throw toSqsError(notSqs, { queueUrl, action: 'GetQueueAttributes' });
  }
  return { maxMessageBytes, fifo: attributes['FifoQueue'] === 'true' };
}
