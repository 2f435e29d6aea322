import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';

import type { SQSClient } from '@aws-sdk/client-sqs';
import { TEST_EVENT_TYPE, type QueueReport } from '@sqs-bridge/contracts';

import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import {
  startFaultProxy,
  sqsErrors,
  type FaultProxy,
} from '../test-support/fault-proxy.js';
import {
  createLocalClient,
  receiveMessages,
} from '../test-support/local-sqs-client.js';
import { checkQueue, type CheckQueueOptions } from './check-queue.js';
import { createSqsClient } from './client-factory.js';
import { createQueue } from './create-queue.js';

/** Obviously fake; never a real key. */
const FAKE_SECRET = 'TEST/secret+never+shown'.padEnd(40, 'x');
const FAKE_KEY = 'AKIA' + 'TESTKEYNOTREAL00';
const AWS_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders';

const testEventPayload = {
  type: TEST_EVENT_TYPE,
  created_at: '2025-01-01T00:00:00.000Z',
};
const testEvent: CheckQueueOptions['testEvent'] = {
  body: Buffer.from(JSON.stringify(testEventPayload)).toString('base64'),
  eventType: TEST_EVENT_TYPE,
  event: testEventPayload,
};

function input(sqsUrl: string, sqsKey = '', sqsSecret = FAKE_SECRET) {
  return { sqsUrl, sqsKey, sqsSecret };
}

function report(result: { data?: unknown }): QueueReport {
  return result.data as QueueReport;
}

