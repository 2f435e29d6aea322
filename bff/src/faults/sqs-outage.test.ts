import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

import { StreamChat } from 'stream-chat';

import { openDatabase } from '../db/database.js';
import { waitFor } from '../test-support/wait.js';
import {
  seedApp,
  startLocalSqsProcess,
  startServerProcess,
} from './child-process.js';
import { createChannel, QueueCollector, startLoad } from './harness.js';

/** Deadline of one SQS call in the server under test. */
const SEND_TIMEOUT_MS = 1_500;
/** The queue server stays stopped for several send deadlines. */
const OUTAGE_MS = 3 * SEND_TIMEOUT_MS;

const cleanups: (() => Promise<void>)[] = [];

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test('queue server stopped past the deadline loses nothing', async (t) => {
  const sqs = await startLocalSqsProcess();
  cleanups.push(() => sqs.signal('SIGKILL'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-stop-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true }));
  const app = await seedApp(dataDir, sqs.queueUrl);
  const server = await startServerProcess({
    dataDir,
    allowedOrigin: sqs.origin,
    env: { DELIVERY_SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS) },
  });
  cleanups.push(() => server.signal('SIGTERM'));
  const collector = new QueueCollector(sqs.queueUrl, sqs.origin);
  cleanups.push(() => collector.stop());
  collector.start();
  const chat = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.url,
  });
  const channel = await createChannel(chat, 'outage');
  const db = await openDatabase(dataDir);
  cleanups.push(() => db.destroy());

  const warmUp = startLoad(channel, {
    senders: 4,
    maxMessages: 40,
    prefix: 'before',
  });
  await warmUp.done;
  const late = await collector.waitForMessages(warmUp.acknowledged, 10_000);
  assert.deepEqual(late, [], 'messages sent before the stop never arrived');
  await sqs.signal('SIGSTOP');
  const stoppedAtMs = Date.now();
  const during = startLoad(channel, {
    senders: 4,
    maxMessages: 100,
    prefix: 'during',
  });
  await during.done;
  await waitFor('delivery state retrying', async () => {
    const row = await db
      .selectFrom('delivery_states')
      .select('state')
      .where('app_id', '=', app.id)
      .executeTakeFirst();
    return row?.state === 'retrying';
  }, OUTAGE_MS + 2 * SEND_TIMEOUT_MS);
  const remainingMs = OUTAGE_MS - (Date.now() - stoppedAtMs);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, remainingMs)));
  await sqs.signal('SIGCONT');
  const resumedAtMs = Date.now();

  const acknowledged = [...warmUp.acknowledged, ...during.acknowledged];
  const missing = await collector.waitForMessages(acknowledged, 20_000);
  const recoveryMs = Date.now() - resumedAtMs;
  await collector.waitForQuiet(1_000);
  const duplicates = collector.duplicates();
  t.diagnostic(
    `stopped ${Date.now() - stoppedAtMs - recoveryMs} ms; all ` +
      `${acknowledged.length} arrived ${recoveryMs} ms after the resume; ` +
      `${duplicates.length} sent twice`,
  );
  assert.deepEqual(missing, [], 'acknowledged messages never arrived');
  assert.equal(warmUp.failures.length + during.failures.length, 0);
  // A batch sent while the server was stopped is stored when it resumes,
  // after the send deadline, so the worker sends it again. Only events
  // sent during the outage, at most one claim of 100, may arrive twice.
  const early = duplicates.filter(
    ({ messageId }) => !messageId?.startsWith('during-'),
  );
  assert.deepEqual(early, [], 'events delivered before the stop sent again');
  assert.ok(duplicates.length <= 100, `${duplicates.length} sent twice`);
});
