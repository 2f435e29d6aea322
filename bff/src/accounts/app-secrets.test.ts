import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { Writable } from 'node:stream';

import { pino } from 'pino';

import { openDatabase, secretStoreOf, type Db } from '../db/database.js';
import type { AppTable } from '../db/schema.js';
import {
  KEY_FILE,
  MissingKeyError,
  readKeyFile,
  writeKeyFile,
} from '../secrets/key-ring.js';
import {
  generateKeyHex,
  keyFromHex,
  keyIdOf,
} from '../secrets/secret-box.js';
import {
  createApp,
  findAppByApiKey,
  getApp,
  getAppInOrg,
  listApps,
  rotateApiSecret,
  updateAppSettings,
  type App,
} from './apps.js';
import { NotFoundError } from './errors.js';
import { finishKeyRotation, rotateKeyFile } from './secrets-key.js';

const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const folders: string[] = [];
const open: Db[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
  for (const dir of folders.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-secrets-'));
  folders.push(dir);
  return dir;
}

async function openIn(
  dir: string,
  options: Parameters<typeof openDatabase>[1] = {},
): Promise<Db> {
  const db = await openDatabase(dir, options);
  open.push(db);
  return db;
}

async function close(db: Db): Promise<void> {
  open.splice(open.indexOf(db), 1);
  await db.destroy();
}

async function rawApp(db: Db, appId: string): Promise<AppTable> {
  return db
    .selectFrom('apps')
    .selectAll()
    .where('id', '=', appId)
    .executeTakeFirstOrThrow();
}

async function setRaw(
  db: Db,
  appId: string,
  values: Partial<Pick<AppTable, 'api_secret' | 'sqs_secret'>>,
): Promise<void> {
  await db.updateTable('apps').set(values).where('id', '=', appId).execute();
}

/** Changes the first character of the ciphertext, which always changes it. */
function tamper(stored: string): string {
  const parts = stored.split(':');
  const ciphertext = parts[5] ?? '';
  parts[5] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1);
  return parts.join(':');
}

/** Compares secrets without printing them when they differ. */
function assertSecret(
  actual: string,
  expected: string,
  description: string,
): void {
  assert.ok(
    actual === expected,
    `${description} does not match the expected secret`,
  );
}

async function appWithSecret(db: Db, name: string): Promise<App> {
  const app = await createApp(db, { name, orgName: 'Acme' });
  return updateAppSettings(db, app.id, { sqs_secret: AWS_SECRET });
}

/** Creates a logger whose JSON lines are kept in `lines`. */
function captureLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('app secrets at rest', () => {
  test('secrets are stored encrypted and read decrypted', async () => {
    const db = await openIn(tempDir());
    const created = await appWithSecret(db, 'Chat');
    const keyId = secretStoreOf(db).current.id;
    const row = await rawApp(db, created.id);
    for (const column of ['api_secret', 'sqs_secret'] as const) {
      assert.equal(keyIdOf(row[column]), keyId, `${column} key id`);
      assert.ok(!row[column].includes(created[column]), `${column} in clear`);
    }
    assert.ok(!row.sqs_secret.includes(AWS_SECRET));
    const reads = [
      await getApp(db, created.id),
      await getAppInOrg(db, created.org_id, created.id),
      await findAppByApiKey(db, created.api_key),
      (await listApps(db))[0],
    ];
    for (const app of reads) {
      assert.ok(app);
      assertSecret(app.api_secret, created.api_secret, 'api_secret');
      assertSecret(app.sqs_secret, AWS_SECRET, 'sqs_secret');
      assert.deepEqual(app.unreadableSecrets, []);
    }
  });

  test('an emptied AWS secret is stored empty', async () => {
    const db = await openIn(tempDir());
    const app = await appWithSecret(db, 'Chat');
    await updateAppSettings(db, app.id, { sqs_secret: '' });
    assert.equal((await rawApp(db, app.id)).sqs_secret, '');
    assert.equal((await getApp(db, app.id)).sqs_secret, '');
  });

  test('a ciphertext copied to another app fails', async () => {
    const db = await openIn(tempDir());
    const first = await appWithSecret(db, 'First');
    const second = await createApp(db, { name: 'Second', orgName: 'Acme' });
    await setRaw(db, second.id, {
      sqs_secret: (await rawApp(db, first.id)).sqs_secret,
    });
    const copied = await getApp(db, second.id);
    assert.equal(copied.sqs_secret, '');
    assert.deepEqual(copied.unreadableSecrets, ['sqs_secret']);
    assertSecret((await getApp(db, first.id)).sqs_secret, AWS_SECRET, 'first');
  });

  test('a corrupted ciphertext marks only its app', async () => {
    const dir = tempDir();
    let db = await openIn(dir);
    const broken = await appWithSecret(db, 'Broken');
    const healthy = await appWithSecret(db, 'Healthy');
    const row = await rawApp(db, broken.id);
    await setRaw(db, broken.id, { sqs_secret: tamper(row.sqs_secret) });

    const read = await getApp(db, broken.id);
    assert.equal(read.sqs_secret, '');
    assert.deepEqual(read.unreadableSecrets, ['sqs_secret']);
    assertSecret(read.api_secret, broken.api_secret, 'api_secret');
    const other = await getApp(db, healthy.id);
    assert.deepEqual(other.unreadableSecrets, []);
    assertSecret(other.sqs_secret, AWS_SECRET, 'healthy sqs_secret');

    await close(db);
    db = await openIn(dir);
    assert.deepEqual(
      (await getApp(db, broken.id)).unreadableSecrets,
      ['sqs_secret'],
    );
    await updateAppSettings(db, broken.id, { sqs_secret: AWS_SECRET });
    assert.deepEqual((await getApp(db, broken.id)).unreadableSecrets, []);
  });

  test('rotateApiSecret replaces the API secret', async () => {
    const db = await openIn(tempDir());
    const app = await createApp(db, { name: 'Chat', orgName: 'Acme' });
    const rotated = await rotateApiSecret(db, app.id);
    assert.match(rotated.api_secret, /^[a-z0-9]{64}$/);
    assert.ok(rotated.api_secret !== app.api_secret, 'secret unchanged');
    assertSecret(
      (await getApp(db, app.id)).api_secret,
      rotated.api_secret,
      'stored api_secret',
    );
    const row = await rawApp(db, app.id);
    assert.ok(!row.api_secret.includes(rotated.api_secret));
    await assert.rejects(rotateApiSecret(db, 'nope'), NotFoundError);
  });

  test('rotateApiSecret repairs an unreadable secret', async () => {
    const db = await openIn(tempDir());
    const app = await createApp(db, { name: 'Chat', orgName: 'Acme' });
    const row = await rawApp(db, app.id);
    await setRaw(db, app.id, { api_secret: tamper(row.api_secret) });
    assert.deepEqual(
      (await getApp(db, app.id)).unreadableSecrets,
      ['api_secret'],
    );
    await rotateApiSecret(db, app.id);
    assert.deepEqual((await getApp(db, app.id)).unreadableSecrets, []);
  });
});

