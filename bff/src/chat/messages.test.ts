import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { Channel } from 'stream-chat';

import {
  objectField,
  startChatHarness,
  type ChatHarness,
  type Event,
} from './test-harness.js';

let chat: ChatHarness;
let channel: Channel;

before(async () => {
  chat = await startChatHarness('messages');
  await chat.client.upsertUsers([{ id: 'ann' }, { id: 'ben' }]);
  channel = chat.client.channel('messaging', 'talk', {
    created_by_id: 'ann',
    members: ['ann', 'ben'],
  });
  await channel.create();
  await chat.receiveEvents(1);
});

after(async () => {
  await chat.close();
});

/** Sends a message as ann and reads its message.new. */
async function sendMessage(text: string): Promise<string> {
  const sent = await channel.sendMessage({ text, user_id: 'ann' });
  await chat.receiveEvents(1);
  return sent.message.id;
}

function messageOf(event: Event): Event {
  return objectField(event, 'message');
}

describe('message events through the SDK', () => {
  test('updateMessage emits message.updated', async () => {
    const id = await sendMessage('first draft');
    const result = await chat.client.updateMessage(
      { id, text: 'final text', mood: 'calm' }, 'ben');
    assert.equal(result.message.text, 'final text');

    const [updated] = await chat.receiveEvents(1);
    assert.equal(updated?.['type'], 'message.updated');
    assert.equal(updated?.['cid'], 'messaging:talk');
    assert.equal(messageOf(updated!)['text'], 'final text');
    assert.equal(messageOf(updated!)['mood'], 'calm');
    assert.equal(objectField(messageOf(updated!), 'user')['id'], 'ann');
    assert.equal(objectField(updated!, 'user')['id'], 'ben');
    const messageUpdate = objectField(updated!, 'message_update');
    assert.equal(messageUpdate['old_text'], 'first draft');
    assert.deepEqual(messageUpdate['change_set'], {
      text: true,
      html: true,
      attachments: false,
      custom: true,
      mentioned_user_ids: false,
      quoted_message_id: false,
      silent: false,
      pin: false,
    });
  });

  test('deleteMessage emits message.deleted', async () => {
    const id = await sendMessage('to be deleted');
    const result = await chat.client.deleteMessage(id);
    assert.equal(result.message.type, 'deleted');

    const [deleted] = await chat.receiveEvents(1);
    assert.equal(deleted?.['type'], 'message.deleted');
    assert.equal(deleted?.['hard_delete'], false);
    assert.equal(messageOf(deleted!)['id'], id);
    assert.equal(typeof messageOf(deleted!)['deleted_at'], 'string');
    await chat.expectRejected(() => chat.client.deleteMessage(id), 400, 4);
  });

  test('hard deleteMessage removes the message', async () => {
    const id = await sendMessage('gone for good');
    await chat.client.deleteMessage(id, true);

    const [deleted] = await chat.receiveEvents(1);
    assert.equal(deleted?.['type'], 'message.deleted');
    assert.equal(deleted?.['hard_delete'], true);
    assert.equal(typeof messageOf(deleted!)['deleted_at'], 'string');
    await chat.expectRejected(() => chat.client.deleteMessage(id), 404, 16);
  });

  test('reply raises the parent reply_count', async () => {
    const parentId = await sendMessage('thread start');
    await channel.sendMessage({
      text: 'a reply',
      user_id: 'ben',
      parent_id: parentId,
    });
    const [reply] = await chat.receiveEvents(1);
    assert.equal(reply?.['type'], 'message.new');
    assert.equal(messageOf(reply!)['parent_id'], parentId);
    const participants = reply?.['thread_participants'] as Event[];
    assert.deepEqual(participants.map((user) => user['id']), ['ann', 'ben']);

    await chat.client.updateMessage({ id: parentId, text: 'thread' });
    const [updated] = await chat.receiveEvents(1);
    assert.equal(messageOf(updated!)['reply_count'], 1);
  });

  test('unknown message returns 404', async () => {
    await chat.expectRejected(
      () => chat.client.updateMessage({ id: 'missing', text: 'x' }), 404, 16);
    await chat.expectRejected(
      () => chat.client.deleteMessage('missing'), 404, 16);
    await chat.expectRejected(
      () => channel.sendReaction('missing', { type: 'like', user_id: 'ann' }),
      404, 16);
  });

  test('unknown user rejects with code 4', async () => {
    const id = await sendMessage('hello');
    await chat.expectRejected(
      () => channel.sendMessage({ text: 'x', user_id: 'ghost' }), 400, 4);
    await chat.expectRejected(
      () => chat.client.updateMessage({ id, text: 'x' }, 'ghost'), 400, 4);
    await chat.expectRejected(
      () => channel.sendReaction(id, { type: 'like', user_id: 'ghost' }),
      400, 4);
  });

  test('duplicate message id rejects with code 4', async () => {
    const sent = await channel.sendMessage(
      { id: 'fixed-id', text: 'first', user_id: 'ann' });
    assert.equal(sent.message.id, 'fixed-id');
    assert.equal(sent.message.reply_count, 0);
    assert.deepEqual(sent.message.latest_reactions, []);
    await chat.receiveEvents(1);

    await chat.expectRejected(
      () => channel.sendMessage(
        { id: 'fixed-id', text: 'second', user_id: 'ann' }),
      400, 4);
  });
});

