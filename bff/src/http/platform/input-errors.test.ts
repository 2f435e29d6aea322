import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import jwt from 'jsonwebtoken';
import { StreamChat } from 'stream-chat';

import type { App } from '../../accounts/apps.js';
import {
  startTestServer,
  type TestServer,
} from '../../test-support/server.js';

let server: TestServer;
let app: App;
let client: StreamChat;
let token: string;

before(async () => {
  server = await startTestServer();
  app = await server.createApp('Input errors');
  client = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
  token = jwt.sign({ server: true }, app.api_secret);
});

after(() => server.close());

async function post(path: string, body: string, query = '') {
  const response = await fetch(
    `${server.baseUrl}${path}?api_key=${app.api_key}${query}`,
    {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body,
    },
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('check_sqs input errors', () => {
  test('malformed JSON still answers 200 with status error', async () => {
    const { status, body } = await post('/check_sqs', '{"sqs_url": ');
    assert.equal(status, 200);
    assert.equal(body['status'], 'error');
    assert.match(String(body['error']), /not valid JSON/);
  });

  test('a body over 1 MB answers 200 with status error', async () => {
    const huge = JSON.stringify({ sqs_url: 'x'.repeat(1_100_000) });
    const { status, body } = await post('/check_sqs', huge);
    assert.equal(status, 200);
    assert.match(String(body['error']), /larger than 1 MB/);
  });

  test('empty strings fall back to the stored settings', async () => {
    const result = await client.testSQSSettings({
      sqs_url: '',
      sqs_key: '',
    });
    assert.equal(result.status, 'error');
    assert.match(result.error ?? '', /SQS URL is missing/);
  });

  test('a bad body elsewhere still answers 400', async () => {
    const { status, body } = await post('/users', '[1, 2');
    assert.equal(status, 400);
    assert.equal(body['code'], 4);
  });
});

describe('authentication messages', () => {
  test('an expired token answers code 40', async () => {
    const expired = jwt.sign(
      { server: true, exp: Math.floor(Date.now() / 1000) - 60 },
      app.api_secret,
    );
    const response = await fetch(
      `${server.baseUrl}/app?api_key=${app.api_key}`,
      { headers: { authorization: expired } },
    );
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 401);
    assert.equal(body['code'], 40);
    assert.match(String(body['message']), /expired/);
  });

  test('api_key given twice is named', async () => {
    const response = await fetch(
      `${server.baseUrl}/app?api_key=${app.api_key}&api_key=other`,
      { headers: { authorization: token } },
    );
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 401);
    assert.match(String(body['message']), /more than once/);
  });
});

describe('chat input errors', () => {
  test('a user keyed by another id is refused', async () => {
    const { status, body } = await post(
      '/users',
      JSON.stringify({ users: { alice: { id: 'bob' } } }),
    );
    assert.equal(status, 400);
    assert.match(String(body['message']), /keyed by its own id/);
  });

  test('a message without text or attachments is refused', async () => {
    await client.upsertUsers([{ id: 'carol' }]);
    const channel = client.channel('messaging', 'empty-text', {
      created_by_id: 'carol',
    });
    await channel.create();
    await assert.rejects(
      channel.sendMessage({ text: '  ', user_id: 'carol' }),
      /no text and no attachments/,
    );
  });

  test('a message without user_id names the field', async () => {
    const channel = client.channel('messaging', 'empty-text');
    await assert.rejects(
      channel.sendMessage({ text: 'hi' }),
      /message\.user_id is missing/,
    );
  });
});
