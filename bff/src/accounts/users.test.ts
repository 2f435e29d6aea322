import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { openDatabase, type Db } from '../db/database.js';
import { InputError } from './errors.js';
import { createUser } from './users.js';

let dataDir: string;
let db: Db;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-users-'));
  db = await openDatabase(dataDir);
});

after(async () => {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

for (const password of ['password1234', 'Qwerty123456', '1q2w3e4r5t6y']) {
  test(`common password ${password} is rejected`, async () => {
    await assert.rejects(
      createUser(db, { email: 'a@example.com', password, orgName: 'Acme' }),
      (err: Error) => {
        assert.ok(err instanceof InputError);
        assert.match(err.message, /^Password is too common/);
        assert.equal(err.fields['password'],
          'This password is too common; choose another.');
        return true;
      },
    );
  });
}

test('short password is rejected first', async () => {
  await assert.rejects(
    createUser(db, {
      email: 'b@example.com', password: 'password', orgName: 'Acme',
    }),
    /Password too short: use at least 12 characters/,
  );
});

test('uncommon long password is accepted', async () => {
  const user = await createUser(db, {
    email: 'c@example.com',
    password: 'violet kettle under harbour',
    orgName: 'Acme',
  });

  assert.equal(user.email, 'c@example.com');
});
