/**
 * Turns the attributes of a queue into the Test SQS report and the advice
 * shown with it.
 */
import type { QueueReport } from '@sqs-bridge/contracts';

/** Events above a queue's maximum message size are dropped, not split. */
export const RECOMMENDED_MIN_MESSAGE_BYTES = 262_144;

/**
 * The KMS key that SQS uses when a queue selects "AWS managed key". Its key
 * policy lets every principal of the account that may use SQS encrypt
 * with it, so senders need no KMS permission of their own.
 */
const AWS_MANAGED_SQS_KEY = 'alias/aws/sqs';

/** The report fields read from `GetQueueAttributes`. */
export type QueueFacts = Pick<
  QueueReport,
  | 'queueArn'
  | 'fifo'
  | 'maximumMessageSizeBytes'
  | 'deadLetterQueueArn'
  | 'kmsKeyId'
  | 'sqsManagedEncryption'
>;

/**
 * Reads the report fields from the queue attributes (`All`), or returns
 * null when the attributes lack `QueueArn` or `MaximumMessageSize`, which
 * every SQS queue has: the server is then not SQS.
 */
export function readQueueFacts(
  attributes: Partial<Record<string, string>>,
): QueueFacts | null {
  const queueArn = attributes['QueueArn'];
  const maximumMessageSizeBytes = Number(attributes['MaximumMessageSize']);
  if (queueArn === undefined || !Number.isInteger(maximumMessageSizeBytes)) {
    return null;
  }
  const kmsKey = attributes['KmsMasterKeyId'];
  const customerKey =
    kmsKey !== undefined && kmsKey !== '' && kmsKey !== AWS_MANAGED_SQS_KEY;
  return {
    queueArn,
    fifo: attributes['FifoQueue'] === 'true',
    maximumMessageSizeBytes,
    deadLetterQueueArn: readDeadLetterArn(attributes['RedrivePolicy']),
    kmsKeyId: customerKey ? kmsKey : null,
    sqsManagedEncryption: attributes['SqsManagedSseEnabled'] === 'true',
  };
}

function readDeadLetterArn(redrivePolicy: string | undefined): string | null {
  if (redrivePolicy === undefined || redrivePolicy === '') {
    return null;
  }
  try {
    const policy: unknown = JSON.parse(redrivePolicy);
    const arn =
      typeof policy === 'object' && policy !== null
        ? (policy as Record<string, unknown>)['deadLetterTargetArn']
        : undefined;
    return typeof arn === 'string' && arn !== '' ? arn : null;
  } catch {
    return null;
  }
}

/** Lists what the customer should change on the queue, one sentence each. */
export function adviseOnQueue(facts: QueueFacts): string[] {
  const advice: string[] = [];
  if (facts.maximumMessageSizeBytes < RECOMMENDED_MIN_MESSAGE_BYTES) {
    advice.push(
      `The queue's maximum message size is ` +
        `${facts.maximumMessageSizeBytes} bytes, so larger events are ` +
        `dropped: raise MaximumMessageSize to at least 256 KB ` +
        `(262,144 bytes).`,
    );
  }
  if (facts.deadLetterQueueArn === null) {
    advice.push(
      'The queue has no dead-letter queue, so add a redrive policy that ' +
        'keeps the messages your consumer fails to process.',
    );
  }
  if (facts.kmsKeyId !== null) {
    advice.push(
      `The queue is encrypted with KMS key ${facts.kmsKeyId}, so the AWS ` +
        'Key needs kms:GenerateDataKey and kms:Decrypt on that key.',
    );
  }
  return advice;
}
