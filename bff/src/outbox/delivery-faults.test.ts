import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, afterEach, before, describe, test } from 'node:test';

import {
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeliveryStatus } from '@sqs-bridge/contracts';
import { StreamChat } from 'stream-chat';

import { getApp, type App } from '../accounts/apps.js';
import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import { createQueue } from '../sqs/create-queue.js';
import { DashboardBrowser } from '../test-support/dashboard-browser.js';
import {
  sqsErrors,
  startFaultProxy,
  type FaultProxy,
} from '../test-support/fault-proxy.js';
import { createLocalClient } from '../test-support/local-sqs-client.js';
import { QueueReader, type ReceivedEvent } from '../test-support/queue-reader.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { getDeliveryStatus } from './deliveries.js';
import { setDeliveryState } from './delivery-state.js';
import { claimEvents } from './outbox.js';

const EMAIL = 'ops@example.com';
const PASSWORD = 'correct horse battery';

let sqs: LocalSqs;
let proxy: FaultProxy;
let server: TestServer;
let admin: SQSClient;
const readers: QueueReader[] = [];

interface Fixture {
  app: App;
  chat: StreamChat;
  queueUrl: string;
  reader: QueueReader;
  /** Sends a message as alice to messaging:general. */
  send(text: string): Promise<void>;
}

before(async () => {
  sqs = await startLocalSqs();
  proxy = await startFaultProxy({ target: sqs.origin });
  server = await startTestServer({
    allowedSqsOrigins: [proxy.origin],
    // Probes run only when a test calls them, so Resume is tested alone.
    worker: { probeIntervalMs: 600_000 },
  });
  admin = createLocalClient(proxy.origin);
  await server.createUser(EMAIL, PASSWORD);
});

afterEach(() => proxy.reset());

after(async () => {
  for (const reader of readers) reader.close();
  admin.destroy();
  await server.close();
  await proxy.close();
  await sqs.close();
});

/** Creates an app that delivers `message.new` to a new queue behind the proxy. */
async function setUp(
  name: string,
  attributes: Record<string, string> = {},
  settings: Record<string, unknown> = {},
): Promise<Fixture> {
  const queueUrl = await createQueue(admin, name, attributes);
  const app = await server.createApp(name);
  const chat = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
  await chat.upsertUsers([{ id: 'alice' }]);
  const channel = chat.channel('messaging', 'general', {
    created_by_id: 'alice',
    members: ['alice'],
  });
  await channel.create();
  await chat.updateAppSettings({
    sqs_url: queueUrl,
    webhook_events: ['message.new'],
    ...settings,
  });
  const reader = new QueueReader(queueUrl, proxy.origin);
  readers.push(reader);
  return {
    app,
    chat,
    queueUrl,
    reader,
    send: async (text) => {
      await channel.sendMessage({ text, user_id: 'alice' });
    },
  };
}

function textOf(received: ReceivedEvent): string {
  return (received.event['message'] as { text: string }).text;
}

function sortedTexts(received: ReceivedEvent[]): string[] {
  return received.map(textOf).sort();
}

/** Pauses an app's delivery and waits until its run has stopped. */
async function holdDelivery(appId: string): Promise<void> {
  await setDeliveryState(server.db, appId, 'paused', {
    reason: 'held by the test',
    errorCode: 'Test',
  });
  await server.worker.waitForRun(appId);
}

async function outboxRows(appId: string) {
  return server.db
    .selectFrom('outbox')
    .innerJoin('outbox_payloads', 'outbox_payloads.seq', 'outbox.seq')
    .selectAll('outbox')
    .select('outbox_payloads.payload')
    .where('outbox.app_id', '=', appId)
    .orderBy('outbox.seq')
    .execute();
}

async function rowWithText(appId: string, text: string) {
  const rows = await outboxRows(appId);
  const row = rows.find((r) => {
    const event = JSON.parse(r.payload) as { message?: { text?: string } };
    return event.message?.text === text;
  });
  assert.ok(row, `no outbox row for "${text}"`);
  return row;
}

async function statusOf(app: App): Promise<DeliveryStatus> {
  return getDeliveryStatus(server.db, await getApp(server.db, app.id));
}

