import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import {
  KEY_FILE,
  loadSecretBox,
  MissingKeyError,
  readKeyFile,
  writeKeyFile,
} from './key-ring.js';
import {
  generateKeyHex,
  keyFromHex,
  keyIdOf,
  SecretBox,
  SecretDecryptionError,
} from './secret-box.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test('encrypt and decrypt round-trip', () => {
  const box = new SecretBox(keyFromHex(generateKeyHex()));
  const stored = box.encrypt(SECRET, 'apps:a1:sqs_secret');
  assert.ok(!stored.includes(SECRET));
  assert.equal(keyIdOf(stored), box.current.id);
  assert.equal(box.decrypt(stored, 'apps:a1:sqs_secret'), SECRET);
});

test('each encryption uses a new IV', () => {
  const box = new SecretBox(keyFromHex(generateKeyHex()));
  assert.notEqual(box.encrypt(SECRET, 'c'), box.encrypt(SECRET, 'c'));
});

test('a ciphertext moved to another row fails', () => {
  const box = new SecretBox(keyFromHex(generateKeyHex()));
  const stored = box.encrypt(SECRET, 'apps:a1:sqs_secret');
  assert.throws(
    () => box.decrypt(stored, 'apps:a2:sqs_secret'),
    SecretDecryptionError,
  );
});

test('a tampered ciphertext fails', () => {
  const box = new SecretBox(keyFromHex(generateKeyHex()));
  const parts = box.encrypt(SECRET, 'c').split(':');
  // The first character of the ciphertext carries six whole bits, so a
  // change there always changes the bytes; the last one may not.
  const ciphertext = parts[5] ?? '';
  const first = ciphertext[0] === 'A' ? 'B' : 'A';
  parts[5] = first + ciphertext.slice(1);
  assert.throws(
    () => box.decrypt(parts.join(':'), 'c'),
    SecretDecryptionError,
  );
});

test('an older key still decrypts after rotation', () => {
  const oldKey = keyFromHex(generateKeyHex());
  const stored = new SecretBox(oldKey).encrypt(SECRET, 'c');
  const rotated = new SecretBox(keyFromHex(generateKeyHex()), [oldKey]);
  assert.equal(rotated.decrypt(stored, 'c'), SECRET);
  assert.equal(rotated.isStale(stored), true);
  assert.equal(rotated.isStale(rotated.encrypt(SECRET, 'c')), false);
});

test('an unknown key id is reported by id', () => {
  const stored = new SecretBox(keyFromHex(generateKeyHex())).encrypt(
    SECRET,
    'c',
  );
  const other = new SecretBox(keyFromHex(generateKeyHex()));
  assert.throws(() => other.decrypt(stored, 'c'), /not loaded/);
});

test('empty stays empty', () => {
  const box = new SecretBox(keyFromHex(generateKeyHex()));
  assert.equal(box.encrypt('', 'c'), '');
  assert.equal(box.decrypt('', 'c'), '');
});

test('a malformed SECRETS_KEY is rejected with the fix', () => {
  assert.throws(() => keyFromHex('abc'), /64 hex characters/);
});

test('the key file is created with mode 0600', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-box-'));
  try {
    const box = loadSecretBox({ dataDir: dir, storedKeyIds: [] });
    const file = path.join(dir, KEY_FILE);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const again = loadSecretBox({
      dataDir: dir,
      storedKeyIds: [box.current.id],
    });
    assert.equal(again.current.id, box.current.id);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing key file is not recreated over stored secrets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-box-'));
  try {
    assert.throws(
      () => loadSecretBox({ dataDir: dir, storedKeyIds: ['0123456789ab'] }),
      (err: Error) => {
        assert.ok(err instanceof MissingKeyError);
        assert.match(err.message, /encrypted with key 0123456789ab/);
        assert.match(err.message, /Restore the key file/);
        return true;
      },
    );
    assert.equal(fs.existsSync(path.join(dir, KEY_FILE)), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('SECRETS_KEY wins over the key file', () => {
  const hex = generateKeyHex();
  const box = loadSecretBox({
    dataDir: '/nonexistent',
    secretsKey: hex,
    storedKeyIds: [],
  });
  assert.equal(box.current.id, keyFromHex(hex).id);
});

test('key file lines after the first still decrypt', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-box-'));
  try {
    const older = keyFromHex(generateKeyHex());
    const current = keyFromHex(generateKeyHex());
    const stored = new SecretBox(older).encrypt(SECRET, 'c');
    writeKeyFile(dir, [current, older]);
    assert.equal(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777, 0o600);
    assert.deepEqual(
      readKeyFile(dir)?.map((key) => key.id),
      [current.id, older.id],
    );
    const box = loadSecretBox({ dataDir: dir, storedKeyIds: [older.id] });
    assert.equal(box.current.id, current.id);
    assert.equal(box.decrypt(stored, 'c'), SECRET);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
