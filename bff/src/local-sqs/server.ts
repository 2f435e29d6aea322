/**
 * A local SQS-compatible server for development and tests: fauxqs 1.9.2
 * (patched, see `patches/fauxqs@1.9.2.patch`) bound to 127.0.0.1 only.
 * It checks no signature or permission and keeps all queues in memory.
 *
 * fauxqs finds a queue by the exact URL string that `CreateQueue`
 * returned. The server is built with an empty queue host, so those URLs
 * are `http://<Host header>/000000000000/<name>`. Queues created here use
 * a client pointed at `origin`, so their URLs are
 * `http://127.0.0.1:<port>/000000000000/<name>`.
 */
import type { AddressInfo } from 'node:net';

import type { SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';

import { createSqsClient } from '../sqs/client-factory.js';
import { createQueue } from '../sqs/create-queue.js';

/** The account id that fauxqs puts in every queue URL and ARN. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** The region of queues created through `LocalSqs.createQueue`. */
export const LOCAL_REGION = 'us-east-1';

/** A queue to create at start. */
export interface LocalQueueDefinition {
  name: string;
  /** Queue attributes such as `MaximumMessageSize` or `RedrivePolicy`. */
  attributes?: Readonly<Record<string, string>>;
}

export interface LocalSqsOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Address to bind: only 127.0.0.1, so other hosts cannot connect. */
  host?: '127.0.0.1';
  /** Queues to create at start, in order. */
  queues?: readonly LocalQueueDefinition[];
}

/** A running local SQS server. */
export interface LocalSqs {
  port: number;
  /** `http://127.0.0.1:<port>`, the origin to allow and to send to. */
  origin: string;
  /** The URL of a queue of this server, whether or not it exists. */
  queueUrl(name: string): string;
  /** Creates a queue and returns the URL that the server reports for it. */
  createQueue(
    name: string,
    attributes?: Readonly<Record<string, string>>,
  ): Promise<string>;
  /** The ARN of a queue created through `createQueue`. */
  queueArn(name: string): string;
  /** Stops the server and drops all queues. */
  close(): Promise<void>;
}

/**
 * Starts fauxqs on 127.0.0.1 with its logging off and creates the given
 * queues through `CreateQueue`.
 */
export async function startLocalSqs(
  options: LocalSqsOptions = {},
): Promise<LocalSqs> {
  const host = options.host ?? '127.0.0.1';
  const app = buildApp({ logger: false, host: '' });
  await app.listen({ host, port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  const client = createLocalSqsClient(origin);
  const server: LocalSqs = {
    port,
    origin,
    queueUrl: (name) => `${origin}/${LOCAL_ACCOUNT_ID}/${name}`,
    queueArn: (name) =>
      `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${name}`,
    createQueue: (name, attributes) => createQueue(client, name, attributes),
    close: async () => {
      client.destroy();
      await app.close();
    },
  };
  try {
    for (const queue of options.queues ?? []) {
      await server.createQueue(queue.name, queue.attributes);
    }
  } catch (err) {
    await server.close();
    throw err;
  }
  return server;
}

/**
 * Creates an SQS client for a local server at `origin`, with empty
 * credentials, 5 s request and 1 s connection timeouts, and no retries.
 */
export function createLocalSqsClient(origin: string): SQSClient {
  return createSqsClient({
    region: LOCAL_REGION,
    endpoint: origin,
    accessKeyId: '',
    secretAccessKey: '',
    requestTimeoutMs: 5_000,
    connectionTimeoutMs: 1_000,
    maxAttempts: 1,
  });
}
