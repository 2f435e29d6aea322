import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { sql } from 'kysely';

import { openDatabase, type Db } from './database.js';
import { prepareQuery } from './prepared-query.js';

const dataDirs: string[] = [];
const databases: Db[] = [];

async function newDatabase(): Promise<Db> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepared-query-'));
  dataDirs.push(dataDir);
  const db = await openDatabase(dataDir);
  databases.push(db);
  return db;
}

let db: Db;

before(async () => {
  db = await newDatabase();
});

after(async () => {
  for (const database of databases) await database.destroy();
  for (const dataDir of dataDirs) {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

const insertOrg = prepareQuery(
  (db, values: { id: string; name: string }) =>
    db.insertInto('orgs').values({
      id: values.id,
      name: values.name,
      created_at: '2026-12-04T00:00:00.000Z',
    }),
);

const selectOrg = prepareQuery((db, values: { name: string }) =>
  db.selectFrom('orgs').select(['id', 'name', 'created_at'])
    .where('name', '=', values.name));

test('runs with each run\'s values', async () => {
  await insertOrg.execute(db, { id: 'org-1', name: 'first' });
  await insertOrg.execute(db, { id: 'org-2', name: 'second' });

  // The constant created_at is kept, the stand-ins replaced.
  assert.deepEqual(await selectOrg.execute(db, { name: 'second' }), [
    { id: 'org-2', name: 'second', created_at: '2026-12-04T00:00:00.000Z' },
  ]);
  assert.deepEqual(await selectOrg.execute(db, { name: 'first' }),
    await db.selectFrom('orgs').select(['id', 'name', 'created_at'])
      .where('name', '=', 'first').execute());
  assert.deepEqual(await selectOrg.execute(db, { name: 'none' }), []);
});

test('runs on a transaction\'s connection', async () => {
  await assert.rejects(db.transaction().execute(async (trx) => {
    await insertOrg.execute(trx, { id: 'org-3', name: 'rolled back' });
    assert.equal(
      (await selectOrg.execute(trx, { name: 'rolled back' })).length, 1);
    throw new Error('roll back');
  }), /roll back/);
  assert.deepEqual(await selectOrg.execute(db, { name: 'rolled back' }), []);
});

test('runs on each database given', async () => {
  const other = await newDatabase();
  await insertOrg.execute(other, { id: 'org-9', name: 'elsewhere' });
  assert.equal((await selectOrg.execute(other, { name: 'elsewhere' })).length,
    1);
  assert.deepEqual(await selectOrg.execute(db, { name: 'elsewhere' }), []);
});

test('names a missing value', async () => {
  await assert.rejects(
    selectOrg.execute(db, {} as { name: string }),
    /Prepared query value "name" is missing/,
  );
});

test('rejects a value written into the SQL', async () => {
  const literal = prepareQuery((db, values: { name: string }) =>
    db.selectFrom('orgs').select('id')
      .where('name', '=', sql.raw<string>(values.name)));
  await assert.rejects(
    literal.execute(db, { name: 'first' }),
    /Prepared query value "name" is not a parameter of its SQL/,
  );
});

test('database query waits for a transaction', async () => {
  const trx = await db.startTransaction().execute();
  await insertOrg.execute(trx, { id: 'org-4', name: 'uncommitted' });
  // Run inside the transaction, the read would see the uncommitted row
  // and the write would be rolled back with it.
  const read = selectOrg.execute(db, { name: 'uncommitted' });
  const write = insertOrg.execute(db, { id: 'org-5', name: 'outside' });
  await trx.rollback().execute();
  assert.deepEqual(await read, []);
  await write;
  assert.equal((await selectOrg.execute(db, { name: 'outside' })).length, 1);
});

test('skips Kysely\'s executor on SQLite', async () => {
  const other = await newDatabase();
  let viaKysely = 0;
  const executeQuery = other.executeQuery.bind(other);
  other.executeQuery = ((query) => {
    viaKysely++;
    return executeQuery(query);
  }) as typeof other.executeQuery;
  await insertOrg.execute(other, { id: 'org-6', name: 'direct' });
  assert.equal((await selectOrg.execute(other, { name: 'direct' })).length, 1);
  assert.equal(viaKysely, 0);

  const trx = await other.startTransaction().execute();
  const read = selectOrg.execute(other, { name: 'direct' });
  await trx.commit().execute();
  assert.equal((await read).length, 1);
  assert.equal(viaKysely, 1);
});
