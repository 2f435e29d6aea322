import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { Channel } from 'stream-chat';

import {
  objectField,
  startChatHarness,
  type ChatHarness,
} from './test-harness.js';

let chat: ChatHarness;
let channel: Channel;

before(async () => {
  chat = await startChatHarness('custom-events');
  await chat.client.upsertUsers([{ id: 'ann' }]);
  channel = chat.client.channel('messaging', 'events', {
    created_by_id: 'ann',
  });
  await channel.create();
  await chat.receiveEvents(1);
});

after(async () => {
  await chat.close();
});

describe('custom events through the SDK', () => {
  test('sendEvent emits the caller type', async () => {
    const result = await channel.sendEvent({
      type: 'friendship_request',
      user_id: 'ann',
      text: 'Hello again',
    });
    assert.equal(result.event.type, 'friendship_request');
    assert.equal(result.event.cid, 'messaging:events');

    const [event] = await chat.receiveEvents(1);
    assert.equal(event?.['type'], 'friendship_request');
    assert.equal(event?.['cid'], 'messaging:events');
    assert.equal(event?.['channel_type'], 'messaging');
    assert.equal(event?.['channel_id'], 'events');
    assert.equal(event?.['text'], 'Hello again');
    assert.equal(objectField(event!, 'user')['id'], 'ann');
    assert.equal(event?.['user_id'], undefined);
    const sentEvent: Record<string, unknown> = { ...result.event };
    assert.equal(event?.['id'], sentEvent['id']);
  });

  test('built-in event type rejects with code 4', async () => {
    await chat.expectRejected(
      () => channel.sendEvent({ type: 'message.new', user_id: 'ann' }),
      400,
      4,
    );
  });

  test('unknown user rejects with code 4', async () => {
    await chat.expectRejected(
      () => channel.sendEvent({ type: 'friendship_request', user_id: 'x' }),
      400,
      4,
    );
  });
});
