import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { getApp, type App } from '../../accounts/apps.js';
import { startLocalSqs, type LocalSqs } from '../../local-sqs/server.js';
import {
  startTestServer,
  type TestServer,
} from '../../test-support/server.js';

const EMAIL = 'ops@example.com';
const PASSWORD = 'correct horse battery';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

let server: TestServer;
let sqs: LocalSqs;
let app: App;
let foreignApp: App;

/** A signed-in browser: keeps the session cookie and the CSRF token. */
class Browser {
  cookie = '';
  csrfToken = '';

  async request(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers['cookie'] = this.cookie;
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${server.baseUrl}/dashboard/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    return {
      status: response.status,
      setCookie,
      body: text === '' ? undefined : JSON.parse(text),
    };
  }

  async signIn(email = EMAIL, password = PASSWORD) {
    const response = await this.request('POST', '/session', {
      email,
      password,
    });
    if (response.status === 200) this.csrfToken = response.body.csrfToken;
    return response;
  }
}

before(async () => {
  sqs = await startLocalSqs();
  await sqs.createQueue('dash-events');
  server = await startTestServer({ allowedSqsOrigins: [sqs.origin] });
  await server.createUser(EMAIL, PASSWORD, 'Acme');
  app = await server.createApp('Acme chat', 'Acme');
  foreignApp = await server.createApp('Other chat', 'Globex');
});

after(async () => {
  await server.close();
  await sqs.close();
});

describe('dashboard sign-in', () => {
  test('a wrong password and an unknown email read the same', async () => {
    const wrong = await new Browser().signIn(EMAIL, 'wrong password!!');
    const unknown = await new Browser().signIn('nobody@example.com',
      PASSWORD);
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    assert.equal(wrong.body.error.message, 'Email or password is incorrect.');
  });

  test('sign-in sets an httpOnly SameSite=Lax cookie', async () => {
    const response = await new Browser().signIn();
    assert.equal(response.status, 200);
    assert.match(response.setCookie ?? '', /HttpOnly/i);
    assert.match(response.setCookie ?? '', /SameSite=Lax/i);
    assert.equal(response.body.user.email, EMAIL);
    assert.deepEqual(response.body.allowedSqsOrigins, [sqs.origin]);
  });

  test('requests without a session answer 401', async () => {
    const response = await new Browser().request('GET', '/apps');
    assert.equal(response.status, 401);
  });

  test('sign-out ends the session', async () => {
    const browser = new Browser();
    await browser.signIn();
    const cookie = browser.cookie;
    assert.equal((await browser.request('DELETE', '/session')).status, 204);
    browser.cookie = cookie;
    assert.equal((await browser.request('GET', '/session')).status, 401);
  });
});

describe('dashboard apps', () => {
  const browser = new Browser();
  before(() => browser.signIn());

  test('lists only the apps of the user\'s organisation', async () => {
    const response = await browser.request('GET', '/apps');
    const names = response.body.apps.map((entry: App) => entry.name);
    assert.deepEqual(names, ['Acme chat']);
  });

  test('another organisation\'s app answers 404', async () => {
    const paths = [
      `/apps/${foreignApp.id}`,
      `/apps/${foreignApp.id}/delivery`,
    ];
    for (const path of paths) {
      assert.equal((await browser.request('GET', path)).status, 404, path);
    }
    const put = await browser.request('PUT', `/apps/${foreignApp.id}/sqs`, {
      sqsUrl: '', sqsKey: '', sqsSecret: '',
    });
    assert.equal(put.status, 404);
  });

  test('a change without the CSRF token answers 403', async () => {
    const noToken = new Browser();
    await noToken.signIn();
    noToken.csrfToken = '';
    const response = await noToken.request('POST', '/apps', { name: 'x' });
    assert.equal(response.status, 403);
  });

  test('creating an app shows its secret once', async () => {
    const created = await browser.request('POST', '/apps', { name: 'New' });
    assert.equal(created.status, 201);
    assert.match(created.body.apiSecret, /^[a-z0-9]{64}$/);
    const details = await browser.request('GET', `/apps/${created.body.id}`);
    assert.ok(!JSON.stringify(details.body).includes(created.body.apiSecret));
  });

  test('an empty app name is refused at the field', async () => {
    const response = await browser.request('POST', '/apps', { name: ' ' });
    assert.equal(response.status, 400);
    assert.ok(response.body.error.fields.name);
  });
});

