import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { RotatedApiSecret } from '@sqs-bridge/contracts';
import { StreamChat } from 'stream-chat';

import { getApp, type App } from '../../accounts/apps.js';
import { DashboardBrowser } from '../../test-support/dashboard-browser.js';
import {
  startTestServer,
  type TestServer,
} from '../../test-support/server.js';

const PASSWORD = 'a long enough test password';

let server: TestServer;
let browser: DashboardBrowser;
let app: App;

before(async () => {
  server = await startTestServer();
  await server.createUser('rotator@example.com', PASSWORD, 'Acme');
  app = await server.createApp('Rotated chat', 'Acme');
  browser = new DashboardBrowser(server.baseUrl);
  await browser.signIn('rotator@example.com', PASSWORD);
});

after(() => server.close());

function sdk(secret: string): StreamChat {
  return new StreamChat(app.api_key, secret, { baseURL: server.baseUrl });
}

test('rotation without the CSRF token answers 403', async () => {
  const response = await browser.request(
    'POST', `/apps/${app.id}/rotate-secret`, { csrf: false });

  assert.equal(response.status, 403);
  const stored = await getApp(server.db, app.id);
  assert.equal(stored.api_secret, app.api_secret);
});

test('old secret stops working and the new one works', async () => {
  await sdk(app.api_secret).getAppSettings();

  const response = await browser.request<RotatedApiSecret>(
    'POST', `/apps/${app.id}/rotate-secret`);

  assert.equal(response.status, 200);
  const rotated = response.body;
  assert.equal(rotated.id, app.id);
  assert.equal(rotated.name, app.name);
  assert.equal(rotated.apiKey, app.api_key);
  assert.match(rotated.apiSecret, /^[a-z0-9]{64}$/);
  assert.notEqual(rotated.apiSecret, app.api_secret);
  await assert.rejects(sdk(app.api_secret).getAppSettings(),
    /StreamChat error code 5: .*signature is not valid/);
  const settings = await sdk(rotated.apiSecret).getAppSettings();
  assert.equal(settings.app?.name, app.name);
});

test('app details never include the new secret', async () => {
  const rotated = await browser.request<RotatedApiSecret>(
    'POST', `/apps/${app.id}/rotate-secret`);

  const details = await browser.request('GET', `/apps/${app.id}`);

  assert.equal(details.status, 200);
  assert.equal(details.body['apiSecret'], undefined);
  assert.ok(!JSON.stringify(details.body).includes(rotated.body.apiSecret));
});