describe('secrets key at start', () => {
  test('the key file is created with mode 0600', async () => {
    const dir = tempDir();
    await openIn(dir);
    const stat = fs.statSync(path.join(dir, KEY_FILE));
    assert.equal(stat.mode & 0o777, 0o600);
  });

  test('SECRETS_KEY mode writes no key file', async () => {
    const dir = tempDir();
    const hex = generateKeyHex();
    let db = await openIn(dir, { secretsKey: hex });
    const app = await appWithSecret(db, 'Chat');
    assert.equal(fs.existsSync(path.join(dir, KEY_FILE)), false);
    const row = await rawApp(db, app.id);
    assert.equal(keyIdOf(row.sqs_secret), keyFromHex(hex).id);
    await close(db);
    db = await openIn(dir, { secretsKey: hex });
    assertSecret((await getApp(db, app.id)).sqs_secret, AWS_SECRET, 'read');
  });

  test('a deleted key file stops the start', async () => {
    const dir = tempDir();
    const db = await openIn(dir);
    await appWithSecret(db, 'Chat');
    const keyId = secretStoreOf(db).current.id;
    await close(db);
    fs.rmSync(path.join(dir, KEY_FILE));
    await assert.rejects(openDatabase(dir), (err: Error) => {
      assert.ok(err instanceof MissingKeyError);
      assert.ok(err.message.includes(keyId), 'message names the key id');
      assert.match(err.message, /Restore the key file/);
      return true;
    });
    assert.equal(fs.existsSync(path.join(dir, KEY_FILE)), false);
  });

  test('an unknown key id stops the start', async () => {
    const dir = tempDir();
    const db = await openIn(dir);
    await appWithSecret(db, 'Chat');
    const keyId = secretStoreOf(db).current.id;
    await close(db);
    writeKeyFile(dir, [keyFromHex(generateKeyHex())]);
    for (const options of [{}, { secretsKey: generateKeyHex() }]) {
      await assert.rejects(openDatabase(dir, options), (err: Error) => {
        assert.ok(err instanceof MissingKeyError);
        assert.ok(err.message.includes(keyId), 'message names the key id');
        assert.match(err.message, /SECRETS_KEY_PREVIOUS/);
        return true;
      });
    }
  });

  test('SECRETS_KEY_PREVIOUS values are re-encrypted', async () => {
    const dir = tempDir();
    const oldHex = generateKeyHex();
    const newHex = generateKeyHex();
    let db = await openIn(dir, { secretsKey: oldHex });
    const apps = [
      await appWithSecret(db, 'One'),
      await appWithSecret(db, 'Two'),
    ];
    await close(db);

    const { lines, logger } = captureLogger();
    db = await openIn(dir, {
      secretsKey: newHex,
      previousKeys: [oldHex],
      logger,
    });
    const newId = keyFromHex(newHex).id;
    for (const app of apps) {
      const row = await rawApp(db, app.id);
      assert.equal(keyIdOf(row.api_secret), newId);
      assert.equal(keyIdOf(row.sqs_secret), newId);
    }
    const log = lines.join('');
    assert.match(log, /"reencrypted":4/);
    assert.match(log, /SECRETS_KEY_PREVIOUS is no longer needed/);
    assert.ok(!log.includes(AWS_SECRET), 'log contains the AWS secret');
    assert.ok(!log.includes(oldHex), 'log contains the old key');
    assert.ok(!log.includes(newHex), 'log contains the new key');
    await close(db);

    db = await openIn(dir, { secretsKey: newHex });
    for (const app of apps) {
      const read = await getApp(db, app.id);
      assertSecret(read.sqs_secret, AWS_SECRET, 'sqs_secret');
      assertSecret(read.api_secret, app.api_secret, 'api_secret');
    }
  });

  test('values in clear are encrypted at start', async () => {
    const dir = tempDir();
    let db = await openIn(dir);
    const apps: App[] = [];
    // More apps than one re-encryption transaction takes (100).
    for (let i = 0; i < 130; i++) {
      const app = await createApp(db, { name: `App ${i}`, orgName: 'Acme' });
      await setRaw(db, app.id, {
        api_secret: app.api_secret,
        sqs_secret: AWS_SECRET,
      });
      apps.push(app);
    }
    await close(db);

    db = await openIn(dir);
    const keyId = secretStoreOf(db).current.id;
    for (const app of apps) {
      const row = await rawApp(db, app.id);
      assert.equal(keyIdOf(row.api_secret), keyId);
      assert.equal(keyIdOf(row.sqs_secret), keyId);
    }
    const read = await getApp(db, apps[129]!.id);
    assertSecret(read.api_secret, apps[129]!.api_secret, 'api_secret');
    assertSecret(read.sqs_secret, AWS_SECRET, 'sqs_secret');
  });

  test('a corrupted value under an older key is emptied', async () => {
    const dir = tempDir();
    const oldHex = generateKeyHex();
    const newHex = generateKeyHex();
    let db = await openIn(dir, { secretsKey: oldHex });
    const broken = await appWithSecret(db, 'Broken');
    const row = await rawApp(db, broken.id);
    await setRaw(db, broken.id, { sqs_secret: tamper(row.sqs_secret) });
    await close(db);

    db = await openIn(dir, { secretsKey: newHex, previousKeys: [oldHex] });
    assert.equal((await rawApp(db, broken.id)).sqs_secret, '');
    await close(db);
    db = await openIn(dir, { secretsKey: newHex });
    const read = await getApp(db, broken.id);
    assert.equal(read.sqs_secret, '');
    assertSecret(read.api_secret, broken.api_secret, 'api_secret');
  });
});

