import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';

import express from 'express';
import jwt from 'jsonwebtoken';
import request from 'supertest';

import { createApp, type App } from '../accounts/apps.js';
import { openDatabase, type Db } from '../db/database.js';
import { createLogger } from '../logger.js';
import { waitFor } from '../test-support/wait.js';
import { createHttpApp } from './app.js';
import { requestLogging } from './request-log.js';

let dataDir: string;
let db: Db;
let chatApp: App;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-logs-'));
  db = await openDatabase(dataDir);
  chatApp = await createApp(db, { name: 'Logs', orgName: 'Logs' });
});

after(async () => {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Serves the APIs with a logger at `level` and returns its lines. */
function captureLogs(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      callback();
    },
  });
  const logger = createLogger(level, { destination });
  const requestLines = () => lines.filter((line) => 'req' in line);
  return { logger, requestLines };
}

function serveWithLogs(level: string) {
  const { logger, requestLines } = captureLogs(level);
  const app = createHttpApp({
    db,
    logger,
    allowedSqsOrigins: [],
    webDistDir: null,
  });
  return { app, logger, requestLines };
}

function getAppSettings(app: ReturnType<typeof createHttpApp>, token: string) {
  return request(app)
    .get('/app')
    .query({ api_key: chatApp.api_key })
    .set('Authorization', token);
}

const LEVELS = { debug: 20, info: 30 };

test('successful chat calls log at debug', async () => {
  const token = jwt.sign({ server: true }, chatApp.api_secret);
  const quiet = serveWithLogs('info');
  assert.equal((await getAppSettings(quiet.app, token)).status, 200);
  assert.deepEqual(quiet.requestLines(), []);

  const verbose = serveWithLogs('debug');
  assert.equal((await getAppSettings(verbose.app, token)).status, 200);
  const [line] = verbose.requestLines();
  assert.equal(line?.['level'], LEVELS.debug);
  assert.equal(line?.['statusCode'], 200);
});

test('failed chat calls log at info', async () => {
  const { app, requestLines } = serveWithLogs('info');
  assert.equal((await getAppSettings(app, 'not-a-jwt')).status, 401);
  const [line] = requestLines();
  assert.equal(line?.['level'], LEVELS.info);
  assert.equal(line?.['statusCode'], 401);
});

test('dashboard calls log at info', async () => {
  const { app, requestLines } = serveWithLogs('info');
  assert.equal((await request(app).get('/dashboard/api/session')).status,
    401);
  const [line] = requestLines();
  assert.equal(line?.['level'], LEVELS.info);
  assert.equal((line?.['req'] as { path?: string })['path'],
    '/dashboard/api/session');
});

test('handler lines carry the request id', async () => {
  const { app, requestLines } = serveWithLogs('info');
  const token = jwt.sign({ server: true }, chatApp.api_secret);
  const response = await request(app)
    .patch('/app')
    .query({ api_key: chatApp.api_key })
    .set('Authorization', token)
    .send({ webhook_events: ['message.new'] });
  assert.equal(response.status, 200);

  const id = response.headers['x-request-id'];
  assert.match(String(id), /^[0-9a-f-]{36}$/);
  const [line] = requestLines();
  assert.equal(line?.['msg'], 'app settings changed through the API');
  assert.deepEqual(line?.['req'], { id, method: 'PATCH', path: '/app' });
});

test('quiet request makes no child logger', async () => {
  const { app, logger, requestLines } = serveWithLogs('info');
  const makeChild = logger.child.bind(logger);
  let children = 0;
  logger.child = ((...args: Parameters<typeof logger.child>) => {
    children += 1;
    return makeChild(...args);
  }) as typeof logger.child;
  const token = jwt.sign({ server: true }, chatApp.api_secret);

  assert.equal((await getAppSettings(app, token)).status, 200);
  assert.equal(children, 0);

  assert.equal((await getAppSettings(app, 'not-a-jwt')).status, 401);
  assert.equal(children, 1);
  assert.equal(requestLines().length, 1);
});

test('aborted request logs at info', async () => {
  const { logger, requestLines } = captureLogs('info');
  const app = express();
  app.use(requestLogging(logger, () => 'debug'));
  let reached: () => void = () => {};
  const handlerReached = new Promise<void>((resolve) => {
    reached = resolve;
  });
  app.get('/slow', () => reached());
  const server = http.createServer(app).listen(0, '127.0.0.1');
  try {
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;

    const client = http.get({ host: '127.0.0.1', port, path: '/slow?x=1' });
    client.on('error', () => {});
    await handlerReached;
    client.destroy();
    await waitFor('the aborted request line',
      () => requestLines().length === 1);
  } finally {
    server.closeAllConnections();
    server.close();
  }

  const [line] = requestLines();
  assert.equal(line?.['level'], LEVELS.info);
  assert.equal(line?.['msg'], 'request aborted before its response');
  assert.equal((line?.['req'] as { path?: string })['path'], '/slow');
});
