import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { StreamChat } from 'stream-chat';

import type { App } from '../accounts/apps.js';
import { getDeliveryState } from '../outbox/delivery-state.js';
import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import { QueueReader } from '../test-support/queue-reader.js';
import {
  startTestServer,
  type TestServer,
} from '../test-support/server.js';

let sqs: LocalSqs;
let server: TestServer;
let app: App;
let client: StreamChat;
let queueUrl: string;
let reader: QueueReader;

before(async () => {
  sqs = await startLocalSqs();
  queueUrl = await sqs.createQueue('chat-events');
  server = await startTestServer({ allowedSqsOrigins: [sqs.origin] });
  app = await server.createApp('Delivery');
  client = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
  reader = new QueueReader(queueUrl, sqs.origin);
});

after(async () => {
  reader.close();
  await server.close();
  await sqs.close();
});

describe('Test SQS and chat events through the SDK', () => {
  test('testSQSSettings sends a test event to the queue', async () => {
    const result = await client.testSQSSettings({ sqs_url: queueUrl });
    assert.equal(result.status, 'ok', JSON.stringify(result));
    const data = result.data as Record<string, unknown>;
    assert.equal(typeof data['testMessageId'], 'string');
    const [received] = await reader.receive(1);
    assert.ok(received);
    assert.equal(received.event['type'], 'sqs.test');
    assert.equal(received.messageId, data['testMessageId']);
    assert.equal(received.eventTypeAttribute, 'sqs.test');
  });

  test('testSQSSettings reports a host that is not allowed', async () => {
    const url = 'https://sqs.us-east-1.amazonaws.com.evil.test/1/q';
    const result = await client.testSQSSettings({ sqs_url: url });
    assert.equal(result.status, 'error');
    assert.match(result.error ?? '', /invalid SQS url/);
  });

  test('a message sent with the SDK arrives as message.new', async () => {
    await client.updateAppSettings({ sqs_url: queueUrl });
    await client.upsertUsers([{ id: 'alice' }, { id: 'bob', name: 'Bob' }]);
    const channel = client.channel('messaging', 'general', {
      created_by_id: 'alice',
      members: ['alice', 'bob'],
    });
    await channel.create();
    const sent = await channel.sendMessage({
      text: 'Hello, queue 👋',
      user_id: 'bob',
    });

    const events = await reader.receive(2);
    const types = events.map(({ event }) => event['type']);
    assert.deepEqual(types, ['channel.created', 'message.new']);
    const messageNew = events[1]!.event;
    assert.equal(messageNew['cid'], 'messaging:general');
    assert.equal(messageNew['channel_type'], 'messaging');
    assert.equal(messageNew['channel_id'], 'general');
    const message = messageNew['message'] as Record<string, unknown>;
    assert.equal(message['id'], sent.message.id);
    assert.equal(message['text'], 'Hello, queue 👋');
    assert.equal((messageNew['user'] as { id: string }).id, 'bob');
    assert.equal((messageNew['members'] as unknown[]).length, 2);
    assert.equal(typeof messageNew['id'], 'string');
    assert.equal(events[1]!.eventTypeAttribute, 'message.new');
  });

  test('a message to an unknown channel answers 404', async () => {
    const channel = client.channel('messaging', 'nowhere');
    await assert.rejects(
      channel.sendMessage({ text: 'lost?', user_id: 'bob' }),
      (err: Error & { code?: number; status?: number }) => {
        assert.equal(err.status, 404);
        assert.equal(err.code, 16);
        return true;
      },
    );
  });

  test('a missing queue pauses delivery until a probe finds it', async () => {
    const lateUrl = sqs.queueUrl('late-events');
    await client.updateAppSettings({ sqs_url: lateUrl });
    const channel = client.channel('messaging', 'general');
    await channel.sendMessage({ text: 'waiting', user_id: 'alice' });
    await waitFor(async () => {
      const state = await getDeliveryState(server.db, app.id);
      return state.state === 'paused';
    });
    const state = await getDeliveryState(server.db, app.id);
    assert.equal(state.error_code, 'QueueDoesNotExist');
    assert.match(state.reason ?? '', /does not exist/);
    const row = await server.db
      .selectFrom('outbox')
      .select(['attempts', 'status'])
      .where('app_id', '=', app.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 0);

    await sqs.createQueue('late-events');
    const lateReader = new QueueReader(lateUrl, sqs.origin);
    try {
      const [received] = await lateReader.receive(1, 15_000);
      assert.equal(received?.event['type'], 'message.new');
      const message = received?.event['message'] as { text: string };
      assert.equal(message.text, 'waiting');
    } finally {
      lateReader.close();
    }
    const resumed = await getDeliveryState(server.db, app.id);
    assert.equal(resumed.state, 'active');
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
