/**
 * Reads messages from a local queue in tests, as a customer's consumer
 * would: receive, decode with the SDK's `parseSqs`, delete.
 */
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { parseSqs } from 'stream-chat';

import { createSqsClient } from '../sqs/client-factory.js';

export interface ReceivedEvent {
  event: Record<string, unknown>;
  body: string;
  messageId: string;
  eventTypeAttribute: string | undefined;
  /** System attributes, such as `MessageGroupId` on FIFO queues. */
  attributes: Partial<Record<string, string>>;
}

export class QueueReader {
  private readonly client: SQSClient;

  constructor(
    private readonly queueUrl: string,
    origin: string,
  ) {
    this.client = createSqsClient({
      region: 'us-east-1',
      endpoint: origin,
      accessKeyId: '',
      secretAccessKey: '',
      requestTimeoutMs: 5000,
      connectionTimeoutMs: 1000,
      maxAttempts: 1,
    });
  }

  /** Receives until `count` messages arrived or `timeoutMs` passed. */
  async receive(count: number, timeoutMs = 10_000): Promise<ReceivedEvent[]> {
    const received: ReceivedEvent[] = [];
    const deadline = Date.now() + timeoutMs;
    while (received.length < count && Date.now() < deadline) {
      const response = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      for (const message of response.Messages ?? []) {
        received.push({
          event: parseSqs(message.Body ?? '') as unknown as Record<
            string,
            unknown
          >,
          body: message.Body ?? '',
          messageId: message.MessageId ?? '',
          eventTypeAttribute:
            message.MessageAttributes?.['event_type']?.StringValue,
          attributes: message.Attributes ?? {},
        });
        await this.client.send(
          new DeleteMessageCommand({
            QueueUrl: this.queueUrl,
            ReceiptHandle: message.ReceiptHandle,
          }),
        );
      }
    }
    return received;
  }

  close(): void {
    this.client.destroy();
  }
}
