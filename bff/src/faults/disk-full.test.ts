import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { sql } from 'kysely';
import { StreamChat } from 'stream-chat';

import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { createChannel, QueueCollector, startLoad } from './harness.js';

/** The largest `max_page_count` SQLite accepts: no limit in practice. */
const UNLIMITED_PAGES = 4_294_967_294;

let sqs: LocalSqs;
let server: TestServer;

before(async () => {
  sqs = await startLocalSqs();
  server = await startTestServer({ allowedSqsOrigins: [sqs.origin] });
});

after(async () => {
  await server.close();
  await sqs.close();
});

/**
 * Limits the server's database to its current size plus `extraPages`, as
 * a full disk would, on the connection the server writes through.
 */
async function limitDatabasePages(extraPages: number): Promise<void> {
  const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`
    .execute(server.db);
  const pages = (rows[0]?.page_count ?? 0) + extraPages;
  await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(server.db);
}

/** Reads the HTTP status and message of an error the SDK raised. */
function describeFailure(err: unknown): { status: number; message: string } {
  const failure = err as { status?: number; message?: string };
  return { status: failure.status ?? 0, message: failure.message ?? '' };
}

test('full database rejects writes and loses nothing', async (t) => {
  const queueUrl = await sqs.createQueue('disk-full');
  const app = await server.createApp('Disk full');
  const chat = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
  const channel = await createChannel(chat, 'full');
  await chat.updateAppSettings({
    sqs_url: queueUrl,
    webhook_events: ['message.new'],
  });
  const collector = new QueueCollector(queueUrl, sqs.origin);
  collector.start();

  try {
    await limitDatabasePages(16);
    const whileFull = startLoad(channel, {
      senders: 4,
      maxMessages: 200,
      prefix: 'full',
      paddingChars: 2_000,
    });
    await whileFull.done;
    assert.ok(whileFull.acknowledged.length > 0, 'no message fit');
    assert.ok(whileFull.failures.length > 0, 'the database never filled');
    for (const failure of whileFull.failures.map(describeFailure)) {
      assert.equal(failure.status, 507);
      assert.match(failure.message, /storage is full/);
    }
    const settings = await chat.getAppSettings();
    assert.equal(settings.app?.sqs_url, queueUrl, 'reads fail while full');

    await sql.raw(`PRAGMA max_page_count = ${UNLIMITED_PAGES}`)
      .execute(server.db);
    const afterFreed = startLoad(channel, {
      senders: 4,
      maxMessages: 20,
      prefix: 'freed',
    });
    await afterFreed.done;
    const acknowledged = [
      ...whileFull.acknowledged,
      ...afterFreed.acknowledged,
    ];
    const missing = await collector.waitForMessages(acknowledged, 20_000);
    await collector.waitForQuiet(500);
    const duplicates = collector.duplicates();
    t.diagnostic(
      `${whileFull.acknowledged.length} acknowledged and ` +
        `${whileFull.failures.length} rejected while full; ` +
        `${duplicates.length} sent twice`,
    );
    assert.equal(afterFreed.failures.length, 0);
    assert.deepEqual(missing, [], 'acknowledged messages never arrived');
    assert.deepEqual(duplicates, [], 'events sent twice');
  } finally {
    await collector.stop();
  }
});
