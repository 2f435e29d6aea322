import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type {
  DeliveryDetails,
  DeliveryList,
  DeliveryStatus,
} from '@sqs-bridge/contracts';
import { StreamChat } from 'stream-chat';

import type { App } from '../../accounts/apps.js';
import { startLocalSqs, type LocalSqs } from '../../local-sqs/server.js';
import { COUNT_LIMIT, getDeliveryStatus } from '../../outbox/deliveries.js';
import { DashboardBrowser } from '../../test-support/dashboard-browser.js';
import { QueueReader } from '../../test-support/queue-reader.js';
import {
  startTestServer,
  type TestServer,
} from '../../test-support/server.js';
import { waitFor } from '../../test-support/wait.js';

const EMAIL = 'ops@example.com';
const PASSWORD = 'correct horse battery';

let sqs: LocalSqs;
let server: TestServer;
let app: App;
let foreignApp: App;
let browser: DashboardBrowser;
let reader: QueueReader;

before(async () => {
  sqs = await startLocalSqs();
  const queueUrl = await sqs.createQueue('api-events', {
    MaximumMessageSize: '2048',
  });
  server = await startTestServer({ allowedSqsOrigins: [sqs.origin] });
  await server.createUser(EMAIL, PASSWORD, 'Acme');
  app = await server.createApp('Acme chat', 'Acme');
  foreignApp = await server.createApp('Other chat', 'Globex');
  browser = new DashboardBrowser(server.baseUrl);
  await browser.signIn(EMAIL, PASSWORD);
  reader = new QueueReader(queueUrl, sqs.origin);

  const chat = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
  await chat.updateAppSettings({ sqs_url: queueUrl });
  await chat.upsertUsers([{ id: 'alice' }]);
  const channel = chat.channel('messaging', 'api', {
    created_by_id: 'alice',
    members: ['alice'],
  });
  await channel.create();
  await channel.sendMessage({ text: 'hello', user_id: 'alice' });
  await channel.sendMessage({ text: 'z'.repeat(3_000), user_id: 'alice' });
  await reader.receive(2);
  await waitFor('nothing waiting', async () => {
    const status = await browser.request<DeliveryStatus>(
      'GET',
      `/apps/${app.id}/delivery`,
    );
    return status.body.waiting === 0;
  });
});

after(async () => {
  reader.close();
  await server.close();
  await sqs.close();
});

