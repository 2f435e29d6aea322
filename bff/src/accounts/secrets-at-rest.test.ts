import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { StreamChat } from 'stream-chat';

import { openDatabase, secretStoreOf, type Db } from '../db/database.js';
import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import { getDeliveryState } from '../outbox/delivery-state.js';
import { KEY_FILE } from '../secrets/key-ring.js';
import { DashboardBrowser } from '../test-support/dashboard-browser.js';
import { QueueReader } from '../test-support/queue-reader.js';
import {
  startTestServer,
  type TestServer,
} from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { createApp, rotateApiSecret, type App } from './apps.js';

const MAIN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../main.ts',
);
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const EMAIL = 'ops@example.com';
const PASSWORD = 'correct horse battery';

let sqs: LocalSqs;
let server: TestServer;
const readers: QueueReader[] = [];

before(async () => {
  sqs = await startLocalSqs();
  server = await startTestServer({ allowedSqsOrigins: [sqs.origin] });
  await server.createUser(EMAIL, PASSWORD);
});

after(async () => {
  for (const reader of readers) reader.close();
  await server.close();
  await sqs.close();
});

/** Creates an app whose events go to a queue of its own. */
async function appWithQueue(name: string) {
  const app = await server.createApp(name);
  const queueUrl = await sqs.createQueue(`${name.toLowerCase()}-events`);
  const reader = new QueueReader(queueUrl, sqs.origin);
  readers.push(reader);
  const client = sdkClient(app.api_key, app.api_secret);
  await client.updateAppSettings({
    sqs_url: queueUrl,
    sqs_key: AWS_KEY,
    sqs_secret: AWS_SECRET,
    webhook_events: ['message.new'],
  });
  return { app, client, reader };
}

function sdkClient(apiKey: string, apiSecret: string): StreamChat {
  return new StreamChat(apiKey, apiSecret, { baseURL: server.baseUrl });
}

async function sendMessage(client: StreamChat, text: string) {
  await client.upsertUsers([{ id: 'alice' }]);
  const channel = client.channel('messaging', 'general', {
    created_by_id: 'alice',
  });
  await channel.create();
  await channel.sendMessage({ text, user_id: 'alice' });
}

/** Signs an HS256 JWT with an empty key, which jsonwebtoken declines to do. */
function signWithEmptyKey(payload: object): string {
  const encode = (part: object) =>
    Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  const signature = createHmac('sha256', Buffer.alloc(0))
    .update(unsigned)
    .digest('base64url');
  return `${unsigned}.${signature}`;
}

/** Changes the first character of the ciphertext, which always changes it. */
function tamper(stored: string): string {
  const parts = stored.split(':');
  const ciphertext = parts[5] ?? '';
  parts[5] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1);
  return parts.join(':');
}

async function tamperStored(
  db: Db,
  appId: string,
  column: 'api_secret' | 'sqs_secret',
): Promise<void> {
  const row = await db
    .selectFrom('apps')
    .select(column)
    .where('id', '=', appId)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('apps')
    .set({ [column]: tamper(row[column]) })
    .where('id', '=', appId)
    .execute();
}

/**
 * Forms in which a secret could sit in a file: in clear, hex, and base64
 * and base64url at each of the three byte alignments. For an offset
 * alignment, the first and last four characters mix in other bytes, so
 * they are left out.
 */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [secret, bytes.toString('hex')];
  for (const padding of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(padding), bytes]);
    for (const encoding of ['base64', 'base64url'] as const) {
      const text = padded.toString(encoding);
      forms.push(padding === 0 ? text.slice(0, -4) : text.slice(4, -4));
    }
  }
  return forms;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/** Asserts, without printing any secret, that no file contains one. */
function assertNoSecretIn(dir: string, secrets: Record<string, string>) {
  const files = filesUnder(dir).filter((file) => !file.endsWith(KEY_FILE));
  assert.ok(files.some((file) => file.endsWith('.sqlite-wal')), 'no WAL');
  for (const file of files) {
    const content = fs.readFileSync(file).toString('latin1');
    for (const [name, secret] of Object.entries(secrets)) {
      for (const form of encodings(secret)) {
        assert.ok(
          !content.includes(form),
          `${path.basename(file)} contains ${name} in some encoding`,
        );
      }
    }
  }
}

