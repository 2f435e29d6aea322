import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import SqliteDatabase from 'better-sqlite3';
import { StreamChat } from 'stream-chat';

import { CHECKPOINT_INTERVAL_MS } from '../db/checkpointer.js';
import { DATABASE_FILE, WAL_SIZE_LIMIT_BYTES } from '../db/database.js';
import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { createChannel, QueueCollector, startLoad } from './harness.js';

/** Text per message, so that the log outgrows its limit in seconds. */
const PADDING_CHARS = 4_000;

let sqs: LocalSqs;
let server: TestServer;

before(async () => {
  sqs = await startLocalSqs();
  server = await startTestServer({
    allowedSqsOrigins: [sqs.origin],
    checkpointIntervalMs: CHECKPOINT_INTERVAL_MS,
  });
});

after(async () => {
  await server.close();
  await sqs.close();
});

test('write-ahead log shrinks after a long read', async (t) => {
  const queueUrl = await sqs.createQueue('long-read');
  const app = await server.createApp('Long read');
  const chat = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
  const channel = await createChannel(chat, 'long-read');
  await chat.updateAppSettings({
    sqs_url: queueUrl,
    webhook_events: ['message.new'],
  });
  const collector = new QueueCollector(queueUrl, sqs.origin);
  collector.start();
  const file = path.join(server.dataDir, DATABASE_FILE);
  const walBytes = () => fs.statSync(`${file}-wal`).size;
  // A second connection keeps a read transaction open, as a backup or a
  // report would, so no checkpoint can pass its snapshot.
  const reader = new SqliteDatabase(file, { readonly: true });

  try {
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM outbox').get();
    const during = startLoad(channel, {
      senders: 8,
      maxMessages: 300,
      prefix: 'during',
      paddingChars: PADDING_CHARS,
    });
    await during.done;
    const lateDuring = await collector.waitForMessages(
      during.acknowledged,
      20_000,
    );
    const peakBytes = walBytes();
    reader.exec('COMMIT');
    reader.close();

    const afterRead = startLoad(channel, {
      senders: 8,
      maxMessages: 100,
      prefix: 'after',
      paddingChars: PADDING_CHARS,
    });
    await afterRead.done;
    const lateAfter = await collector.waitForMessages(
      afterRead.acknowledged,
      20_000,
    );
    await waitFor('the log cut back to its limit', () =>
      walBytes() <= WAL_SIZE_LIMIT_BYTES, 5_000).catch(() => undefined);
    const finalBytes = walBytes();
    t.diagnostic(
      `write-ahead log ${peakBytes} bytes during the read, ${finalBytes} ` +
        `after; limit ${WAL_SIZE_LIMIT_BYTES}`,
    );
    assert.equal(during.failures.length + afterRead.failures.length, 0);
    assert.deepEqual([...lateDuring, ...lateAfter], []);
    assert.ok(peakBytes > WAL_SIZE_LIMIT_BYTES, 'the log never grew');
    assert.ok(finalBytes <= WAL_SIZE_LIMIT_BYTES, 'the log stayed large');
  } finally {
    if (reader.open) reader.close();
    await collector.stop();
  }
});
