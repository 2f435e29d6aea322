/**
 * SQS clients and reads for tests against the local SQS server.
 */
import {
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

import { createLocalSqsClient } from '../local-sqs/server.js';

// The SDK warns once per process that its releases after January 2027
// need Node.js 22; the warning is noise in test output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

/** Creates a client for an allowed local origin, without retries. */
export function createLocalClient(origin: string): SQSClient {
  return createLocalSqsClient(origin);
}

/**
 * Receives up to 10 messages that are waiting in a queue, with all their
 * message and system attributes, without waiting for new ones.
 */
export async function receiveMessages(
  client: SQSClient,
  queueUrl: string,
): Promise<Message[]> {
  const output = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return output.Messages ?? [];
}
