/**
 * Creates queues through the SQS API. The product itself never creates
 * customer queues; the local SQS server uses this to set up its own.
 */
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';

import { toSqsError } from './errors.js';

/**
 * Creates a queue, or returns the existing one when its attributes match,
 * and returns the queue URL that the server reports. Raises an `SqsError`
 * when the call fails.
 */
export async function createQueue(
  client: SQSClient,
  name: string,
  attributes: Readonly<Record<string, string>> = {},
): Promise<string> {
  try {
    const output = await client.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { ...attributes } }),
    );
    if (output.QueueUrl === undefined) {
      throw new Error(`CreateQueue returned no URL for queue ${name}.`);
    }
    return output.QueueUrl;
  } catch (err) {
    throw toSqsError(err, { queueUrl: name, action: 'CreateQueue' });
  }
}