describe('key file rotation', () => {
  test('rotateKeyFile re-encrypts and drops the old key', async () => {
    const dir = tempDir();
    const cli = await openIn(dir);
    const server = await openIn(dir);
    const app = await appWithSecret(server, 'Chat');
    const oldId = secretStoreOf(cli).current.id;

    const result = await rotateKeyFile(cli, secretStoreOf(cli));
    assert.notEqual(result.keyId, oldId);
    assert.deepEqual(result.droppedKeyIds, [oldId]);
    assert.equal(result.reencrypted, 2);
    const fileKeys = readKeyFile(dir);
    assert.deepEqual(fileKeys?.map((key) => key.id), [result.keyId]);
    assert.equal(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777, 0o600);
    const row = await rawApp(cli, app.id);
    assert.equal(keyIdOf(row.sqs_secret), result.keyId);

    // The server's handle loaded only the old key and follows the file.
    assertSecret(
      (await getApp(server, app.id)).sqs_secret,
      AWS_SECRET,
      'read by the running server',
    );
    await rotateApiSecret(server, app.id);
    assert.equal(keyIdOf((await rawApp(cli, app.id)).api_secret), result.keyId);

    await close(cli);
    await close(server);
    const reopened = await openIn(dir);
    assertSecret(
      (await getApp(reopened, app.id)).sqs_secret,
      AWS_SECRET,
      'read after restart',
    );
  });

  test('older keys stay while values need them', async () => {
    const dir = tempDir();
    const db = await openIn(dir);
    const app = await appWithSecret(db, 'Chat');
    const store = secretStoreOf(db);
    const oldKeys = readKeyFile(dir)!;
    const next = keyFromHex(generateKeyHex());
    writeKeyFile(dir, [next, ...oldKeys]);
    assert.equal(await finishKeyRotation(db, store), null);
    assert.equal(readKeyFile(dir)?.length, 2);
    assert.ok(keyIdOf((await rawApp(db, app.id)).sqs_secret) !== next.id);
  });

  test('an interrupted rotation finishes at start', async () => {
    const dir = tempDir();
    let db = await openIn(dir);
    const app = await appWithSecret(db, 'Chat');
    await close(db);
    const next = keyFromHex(generateKeyHex());
    writeKeyFile(dir, [next, ...readKeyFile(dir)!]);

    db = await openIn(dir);
    assert.deepEqual(readKeyFile(dir)?.map((key) => key.id), [next.id]);
    assert.equal(keyIdOf((await rawApp(db, app.id)).sqs_secret), next.id);
  });
});
