/**
 * Creates queues through the SQS API. The product never creates customer
 * queues, but the local SQS server and tests create their own with it.
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
    const command = new CreateQueueCommand({
      QueueName: name,
      Attributes: { ...attributes },
    });
    const output = await client.send(command);
    if (output.QueueUrl === undefined) {
      throw new Error(`CreateQueue returned no URL for queue ${name}.`);
    }
    return output.QueueUrl;
  } catch (err) {
    throw toSqsError(err, { queueUrl: name, action: 'CreateQueue' });
  }
}