describe('dashboard SQS settings', () => {
  const browser = new Browser();
  before(() => browser.signIn());

  test('an invalid URL is refused at the field', async () => {
    const response = await browser.request('PUT', `/apps/${app.id}/sqs`, {
      sqsUrl: 'http://169.254.169.254/latest/meta-data',
      sqsKey: '',
      sqsSecret: '',
    });
    assert.equal(response.status, 400);
    assert.match(response.body.error.fields.sqsUrl, /invalid SQS url/);
  });

  test('a key that is not an access key id is refused', async () => {
    const response = await browser.request('PUT', `/apps/${app.id}/sqs`, {
      sqsUrl: sqs.queueUrl('dash-events'),
      sqsKey: 'my-key',
      sqsSecret: '',
    });
    assert.equal(response.status, 400);
    assert.ok(response.body.error.fields.sqsKey);
  });

  test('saving stores the settings without returning the secret', async () => {
    const response = await browser.request('PUT', `/apps/${app.id}/sqs`, {
      sqsUrl: sqs.queueUrl('dash-events'),
      sqsKey: 'AKIAIOSFODNN7EXAMPLE',
      sqsSecret: SECRET,
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.sqs.sqsUrl, sqs.queueUrl('dash-events'));
    assert.equal(response.body.sqs.sqsSecretStored, true);
    assert.ok(!JSON.stringify(response.body).includes(SECRET));
  });

  test('saving with an empty secret keeps the stored one', async () => {
    await browser.request('PUT', `/apps/${app.id}/sqs`, {
      sqsUrl: sqs.queueUrl('dash-events'),
      sqsKey: 'AKIAIOSFODNN7EXAMPLE',
      sqsSecret: '',
    });
    const stored = await getApp(server.db, app.id);
    assert.equal(stored.sqs_secret, SECRET);
  });

  test('Test SQS checks the queue in the form', async () => {
    const response = await browser.request('POST',
      `/apps/${app.id}/sqs/test`, {
        sqsUrl: sqs.queueUrl('dash-events'),
        sqsKey: '',
        sqsSecret: '',
      });
    assert.equal(response.status, 200);
    assert.equal(response.body.status, 'ok', JSON.stringify(response.body));
    assert.equal(response.body.data.testEvent.type, 'sqs.test');
  });

  test('Test SQS uses the key in the form, even when empty', async () => {
    const response = await browser.request('POST',
      `/apps/${app.id}/sqs/test`, {
        sqsUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
        sqsKey: '',
        sqsSecret: '',
      });
    assert.equal(response.body.status, 'error');
    assert.match(response.body.error, /AWS Key/);
  });

  test('wrong types name the field in plain words', async () => {
    const response = await browser.request('PUT', `/apps/${app.id}/sqs`, {
      sqsUrl: 5,
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.error.fields.sqsUrl, 'SQS URL must be text.');
    assert.equal(response.body.error.fields.sqsKey, 'AWS Key must be text.');
  });

  test('removeSecret deletes the stored secret', async () => {
    const response = await browser.request('PUT', `/apps/${app.id}/sqs`, {
      sqsUrl: sqs.queueUrl('dash-events'),
      sqsKey: 'AKIAIOSFODNN7EXAMPLE',
      sqsSecret: '',
      removeSecret: true,
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.sqs.sqsSecretStored, false);
    await browser.request('PUT', `/apps/${app.id}/sqs`, {
      sqsUrl: sqs.queueUrl('dash-events'),
      sqsKey: 'AKIAIOSFODNN7EXAMPLE',
      sqsSecret: SECRET,
    });
  });

  test('delivery status reports the app\'s counts', async () => {
    const response = await browser.request('GET', `/apps/${app.id}/delivery`);
    assert.equal(response.status, 200);
    assert.equal(response.body.sqsEnabled, true);
    assert.equal(response.body.waiting, 0);
  });
});
