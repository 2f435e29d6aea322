/** Reads the local queue in tests, as a customer's consumer would. */
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { parseSqs } from 'stream-chat';

export async function receiveEvents(
  sqsOrigin: string,
  queueUrl: string,
  count: number,
  timeoutMs = 15_000,
): Promise<Record<string, unknown>[]> {
  const client = new SQSClient({
    region: 'us-east-1',
    endpoint: sqsOrigin,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const events: Record<string, unknown>[] = [];
  const deadline = Date.now() + timeoutMs;
  try {
    while (events.length < count && Date.now() < deadline) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
        }),
      );
      for (const message of Messages) {
        events.push(
          parseSqs(message.Body ?? '') as unknown as Record<string, unknown>,
        );
        await client.send(new DeleteMessageCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: message.ReceiptHandle,
        }));
      }
    }
  } finally {
    client.destroy();
  }
  return events;
}
