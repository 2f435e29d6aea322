import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  objectField,
  startChatHarness,
  type ChatHarness,
} from './test-harness.js';

let chat: ChatHarness;

before(async () => {
  chat = await startChatHarness('users');
});

after(async () => {
  await chat.close();
});

describe('user events through the SDK', () => {
  test('upsert of a new user emits nothing', async () => {
    await chat.expectNoEventsAfter(() =>
      chat.client.upsertUser({ id: 'ann', name: 'Ann' }));
  });

  test('upsert changing a user emits user.updated', async () => {
    const result = await chat.client.upsertUsers([
      { id: 'ann', name: 'Ann B.' },
      { id: 'ben' },
    ]);
    assert.equal(result.users['ann']?.['name'], 'Ann B.');

    const [event] = await chat.receiveEvents(1);
    assert.equal(event?.['type'], 'user.updated');
    const user = objectField(event!, 'user');
    assert.equal(user['id'], 'ann');
    assert.equal(user['name'], 'Ann B.');
    assert.equal(event?.['cid'], undefined);
    assert.equal(event?.['channel_id'], undefined);
  });

  test('partialUpdateUser emits user.updated', async () => {
    await chat.client.upsertUser({ id: 'cara', team: 'red', age: 30 });
    const result = await chat.client.partialUpdateUser({
      id: 'cara',
      set: { team: 'blue', role: 'admin' },
      unset: ['age'],
    });
    assert.equal(result.users['cara']?.['team'], 'blue');

    const [event] = await chat.receiveEvents(1);
    assert.equal(event?.['type'], 'user.updated');
    const user = objectField(event!, 'user');
    assert.equal(user['id'], 'cara');
    assert.equal(user['team'], 'blue');
    assert.equal(user['role'], 'admin');
    assert.equal('age' in user, false);
  });

  test('partialUpdateUser unknown user rejects', async () => {
    await chat.expectRejected(
      () => chat.client.partialUpdateUser({ id: 'ghost', set: { age: 3 } }),
      400,
      4,
    );
  });

  test('deleteUser emits user.deleted', async () => {
    await chat.client.upsertUser({ id: 'dan' });
    const result = await chat.client.deleteUser('dan', {
      mark_messages_deleted: true,
    });
    assert.equal(result.user.id, 'dan');
    assert.equal(typeof result.user.deleted_at, 'string');

    const [event] = await chat.receiveEvents(1);
    assert.equal(event?.['type'], 'user.deleted');
    const user = objectField(event!, 'user');
    assert.equal(user['id'], 'dan');
    assert.equal(typeof user['deleted_at'], 'string');
    assert.equal(event?.['hard_delete'], false);
    assert.equal(event?.['mark_messages_deleted'], true);
  });

  test('hard deleteUser removes the user', async () => {
    await chat.client.upsertUser({ id: 'eve' });
    await chat.client.deleteUser('eve', { hard_delete: true });
    const [event] = await chat.receiveEvents(1);
    assert.equal(event?.['type'], 'user.deleted');
    assert.equal(event?.['hard_delete'], true);
    await chat.expectRejected(() => chat.client.deleteUser('eve'), 404, 16);
  });

  test('deleteUser removes conversation channels', async () => {
    await chat.client.upsertUsers([{ id: 'fay' }, { id: 'gus' }]);
    const channel = chat.client.channel('messaging', '!members-fay-gus', {
      created_by_id: 'fay',
      members: ['fay', 'gus'],
    });
    await channel.create();
    await chat.receiveEvents(1);
    await chat.client.deleteUser('fay', {
      delete_conversation_channels: true,
    });

    const [userDeleted, channelDeleted] = await chat.receiveEvents(2);
    assert.equal(userDeleted?.['type'], 'user.deleted');
    assert.equal(userDeleted?.['delete_conversation_channels'], true);
    assert.equal(channelDeleted?.['type'], 'channel.deleted');
    assert.equal(channelDeleted?.['cid'], 'messaging:!members-fay-gus');
  });

  test('deleteUser of unknown user returns 404', async () => {
    await chat.expectRejected(() => chat.client.deleteUser('nobody'), 404, 16);
  });

  test('upsert of a deleted user rejects with code 4', async () => {
    await chat.expectRejected(
      () => chat.client.upsertUser({ id: 'dan', name: 'Back' }),
      400,
      4,
    );
  });
});
