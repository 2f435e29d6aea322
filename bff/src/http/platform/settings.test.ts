import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import jwt from 'jsonwebtoken';
import { StreamChat } from 'stream-chat';

import { getApp as readApp, type App } from '../../accounts/apps.js';
import {
  startTestServer,
  type TestServer,
} from '../../test-support/server.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/chat-events';

let server: TestServer;
let app: App;
let client: StreamChat;

before(async () => {
  server = await startTestServer({
    allowedSqsOrigins: ['http://127.0.0.1:9'],
  });
  app = await server.createApp('Settings');
  client = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
});

after(() => server.close());

/** Reads the stored app, its secrets decrypted. */
async function storedApp(): Promise<App> {
  return readApp(server.db, app.id);
}

describe('app settings through the SDK', () => {
  test('updateAppSettings stores the SQS settings', async () => {
    await client.updateAppSettings({
      sqs_url: `  ${QUEUE} `,
      sqs_key: KEY,
      sqs_secret: SECRET,
    });
    const stored = await storedApp();
    assert.equal(stored.sqs_url, QUEUE);
    assert.equal(stored.sqs_key, KEY);
    assert.equal(stored.sqs_secret, SECRET);
  });

  test('getAppSettings hides the secret', async () => {
    const response = await client.getAppSettings();
    const settings = response.app as Record<string, unknown>;
    assert.equal(settings['sqs_url'], QUEUE);
    assert.equal(settings['sqs_key'], KEY);
    assert.equal(settings['sqs_secret_stored'], true);
    assert.ok(!JSON.stringify(response).includes(SECRET));
  });

  test('settings read and sent back change nothing', async () => {
    const before = await storedApp();
    const response = await client.getAppSettings();
    await client.updateAppSettings(
      response.app as Parameters<typeof client.updateAppSettings>[0],
    );
    const afterUpdate = await storedApp();
    assert.equal(afterUpdate.sqs_url, before.sqs_url);
    assert.equal(afterUpdate.sqs_key, before.sqs_key);
    assert.equal(afterUpdate.sqs_secret, SECRET);
  });

  test('a field left out stays as it is', async () => {
    await client.updateAppSettings({ sqs_key: KEY });
    assert.equal((await storedApp()).sqs_secret, SECRET);
  });

  test('a queue ARN is stored as the canonical URL', async () => {
    await client.updateAppSettings({
      sqs_url: 'arn:aws:sqs:eu-west-1:123456789012:chat-events',
    });
    assert.equal((await storedApp()).sqs_url, QUEUE);
  });

  test('an invalid URL answers code 4 and stores nothing', async () => {
    const bad = 'https://sqs.us-east-1.amazonaws.com.evil.com/1/q';
    await assert.rejects(
      client.updateAppSettings({ sqs_url: bad, sqs_key: 'AKIAEXAMPLE0000000AA' }),
      (err: Error & { code?: number; status?: number }) => {
        assert.equal(err.code, 4);
        assert.equal(err.status, 400);
        assert.match(err.message, /invalid SQS url/);
        assert.ok(err.message.includes(bad));
        return true;
      },
    );
    const stored = await storedApp();
    assert.equal(stored.sqs_url, QUEUE);
    assert.equal(stored.sqs_key, KEY);
  });

  test('an invalid secret is rejected without echoing it', async () => {
    const bad = 'not a secret';
    await assert.rejects(
      client.updateAppSettings({ sqs_secret: bad }),
      (err: Error & { code?: number }) => {
        assert.equal(err.code, 4);
        assert.ok(!err.message.includes(bad));
        return true;
      },
    );
    assert.equal((await storedApp()).sqs_secret, SECRET);
  });

  test('an unknown setting is rejected by name', async () => {
    await assert.rejects(
      client.updateAppSettings({ sqs_ulr: QUEUE } as never),
      /sqs_ulr is not a supported app setting/,
    );
  });

  test('null resets a field and an empty URL turns SQS off', async () => {
    await client.updateAppSettings({ sqs_secret: null, sqs_url: '' } as never);
    const stored = await storedApp();
    assert.equal(stored.sqs_secret, '');
    assert.equal(stored.sqs_url, '');
    assert.equal(stored.sqs_key, KEY);
  });

  test('webhook_events and compression are stored', async () => {
    await client.updateAppSettings({
      webhook_events: ['message.new'],
      enable_hook_payload_compression: true,
    } as never);
    let stored = await storedApp();
    assert.equal(stored.webhook_events, '["message.new"]');
    assert.equal(stored.enable_hook_payload_compression, 1);
    await client.updateAppSettings({ webhook_events: null });
    stored = await storedApp();
    assert.equal(stored.webhook_events, null);
  });

  test('the same API is served under /api/v2', async () => {
    const v2 = new StreamChat(app.api_key, app.api_secret, {
      baseURL: `${server.baseUrl}/api/v2`,
    });
    const response = await v2.getAppSettings();
    assert.equal((response.app as Record<string, unknown>)['name'], 'Settings');
  });
});

describe('server-side authentication', () => {
  async function getApp(token: string | null, apiKey = app.api_key) {
    const headers: Record<string, string> = {};
    if (token !== null) headers['authorization'] = token;
    const response = await fetch(
      `${server.baseUrl}/app?api_key=${apiKey}`,
      { headers },
    );
    const body = (await response.json()) as Record<string, unknown>;
    return { status: response.status, body };
  }

  test('a valid server token is accepted', async () => {
    const token = jwt.sign({ server: true }, app.api_secret);
    assert.equal((await getApp(token)).status, 200);
  });

  const rejected: [string, () => Promise<string | null>][] = [
    ['a missing token', async () => null],
    ['a malformed token', async () => 'not-a-jwt'],
    ['a token signed with another app\'s secret', async () => {
      const other = await server.createApp('Other');
      return jwt.sign({ server: true }, other.api_secret);
    }],
    ['an HS512 token', async () =>
      jwt.sign({ server: true }, app.api_secret, { algorithm: 'HS512' })],
    ['an unsigned token', async () =>
      jwt.sign({ server: true }, '', { algorithm: 'none' })],
    ['a token with a key id', async () =>
      jwt.sign({ server: true }, app.api_secret, { keyid: 'k1' })],
    ['a token without server: true', async () =>
      jwt.sign({ user_id: 'u1' }, app.api_secret)],
  ];
  for (const [name, makeToken] of rejected) {
    test(`${name} answers 401`, async () => {
      const { status, body } = await getApp(await makeToken());
      assert.equal(status, 401);
      assert.equal(body.StatusCode, 401);
      assert.equal(typeof body.code, 'number');
      assert.equal(typeof body.message, 'string');
      assert.equal(typeof body.duration, 'string');
      assert.ok('more_info' in body);
    });
  }

  test('an unknown api_key answers 401 with code 2', async () => {
    const token = jwt.sign({ server: true }, app.api_secret);
    const { status, body } = await getApp(token, 'nosuchkey');
    assert.equal(status, 401);
    assert.equal(body.code, 2);
  });
});