describe('secrets at rest through the server', () => {
  test('data folder contains no secret', async () => {
    const alpha = await appWithQueue('Alpha');
    const beta = await server.createApp('Beta');
    await sendMessage(alpha.client, 'Hello, queue');
    const [event] = await alpha.reader.receive(1);
    assert.equal(event?.event['type'], 'message.new');
    const settings = await alpha.client.getAppSettings();
    assert.equal(
      (settings.app as Record<string, unknown>)['sqs_secret_stored'],
      true,
    );
    assertNoSecretIn(server.dataDir, {
      'the AWS secret': AWS_SECRET,
      'the first API secret': alpha.app.api_secret,
      'the second API secret': beta.api_secret,
    });
  });

  test('a corrupted AWS secret pauses only its app', async () => {
    const broken = await appWithQueue('Broken');
    const healthy = await appWithQueue('Healthy');
    await tamperStored(server.db, broken.app.id, 'sqs_secret');

    await sendMessage(broken.client, 'never sent');
    await waitFor('the broken app to pause', async () => {
      const state = await getDeliveryState(server.db, broken.app.id);
      return state.state === 'paused';
    });
    const state = await getDeliveryState(server.db, broken.app.id);
    assert.equal(state.error_code, 'SecretUnreadable');
    assert.match(state.reason ?? '', /AWS secret cannot be decrypted/);

    await sendMessage(healthy.client, 'still delivered');
    const [event] = await healthy.reader.receive(1);
    assert.equal(event?.event['type'], 'message.new');

    const browser = new DashboardBrowser(server.baseUrl);
    await browser.signIn(EMAIL, PASSWORD);
    const details = await browser.request<{ sqs: Record<string, unknown> }>(
      'GET',
      `/apps/${broken.app.id}`,
    );
    assert.equal(details.status, 200);
    assert.equal(details.body.sqs['sqsSecretStored'], false);

    await broken.client.updateAppSettings({ sqs_secret: AWS_SECRET });
    const [resent] = await broken.reader.receive(1);
    assert.equal(resent?.event['type'], 'message.new');
  });

  test('an unreadable API secret answers 401', async () => {
    const app: App = await server.createApp('Locked');
    await tamperStored(server.db, app.id, 'api_secret');
    const old = sdkClient(app.api_key, app.api_secret);
    await assert.rejects(
      old.getAppSettings(),
      (err: Error & { status?: number }) => {
        assert.equal(err.status, 401);
        assert.match(err.message, /cannot be read on the server; rotate it/);
        return true;
      },
    );

    const emptyKeyToken = signWithEmptyKey({ server: true });
    const forged = await fetch(`${server.baseUrl}/app?api_key=${app.api_key}`, {
      headers: { authorization: emptyKeyToken },
    });
    assert.equal(forged.status, 401);

    const rotated = await rotateApiSecret(server.db, app.id);
    const fresh = sdkClient(app.api_key, rotated.api_secret);
    assert.equal(typeof (await fresh.getAppSettings()).app, 'object');
    await assert.rejects(old.getAppSettings(), { status: 401 });
  });
});

describe('server start without its key', () => {
  test('server exits without its key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-start-'));
    try {
      const db = await openDatabase(dir);
      await createApp(db, { name: 'Chat', orgName: 'Default' });
      const keyId = secretStoreOf(db).current.id;
      await db.destroy();
      fs.rmSync(path.join(dir, KEY_FILE));

      const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
        env: {
          ...process.env,
          DATA_DIR: dir,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      const code = await new Promise<number | null>((resolve) =>
        child.once('exit', resolve),
      );
      assert.equal(code, 1);
      assert.ok(stderr.includes(keyId), 'the error names the key id');
      assert.match(stderr, /Restore the key file/);
      assert.equal(fs.existsSync(path.join(dir, KEY_FILE)), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
