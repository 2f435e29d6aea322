import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import jwt from 'jsonwebtoken';
import { StreamChat } from 'stream-chat';

import type { App } from '../accounts/apps.js';
import { DashboardBrowser } from '../test-support/dashboard-browser.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

const PASSWORD = 'a long enough test password';
const EMAIL = 'limits@example.com';

let server: TestServer;

before(async () => {
  server = await startTestServer({
    limits: { sqsTestsPerMinute: 2, chatApiRequestsPerMinute: 5 },
  });
  await server.createUser(EMAIL, PASSWORD, 'Limits');
});

after(() => server.close());

/** Sends a platform API request signed with the app's secret. */
async function callPlatform(
  app: App,
  method: string,
  path: string,
  body?: string,
) {
  const token = jwt.sign({ server: true }, app.api_secret, {
    algorithm: 'HS256',
  });
  const response = await fetch(
    `${server.baseUrl}${path}?api_key=${app.api_key}`,
    {
      method,
      headers: {
        authorization: token,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body }),
    },
  );
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

function sdkFor(app: App): StreamChat {
  return new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
}

describe('platform API limits', () => {
  test('third check_sqs in a minute answers 429', async () => {
    const app = await server.createApp('Check limit', 'Limits');
    const first = await callPlatform(app, 'POST', '/check_sqs', '{}');
    const second = await callPlatform(app, 'POST', '/check_sqs', '{}');

    const third = await callPlatform(app, 'POST', '/check_sqs', '{}');

    assert.equal(first.body['status'], 'error');
    assert.equal(second.status, 200);
    assert.equal(third.status, 429);
    assert.equal(third.body['code'], 9);
    assert.equal(third.body['StatusCode'], 429);
    assert.match(String(third.body['message']),
      /^Too many Test SQS calls for this app: at most 2 a minute\./);
    assert.match(String(third.body['duration']), /^\d+\.\d{2}ms$/);
    assert.equal(typeof third.body['more_info'], 'string');
    assert.ok(Number(third.retryAfter) >= 1, third.retryAfter ?? '');
  });

  test('check_sqs with an invalid URL is not counted', async () => {
    const app = await server.createApp('Hostile checks', 'Limits');
    const hostile = JSON.stringify({ sqs_url: 'http://169.254.169.254/1/q' });
    for (let i = 0; i < 5; i++) {
      const result = await callPlatform(app, 'POST', '/check_sqs', hostile);
      assert.equal(result.status, 200, `call ${i + 1}`);
      assert.match(String(result.body['error']), /invalid SQS url/);
    }
  });

  test('SDK reports the check_sqs limit as code 9', async () => {
    const app = await server.createApp('SDK check limit', 'Limits');
    const client = sdkFor(app);
    await client.testSQSSettings({});
    await client.testSQSSettings({});

    await assert.rejects(client.testSQSSettings({}),
      /StreamChat error code 9: .*Too many Test SQS calls/);
  });

  test('sixth chat request in a minute answers 429', async () => {
    const app = await server.createApp('Chat limit', 'Limits');
    const other = await server.createApp('Chat bystander', 'Limits');
    const client = sdkFor(app);
    for (let call = 1; call <= 5; call++) {
      await client.upsertUser({ id: `user-${call}` });
    }

    const limited = await callPlatform(app, 'GET', '/app');
    const bystander = await callPlatform(other, 'GET', '/app');

    assert.equal(limited.status, 429);
    assert.equal(limited.body['code'], 9);
    assert.match(String(limited.body['message']),
      /^Too many requests for this app: at most 5 a minute\./);
    assert.equal(bystander.status, 200);
  });

  test('body over 1 MB answers 413 in the envelope', async () => {
    const app = await server.createApp('Large body', 'Limits');
    const huge = JSON.stringify({ user: { id: 'x'.repeat(1_100_000) } });

    const response = await callPlatform(app, 'POST', '/users', huge);

    assert.equal(response.status, 413);
    assert.equal(response.body['code'], 4);
    assert.equal(response.body['StatusCode'], 413);
    assert.match(String(response.body['message']), /larger than 1 MB/);
  });
});

describe('dashboard limits', () => {
  let browser: DashboardBrowser;

  before(async () => {
    browser = new DashboardBrowser(server.baseUrl);
    await browser.signIn(EMAIL, PASSWORD);
  });

  test('third Test SQS in a minute answers 429', async () => {
    const app = await server.createApp('Dashboard test limit', 'Limits');
    const path = `/apps/${app.id}/sqs/test`;
    const body = { sqsUrl: '', sqsKey: '', sqsSecret: '' };
    const statuses: number[] = [];
    for (let run = 1; run <= 3; run++) {
      statuses.push((await browser.request('POST', path, { body })).status);
    }
    const limited = await browser.request<{ error: { message: string } }>(
      'POST', path, { body });

    assert.deepEqual(statuses, [200, 200, 429]);
    assert.equal(limited.status, 429);
    assert.match(limited.body.error.message,
      /^Too many Test SQS runs for this app: at most 2 a minute\. Try again/);
  });

  test('body over 64 KB answers 413', async () => {
    const response = await browser.request<{ error: { message: string } }>(
      'POST', '/apps', { body: { name: 'x'.repeat(70_000) } });

    assert.equal(response.status, 413);
    assert.equal(response.body.error.message, 'Request body is too large.');
  });
});
