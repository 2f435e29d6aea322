import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

import { StreamChat } from 'stream-chat';

import { openDatabase } from '../db/database.js';
import { startLocalSqs } from '../local-sqs/server.js';
import { waitFor } from '../test-support/wait.js';
import { seedApp, startServerProcess } from './child-process.js';
import { createChannel, QueueCollector, startLoad } from './harness.js';

const SENDERS = 16;
/** Messages acknowledged before the kill. */
const ACKNOWLEDGED_BEFORE_KILL = 600;

const cleanups: (() => Promise<void>)[] = [];

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Event ids still pending in the outbox, read while no server runs. */
async function pendingEventIds(dataDir: string): Promise<Set<string>> {
  const db = await openDatabase(dataDir);
  try {
    const rows = await db
      .selectFrom('outbox')
      .select('event_id')
      .where('status', '=', 'pending')
      .execute();
    return new Set(rows.map((row) => row.event_id));
  } finally {
    await db.destroy();
  }
}

test('SIGKILL under load loses no acknowledged message', async (t) => {
  const sqs = await startLocalSqs();
  cleanups.push(() => sqs.close());
  const queueUrl = await sqs.createQueue('killed-under-load');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-kill-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true }));
  const app = await seedApp(dataDir, queueUrl);
  const collector = new QueueCollector(queueUrl, sqs.origin);
  cleanups.push(() => collector.stop());
  collector.start();

  const first = await startServerProcess({
    dataDir,
    allowedOrigin: sqs.origin,
  });
  cleanups.push(() => first.signal('SIGKILL'));
  const before = new StreamChat(app.api_key, app.api_secret, {
    baseURL: first.url,
  });
  const channel = await createChannel(before, 'killed');
  const load = startLoad(channel, {
    senders: SENDERS,
    maxMessages: 20_000,
    prefix: 'before',
  });
  await waitFor(
    `${ACKNOWLEDGED_BEFORE_KILL} acknowledged messages`,
    () => load.acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL,
    20_000,
  );
  await first.signal('SIGKILL');
  load.stop();
  await load.done;
  const pendingAtKill = await pendingEventIds(dataDir);

  const second = await startServerProcess({
    dataDir,
    allowedOrigin: sqs.origin,
  });
  cleanups.push(() => second.signal('SIGTERM'));
  const afterRestart = new StreamChat(app.api_key, app.api_secret, {
    baseURL: second.url,
  });
  const resumed = startLoad(afterRestart.channel('messaging', 'killed'), {
    senders: 4,
    maxMessages: 40,
    prefix: 'after',
  });
  await resumed.done;
  const acknowledged = [...load.acknowledged, ...resumed.acknowledged];
  const missing = await collector.waitForMessages(acknowledged, 30_000);
  await collector.waitForQuiet(1_500);

  const duplicates = collector.duplicates();
  t.diagnostic(
    `acknowledged ${load.acknowledged.length} before the kill and ` +
      `${resumed.acknowledged.length} after; ${load.failures.length} ` +
      `requests failed at the kill; ${pendingAtKill.size} events pending ` +
      `at the kill; ${duplicates.length} sent twice`,
  );
  assert.deepEqual(missing, [], 'acknowledged messages never arrived');
  assert.equal(resumed.failures.length, 0);
  const notInFlight = duplicates.filter(
    ({ eventId }) => !pendingAtKill.has(eventId),
  );
  assert.deepEqual(notInFlight, [], 'events marked sent were sent again');
});
