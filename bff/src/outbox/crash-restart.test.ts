import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { StreamChat } from 'stream-chat';

import { createApp, type App } from '../accounts/apps.js';
import { createUser } from '../accounts/users.js';
import { openDatabase } from '../db/database.js';
import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import { createQueue } from '../sqs/create-queue.js';
import {
  sqsErrors,
  startFaultProxy,
  type FaultProxy,
} from '../test-support/fault-proxy.js';
import { createLocalClient } from '../test-support/local-sqs-client.js';
import { QueueReader } from '../test-support/queue-reader.js';
import { waitFor } from '../test-support/wait.js';

const MAIN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../main.ts',
);
const MESSAGES = 8;

let sqs: LocalSqs;
let proxy: FaultProxy;
let dataDir: string;
let queueUrl: string;
let app: App;
const children: ChildProcess[] = [];

before(async () => {
  sqs = await startLocalSqs();
  proxy = await startFaultProxy({ target: sqs.origin });
  const admin = createLocalClient(proxy.origin);
  queueUrl = await createQueue(admin, 'crash-events');
  admin.destroy();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-crash-'));
  const db = await openDatabase(dataDir);
  await createUser(db, {
    email: 'ops@example.com',
    password: 'correct horse battery',
    orgName: 'Default',
  });
  app = await createApp(db, { name: 'Crash', orgName: 'Default' });
  await db
    .updateTable('apps')
    .set({ sqs_url: queueUrl, webhook_events: '["message.new"]' })
    .where('id', '=', app.id)
    .execute();
  await db.destroy();
});

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await proxy.close();
  await sqs.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the server as a child process and returns its base URL. */
async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      SQS_ALLOWED_ENDPOINTS: proxy.origin,
      LOG_LEVEL: 'silent',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Dashboard: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`server exited with code ${code} before listening`)),
    );
  });
  return { child, url };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

test('events waiting at a SIGKILL arrive after restart', async () => {
  proxy.addRule({
    action: '*',
    queueUrl,
    fault: sqsErrors.serviceUnavailable(),
  });
  const first = await startServer();
  const chat = new StreamChat(app.api_key, app.api_secret, {
    baseURL: first.url,
  });
  await chat.upsertUsers([{ id: 'alice' }]);
  const channel = chat.channel('messaging', 'crash', {
    created_by_id: 'alice',
    members: ['alice'],
  });
  await channel.create();
  const texts = Array.from({ length: MESSAGES }, (_, i) => `crash ${i}`);
  for (const text of texts) {
    await channel.sendMessage({ text, user_id: 'alice' });
  }
  await waitFor('a failed delivery attempt', () => proxy.faultCount() > 0);
  first.child.kill('SIGKILL');
  await exited(first.child);

  proxy.clearRules();
  const second = await startServer();
  const reader = new QueueReader(queueUrl, proxy.origin);
  try {
    const received = await reader.receive(MESSAGES, 20_000);
    const receivedTexts = received.map(
      ({ event }) => (event['message'] as { text: string }).text,
    );
    assert.deepEqual(receivedTexts.sort(), [...texts].sort());
    const extra = await reader.receive(1, 1_500);
    assert.equal(extra.length, 0, 'an event arrived twice');
  } finally {
    reader.close();
    second.child.kill('SIGTERM');
    await exited(second.child);
  }
});
