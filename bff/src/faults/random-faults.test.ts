import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { StreamChat } from 'stream-chat';

import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import { createQueue } from '../sqs/create-queue.js';
import {
  sqsErrors,
  startFaultProxy,
  type Fault,
  type FaultProxy,
  type SqsErrorFault,
} from '../test-support/fault-proxy.js';
import { createLocalClient } from '../test-support/local-sqs-client.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import {
  createChannel,
  QueueCollector,
  seededRandom,
  startLoad,
} from './harness.js';

/** Set FAULT_SEED to replay another sequence of faults. */
const SEED = Number(process.env['FAULT_SEED'] ?? 20_240_611);
const MESSAGES = 300;
/** Faults injected at most, so that delivery always finishes. */
const MAX_FAULTS = 120;

let sqs: LocalSqs;
let proxy: FaultProxy;
let server: TestServer;

before(async () => {
  sqs = await startLocalSqs();
  proxy = await startFaultProxy({ target: sqs.origin });
  server = await startTestServer({ allowedSqsOrigins: [proxy.origin] });
});

after(async () => {
  await server.close();
  await proxy.close();
  await sqs.close();
});

const internalError: SqsErrorFault = {
  kind: 'sqs-error',
  httpStatus: 500,
  type: 'com.amazonaws.sqs#InternalError',
  queryError: 'InternalError;Server',
  message: 'We encountered an internal error. Please try again.',
};

/** Picks faults at random from `random`, up to `MAX_FAULTS` in all. */
function createChooser(random: () => number) {
  const injected = new Map<string, number>();
  const pick = (kind: string, fault: Exclude<Fault, { kind: 'choose' }>) => {
    injected.set(kind, (injected.get(kind) ?? 0) + 1);
    return fault;
  };
  const total = () => [...injected.values()].reduce((a, b) => a + b, 0);
  const forBatch = () => {
    if (total() >= MAX_FAULTS) return null;
    const roll = random();
    if (roll < 0.12) return pick('500', internalError);
    if (roll < 0.24) return pick('throttled', sqsErrors.requestThrottled());
    if (roll < 0.32) return pick('cut', { kind: 'drop' });
    if (roll < 0.44) {
      return pick('partial', {
        kind: 'fail-entries',
        select: () =>
          random() < 0.4
            ? { code: 'InternalError', message: 'Retry.', senderFault: false }
            : null,
      });
    }
    return null;
  };
  const forAttributes = () => {
    if (total() >= MAX_FAULTS) return null;
    const roll = random();
    if (roll < 0.1) return pick('503', sqsErrors.serviceUnavailable());
    if (roll < 0.2) return pick('cut', { kind: 'drop' });
    return null;
  };
  return { injected, forBatch, forAttributes };
}

test('random SQS faults lose and repeat nothing', async (t) => {
  const admin = createLocalClient(proxy.origin);
  const queueUrl = await createQueue(admin, 'random-faults');
  admin.destroy();
  const app = await server.createApp('Random faults');
  const chat = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
  const channel = await createChannel(chat, 'random');
  await chat.updateAppSettings({
    sqs_url: queueUrl,
    webhook_events: ['message.new'],
  });
  const chooser = createChooser(seededRandom(SEED));
  proxy.addRule({
    action: 'SendMessageBatch',
    queueUrl,
    fault: { kind: 'choose', choose: chooser.forBatch },
  });
  proxy.addRule({
    action: 'GetQueueAttributes',
    queueUrl,
    fault: { kind: 'choose', choose: chooser.forAttributes },
  });
  const collector = new QueueCollector(queueUrl, proxy.origin);
  collector.start();

  try {
    const load = startLoad(channel, {
      senders: 8,
      maxMessages: MESSAGES,
      prefix: 'random',
    });
    await load.done;
    const missing = await collector.waitForMessages(load.acknowledged, 20_000);
    await waitFor('no pending events', async () => {
      const pending = await server.db
        .selectFrom('outbox')
        .select('seq')
        .where('app_id', '=', app.id)
        .where('status', '=', 'pending')
        .execute();
      return pending.length === 0;
    });
    await collector.waitForQuiet(500);

    const duplicates = collector.duplicates();
    t.diagnostic(
      `seed ${SEED}; faults ${JSON.stringify(Object.fromEntries(
        chooser.injected,
      ))}; ${duplicates.length} sent twice`,
    );
    assert.equal(load.failures.length, 0);
    assert.equal(load.acknowledged.length, MESSAGES);
    assert.deepEqual(missing, [], 'acknowledged messages never arrived');
    assert.deepEqual(duplicates, [], 'events sent twice');
    assert.ok(chooser.injected.size >= 4, 'not every kind of fault ran');
    const dropped = await server.db
      .selectFrom('outbox')
      .select(['event_id', 'last_error'])
      .where('app_id', '=', app.id)
      .where('status', '=', 'dropped')
      .execute();
    assert.deepEqual(dropped, []);
  } finally {
    await collector.stop();
  }
});