describe('delivery API', () => {
  test('status lists counts, state and drops', async () => {
    const response = await browser.request<DeliveryStatus>(
      'GET',
      `/apps/${app.id}/delivery`,
    );
    assert.equal(response.status, 200);
    const status = response.body;
    assert.equal(status.sqsEnabled, true);
    assert.equal(status.state, 'idle');
    assert.equal(status.reason, null);
    assert.equal(status.since, null);
    assert.equal(status.sent, 2);
    assert.equal(status.waiting, 0);
    assert.equal(status.dropped, 1);
    assert.equal(typeof status.lastSentAt, 'string');
    assert.equal(status.lastError, null);
    assert.equal(status.recentDrops.length, 1);
    const [drop] = status.recentDrops;
    assert.equal(drop?.eventType, 'message.new');
    assert.equal(drop?.cid, 'messaging:api');
    assert.equal(drop?.limitBytes, 2048);
    assert.ok((drop?.sizeBytes ?? 0) > 2048);
  });

  test('status counts stop at the count limit', async () => {
    const full = await getDeliveryStatus(server.db, app);
    assert.equal(full.countLimit, COUNT_LIMIT);
    assert.equal(full.sent, 2);

    const limited = await getDeliveryStatus(server.db, app, 1);
    assert.equal(limited.countLimit, 1);
    assert.equal(limited.sent, 1);
    assert.equal(limited.dropped, 1);
    assert.equal(limited.waiting, 0);
  });

  test('deliveries list newest first with filters', async () => {
    const all = await browser.request<DeliveryList>(
      'GET',
      `/apps/${app.id}/deliveries`,
    );
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.eventTypes, ['channel.created', 'message.new']);
    assert.equal(all.body.deliveries.length, 3);
    assert.equal(all.body.deliveries[0]?.status, 'dropped');
    const sent = all.body.deliveries.find((d) => d.status === 'sent');
    assert.ok(sent?.sqsMessageId);
    assert.ok(sent?.sentAt);
    assert.ok((sent?.sizeBytes ?? 0) > 0);

    const filtered = await browser.request<DeliveryList>(
      'GET',
      `/apps/${app.id}/deliveries?type=message.new&status=sent&limit=1`,
    );
    assert.equal(filtered.body.deliveries.length, 1);
    assert.equal(filtered.body.deliveries[0]?.eventType, 'message.new');
    assert.equal(filtered.body.deliveries[0]?.status, 'sent');
  });

  test('deliveries reject an unknown status or limit', async () => {
    const badStatus = await browser.request(
      'GET',
      `/apps/${app.id}/deliveries?status=lost`,
    );
    assert.equal(badStatus.status, 400);
    const badLimit = await browser.request(
      'GET',
      `/apps/${app.id}/deliveries?limit=500`,
    );
    assert.equal(badLimit.status, 400);
  });

  test('one delivery comes with its decoded event', async () => {
    const list = await browser.request<DeliveryList>(
      'GET',
      `/apps/${app.id}/deliveries?type=message.new&status=sent`,
    );
    const eventId = list.body.deliveries[0]?.eventId ?? '';
    const details = await browser.request<DeliveryDetails>(
      'GET',
      `/apps/${app.id}/deliveries/${eventId}`,
    );
    assert.equal(details.status, 200);
    assert.equal(details.body.delivery.eventId, eventId);
    assert.equal(details.body.event['id'], eventId);
    assert.equal(details.body.event['type'], 'message.new');
    const missing = await browser.request(
      'GET',
      `/apps/${app.id}/deliveries/no-such-event`,
    );
    assert.equal(missing.status, 404);
  });

  test('resume of a running app returns its status', async () => {
    const response = await browser.request<DeliveryStatus>(
      'POST',
      `/apps/${app.id}/delivery/resume`,
    );
    assert.equal(response.status, 200);
    assert.equal(response.body.state, 'idle');
  });

  test("another organisation's app is not found", async () => {
    const base = `/apps/${foreignApp.id}`;
    const requests: [string, string][] = [
      ['GET', `${base}/delivery`],
      ['GET', `${base}/deliveries`],
      ['GET', `${base}/deliveries/any`],
      ['POST', `${base}/delivery/resume`],
    ];
    for (const [method, path] of requests) {
      const response = await browser.request(method, path);
      assert.equal(response.status, 404, `${method} ${path}`);
    }
  });

  test('an app without a queue reads as off', async () => {
    const other = await server.createApp('No queue', 'Acme');
    const response = await browser.request<DeliveryStatus>(
      'GET',
      `/apps/${other.id}/delivery`,
    );
    assert.equal(response.body.state, 'off');
    assert.equal(response.body.sqsEnabled, false);
  });
});

describe('metrics', () => {
  test('GET /metrics serves the delivery metrics', async () => {
    const response = await fetch(`${server.baseUrl}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
    const text = await response.text();
    assert.match(text, /^sqs_bridge_events_sent_total 2$/m);
    assert.match(text, /^sqs_bridge_events_waiting 0$/m);
    assert.match(text, /sqs_bridge_events_dropped_total\{reason="oversize"\} 1/);
    assert.match(text, /^sqs_bridge_batch_entries_count \d+$/m);
    assert.match(text, /^sqs_bridge_event_delivery_seconds_count 2$/m);
    assert.match(text, /^process_cpu_seconds_total /m);
    const active = text.match(
      /^sqs_bridge_event_loop_active_seconds_total (\S+)$/m);
    assert.ok(active, 'event loop metric missing');
    assert.ok(Number(active[1]) > 0, `event loop active ${active[1]} s`);
  });
});
