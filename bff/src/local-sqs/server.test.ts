import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

import {
  createLocalClient,
  receiveMessages,
} from '../test-support/local-sqs-client.js';
import { startLocalSqs, type LocalSqs } from './server.js';

describe('local SQS server', () => {
  let sqs: LocalSqs;
  let client: SQSClient;

  before(async () => {
    sqs = await startLocalSqs({
      port: 0,
      host: '127.0.0.1',
      queues: [{ name: 'start-dlq' }, { name: 'start-queue' }],
    });
    client = createLocalClient(sqs.origin);
  });

  after(async () => {
    client.destroy();
    await sqs.close();
  });

  test('listens on 127.0.0.1', () => {
    assert.equal(sqs.origin, `http://127.0.0.1:${sqs.port}`);
    assert.ok(sqs.port > 0);
  });

  test('CreateQueue returns the working URL', async () => {
    const url = await sqs.createQueue('orders', {
      MaximumMessageSize: '2048',
    });
    assert.equal(url, `http://127.0.0.1:${sqs.port}/000000000000/orders`);
    assert.equal(url, sqs.queueUrl('orders'));
    const message = { QueueUrl: url, MessageBody: 'x' };
    await client.send(new SendMessageCommand(message));
    const [received] = await receiveMessages(client, url);
    assert.equal(received?.Body, 'x');
  });

  test('queues option creates queues at start', async () => {
    const url = sqs.queueUrl('start-queue');
    const message = { QueueUrl: url, MessageBody: 'y' };
    await client.send(new SendMessageCommand(message));
    const [received] = await receiveMessages(client, url);
    assert.equal(received?.Body, 'y');
  });

  test('body with U+1F600 is received intact', async () => {
    const url = await sqs.createQueue('emoji');
    const body = '{"text":"smile \u{1F600} \u{10FFFF} done"}';
    const message = { QueueUrl: url, MessageBody: body };
    await client.send(new SendMessageCommand(message));
    const [received] = await receiveMessages(client, url);
    assert.equal(received?.Body, body);
  });

  const forbidden: readonly [label: string, body: string][] = [
    ['U+FFFF', 'a\uFFFFb'],
    ['U+FFFE', 'a\uFFFEb'],
    ['a lone surrogate', 'a\uD83Db'],
    ['U+0001', 'a\u0001b'],
  ];
  for (const [label, body] of forbidden) {
    test(`body with ${label} is rejected`, async () => {
      const url = await sqs.createQueue('forbidden');
      const send = client.send(
        new SendMessageCommand({ QueueUrl: url, MessageBody: body }),
      );
      // fauxqs 1.9.2 prefixes every query error code with
      // AWS.SimpleQueueService., which AWS does not for this error.
      await assert.rejects(send, {
        name: /^(AWS\.SimpleQueueService\.)?InvalidMessageContents$/,
      });
    });
  }
});
