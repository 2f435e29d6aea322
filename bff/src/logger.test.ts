import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';

import jwt from 'jsonwebtoken';

import { createLogger, redactSecretValues } from './logger.js';

const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const API_SECRET = 'a'.repeat(32) + 'b1'.repeat(16);

function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: createLogger('debug', { destination }), lines };
}

test('secret fields are redacted by name', () => {
  const { logger, lines } = captureLogs();
  logger.info({ sqs_secret: 'x', body: { password: 'y' } }, 'saved');
  const line = JSON.parse(lines[0] ?? '{}');
  assert.equal(line.sqs_secret, '[redacted]');
  assert.equal(line.body.password, '[redacted]');
});

test('secret values are redacted wherever they appear', () => {
  const { logger, lines } = captureLogs();
  const token = jwt.sign({ server: true }, API_SECRET);
  logger.warn(
    { reason: `key ${AWS_SECRET} rejected`, nested: [{ note: token }] },
    `secret ${API_SECRET} leaked`,
  );
  const text = lines.join('');
  assert.ok(!text.includes(AWS_SECRET));
  assert.ok(!text.includes(API_SECRET));
  assert.ok(!text.includes(token));
});

test('errors are redacted too', () => {
  const { logger, lines } = captureLogs();
  logger.error({ err: new Error(`bad secret ${AWS_SECRET}`) }, 'failed');
  assert.ok(!lines.join('').includes(AWS_SECRET));
});

test('ordinary values are kept', () => {
  const text = 'app 5f0c1a2b-4c3d-4e5f-8a9b-0c1d2e3f4a5b sent 10 events';
  assert.equal(redactSecretValues(text), text);
  const url = 'https://sqs.us-east-1.amazonaws.com/123456789012/chat-events';
  assert.equal(redactSecretValues(url), url);
});