describe('reaction events through the SDK', () => {
  test('sendReaction emits reaction.new', async () => {
    const id = await sendMessage('react to me');
    const result = await channel.sendReaction(id,
      { type: 'like', user_id: 'ben' });
    assert.equal(result.reaction.type, 'like');
    assert.deepEqual(result.message.reaction_counts, { like: 1 });

    const [added] = await chat.receiveEvents(1);
    assert.equal(added?.['type'], 'reaction.new');
    assert.equal(added?.['cid'], 'messaging:talk');
    const reaction = objectField(added!, 'reaction');
    assert.equal(reaction['message_id'], id);
    assert.equal(reaction['type'], 'like');
    assert.equal(objectField(reaction, 'user')['id'], 'ben');
    assert.equal(typeof reaction['created_at'], 'string');
    assert.equal(objectField(added!, 'user')['id'], 'ben');
    const message = messageOf(added!);
    assert.deepEqual(message['reaction_counts'], { like: 1 });
    assert.deepEqual(message['reaction_scores'], { like: 1 });
    assert.equal((message['latest_reactions'] as unknown[]).length, 1);
    assert.deepEqual(message['own_reactions'], []);
  });

  test('new score emits reaction.updated', async () => {
    const id = await sendMessage('score me');
    await channel.sendReaction(id, { type: 'clap', user_id: 'ben' });
    await channel.sendReaction(id, { type: 'clap', user_id: 'ann' });
    await channel.sendReaction(id, { type: 'clap', user_id: 'ben', score: 5 });

    const events = await chat.receiveEvents(3);
    assert.deepEqual(events.map((event) => event['type']),
      ['reaction.new', 'reaction.new', 'reaction.updated']);
    const updated = events[2]!;
    assert.equal(objectField(updated, 'reaction')['score'], 5);
    assert.deepEqual(messageOf(updated)['reaction_counts'], { clap: 2 });
    assert.deepEqual(messageOf(updated)['reaction_scores'], { clap: 6 });
  });

  test('enforce_unique replaces other types', async () => {
    const id = await sendMessage('pick one');
    await channel.sendReaction(id, { type: 'like', user_id: 'ben' });
    const result = await channel.sendReaction(id,
      { type: 'love', user_id: 'ben' }, { enforce_unique: true });
    assert.deepEqual(result.message.reaction_counts, { love: 1 });

    const events = await chat.receiveEvents(2);
    assert.deepEqual(events.map((event) => event['type']),
      ['reaction.new', 'reaction.updated']);
  });

  test('deleteReaction emits reaction.deleted', async () => {
    const id = await sendMessage('unreact');
    await channel.sendReaction(id, { type: 'like', user_id: 'ben' });
    await chat.receiveEvents(1);
    const result = await channel.deleteReaction(id, 'like', 'ben');
    assert.deepEqual(result.message.reaction_counts, {});

    const [removed] = await chat.receiveEvents(1);
    assert.equal(removed?.['type'], 'reaction.deleted');
    assert.equal(objectField(removed!, 'reaction')['type'], 'like');
    assert.equal(objectField(removed!, 'user')['id'], 'ben');
    assert.deepEqual(messageOf(removed!)['reaction_counts'], {});
    assert.deepEqual(messageOf(removed!)['latest_reactions'], []);
    await chat.expectRejected(
      () => channel.deleteReaction(id, 'like', 'ben'), 404, 16);
  });
});
