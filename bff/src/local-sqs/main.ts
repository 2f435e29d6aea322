/**
 * Entry point of `npm run sqs`: a local SQS server on 127.0.0.1 with the
 * queues a developer delivers to, `chat-events` and its dead-letter queue
 * `chat-events-dlq`. Set `SQS_PORT` to change the port (default 9324).
 * Queues live in memory and are lost when the server stops.
 */
import { startLocalSqs, type LocalSqs } from './server.js';

const DEFAULT_PORT = 9324;
const QUEUE_NAME = 'chat-events';
const DEAD_LETTER_QUEUE_NAME = 'chat-events-dlq';
/** Receives before a message moves to the dead-letter queue. */
const MAX_RECEIVE_COUNT = 5;

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') {
    return DEFAULT_PORT;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(
      `SQS_PORT must be a TCP port number from 0 to 65535, got "${value}".`,
    );
  }
  return port;
}

async function createQueues(server: LocalSqs): Promise<string[]> {
  const deadLetterUrl = await server.createQueue(DEAD_LETTER_QUEUE_NAME);
  const redrivePolicy = JSON.stringify({
    deadLetterTargetArn: server.queueArn(DEAD_LETTER_QUEUE_NAME),
    maxReceiveCount: MAX_RECEIVE_COUNT,
  });
  const queueUrl = await server.createQueue(QUEUE_NAME, {
    RedrivePolicy: redrivePolicy,
  });
  return [queueUrl, deadLetterUrl];
}

function stopOnSignals(server: LocalSqs): void {
  const stop = (signal: NodeJS.Signals): void => {
    console.log(`Received ${signal}, stopping the local SQS server.`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('The local SQS server failed to stop:', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const port = readPort(process.env['SQS_PORT']);
  const server = await startLocalSqs({ port, host: '127.0.0.1' });
  stopOnSignals(server);
  let queueUrls: string[];
  try {
    queueUrls = await createQueues(server);
  } catch (err) {
    await server.close();
    throw err;
  }
  const [queueUrl, deadLetterUrl] = queueUrls;
  console.log(`Local SQS server listening on ${server.origin}`);
  console.log(`Queue:             ${queueUrl}`);
  console.log(`Dead-letter queue: ${deadLetterUrl}`);
}

main().catch((err: unknown) => {
  console.error('The local SQS server failed to start:', err);
  process.exitCode = 1;
});
