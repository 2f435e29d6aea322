import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';

import jwt from 'jsonwebtoken';
import request from 'supertest';

import { createApp, type App } from '../accounts/apps.js';
import { openDatabase, type Db } from '../db/database.js';
import { createLogger } from '../logger.js';
import { createHttpApp } from './app.js';

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
function serveWithLogs(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      callback();
    },
  });
  const app = createHttpApp({
    db,
    logger: createLogger(level, { destination }),
    allowedSqsOrigins: [],
    webDistDir: null,
  });
  const requestLines = () => lines.filter((line) => 'req' in line);
  return { app, requestLines };
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
