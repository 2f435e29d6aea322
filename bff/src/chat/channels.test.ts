import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  objectField,
  startChatHarness,
  type ChatHarness,
} from './test-harness.js';

let chat: ChatHarness;

before(async () => {
  chat = await startChatHarness('channels');
  await chat.client.upsertUsers([
    { id: 'ann' }, { id: 'ben' }, { id: 'cara' }, { id: 'dan' },
  ]);
});

after(async () => {
  await chat.close();
});

/** Creates a channel of ann and ben and reads its channel.created. */
async function createChannel(id: string) {
  const channel = chat.client.channel('messaging', id, {
    created_by_id: 'ann',
    members: ['ann', 'ben'],
  });
  await channel.create();
  const [created] = await chat.receiveEvents(1);
  assert.equal(created?.['type'], 'channel.created');
  return channel;
}

describe('channel events through the SDK', () => {
  test('creator outside the members is shown', async () => {
    const channel = chat.client.channel('messaging', 'outside-creator', {
      created_by_id: 'cara',
      members: ['ann', 'ben'],
    });
    const result = await channel.create();
    const [created] = await chat.receiveEvents(1);

    assert.equal(result.members.length, 2);
    assert.equal(result.channel.created_by?.id, 'cara');
    assert.equal(result.channel.created_by?.role, 'user');
    const createdBy = objectField(objectField(created!, 'channel'),
      'created_by');
    assert.equal(createdBy['id'], 'cara');
    assert.equal(createdBy['role'], 'user');
  });

  test('update emits channel.updated', async () => {
    const channel = await createChannel('update');
    const result = await channel.update(
      { topic: 'launch' },
      { text: 'Topic changed', user_id: 'ann' },
    );
    assert.equal(result.channel.cid, 'messaging:update');
    assert.equal(result.channel['topic'], 'launch');
    assert.equal(result.members.length, 2);
    assert.equal(result.message?.text, 'Topic changed');

    const [messageNew, updated] = await chat.receiveEvents(2);
    assert.equal(messageNew?.['type'], 'message.new');
    assert.equal(updated?.['type'], 'channel.updated');
    assert.equal(updated?.['cid'], 'messaging:update');
    const channelField = objectField(updated!, 'channel');
    assert.equal(channelField['topic'], 'launch');
    assert.equal(channelField['member_count'], 2);
    assert.equal(objectField(updated!, 'message')['text'], 'Topic changed');
    assert.equal(objectField(updated!, 'user')['id'], 'ann');
  });

  test('addMembers emits member.added per new member', async () => {
    const channel = await createChannel('add');
    const result = await channel.addMembers(['ben', 'cara', 'dan']);
    assert.equal(result.members.length, 4);

    const events = await chat.receiveEvents(2);
    assert.deepEqual(events.map((event) => event['type']),
      ['member.added', 'member.added']);
    const memberIds = events.map(
      (event) => objectField(event, 'member')['user_id']);
    assert.deepEqual(memberIds, ['cara', 'dan']);
    const member = objectField(events[0]!, 'member');
    assert.equal(objectField(member, 'user')['id'], 'cara');
    assert.equal(objectField(events[0]!, 'user')['id'], 'cara');
    assert.equal(events[0]?.['channel_id'], 'add');
  });

  test('removeMembers emits member.removed', async () => {
    const channel = await createChannel('remove');
    const result = await channel.removeMembers(['ben', 'cara']);
    assert.deepEqual(result.members.map((m) => m.user_id), ['ann']);

    const [removed] = await chat.receiveEvents(1);
    assert.equal(removed?.['type'], 'member.removed');
    assert.equal(objectField(removed!, 'member')['user_id'], 'ben');
    assert.equal(objectField(removed!, 'user')['id'], 'ben');
  });

  test('truncate emits channel.truncated', async () => {
    const channel = await createChannel('truncate');
    const sent = await channel.sendMessage({ text: 'old', user_id: 'ben' });
    await chat.receiveEvents(1);
    const result = await channel.truncate({ hard_delete: true });
    assert.equal(typeof result.channel.truncated_at, 'string');

    const [truncated] = await chat.receiveEvents(1);
    assert.equal(truncated?.['type'], 'channel.truncated');
    assert.equal(truncated?.['cid'], 'messaging:truncate');
    const channelField = objectField(truncated!, 'channel');
    assert.equal(typeof channelField['truncated_at'], 'string');
    await chat.expectRejected(
      () => chat.client.updateMessage({ id: sent.message.id, text: 'x' }),
      404,
      16,
    );
  });

  test('soft truncate marks messages deleted', async () => {
    const channel = await createChannel('soft-truncate');
    const sent = await channel.sendMessage({ text: 'old', user_id: 'ben' });
    await chat.receiveEvents(1);
    await channel.truncate({ user_id: 'ann' });
    const [truncated] = await chat.receiveEvents(1);
    assert.equal(truncated?.['type'], 'channel.truncated');
    assert.equal(objectField(truncated!, 'user')['id'], 'ann');
    const result = await chat.client.deleteMessage(sent.message.id, true);
    assert.equal(result.message.type, 'deleted');
    await chat.receiveEvents(1);
  });

  test('delete emits channel.deleted', async () => {
    const channel = await createChannel('delete');
    const result = await channel.delete({ hard_delete: true });
    assert.equal(result.channel.cid, 'messaging:delete');

    const [deleted] = await chat.receiveEvents(1);
    assert.equal(deleted?.['type'], 'channel.deleted');
    assert.equal(deleted?.['cid'], 'messaging:delete');
    assert.equal(typeof objectField(deleted!, 'channel')['deleted_at'],
      'string');
    await chat.expectRejected(() => channel.update({ topic: 'x' }), 404, 16);
  });

  test('calls on unknown channel return 404', async () => {
    const channel = chat.client.channel('messaging', 'missing');
    const calls: [string, () => Promise<unknown>][] = [
      ['update', () => channel.update({ topic: 'x' })],
      ['addMembers', () => channel.addMembers(['ben'])],
      ['removeMembers', () => channel.removeMembers(['ben'])],
      ['truncate', () => channel.truncate()],
      ['delete', () => channel.delete()],
      ['sendEvent', () => channel.sendEvent({
        type: 'friendship_request', user_id: 'ann' })],
    ];
    for (const [name, call] of calls) {
      await test(name, () => chat.expectRejected(call, 404, 16));
    }
  });

  test('addMembers of unknown user rejects with code 4', async () => {
    const channel = await createChannel('unknown-member');
    await chat.expectRejected(
      () => channel.addMembers(['cara', 'ghost']), 400, 4);
  });

  test('event members are capped at 50', async () => {
    const ids = Array.from({ length: 60 }, (_, index) => `crowd-${index}`);
    await chat.client.upsertUsers(ids.map((id) => ({ id })));
    const channel = await createChannel('crowd');
    await channel.addMembers(ids);
    await chat.receiveEvents(60);
    const result = await channel.update({ topic: 'crowded' });
    assert.equal(result.members.length, 62);

    const [updated] = await chat.receiveEvents(1);
    assert.equal((updated?.['members'] as unknown[]).length, 50);
    assert.equal(objectField(updated!, 'channel')['member_count'], 62);
  });
});
