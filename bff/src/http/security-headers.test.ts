import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import type { Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';

import { openDatabase, type Db } from '../db/database.js';
import { createHttpApp } from './app.js';

const BUILT_INDEX = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../web/dist/index.html',
);

let dataDir: string;
let db: Db;
let app: Express;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-headers-'));
  const distDir = path.join(dataDir, 'dist');
  fs.mkdirSync(distDir);
  fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html>');
  db = await openDatabase(path.join(dataDir, 'data'));
  app = createHttpApp({
    db,
    logger: pino({ level: 'silent' }),
    allowedSqsOrigins: [],
    webDistDir: distDir,
  });
});

after(async () => {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const DASHBOARD_RESPONSES: readonly [label: string, path: string][] = [
  ['dashboard page', '/dashboard/'],
  ['dashboard deep link', '/dashboard/apps/1/chat/overview'],
  ['dashboard API error', '/dashboard/api/session'],
];

const API_RESPONSES: readonly [label: string, path: string][] = [
  ['platform API error', '/app'],
  ['platform API error under /api/v2', '/api/v2/app'],
  ['health check', '/healthz'],
];

for (const [label, url] of DASHBOARD_RESPONSES) {
  test(`${label} carries the security headers`, async () => {
    const response = await request(app).get(url);

    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(response.headers['referrer-policy'], 'same-origin');
    assert.equal(response.headers['x-powered-by'], undefined);
  });
}

for (const [label, url] of API_RESPONSES) {
  test(`${label} carries the API security headers`, async () => {
    const response = await request(app).get(url);

    assert.equal(response.headers['content-security-policy'],
      "default-src 'none';frame-ancestors 'none'");
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-powered-by'], undefined);
    assert.equal(response.headers['etag'], undefined);
    assert.match(String(response.headers['x-request-id']),
      /^[0-9a-f-]{36}$/);
  });
}

test('plain http gets no HSTS', async () => {
  for (const url of ['/dashboard/', '/app']) {
    const response = await request(app).get(url);
    assert.equal(response.headers['strict-transport-security'], undefined,
      url);
  }
});

test('trusted TLS proxy gets HSTS', async () => {
  const proxied = createHttpApp({
    db,
    logger: pino({ level: 'silent' }),
    allowedSqsOrigins: [],
    webDistDir: null,
    trustProxy: ['loopback'],
  });
  for (const url of ['/dashboard/api/session', '/app', '/healthz']) {
    const response = await request(proxied).get(url)
      .set('X-Forwarded-Proto', 'https');
    assert.equal(response.headers['strict-transport-security'],
      'max-age=31536000; includeSubDomains', url);
  }
});

test('untrusted forwarded https gets no HSTS', async () => {
  const response = await request(app).get('/app')
    .set('X-Forwarded-Proto', 'https');
  assert.equal(response.headers['strict-transport-security'], undefined);
});

test('built dashboard has no inline script or style', {
  skip: fs.existsSync(BUILT_INDEX) ? false : 'web/dist is not built',
}, () => {
  const html = fs.readFileSync(BUILT_INDEX, 'utf8');

  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.ok(scripts.length > 0);
  for (const tag of scripts) assert.match(tag, /\bsrc="\/dashboard\//, tag);
  assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/);
  assert.doesNotMatch(html, /<style\b/);
  assert.doesNotMatch(html, /\sstyle="/);
  assert.doesNotMatch(html, /\son[a-z]+="/);
});
