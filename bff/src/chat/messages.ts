/** Messages: sent by the SDK's `channel.sendMessage()`. */
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { runWrite } from '../db/group-commit.js';
import { prepareQuery } from '../db/prepared-query.js';
import type { Executor } from '../outbox/outbox.js';
import { appendEventsForApp } from './publish.js';
import { channelCid } from './channels.js';
import { ChatInputError } from './errors.js';
import { channelEvent, limitMembers } from './events.js';
import { readMessage, type MessageInput } from './message-input.js';
import { getMessage, viewNewMessage } from './message-views.js';
import type { ChannelRow, Json, MessageRow } from './records.js';
import {
  findUsers,
  getChannel,
  requireUsers,
  viewChannel,
} from './store.js';

const insertMessage = prepareQuery((db, row: MessageRow) =>
  db.insertInto('messages').values({
    app_id: row.app_id,
    id: row.id,
    cid: row.cid,
    user_id: row.user_id,
    text: row.text,
    custom: row.custom,
    created_at: row.created_at,
    updated_at: row.updated_at,
    type: row.type,
    parent_id: row.parent_id,
    attachments: row.attachments,
    mentioned_user_ids: row.mentioned_user_ids,
    quoted_message_id: row.quoted_message_id,
    silent: row.silent,
    pinned: row.pinned,
    deleted_at: row.deleted_at,
  }));

/** Stores a message and emits `message.new`, in one transaction. */
export async function sendMessage(
  db: Db,
  appId: string,
  channelType: string,
  channelId: string,
  body: Json,
): Promise<Json> {
  const cid = channelCid(channelType, channelId);
  const message = readMessage(body['message']);
  return runWrite(db, async (trx) => {
    const channel = await getChannel(trx, appId, cid);
    return postMessage(trx, channel, message);
  });
}

/**
 * Stores a message in a channel and appends its `message.new` event. Run
 * it inside the transaction of the write that posts the message.
 */
export async function postMessage(
  executor: Executor,
  channel: ChannelRow,
  message: MessageInput,
  type: 'regular' | 'system' = 'regular',
): Promise<Json> {
  const appId = channel.app_id;

  const users = await requireUsers(executor, appId, [message.userId],
    'sending messages as it');
  const mentioned = await requireUsers(executor, appId,
    message.mentionedUserIds, 'mentioning it');
  const parent = message.parentId === null
    ? null
    : await getThreadParent(executor, channel, message.parentId);
  if (message.quotedMessageId !== null) {
    await getMessage(executor, appId, message.quotedMessageId);
  }

  const now = new Date().toISOString();
  const row: MessageRow = {
    app_id: appId,
    id: message.id,
    cid: channel.cid,
    user_id: message.userId,
    text: message.text,
    custom: JSON.stringify(message.custom),
    created_at: now,
    updated_at: now,
    type: parent === null ? type : 'reply',
    parent_id: message.parentId,
    attachments: JSON.stringify(message.attachments),
    mentioned_user_ids: JSON.stringify(message.mentionedUserIds),
    quoted_message_id: message.quotedMessageId,
    silent: message.silent ? 1 : 0,
    pinned: message.pinned ? 1 : 0,
    deleted_at: null,
  };
  try {
    await insertMessage.execute(executor, row);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new ChatInputError(
      `A message with id "${message.id}" already exists; leave id out ` +
        'to have one generated.',
    );
  }

  const response = await viewNewMessage(executor, row,
    new Map([...users, ...mentioned]));
  const view = await viewChannel(executor, channel);
  const thread = parent === null
    ? {}
    : { thread_participants: await threadParticipants(executor, parent) };
  await appendEventsForApp(executor, appId, [
    channelEvent('message.new', channel, {
      message: response,
      message_id: message.id,
      user: users.get(message.userId),
      members: limitMembers(view.members),
      channel_member_count: view.members.length,
      watcher_count: 0,
      ...thread,
    }),
  ]);
  return response;
}

async function getThreadParent(
  executor: Executor,
  channel: ChannelRow,
  parentId: string,
): Promise<MessageRow> {
  const parent = await getMessage(executor, channel.app_id, parentId);
  if (parent.cid !== channel.cid || parent.parent_id !== null) {
    throw new ChatInputError(
      `message.parent_id "${parentId}" must name a top-level message of ` +
        `channel "${channel.cid}".`,
    );
  }
  return parent;
}

/** Lists the thread's parent author and each user who replied, oldest first. */
async function threadParticipants(
  executor: Executor,
  parent: MessageRow,
): Promise<Json[]> {
  const replies = await executor
    .selectFrom('messages')
    .select('user_id')
    .where('app_id', '=', parent.app_id)
    .where('parent_id', '=', parent.id)
    .orderBy('created_at')
    .execute();
  const ids = [
    ...new Set([parent.user_id, ...replies.map((reply) => reply.user_id)]),
  ];
  const users = await findUsers(executor, parent.app_id, ids);
  return ids.map((id) => users.get(id) ?? { id });
}
