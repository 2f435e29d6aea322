/** Messages: sent by the SDK's `channel.sendMessage()`. */
import { randomUUID } from 'node:crypto';

import type { Db } from '../db/database.js';
import { appendEventsForApp } from './publish.js';
import { channelCid } from './channels.js';
import { ChatInputError } from './errors.js';
import { channelEvent, limitMembers } from './events.js';
import { toMessageResponse, type Json } from './records.js';
import { findUsers, getChannel, viewChannel } from './store.js';
import { checkUserId } from './users.js';

const MESSAGE_ID_PATTERN = /^[\w-]{1,255}$/;
/** The platform's limit on the text of one message. */
export const MAX_MESSAGE_TEXT_LENGTH = 20_000;
const RESERVED_MESSAGE_KEYS = new Set([
  'id', 'text', 'user_id', 'user', 'type', 'html', 'cid', 'created_at',
  'updated_at', 'deleted_at', 'attachments', 'latest_reactions',
  'own_reactions', 'reaction_counts', 'reaction_scores', 'reply_count',
  'mentioned_users',
]);

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
  return db.transaction().execute(async (trx) => {
    const channel = await getChannel(trx, appId, cid);
    const users = await findUsers(trx, appId, [message.userId]);
    const user = users.get(message.userId);
    if (!user) {
      throw new ChatInputError(
        `User "${message.userId}" does not exist; create it with ` +
          'upsertUsers before sending messages as it.',
      );
    }
    const duplicate = await trx
      .selectFrom('messages')
      .select('id')
      .where('app_id', '=', appId)
      .where('id', '=', message.id)
      .executeTakeFirst();
    if (duplicate) {
      throw new ChatInputError(
        `A message with id "${message.id}" already exists; leave id out ` +
          'to have one generated.',
      );
    }
    const now = new Date().toISOString();
    const row = {
      app_id: appId,
      id: message.id,
      cid,
      user_id: message.userId,
      text: message.text,
      custom: JSON.stringify(message.custom),
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('messages').values(row).execute();
    const response = toMessageResponse(row, user);
    const view = await viewChannel(trx, channel);
    await appendEventsForApp(trx, appId, [
      channelEvent('message.new', channel, {
        message: response,
        message_id: message.id,
        user,
        members: limitMembers(view.members),
        channel_member_count: view.members.length,
        watcher_count: 0,
      }),
    ]);
    return response;
  });
}

interface MessageInput {
  id: string;
  text: string;
  userId: string;
  custom: Json;
}

function readMessage(value: unknown): MessageInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChatInputError('message must be an object with text and user_id.');
  }
  const message = value as Json;
  const userId = checkUserId(
    message['user_id'] ?? (message['user'] as Json | undefined)?.['id'],
    'message.user_id',
  );
  const text = message['text'] ?? '';
  if (typeof text !== 'string') {
    throw new ChatInputError('message.text must be a string.');
  }
  if (text.length > MAX_MESSAGE_TEXT_LENGTH) {
    throw new ChatInputError(
      `message.text has ${text.length} characters; the maximum is ` +
        `${MAX_MESSAGE_TEXT_LENGTH}.`,
    );
  }
  const id = message['id'] ?? randomUUID();
  if (typeof id !== 'string' || !MESSAGE_ID_PATTERN.test(id)) {
    throw new ChatInputError(
      `message.id ${JSON.stringify(id)} is invalid: use up to 255 letters, ` +
        'digits, "_" or "-".',
    );
  }
  const custom = Object.fromEntries(
    Object.entries(message).filter(([key]) => !RESERVED_MESSAGE_KEYS.has(key)),
  );
  return { id, text, userId, custom };
}
