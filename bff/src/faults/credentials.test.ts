import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { StreamChat } from 'stream-chat';

import { getApp } from '../accounts/apps.js';
import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import { getDeliveryStatus } from '../outbox/deliveries.js';
import { createQueue } from '../sqs/create-queue.js';
import {
  sqsErrors,
  startFaultProxy,
  type FaultProxy,
} from '../test-support/fault-proxy.js';
import { createLocalClient } from '../test-support/local-sqs-client.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { createChannel, QueueCollector, startLoad } from './harness.js';

const OLD_KEY = 'AKIAOLDKEY0000000000';
const NEW_KEY = 'AKIANEWKEY0000000000';
const MESSAGES = 200;

let sqs: LocalSqs;
let proxy: FaultProxy;
let server: TestServer;

before(async () => {
  sqs = await startLocalSqs();
  proxy = await startFaultProxy({ target: sqs.origin });
  server = await startTestServer({ allowedSqsOrigins: [proxy.origin] });
});

after(async () => {
  await server.close();
  await proxy.close();
  await sqs.close();
});

test('revoked key pauses delivery until settings fix it', async (t) => {
  const admin = createLocalClient(proxy.origin);
  const queueUrl = await createQueue(admin, 'revoked-key');
  admin.destroy();
  const app = await server.createApp('Revoked key');
  const chat = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
  const channel = await createChannel(chat, 'revoked');
  await chat.updateAppSettings({
    sqs_url: queueUrl,
    sqs_key: OLD_KEY,
    sqs_secret: 'a'.repeat(40),
    webhook_events: ['message.new'],
  });
  const collector = new QueueCollector(queueUrl, proxy.origin);
  collector.start();
  const statusOf = async () =>
    getDeliveryStatus(server.db, await getApp(server.db, app.id));

  try {
    const before = startLoad(channel, {
      senders: 4,
      maxMessages: 50,
      prefix: 'before',
    });
    await before.done;
    const late = await collector.waitForMessages(before.acknowledged, 5_000);
    assert.deepEqual(late, [], 'messages sent with the valid key missing');
    // The key is revoked mid-run: requests signed with it fail from now
    // on, some as an unknown key and some as a bad signature.
    let revokedCalls = 0;
    proxy.addRule({
      action: '*',
      queueUrl,
      accessKeyId: OLD_KEY,
      fault: {
        kind: 'choose',
        choose: () =>
          revokedCalls++ % 2 === 0
            ? sqsErrors.invalidClientTokenId()
            : sqsErrors.signatureDoesNotMatch(),
      },
    });
    const load = startLoad(channel, {
      senders: 4,
      maxMessages: MESSAGES,
      prefix: 'revoked',
    });
    await waitFor('delivery paused', async () =>
      (await statusOf()).state === 'paused');
    await load.done;
    await server.worker.probePausedApps();
    const paused = await statusOf();
    assert.equal(paused.state, 'paused');
    assert.match(paused.reason ?? '', /AWS (Key|Secret)/);
    assert.ok(paused.waiting > 0, 'no event waits while paused');

    await chat.updateAppSettings({
      sqs_key: NEW_KEY,
      sqs_secret: 'b'.repeat(40),
    });
    const missing = await collector.waitForMessages(load.acknowledged, 10_000);
    await collector.waitForQuiet(500);
    const duplicates = collector.duplicates();
    t.diagnostic(
      `${paused.waiting} events waited while paused; ${revokedCalls} calls ` +
        `rejected; ${duplicates.length} sent twice`,
    );
    assert.equal(before.failures.length + load.failures.length, 0);
    assert.equal(load.acknowledged.length, MESSAGES);
    assert.deepEqual(missing, [], 'acknowledged messages never arrived');
    assert.deepEqual(duplicates, [], 'events sent twice');
    assert.notEqual((await statusOf()).state, 'paused');
  } finally {
    await collector.stop();
  }
});
