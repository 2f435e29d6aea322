/** SQS calls of the benchmark, through the product's own client factory. */
import { importBuilt, sqsSdk } from './deps.mjs';

const { createSqsClient } = await importBuilt('sqs/client-factory.js');
const {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
} = sqsSdk;

/** Creates a client for the local SQS server, built as delivery builds it. */
export function localClient(origin) {
  return createSqsClient({
    region: 'us-east-1',
    endpoint: origin,
    accessKeyId: '',
    secretAccessKey: '',
    requestTimeoutMs: 10_000,
    connectionTimeoutMs: 3_000,
    maxAttempts: 1,
  });
}

/** Returns the URL of `name` on the local server, without creating it. */
export function queueUrlOf(origin, name) {
  return `${origin}/000000000000/${name}`;
}

export async function createQueue(client, name) {
  const output = await client.send(new CreateQueueCommand({ QueueName: name }));
  return output.QueueUrl;
}

/** Returns the messages in the queue, visible and in flight. */
export async function countMessages(client, queueUrl) {
  const output = await client.send(new GetQueueAttributesCommand({
    QueueUrl: queueUrl,
    AttributeNames: ['ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible'],
  }));
  const attributes = output.Attributes ?? {};
  return Number(attributes.ApproximateNumberOfMessages ?? 0) +
    Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

export async function purgeQueue(client, queueUrl) {
  await client.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
}

/**
 * Polls the queue until it contains `count` messages.
 * Returns the time of the poll that saw them, or raises after `timeoutMs`.
 */
export async function waitForCount(client, queueUrl, count, options = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  for (;;) {
    const seen = await countMessages(client, queueUrl);
    if (seen >= count) return Date.now();
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${count} messages in ` +
        `${queueUrl}; ${seen} arrived.`);
    }
    // Polling every 20 ms throughout took a sixth of a core from the
    // measured processes; close to the end, it keeps the time precise.
    const intervalMs = seen < 0.9 * count ? 200 : 20;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Receives every message of the queue with 4 receivers in parallel and
 * returns, for each, its `SentTimestamp` and the decoded event. Messages
 * stay in flight for an hour, so none is received twice.
 */
export async function receiveAll(client, queueUrl, expected) {
  const seen = new Map();
  const receiveLoop = async () => {
    let emptyPolls = 0;
    while (seen.size < expected && emptyPolls < 3) {
      const output = await client.send(new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 3600,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['SentTimestamp'],
      }));
      const messages = output.Messages ?? [];
      emptyPolls = messages.length === 0 ? emptyPolls + 1 : 0;
      for (const message of messages) {
        const event = JSON.parse(
          Buffer.from(message.Body ?? '', 'base64').toString('utf8'));
        seen.set(message.MessageId, {
          sentMs: Number(message.Attributes?.SentTimestamp),
          event,
        });
      }
    }
  };
  await Promise.all([receiveLoop(), receiveLoop(), receiveLoop(),
    receiveLoop()]);
  return [...seen.values()];
}