async function allSettled(appId: string): Promise<boolean> {
  const rows = await outboxRows(appId);
  return rows.every((row) => row.status !== 'pending');
}

function textOfEntry(entry: Record<string, unknown>): string {
  const body = Buffer.from(String(entry['MessageBody']), 'base64');
  const event = JSON.parse(body.toString('utf8')) as {
    message: { text: string };
  };
  return event.message.text;
}

async function metricsText(): Promise<string> {
  const response = await fetch(`${server.baseUrl}/metrics`);
  return response.text();
}

describe('delivery through a failing queue', () => {
  test('5xx responses retry without spending attempts', async () => {
    const fixture = await setUp('server-errors');
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: sqsErrors.serviceUnavailable(),
    });
    await fixture.send('first');
    await fixture.send('second');
    await waitFor('state retrying', async () =>
      (await statusOf(fixture.app)).state === 'retrying');
    const retrying = await statusOf(fixture.app);
    assert.match(retrying.reason ?? '', /server error/);
    assert.ok(retrying.since);

    proxy.clearRules();
    const received = await fixture.reader.receive(2);
    assert.deepEqual(sortedTexts(received), ['first', 'second']);
    await waitFor('state idle', async () =>
      (await statusOf(fixture.app)).state === 'idle');
    for (const row of await outboxRows(fixture.app.id)) {
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 0);
    }
  });

  test('throttling is retried until SQS accepts', async () => {
    const fixture = await setUp('throttled');
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: sqsErrors.requestThrottled(),
      times: 3,
    });
    await fixture.send('throttled once');
    const received = await fixture.reader.receive(1);
    await waitFor('all settled', () => allSettled(fixture.app.id));
    assert.deepEqual(sortedTexts(received), ['throttled once']);
    const [row] = await outboxRows(fixture.app.id);
    assert.equal(row?.attempts, 0);
    assert.equal(proxy.faultCount(), 3);
    assert.match(
      await metricsText(),
      /sqs_bridge_sqs_call_failures_total\{action="SendMessageBatch",code="RequestThrottled"\} 3/,
    );
  });

  test('a dropped connection is retried', async () => {
    const fixture = await setUp('dropped-connection');
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: { kind: 'drop' },
      times: 2,
    });
    await fixture.send('after a reset');
    const received = await fixture.reader.receive(1);
    assert.deepEqual(sortedTexts(received), ['after a reset']);
    // SQS has the message before the server marks it sent.
    await waitFor('all sent', () => allSettled(fixture.app.id));
    const [row] = await outboxRows(fixture.app.id);
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 0);
  });

  test('a hanging queue server delays, then delivers', async () => {
    const fixture = await setUp('hanging');
    proxy.addRule({
      action: '*',
      queueUrl: fixture.queueUrl,
      fault: { kind: 'hang' },
    });
    for (let i = 0; i < 5; i++) await fixture.send(`held ${i}`);
    await waitFor('state retrying', async () =>
      (await statusOf(fixture.app)).state === 'retrying');
    assert.match((await statusOf(fixture.app)).reason ?? '', /not reachable/);

    proxy.clearRules();
    const received = await fixture.reader.receive(5);
    assert.equal(received.length, 5);
    await waitFor('all sent', () => allSettled(fixture.app.id));
    const rows = await outboxRows(fixture.app.id);
    assert.ok(rows.every((row) => row.status === 'sent'));
  });

  test('twenty events sent while the queue is down all arrive', async () => {
    const fixture = await setUp('outage');
    proxy.addRule({
      action: '*',
      queueUrl: fixture.queueUrl,
      fault: { kind: 'drop' },
    });
    for (let i = 0; i < 20; i++) await fixture.send(`outage ${i}`);
    await waitFor('state retrying', async () =>
      (await statusOf(fixture.app)).state === 'retrying');

    proxy.clearRules();
    await waitFor('all sent', () => allSettled(fixture.app.id));
    const received = await fixture.reader.receive(21, 3_000);
    const expected = Array.from({ length: 20 }, (_, i) => `outage ${i}`);
    assert.deepEqual(sortedTexts(received), expected.sort());
    for (const row of await outboxRows(fixture.app.id)) {
      assert.equal(row.attempts, 0);
    }
  });

  test('AccessDenied pauses until Resume is pressed', async () => {
    const fixture = await setUp('denied');
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: sqsErrors.accessDenied('SendMessage'),
    });
    await fixture.send('needs permission');
    const browser = new DashboardBrowser(server.baseUrl);
    await browser.signIn(EMAIL, PASSWORD);
    const path = `/apps/${fixture.app.id}/delivery`;
    await waitFor('state paused', async () => {
      const response = await browser.request<DeliveryStatus>('GET', path);
      return response.body.state === 'paused';
    });
    const paused = await browser.request<DeliveryStatus>('GET', path);
    assert.match(paused.body.reason ?? '', /sqs:SendMessage/);
    assert.equal(paused.body.waiting, 1);
    assert.ok(paused.body.since);

    await fixture.send('also waits');
    await server.worker.probePausedApps();
    const stillPaused = await browser.request<DeliveryStatus>('GET', path);
    assert.equal(stillPaused.body.state, 'paused');
    assert.equal(stillPaused.body.since, paused.body.since);
    assert.equal(stillPaused.body.waiting, 2);

    proxy.clearRules();
    const withoutCsrf = await browser.request('POST', `${path}/resume`, {
      csrf: false,
    });
    assert.equal(withoutCsrf.status, 403);
    const resumed = await browser.request<DeliveryStatus>(
      'POST',
      `${path}/resume`,
    );
    assert.equal(resumed.status, 200);
    assert.notEqual(resumed.body.state, 'paused');
    const received = await fixture.reader.receive(2);
    assert.deepEqual(sortedTexts(received), ['also waits', 'needs permission']);
  });

  test('a passing probe resumes a paused app', async () => {
    const fixture = await setUp('probed');
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: sqsErrors.invalidClientTokenId(),
    });
    await fixture.send('probe me');
    await waitFor('state paused', async () =>
      (await statusOf(fixture.app)).state === 'paused');
    assert.match((await statusOf(fixture.app)).reason ?? '', /AWS Key/);

    proxy.clearRules();
    await server.worker.probePausedApps();
    const received = await fixture.reader.receive(1);
    assert.deepEqual(sortedTexts(received), ['probe me']);
    assert.notEqual((await statusOf(fixture.app)).state, 'paused');
  });

  test('Test SQS on the stored settings resumes delivery', async () => {
    const fixture = await setUp('tested');
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: sqsErrors.kmsAccessDenied(),
    });
    await fixture.send('after the test');
    await waitFor('state paused', async () =>
      (await statusOf(fixture.app)).state === 'paused');

    proxy.clearRules();
    const result = await fixture.chat.testSQSSettings({});
    assert.equal(result.status, 'ok');
    const received = await fixture.reader.receive(2);
    const types = received.map((r) => r.event['type']).sort();
    assert.deepEqual(types, ['message.new', 'sqs.test']);
  });

  test('rejected entries retry alone or drop with the code', async () => {
    const fixture = await setUp('partial');
    const flakyFailures = { left: 2 };
    const batchReady = { value: false };
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: sqsErrors.serviceUnavailable(),
    });
    for (const text of ['one', 'flaky', 'bad', 'two']) {
      await fixture.send(text);
    }
    await waitFor('state retrying', async () =>
      (await statusOf(fixture.app)).state === 'retrying');
    proxy.clearRules();
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: {
        kind: 'fail-entries',
        select: (entry) => {
          const text = textOfEntry(entry);
          if (text === 'bad') {
            batchReady.value = true;
            return {
              code: 'InvalidMessageContents',
              message: 'Invalid characters found.',
              senderFault: true,
            };
          }
          if (text === 'flaky' && flakyFailures.left > 0) {
            flakyFailures.left -= 1;
            return {
              code: 'InternalError',
              message: 'Try again.',
              senderFault: false,
            };
          }
          return null;
        },
      },
    });

    const received = await fixture.reader.receive(3);
    assert.deepEqual(sortedTexts(received), ['flaky', 'one', 'two']);
    assert.ok(batchReady.value);
    await waitFor('all settled', () => allSettled(fixture.app.id));
    const flaky = await rowWithText(fixture.app.id, 'flaky');
    assert.equal(flaky.status, 'sent');
    assert.equal(flaky.attempts, 2);
    const bad = await rowWithText(fixture.app.id, 'bad');
    assert.equal(bad.status, 'dropped');
    assert.equal(bad.drop_cause, 'rejected');
    assert.match(bad.last_error ?? '', /InvalidMessageContents/);
    const status = await statusOf(fixture.app);
    assert.equal(status.dropped, 1);
    assert.equal(status.recentDrops[0]?.eventId, bad.event_id);
  });

  test('an entry failing every attempt is dropped', async () => {
    const fixture = await setUp('doomed');
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: {
        kind: 'fail-entries',
        select: (entry) =>
          textOfEntry(entry) === 'doomed'
            ? { code: 'InternalError', message: 'No.', senderFault: false }
            : null,
      },
    });
    await fixture.send('doomed');
    await fixture.send('fine');
    const received = await fixture.reader.receive(1);
    assert.deepEqual(sortedTexts(received), ['fine']);
    await waitFor('doomed dropped', () => allSettled(fixture.app.id));
    const doomed = await rowWithText(fixture.app.id, 'doomed');
    assert.equal(doomed.status, 'dropped');
    assert.equal(doomed.drop_cause, 'attempts');
    assert.equal(doomed.attempts, 9);
    assert.match(doomed.last_error ?? '', /InternalError/);
  });

  test('BatchRequestTooLong splits the batch', async () => {
    const fixture = await setUp('too-long');
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: sqsErrors.serviceUnavailable(),
    });
    for (let i = 0; i < 4; i++) await fixture.send(`part ${i}`);
    await waitFor('state retrying', async () =>
      (await statusOf(fixture.app)).state === 'retrying');
    proxy.clearRules();
    proxy.addRule({
      action: 'SendMessageBatch',
      queueUrl: fixture.queueUrl,
      fault: sqsErrors.batchRequestTooLong(),
      times: 1,
    });
    const received = await fixture.reader.receive(4);
    await waitFor('all settled', () => allSettled(fixture.app.id));
    assert.deepEqual(sortedTexts(received), [
      'part 0', 'part 1', 'part 2', 'part 3',
    ]);
    const rows = await outboxRows(fixture.app.id);
    assert.ok(rows.every((row) => row.status === 'sent'));
  });
});

