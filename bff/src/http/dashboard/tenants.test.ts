import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { Router } from 'express';

import { getApp, type App } from '../../accounts/apps.js';
import { DashboardBrowser } from '../../test-support/dashboard-browser.js';
import {
  startTestServer,
  type TestServer,
} from '../../test-support/server.js';
import { createDashboardRouter } from './router.js';

const PASSWORD = 'a long enough test password';
const EMPTY_SQS = { sqsUrl: '', sqsKey: '', sqsSecret: '' };

/** Every dashboard route that names an app, with a body it accepts. */
const APP_ROUTES: Record<string, { body?: unknown }> = {
  'GET /apps/:appId': {},
  'PUT /apps/:appId/sqs': { body: EMPTY_SQS },
  'POST /apps/:appId/sqs/test': { body: EMPTY_SQS },
  'POST /apps/:appId/rotate-secret': {},
  'GET /apps/:appId/delivery': {},
  'POST /apps/:appId/delivery/resume': {},
  'GET /apps/:appId/deliveries': {},
  'GET /apps/:appId/deliveries/:eventId': {},
};

let server: TestServer;
let browser: DashboardBrowser;
let ownApp: App;
let foreignApp: App;

before(async () => {
  server = await startTestServer();
  await server.createUser('tenant@example.com', PASSWORD, 'Acme');
  ownApp = await server.createApp('Acme chat', 'Acme');
  foreignApp = await server.createApp('Globex chat', 'Globex');
  browser = new DashboardBrowser(server.baseUrl);
  await browser.signIn('tenant@example.com', PASSWORD);
});

after(() => server.close());

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
}

/** Lists `METHOD path` of every route in a router and its sub-routers. */
function listRoutes(stack: RouteLayer[]): string[] {
  const routes: string[] = [];
  for (const layer of stack) {
    if (layer.route !== undefined) {
      for (const method of Object.keys(layer.route.methods)) {
        routes.push(`${method.toUpperCase()} ${layer.route.path}`);
      }
    } else if (layer.handle?.stack !== undefined) {
      routes.push(...listRoutes(layer.handle.stack));
    }
  }
  return routes;
}

function toPath(route: string, appId: string): [string, string] {
  const [method = '', pattern = ''] = route.split(' ');
  const path = pattern
    .replace(':appId', appId)
    .replace(':eventId', '00000000-0000-0000-0000-000000000000');
  return [method, path];
}

test('table lists every route that names an app', () => {
  const router = createDashboardRouter({
    db: server.db,
    allowedSqsOrigins: [],
    resumeDelivery: async () => {},
  }) as Router & { stack: RouteLayer[] };

  const appRoutes = new Set(
    listRoutes(router.stack).filter((route) => route.includes(':appId')),
  );

  assert.deepEqual([...appRoutes].sort(), Object.keys(APP_ROUTES).sort());
});

for (const [route, { body }] of Object.entries(APP_ROUTES)) {
  test(`${route} hides another organisation's app`, async () => {
    const [method, path] = toPath(route, foreignApp.id);

    const response = await browser.request<{ error: { message: string } }>(
      method, path, body === undefined ? {} : { body });

    assert.equal(response.status, 404);
    assert.equal(response.body.error.message,
      `App ${foreignApp.id} not found.`);
  });

  test(`${route} serves the user's own app`, async () => {
    const [method, path] = toPath(route, ownApp.id);

    const response = await browser.request<{ error?: { message: string } }>(
      method, path, body === undefined ? {} : { body });

    assert.notEqual(response.body.error?.message,
      `App ${ownApp.id} not found.`);
    assert.ok(response.status < 500, `HTTP ${response.status}`);
  });
}

test('foreign app is unchanged after every route', async () => {
  const stored = await getApp(server.db, foreignApp.id);

  assert.equal(stored.api_secret, foreignApp.api_secret);
  assert.equal(stored.sqs_url, foreignApp.sqs_url);
  assert.equal(stored.updated_at, foreignApp.updated_at);
});
