import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';

import type { SQSClient } from '@aws-sdk/client-sqs';

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
import { createQueue } from './create-queue.js';
import { SqsError } from './errors.js';
import {
  entrySizeBytes,
  sendEventBatch,
  type BatchEntry,
} from './send-batch.js';

function entry(id: string, body = `{"id":"${id}"}`): BatchEntry {
  return { id, body, eventType: 'message.new' };
}

describe('entrySizeBytes', () => {
  test('counts body and attribute bytes', () => {
    // 'event_type' (10) + 'String' (6) + 'message.new' (11) = 27
    assert.equal(entrySizeBytes(entry('a', 'abc')), 3 + 27);
  });

  test('counts UTF-8 bytes, not characters', () => {
    const wide = { id: 'a', body: 'é\u{1F600}', eventType: 'ü' };
    const size = entrySizeBytes(wide);
    assert.equal(size, 2 + 4 + 10 + 6 + 2);
  });
});

describe('sendEventBatch', () => {
  let sqs: LocalSqs;
  let client: SQSClient;
  let proxy: FaultProxy;
  let proxyClient: SQSClient;

  before(async () => {
    sqs = await startLocalSqs({ port: 0, host: '127.0.0.1' });
    client = createLocalClient(sqs.origin);
    proxy = await startFaultProxy({ target: sqs.origin });
    proxyClient = createLocalClient(proxy.origin);
  });

  afterEach(() => proxy.reset());

  after(async () => {
    client.destroy();
    proxyClient.destroy();
    await proxy.close();
    await sqs.close();
  });

  test('sends every entry with its event type', async () => {
    const url = await sqs.createQueue('batch');
    const entries = [entry('one'), entry('two', 'smile \u{1F600}')];

    const result = await sendEventBatch(client, url, entries, {
      timeoutMs: 2_000,
    });

    assert.deepEqual(result.failed, []);
    assert.deepEqual(
      result.successful.map((sent) => sent.id),
      ['one', 'two'],
    );
    const messages = await receiveMessages(client, url);
    const bodies = messages.map((message) => message.Body).sort();
    assert.deepEqual(bodies, ['smile \u{1F600}', '{"id":"one"}']);
    const attribute = messages[0]?.MessageAttributes?.['event_type'];
    assert.equal(attribute?.StringValue, 'message.new');
  });

  test('lists rejected entries as failed', async () => {
    const url = await sqs.createQueue('partly');
    const entries = [entry('good'), entry('bad', 'a\uFFFFb')];

    const result = await sendEventBatch(client, url, entries, {
      timeoutMs: 2_000,
    });

    assert.deepEqual(
      result.successful.map((sent) => sent.id),
      ['good'],
    );
    assert.equal(result.failed.length, 1);
    assert.equal(result.failed[0]?.id, 'bad');
    assert.equal(result.failed[0]?.code, 'InvalidMessageContents');
    assert.equal(result.failed[0]?.senderFault, true);
  });

  test('FIFO entries carry group and dedup ids', async () => {
    const url = await sqs.createQueue('batch.fifo');
    const fifoEntry = { ...entry('f'), groupId: 'g1', deduplicationId: 'd1' };

    const result = await sendEventBatch(client, url, [fifoEntry], {
      timeoutMs: 2_000,
    });

    assert.equal(result.successful.length, 1);
    const [message] = await receiveMessages(client, url);
    assert.equal(message?.Attributes?.['MessageGroupId'], 'g1');
    assert.equal(message?.Attributes?.['MessageDeduplicationId'], 'd1');
  });

  test('entry missing from the response fails', async () => {
    const url = await createQueue(proxyClient, 'missing-result');
    proxy.addRule({
      action: 'SendMessageBatch',
      fault: {
        kind: 'rewrite',
        rewrite: (body) => ({
          ...body,
          Successful: (body['Successful'] as unknown[]).slice(0, 1),
        }),
      },
    });

    const result = await sendEventBatch(
      proxyClient,
      url,
      [entry('kept'), entry('lost')],
      { timeoutMs: 2_000 },
    );

    assert.deepEqual(result.successful.map((sent) => sent.id), ['kept']);
    assert.deepEqual(result.failed, [
      {
        id: 'lost',
        code: 'MissingResult',
        message: 'The response lists this entry neither as sent nor failed.',
        senderFault: false,
      },
    ]);
  });

  test('whole-call failure raises SqsError', async () => {
    const url = sqs.queueUrl('no-such-queue');

    const sending = sendEventBatch(client, url, [entry('a'), entry('b')], {
      timeoutMs: 2_000,
    });

    await assert.rejects(sending, (err: unknown) => {
      assert.ok(err instanceof SqsError);
      assert.equal(err.code, 'QueueDoesNotExist');
      assert.equal(err.httpStatus, 400);
      assert.equal(err.retryable, false);
      assert.equal(err.queueUrl, url);
      assert.deepEqual(err.entryIds, ['a', 'b']);
      return true;
    });
  });

  test('throttled call is retryable', async () => {
    const url = await createQueue(proxyClient, 'throttled');
    proxy.addRule({
      action: 'SendMessageBatch',
      fault: sqsErrors.requestThrottled(),
      times: 1,
    });

    const sending = sendEventBatch(proxyClient, url, [entry('a')], {
      timeoutMs: 2_000,
    });

    await assert.rejects(sending, (err: unknown) => {
      assert.ok(err instanceof SqsError);
      assert.equal(err.code, 'RequestThrottled');
      assert.equal(err.retryable, true);
      return true;
    });
    assert.equal(proxy.faultCount(), 1);
  });

  test('hanging server times out', { timeout: 5_000 }, async () => {
    const url = await createQueue(proxyClient, 'hanging');
    proxy.addRule({ action: 'SendMessageBatch', fault: { kind: 'hang' } });

    const sending = sendEventBatch(proxyClient, url, [entry('a')], {
      timeoutMs: 200,
    });

    await assert.rejects(sending, (err: unknown) => {
      assert.ok(err instanceof SqsError);
      assert.equal(err.retryable, true);
      assert.match(err.message, /not reachable/);
      return true;
    });
  });

  const badSizes: readonly [string, number][] = [
    ['empty batch', 0],
    ['11 entries', 11],
  ];
  for (const [label, count] of badSizes) {
    test(`${label} is a RangeError`, async () => {
      const entries = Array.from({ length: count }, (_, i) => entry(`e${i}`));
      await assert.rejects(
        sendEventBatch(client, sqs.queueUrl('x'), entries, { timeoutMs: 1 }),
        RangeError,
      );
    });
  }
});