/** Starts a TCP listener that records connections and never responds. */
async function startSilentServer(): Promise<{
  server: Server;
  origin: string;
  connections: Socket[];
}> {
  const connections: Socket[] = [];
  const server = createServer((socket) => connections.push(socket));
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}`, connections };
}

async function stopSilentServer(silent: {
  server: Server;
  connections: Socket[];
}): Promise<void> {
  for (const socket of silent.connections) {
    socket.destroy();
  }
  await new Promise<void>((resolve) => silent.server.close(() => resolve()));
}

/** Returns a client factory that counts calls and raises on each. */
function refusingFactory(): {
  factory: typeof createSqsClient;
  calls: number;
} {
  const spy = {
    calls: 0,
    factory: (): SQSClient => {
      spy.calls += 1;
      throw new Error('no client may be built for this input');
    },
  };
  return spy;
}

describe('checkQueue', () => {
  let sqs: LocalSqs;
  let client: SQSClient;
  let allowed: CheckQueueOptions;

  before(async () => {
    sqs = await startLocalSqs({ port: 0, host: '127.0.0.1' });
    client = createLocalClient(sqs.origin);
    allowed = { allowedOrigins: [sqs.origin], testEvent };
  });

  after(async () => {
    client.destroy();
    await sqs.close();
  });

  test('healthy queue reports its settings', async () => {
    await sqs.createQueue('healthy-dlq');
    const url = await sqs.createQueue('healthy', {
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: sqs.queueArn('healthy-dlq'),
        maxReceiveCount: 5,
      }),
    });

    const result = await checkQueue(input(url), allowed);

    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.error, undefined);
    assert.match(result.duration, /^\d+\.\d{2}ms$/);
    const data = report(result);
    assert.equal(data.queueUrl, url);
    assert.equal(data.queueArn, sqs.queueArn('healthy'));
    assert.equal(data.region, 'us-east-1');
    assert.equal(data.fifo, false);
    assert.equal(data.maximumMessageSizeBytes, 1_048_576);
    assert.equal(data.deadLetterQueueArn, sqs.queueArn('healthy-dlq'));
    assert.equal(data.kmsKeyId, null);
    assert.equal(typeof data.sqsManagedEncryption, 'boolean');
    assert.deepEqual(data.testEvent, testEventPayload);
    assert.deepEqual(data.advice, []);
    assert.ok(!JSON.stringify(result).includes(FAKE_SECRET));
  });

  test('test message lands in the queue', async () => {
    const url = await sqs.createQueue('lands');

    const result = await checkQueue(input(url), allowed);

    const [message] = await receiveMessages(client, url);
    assert.equal(message?.MessageId, report(result).testMessageId);
    assert.equal(message?.Body, testEvent.body);
    const attribute = message?.MessageAttributes?.['event_type'];
    assert.equal(attribute?.DataType, 'String');
    assert.equal(attribute?.StringValue, TEST_EVENT_TYPE);
  });

  test('small queue without DLQ gets advice', async () => {
    const url = await sqs.createQueue('small', {
      MaximumMessageSize: '1024',
    });

    const result = await checkQueue(input(url), allowed);

    assert.equal(result.status, 'ok', result.error);
    const data = report(result);
    assert.equal(data.maximumMessageSizeBytes, 1024);
    assert.equal(data.deadLetterQueueArn, null);
    assert.equal(data.advice.length, 2);
    assert.match(data.advice[0] ?? '', /1024 bytes/);
    assert.match(data.advice[0] ?? '', /at least 256 KB/);
    assert.match(data.advice[1] ?? '', /dead-letter queue/);
  });

  test('FIFO queue gets a grouped message', async () => {
    const url = await sqs.createQueue('events.fifo');

    const result = await checkQueue(input(url), allowed);

    assert.equal(result.status, 'ok', result.error);
    assert.equal(report(result).fifo, true);
    const [message] = await receiveMessages(client, url);
    assert.equal(message?.Attributes?.['MessageGroupId'], 'sqs-test');
    assert.match(
      message?.Attributes?.['MessageDeduplicationId'] ?? '',
      /^[0-9a-f-]{36}$/,
    );
  });

  test('missing queue is reported', async () => {
    const url = sqs.queueUrl('does-not-exist');

    const result = await checkQueue(input(url), allowed);

    assert.equal(result.status, 'error');
    assert.match(result.error ?? '', /does not exist/);
    assert.match(result.error ?? '', /does-not-exist/);
    assert.deepEqual(result.data, {
      queue_url: url,
      error_code: 'QueueDoesNotExist',
    });
  });

  describe('without any network access', () => {
    let silent: Awaited<ReturnType<typeof startSilentServer>>;

    before(async () => {
      silent = await startSilentServer();
    });

    after(() => stopSilentServer(silent));

    test('URL of a server not allowed', async () => {
      const url = `${silent.origin}/000000000000/trap`;
      const spy = refusingFactory();

      const result = await checkQueue(input(url), {
        ...allowed,
        clientFactory: spy.factory,
      });

      assert.equal(result.status, 'error');
      assert.ok(result.error?.startsWith(`invalid SQS url ${url}`));
      assert.deepEqual(result.data, {});
      assert.equal(spy.calls, 0);
      assert.equal(silent.connections.length, 0);
    });

    const rejectedInputs: readonly [label: string, url: string][] = [
      ['look-alike host', 'https://sqs.us-east-1.amazonaws.com.evil.com/1/q'],
      ['metadata address', 'http://169.254.169.254/latest/meta-data/'],
      ['empty URL', ''],
    ];
    for (const [label, url] of rejectedInputs) {
      test(`${label} builds no client`, async () => {
        const spy = refusingFactory();

        const result = await checkQueue(input(url), {
          ...allowed,
          clientFactory: spy.factory,
        });

        assert.equal(result.status, 'error');
        assert.equal(spy.calls, 0);
      });
    }

    const badCredentials: readonly [
      label: string,
      key: string,
      secret: string,
      error: RegExp,
    ][] = [
      ['missing key', '', FAKE_SECRET, /^AWS Key is missing/],
      ['missing secret', FAKE_KEY, '', /^AWS Secret is missing/],
      ['malformed key', 'AKIA123', FAKE_SECRET, /starting with AKIA/],
      ['temporary key', 'ASIATESTKEYNOTREAL00', FAKE_SECRET, /session token/],
      ['malformed secret', FAKE_KEY, 'short', /40 characters/],
    ];
    for (const [label, key, secret, error] of badCredentials) {
      test(`AWS queue with ${label} builds no client`, async () => {
        const spy = refusingFactory();

        const result = await checkQueue(input(AWS_URL, key, secret), {
          ...allowed,
          clientFactory: spy.factory,
        });

        assert.equal(result.status, 'error');
        assert.match(result.error ?? '', error);
        assert.equal(spy.calls, 0);
        assert.ok(!JSON.stringify(result).includes(FAKE_SECRET));
      });
    }

    test('AWS queue gets a client for its region', async () => {
      const spy = refusingFactory();
      let region = '';
      let endpoint: string | null = 'unset';
      const factory: typeof createSqsClient = (options) => {
        region = options.region;
        endpoint = options.endpoint;
        return spy.factory(options);
      };

      await checkQueue(input(AWS_URL, FAKE_KEY), {
        ...allowed,
        clientFactory: factory,
      });

      assert.equal(region, 'eu-west-1');
      assert.equal(endpoint, null);
    });

    test('silent server is not reachable', { timeout: 5_000 }, async () => {
      const url = `${silent.origin}/000000000000/silent`;
      const options = { ...allowed, allowedOrigins: [silent.origin] };

      const result = await checkQueue(input(url), {
        ...options,
        deadlineMs: 300,
      });

      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /not reachable within 0\.3 s/);
      assert.deepEqual(result.data, {
        queue_url: url,
        error_code: 'DeadlineExceeded',
      });
      assert.equal(silent.connections.length, 1);
    });
  });

  describe('AWS errors through a fault proxy', () => {
    let proxy: FaultProxy;
    let proxied: CheckQueueOptions;
    let queueUrl: string;

    before(async () => {
      proxy = await startFaultProxy({ target: sqs.origin });
      proxied = { allowedOrigins: [proxy.origin], testEvent };
      const proxyClient = createLocalClient(proxy.origin);
      queueUrl = await createQueue(proxyClient, 'proxied');
      proxyClient.destroy();
    });

    afterEach(() => proxy.reset());

    after(() => proxy.close());

    test('proxy forwards when no rule matches', async () => {
      const result = await checkQueue(input(queueUrl), proxied);

      assert.equal(result.status, 'ok', result.error);
      const expectedUrl = `${proxy.origin}/000000000000/proxied`;
      assert.equal(report(result).queueUrl, expectedUrl);
    });

    test('denied SendMessage names the permission', async () => {
      proxy.addRule({
        action: 'SendMessage',
        fault: sqsErrors.accessDenied('SendMessage'),
      });

      const result = await checkQueue(input(queueUrl), proxied);

      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /not allowed to call SendMessage/);
      assert.match(result.error ?? '', /Grant sqs:SendMessage on the queue/);
      assert.equal(proxy.requestCount('GetQueueAttributes'), 1);
      assert.equal(proxy.faultCount(), 1);
    });

    test('denied GetQueueAttributes names it', async () => {
      proxy.addRule({
        action: 'GetQueueAttributes',
        fault: sqsErrors.accessDenied('GetQueueAttributes'),
      });

      const result = await checkQueue(input(queueUrl), proxied);

      assert.match(result.error ?? '', /Grant sqs:GetQueueAttributes/);
    });

    test('unknown key is reported', async () => {
      proxy.addRule({ action: '*', fault: sqsErrors.invalidClientTokenId() });

      const result = await checkQueue(input(queueUrl), proxied);

      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /does not recognise the AWS Key/);
      assert.match(result.error ?? '', /InvalidClientTokenId, HTTP 403/);
    });

    test('wrong secret never echoes it', async () => {
      proxy.addRule({
        action: '*',
        fault: sqsErrors.signatureDoesNotMatch(`Secret: ${FAKE_SECRET}`),
      });

      const result = await checkQueue(input(queueUrl), proxied);

      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /AWS Secret does not match/);
      assert.ok(!JSON.stringify(result).includes(FAKE_SECRET));
    });

    test('KMS denial names both permissions', async () => {
      proxy.addRule({
        action: 'SendMessage',
        fault: sqsErrors.kmsAccessDenied(),
      });

      const result = await checkQueue(input(queueUrl), proxied);

      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /kms:GenerateDataKey and kms:Decrypt/);
      assert.match(result.error ?? '', /KMS\.AccessDeniedException/);
    });

    test('HTML page is not an SQS endpoint', async () => {
      proxy.addRule({
        action: '*',
        fault: {
          kind: 'response',
          httpStatus: 200,
          headers: { 'content-type': 'text/html' },
          body: '<html><body>Welcome</body></html>',
        },
      });

      const result = await checkQueue(input(queueUrl), proxied);

      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /did not answer like Amazon SQS/);
    });

    test('empty JSON is not an SQS endpoint', async () => {
      proxy.addRule({
        action: '*',
        fault: { kind: 'response', httpStatus: 200, body: '{}' },
      });

      const result = await checkQueue(input(queueUrl), proxied);

      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /returned no queue attributes/);
      assert.equal(
        (result.data as Record<string, unknown>)['error_code'],
        'NotSqsEndpoint',
      );
    });

    test('dropped connection is not reachable', async () => {
      proxy.addRule({ action: 'SendMessage', fault: { kind: 'drop' } });

      const result = await checkQueue(input(queueUrl), proxied);

      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /is not reachable \(ECONNRESET\)/);
    });

    test('server error is reported', async () => {
      proxy.addRule({ action: '*', fault: sqsErrors.serviceUnavailable() });

      const result = await checkQueue(input(queueUrl), proxied);

      assert.equal(result.status, 'error');
      assert.match(
        result.error ?? '',
        /server error \(ServiceUnavailable, HTTP 503\)/,
      );
    });
  });
});
