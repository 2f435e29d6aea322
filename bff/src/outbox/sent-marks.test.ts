import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { createApp } from '../accounts/apps.js';
import { openDatabase, type Db } from '../db/database.js';
import { appendEvents, SentMarks } from './outbox.js';

let dir: string;
let db: Db;
let appId: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sent-marks-'));
  db = await openDatabase(dir);
  const app = await createApp(db, { name: 'marks', orgName: 'marks' });
  appId = app.id;
});

after(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Appends `count` custom events and returns their `seq`s, oldest first. */
async function appendCustomEvents(count: number): Promise<number[]> {
  const now = new Date().toISOString();
  const events = Array.from({ length: count }, () => ({
    id: crypto.randomUUID(),
    type: 'custom',
    created_at: now,
  }));
  await appendEvents(
    db,
    {
      id: appId,
      sqs_url: 'http://127.0.0.1:1/000000000000/q',
      webhook_events: null,
    },
    events,
  );
  const rows = await db
    .selectFrom('outbox')
    .select('seq')
    .where('event_id', 'in', events.map((event) => event.id))
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.seq);
}

test('marks of one turn are stored', async () => {
  const [first, second, third] = await appendCustomEvents(3);
  const marks = new SentMarks(db);
  await Promise.all([
    marks.mark([{ seq: first!, messageId: 'm-1', sizeBytes: 10 }]),
    marks.mark([
      { seq: second!, messageId: 'm-2', sizeBytes: 20 },
      { seq: third!, messageId: 'm-3', sizeBytes: 30 },
    ]),
  ]);
  const rows = await db
    .selectFrom('outbox')
    .select(['status', 'sqs_message_id', 'size_bytes', 'sent_at'])
    .where('seq', 'in', [first!, second!, third!])
    .orderBy('seq')
    .execute();
  assert.deepEqual(
    rows.map((row) => [row.status, row.sqs_message_id, row.size_bytes]),
    [['sent', 'm-1', 10], ['sent', 'm-2', 20], ['sent', 'm-3', 30]],
  );
  // One statement stored them, so they share one `sent_at`.
  assert.equal(new Set(rows.map((row) => row.sent_at)).size, 1);
});

test('failed statement rejects every mark', async () => {
  const [seq] = await appendCustomEvents(1);
  const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sent-marks-'));
  const otherDb = await openDatabase(otherDir);
  const marks = new SentMarks(otherDb);
  const first = marks.mark([{ seq: seq!, messageId: 'm-x', sizeBytes: 1 }]);
  const second = marks.mark([{ seq: seq!, messageId: 'm-y', sizeBytes: 1 }]);
  await otherDb.destroy();
  const outcomes = await Promise.allSettled([first, second]);
  assert.deepEqual(
    outcomes.map((outcome) => outcome.status),
    ['rejected', 'rejected'],
  );
  for (const outcome of outcomes) {
    const { reason } = outcome as PromiseRejectedResult;
    assert.match(String(reason), /destroyed/);
  }
  fs.rmSync(otherDir, { recursive: true, force: true });
});
