import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { getApp } from '../accounts/apps.js';
import { verifyPassword } from '../accounts/passwords.js';
import { findUserByEmail } from '../accounts/users.js';
import { openDatabase } from '../db/database.js';
import { KEY_FILE, readKeyFile } from '../secrets/key-ring.js';
import { generateKeyHex } from '../secrets/secret-box.js';

const CLI = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  'main.ts',
);

let dataDir: string;

before(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-cli-'));
});

after(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI on the test data folder; its output is returned, not shown. */
async function runCli(
  args: string[],
  environment: Record<string, string> = {},
  input?: string,
): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...environment,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(input ?? '');
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', resolve),
  );
  return { code, stdout, stderr };
}

/** Parses JSON output; on failure reports the exit code, not the output. */
function parseJson(result: CliResult): Record<string, string> {
  assert.equal(result.code, 0, 'the CLI failed');
  return JSON.parse(result.stdout) as Record<string, string>;
}

async function storedApiSecret(appId: string): Promise<string> {
  const db = await openDatabase(dataDir);
  try {
    return (await getApp(db, appId)).api_secret;
  } finally {
    await db.destroy();
  }
}

describe('secrets commands of the CLI', () => {
  test('apps rotate-secret prints a new secret', async () => {
    const created = parseJson(
      await runCli(['apps', 'create', '--name', 'Chat', '--json']),
    );
    const appId = created['id'] ?? '';
    const rotated = parseJson(
      await runCli(['apps', 'rotate-secret', '--id', appId, '--json']),
    );
    assert.equal(rotated['id'], appId);
    assert.match(rotated['api_secret'] ?? '', /^[a-z0-9]{64}$/);
    assert.ok(
      rotated['api_secret'] !== created['api_secret'],
      'the secret did not change',
    );
    assert.ok(
      (await storedApiSecret(appId)) === rotated['api_secret'],
      'the stored secret is not the printed one',
    );
  });

  test('apps rotate-secret reports an unknown id', async () => {
    const result = await runCli(['apps', 'rotate-secret', '--id', 'nope']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /App nope not found/);
  });

  test('secrets rotate-key replaces the key file', async () => {
    const before = readKeyFile(dataDir);
    assert.equal(before?.length, 1);
    const result = await runCli(['secrets', 'rotate-key']);
    assert.equal(result.code, 0, result.stderr);
    const after = readKeyFile(dataDir);
    assert.equal(after?.length, 1);
    assert.notEqual(after?.[0].id, before?.[0].id);
    assert.match(result.stdout, new RegExp(`current key is ${after?.[0].id}`));
    assert.match(result.stdout, /Stored secrets re-encrypted: 1\./);
    assert.match(result.stdout, new RegExp(`Dropped key ${before?.[0].id}`));
    const mode = fs.statSync(path.join(dataDir, KEY_FILE)).mode & 0o777;
    assert.equal(mode, 0o600);

    const list = await runCli(['apps', 'list', '--json']);
    const apps = JSON.parse(list.stdout) as { unreadable_secrets: string[] }[];
    assert.equal(apps.length, 1);
    assert.deepEqual(apps[0]?.unreadable_secrets, []);
  });

  test('secrets rotate-key explains rotation with SECRETS_KEY', async () => {
    const key = generateKeyHex();
    const result = await runCli(['secrets', 'rotate-key'], {
      SECRETS_KEY: key,
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /SECRETS_KEY_PREVIOUS set to the current one/);
    assert.ok(!result.stderr.includes(key), 'the output contains the key');
  });

  test('an invalid SECRETS_KEY is named, not shown', async () => {
    const key = 'z'.repeat(64);
    const result = await runCli(['apps', 'list'], { SECRETS_KEY: key });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /SECRETS_KEY: must be 32 bytes/);
    assert.ok(!result.stderr.includes(key), 'the output contains the key');
  });
});

describe('users create', () => {
  /**
   * Returns whether `password` matches the stored hash of `email`'s user,
   * or null when that user is missing.
   */
  async function passwordMatches(
    email: string,
    password: string,
  ): Promise<boolean | null> {
    const db = await openDatabase(dataDir);
    try {
      const user = await findUserByEmail(db, email);
      if (user === undefined) return null;
      return await verifyPassword(password, user.password_hash);
    } finally {
      await db.destroy();
    }
  }

  test('--password-stdin reads the first line', async () => {
    const result = await runCli(
      ['users', 'create', '--email', 'piped@example.com', '--password-stdin'],
      {},
      ' piped horse battery \nsecond line\n',
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      await passwordMatches('piped@example.com', ' piped horse battery '),
      true,
    );
    assert.ok(!result.stdout.includes('piped horse'), 'password printed');
  });

  test('--password-stdin with empty input fails', async () => {
    const result = await runCli(
      ['users', 'create', '--email', 'empty@example.com', '--password-stdin'],
      {},
      '',
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Standard input is empty/);
    assert.equal(await passwordMatches('empty@example.com', ''), null);
  });

  test('both password flags are rejected', async () => {
    const result = await runCli(
      ['users', 'create', '--email', 'both@example.com',
        '--password', 'correct horse battery', '--password-stdin'],
      {},
      'correct horse battery\n',
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /--password or --password-stdin, not both/);
    assert.equal(await passwordMatches('both@example.com', 'x'), null);
  });
});
