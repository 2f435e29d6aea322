/**
 * Test set-up for the chat API: the real server, a local SQS server with
 * one queue, an app whose events go to that queue, the official SDK as a
 * server-side client, and a reader of the queue.
 */
import assert from 'node:assert/strict';

import { StreamChat } from 'stream-chat';

import type { App } from '../accounts/apps.js';
import { startLocalSqs, type LocalSqs } from '../local-sqs/server.js';
import { QueueReader } from '../test-support/queue-reader.js';
import {
  startTestServer,
  type TestServer,
} from '../test-support/server.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

/** Custom fields that the chat tests send through the SDK. */
declare module 'stream-chat' {
  interface CustomUserData {
    team?: string;
    age?: number;
  }
  interface CustomChannelData {
    topic?: string;
  }
  interface CustomMessageData {
    mood?: string;
  }
  interface CustomEventData {
    text?: string;
  }
  interface CustomEventTypes {
    friendship_request: true;
  }
}

export type Event = Record<string, unknown>;

export interface ChatHarness {
  server: TestServer;
  app: App;
  client: StreamChat;
  /** Receives exactly `count` events and checks their ids are new. */
  receiveEvents(count: number): Promise<Event[]>;
  /** Runs a call that must fail with `status` and `code`, emitting nothing. */
  expectRejected(
    call: () => Promise<unknown>,
    status: number,
    code: number,
  ): Promise<void>;
  /** Runs a call that must succeed without emitting an event. */
  expectNoEventsAfter(call: () => Promise<unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function startChatHarness(name: string): Promise<ChatHarness> {
  const sqs: LocalSqs = await startLocalSqs();
  const queueUrl = await sqs.createQueue(`${name}-events`);
  const server = await startTestServer({ allowedSqsOrigins: [sqs.origin] });
  const app = await server.createApp(name);
  const client = new StreamChat(app.api_key, app.api_secret, {
    baseURL: server.baseUrl,
  });
  await client.updateAppSettings({ sqs_url: queueUrl });
  const reader = new QueueReader(queueUrl, sqs.origin);
  const seenIds = new Set<string>();

  const countOutbox = async (): Promise<number> => {
    const row = await server.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('app_id', '=', app.id)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };

  return {
    server,
    app,
    client,
    receiveEvents: async (count) => {
      const received = await reader.receive(count);
      const events = received.map(({ event }) => event);
      assert.equal(events.length, count, JSON.stringify(events));
      for (const event of events) {
        const id = event['id'];
        assert.equal(typeof id, 'string');
        assert.ok(!seenIds.has(id as string), `event id ${String(id)} repeats`);
        seenIds.add(id as string);
      }
      return events;
    },
    expectRejected: async (call, status, code) => {
      const before = await countOutbox();
      await assert.rejects(call, (err: { status?: number; code?: number }) => {
        assert.equal(err.status, status);
        assert.equal(err.code, code);
        return true;
      });
      assert.equal(await countOutbox(), before, 'a failed call added events');
    },
    expectNoEventsAfter: async (call) => {
      const before = await countOutbox();
      await call();
      assert.equal(await countOutbox(), before, 'the call added events');
    },
    close: async () => {
      reader.close();
      await server.close();
      await sqs.close();
    },
  };
}

/** Returns the field as an object, failing the test when it is not one. */
export function objectField(event: Event, field: string): Event {
  const value = event[field];
  assert.equal(typeof value, 'object', `${field} is not an object`);
  assert.notEqual(value, null, `${field} is null`);
  return value as Event;
}