describe('what lands in the queue', () => {
  test('an event over a small maximum is dropped alone', async () => {
    const fixture = await setUp('small-queue', { MaximumMessageSize: '2048' });
    await fixture.send('before');
    await fixture.send('x'.repeat(3_000));
    await fixture.send('after');
    const received = await fixture.reader.receive(2);
    assert.deepEqual(sortedTexts(received), ['after', 'before']);
    await waitFor('all settled', () => allSettled(fixture.app.id));
    const status = await statusOf(fixture.app);
    const [drop] = status.recentDrops;
    assert.ok(drop);
    assert.equal(drop.eventType, 'message.new');
    assert.equal(drop.limitBytes, 2048);
    assert.ok((drop.sizeBytes ?? 0) > 2048);
    assert.equal(drop.cid, 'messaging:general');
    assert.match(drop.reason, /over the queue's maximum message size/);
    assert.ok(drop.droppedAt);
    assert.match(
      await metricsText(),
      /sqs_bridge_events_dropped_total\{reason="oversize"\} [1-9]/,
    );
  });

  test('UTF-8 bytes, not characters, count against the limit', async () => {
    const limitBytes = 8192;
    const fixture = await setUp('multibyte', {
      MaximumMessageSize: String(limitBytes),
    });
    await fixture.send('m');
    await fixture.send('m'.repeat(11));
    await fixture.reader.receive(2);
    await waitFor('all settled', () => allSettled(fixture.app.id));
    const measured = await rowWithText(fixture.app.id, 'm');
    const longer = await rowWithText(fixture.app.id, 'm'.repeat(11));
    // The text may appear more than once in the event (text and html).
    const copies = (longer.payload.length - measured.payload.length) / 10;

    // JSON bytes that fit once base64-encoded next to the attribute.
    const attributeBytes = (measured.size_bytes ?? 0) -
      4 * Math.ceil(Buffer.byteLength(measured.payload) / 3);
    const jsonBudget = Math.floor((limitBytes - attributeBytes) / 4) * 3;
    const freeBytes = jsonBudget - Buffer.byteLength(measured.payload) + 1;
    // Three UTF-8 bytes per character; fits with a few bytes to spare.
    const cjk = '中'.repeat(Math.floor(freeBytes / (3 * copies)) - 2);
    // Two UTF-16 units per character but four UTF-8 bytes: fits only if
    // counted in characters.
    const emoji = '😀'.repeat(Math.floor(freeBytes / (2 * copies)) - 2);

    await fixture.send(emoji);
    await fixture.send(cjk);
    const received = await fixture.reader.receive(1);
    assert.deepEqual(received.map(textOf), [cjk]);

    await waitFor('all settled', () => allSettled(fixture.app.id));
    const fitting = await rowWithText(fixture.app.id, cjk);
    assert.ok((fitting.size_bytes ?? 0) <= limitBytes);
    assert.ok((fitting.size_bytes ?? 0) > limitBytes - 16 * copies);
    const dropped = await rowWithText(fixture.app.id, emoji);
    assert.equal(dropped.drop_cause, 'oversize');
    assert.equal(dropped.limit_bytes, limitBytes);
    assert.ok((dropped.size_bytes ?? 0) > limitBytes);
    const utf16Size = 4 * Math.ceil(dropped.payload.length / 3) +
      attributeBytes;
    assert.ok(utf16Size <= limitBytes, `UTF-16 estimate ${utf16Size}`);
  });

  test('a lowered maximum is read again after a rejection', async () => {
    const fixture = await setUp('shrinking');
    await fixture.send('while large');
    await fixture.reader.receive(1);
    await admin.send(
      new SetQueueAttributesCommand({
        QueueUrl: fixture.queueUrl,
        Attributes: { MaximumMessageSize: '2048' },
      }),
    );
    await fixture.send('y'.repeat(3_000));
    await fixture.send('small again');
    const received = await fixture.reader.receive(1);
    assert.deepEqual(sortedTexts(received), ['small again']);
    await waitFor('all settled', () => allSettled(fixture.app.id));
    const big = await rowWithText(fixture.app.id, 'y'.repeat(3_000));
    assert.equal(big.drop_cause, 'oversize');
    assert.equal(big.limit_bytes, 2048);
  });

  test('GetQueueAttributes denied falls back to 256 KiB', async () => {
    const fixture = await setUp('no-attributes');
    proxy.addRule({
      action: 'GetQueueAttributes',
      queueUrl: fixture.queueUrl,
      fault: sqsErrors.accessDenied('GetQueueAttributes'),
    });
    await fixture.send('without attributes');
    const received = await fixture.reader.receive(1);
    assert.deepEqual(sortedTexts(received), ['without attributes']);
    assert.notEqual((await statusOf(fixture.app)).state, 'paused');
  });

  test('characters SQS forbids in bodies arrive intact', async () => {
    const fixture = await setUp('forbidden-chars');
    const text = 'a\uFFFEb\uFFFFc\u0001d\u0008e\u001Ff\u0000g';
    await fixture.send(text);
    const received = await fixture.reader.receive(1);
    assert.equal(received.length, 1);
    assert.equal(textOf(received[0]!), text);
  });

  test('FIFO messages group by cid and dedupe by event id', async () => {
    const fixture = await setUp('ordered.fifo', { FifoQueue: 'true' });
    await fixture.send('fifo 1');
    await fixture.send('fifo 2');
    const received = await fixture.reader.receive(2);
    await waitFor('all settled', () => allSettled(fixture.app.id));
    assert.equal(received.length, 2);
    const rows = await outboxRows(fixture.app.id);
    for (const message of received) {
      assert.equal(message.attributes['MessageGroupId'], 'messaging:general');
      const row = rows.find((r) => r.sqs_message_id === message.messageId);
      assert.ok(row);
      assert.equal(message.attributes['MessageDeduplicationId'], row.event_id);
      assert.equal(message.event['id'], row.event_id);
    }
  });

  test('compressed bodies are gzip that parseSqs reads', async () => {
    const fixture = await setUp('compressed', {}, {
      enable_hook_payload_compression: true,
    });
    await fixture.send('squeezed');
    const [received] = await fixture.reader.receive(1);
    assert.ok(received);
    const bytes = Buffer.from(received.body, 'base64');
    assert.equal(bytes[0], 0x1f);
    assert.equal(bytes[1], 0x8b);
    const json = JSON.parse(gunzipSync(bytes).toString('utf8'));
    assert.equal(json.message.text, 'squeezed');
    assert.equal(textOf(received), 'squeezed');
    assert.equal(received.eventTypeAttribute, 'message.new');
  });
});

describe('claims and age', () => {
  test('events of a dead worker are claimed after the lease', async () => {
    const fixture = await setUp('leased');
    await holdDelivery(fixture.app.id);
    await fixture.send('orphaned');
    const claim = await claimEvents(server.db, fixture.app.id, {
      limit: 10,
      leaseMs: 1_500,
    });
    assert.equal(claim.events.length, 1);
    await setDeliveryState(server.db, fixture.app.id, 'active');

    const received = await fixture.reader.receive(1);
    assert.deepEqual(sortedTexts(received), ['orphaned']);
    // The queue can hand the message out before the server marks it sent.
    await waitFor('the event marked sent', async () =>
      (await outboxRows(fixture.app.id))[0]?.status === 'sent');
    const [row] = await outboxRows(fixture.app.id);
    assert.equal(row?.status, 'sent');
    assert.ok(Date.parse(row?.sent_at ?? '') >= claim.leaseUntilMs);
  });

  test('a claim stops at its byte limit', async () => {
    const fixture = await setUp('claim-bytes');
    await holdDelivery(fixture.app.id);
    for (const text of ['first', 'second', 'third', 'fourth']) {
      await fixture.send(text.repeat(100));
    }
    const rows = await outboxRows(fixture.app.id);
    for (const row of rows) {
      assert.equal(row.payload_bytes, Buffer.byteLength(row.payload));
    }
    const [first, second, third] = rows;
    assert.ok(first);
    assert.ok(second);
    assert.ok(third);

    const twoEvents = await claimEvents(server.db, fixture.app.id, {
      limit: 10,
      leaseMs: 60_000,
      maxBytes: first.payload_bytes + second.payload_bytes,
    });
    assert.deepEqual(twoEvents.events.map((event) => event.seq),
      [first.seq, second.seq]);
    const oneLargeEvent = await claimEvents(server.db, fixture.app.id, {
      limit: 10,
      leaseMs: 60_000,
      maxBytes: 1,
    });
    assert.deepEqual(oneLargeEvent.events.map((event) => event.seq),
      [third.seq]);
  });

  test('events older than seven days are dropped as expired', async () => {
    const fixture = await setUp('expiring');
    await holdDelivery(fixture.app.id);
    await fixture.send('too old');
    await fixture.send('old at claim');
    await fixture.send('recent');
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    const makeOld = async (text: string) => {
      const row = await rowWithText(fixture.app.id, text);
      await server.db
        .updateTable('outbox')
        .set({ created_at: eightDaysAgo })
        .where('seq', '=', row.seq)
        .execute();
    };
    await makeOld('too old');
    await server.worker.maintain();
    const expired = await rowWithText(fixture.app.id, 'too old');
    assert.equal(expired.status, 'dropped');
    assert.equal(expired.drop_cause, 'expired');
    assert.ok(expired.dropped_at);
    assert.equal((await rowWithText(fixture.app.id, 'recent')).status,
      'pending');

    // An event that expires between two maintenance runs is dropped when
    // a worker claims it.
    await makeOld('old at claim');
    await setDeliveryState(server.db, fixture.app.id, 'active');
    const received = await fixture.reader.receive(1);
    assert.deepEqual(sortedTexts(received), ['recent']);
    await waitFor('all settled', () => allSettled(fixture.app.id));
    const atClaim = await rowWithText(fixture.app.id, 'old at claim');
    assert.equal(atClaim.status, 'dropped');
    assert.equal(atClaim.drop_cause, 'expired');
    assert.match(
      await metricsText(),
      /sqs_bridge_events_dropped_total\{reason="expired"\} 2/,
    );
  });
});
