import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';

import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';

import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import { createSqsClient, type SqsClientOptions } from './client-factory.js';
import { createQueue } from './create-queue.js';
import type { LookupFunction } from './guarded-lookup.js';

/** Obviously fake; never a real key. */
const FAKE_KEY = 'AKIA' + 'TESTKEYNOTREAL00';
const FAKE_SECRET = 'TEST/secret+never+used'.padEnd(40, 'x');

/** A TCP listener on 127.0.0.1 that counts connections and drops them. */
interface Trap {
  port: number;
  connections: number;
  close(): Promise<void>;
}

async function startTrap(): Promise<Trap> {
  const server = net.createServer((socket) => {
    trap.connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const trap: Trap = {
    port: (server.address() as AddressInfo).port,
    connections: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return trap;
}

/** A resolver that resolves every name to one address and records it. */
function fakeResolver(address: string): {
  lookup: LookupFunction;
  names: string[];
} {
  const names: string[] = [];
  const lookup: LookupFunction = (hostname, options, callback) => {
    names.push(hostname);
    if (options.all) callback(null, [{ address, family: 4 }]);
    else callback(null, address, 4);
  };
  return { lookup, names };
}

function clientOptions(
  overrides: Partial<SqsClientOptions>,
): SqsClientOptions {
  return {
    region: 'us-east-1',
    endpoint: null,
    accessKeyId: FAKE_KEY,
    secretAccessKey: FAKE_SECRET,
    requestTimeoutMs: 2_000,
    connectionTimeoutMs: 2_000,
    maxAttempts: 1,
    ...overrides,
  };
}

function getAttributes(options: SqsClientOptions, queueUrl: string) {
  const client = createSqsClient(options);
  return client
    .send(new GetQueueAttributesCommand({ QueueUrl: queueUrl }))
    .finally(() => client.destroy());
}

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/q';

describe('DNS rebinding', () => {
  let trap: Trap;

  before(async () => {
    trap = await startTrap();
  });

  afterEach(() => {
    trap.connections = 0;
  });

  after(() => trap.close());

  for (const address of ['127.0.0.1', '169.254.169.254', '10.0.0.7']) {
    test(`AWS name resolving to ${address} is rejected`, async () => {
      const resolver = fakeResolver(address);
      const endpoint = `http://sqs.us-east-1.amazonaws.com:${trap.port}`;

      await assert.rejects(
        getAttributes(
          clientOptions({ endpoint, lookup: resolver.lookup }),
          QUEUE_URL,
        ),
        (err: Error) => {
          assert.match(err.message, /not a public address/);
          return true;
        },
      );
      assert.deepEqual(resolver.names, ['sqs.us-east-1.amazonaws.com']);
      assert.equal(trap.connections, 0);
    });
  }

  test('AWS https endpoint is rejected too', async () => {
    const resolver = fakeResolver('127.0.0.1');

    await assert.rejects(
      getAttributes(clientOptions({ lookup: resolver.lookup }), QUEUE_URL),
      /sqs\.us-east-1\.amazonaws\.com resolved to 127\.0\.0\.1/,
    );
    assert.deepEqual(resolver.names, ['sqs.us-east-1.amazonaws.com']);
  });

  test('non-AWS name reaches the trap, proving it records', async () => {
    const resolver = fakeResolver('127.0.0.1');
    const endpoint = `http://queue.trap.test:${trap.port}`;

    await assert.rejects(
      getAttributes(
        clientOptions({ endpoint, lookup: resolver.lookup }),
        `${endpoint}/000000000000/q`,
      ),
    );
    assert.equal(trap.connections, 1);
  });
});

describe('connections', () => {
  let trap: Trap;
  let redirector: http.Server;
  let redirectorOrigin: string;

  before(async () => {
    trap = await startTrap();
    redirector = http.createServer((_request, response) => {
      response.writeHead(307, {
        location: `http://127.0.0.1:${trap.port}/000000000000/q`,
      });
      response.end();
    });
    await new Promise<void>((resolve) =>
      redirector.listen(0, '127.0.0.1', resolve));
    const { port } = redirector.address() as AddressInfo;
    redirectorOrigin = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    await trap.close();
    await new Promise((resolve) => redirector.close(resolve));
  });

  test('redirect is not followed', async () => {
    await assert.rejects(
      getAttributes(
        clientOptions({ endpoint: redirectorOrigin }),
        `${redirectorOrigin}/000000000000/q`,
      ),
    );
    assert.equal(trap.connections, 0);
  });

  describe('keep-alive', () => {
    let sqs: LocalSqs;
    let forwarder: net.Server;
    let opened = 0;

    before(async () => {
      sqs = await startLocalSqs({ port: 0, host: '127.0.0.1' });
      const target = new URL(sqs.origin);
      forwarder = net.createServer((socket) => {
        opened += 1;
        const upstream = net.connect(Number(target.port), target.hostname);
        socket.pipe(upstream).pipe(socket);
        socket.on('error', () => upstream.destroy());
        upstream.on('error', () => socket.destroy());
      });
      await new Promise<void>((resolve) =>
        forwarder.listen(0, '127.0.0.1', resolve));
    });

    after(async () => {
      await new Promise((resolve) => forwarder.close(resolve));
      await sqs.close();
    });

    test('two calls share one connection', async () => {
      const { port } = forwarder.address() as AddressInfo;
      const endpoint = `http://127.0.0.1:${port}`;
      const client = createSqsClient(clientOptions({ endpoint }));

      try {
        const QueueUrl = await createQueue(client, 'kept');
        await client.send(new GetQueueAttributesCommand({ QueueUrl }));
      } finally {
        client.destroy();
      }

      assert.equal(opened, 1);
    });
  });
});
