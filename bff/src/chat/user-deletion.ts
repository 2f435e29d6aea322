/** Deletion of users: the SDK's `client.deleteUser()`. */
import type { Db } from '../db/database.js';
import { runWrite } from '../db/group-commit.js';
import type { Executor } from '../outbox/outbox.js';
import { appendEventsForApp } from './publish.js';
import { removeChannel } from './channel-deletion.js';
import { ChatInputError, ChatNotFoundError } from './errors.js';
import { userEvent, type OutgoingEvent } from './events.js';
import { toUserResponse, type Json } from './records.js';
import { checkUserId } from './users.js';

/**
 * Id prefix of distinct channels, which the platform names after members.
 * NOTE: this server does not create id-less distinct channels, so only
 * channels created with such an id count as conversations.
 */
const DISTINCT_CHANNEL_ID_PREFIX = '!members-';

export interface DeleteUserOptions {
  /** Remove the user with its reactions and memberships. Default false. */
  hardDelete: boolean;
  /** Delete the user's messages too, removing them when `hardDelete`. */
  markMessagesDeleted: boolean;
  /** Delete the distinct channels of two members that the user is in. */
  deleteConversationChannels: boolean;
}

/**
 * Deletes a user and emits `user.deleted`, then `channel.deleted` for each
 * conversation channel removed with it. A soft delete keeps the user,
 * marked deleted, so its messages still show it.
 */
export async function deleteUser(
  db: Db,
  appId: string,
  userId: string,
  options: DeleteUserOptions,
): Promise<Json> {
  checkUserId(userId, 'user id in the path');
  return runWrite(db, async (trx) => {
    const row = await trx
      .selectFrom('chat_users')
      .selectAll()
      .where('app_id', '=', appId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row) {
      throw new ChatNotFoundError(
        `User "${userId}" not found; check the user id.`,
      );
    }
    if (row.deleted_at !== null && !options.hardDelete) {
      throw new ChatInputError(
        `User "${userId}" was already deleted at ${row.deleted_at}; pass ` +
          'hard_delete=true to remove it for good.',
      );
    }
    const now = new Date().toISOString();
    const user = toUserResponse({ ...row, deleted_at: row.deleted_at ?? now });
    const channelEvents = options.deleteConversationChannels
      ? await removeConversationChannels(trx, appId, userId)
      : [];
    if (options.markMessagesDeleted) {
      await removeUserMessages(trx, appId, userId, options.hardDelete);
    }
    if (options.hardDelete) {
      await removeUserRows(trx, appId, userId);
    } else {
      await trx
        .updateTable('chat_users')
        .set({ deleted_at: now, updated_at: now })
        .where('app_id', '=', appId)
        .where('id', '=', userId)
        .execute();
    }
    await appendEventsForApp(trx, appId, [
      userEvent('user.deleted', {
        user,
        hard_delete: options.hardDelete,
        mark_messages_deleted: options.markMessagesDeleted,
        delete_conversation_channels: options.deleteConversationChannels,
      }),
      ...channelEvents,
    ]);
    return user;
  });
}

async function removeConversationChannels(
  executor: Executor,
  appId: string,
  userId: string,
): Promise<OutgoingEvent[]> {
  const memberships = await executor
    .selectFrom('channel_members')
    .select('cid')
    .where('app_id', '=', appId)
    .where('user_id', '=', userId)
    .execute();
  const events: OutgoingEvent[] = [];
  for (const { cid } of memberships) {
    const channel = await executor
      .selectFrom('channels')
      .selectAll()
      .where('app_id', '=', appId)
      .where('cid', '=', cid)
      .executeTakeFirst();
    if (!channel?.id.startsWith(DISTINCT_CHANNEL_ID_PREFIX)) continue;
    const members = await executor
      .selectFrom('channel_members')
      .select('user_id')
      .where('app_id', '=', appId)
      .where('cid', '=', cid)
      .execute();
    if (members.length !== 2) continue;
    events.push((await removeChannel(executor, channel)).event);
  }
  return events;
}

async function removeUserMessages(
  executor: Executor,
  appId: string,
  userId: string,
  hard: boolean,
): Promise<void> {
  const authored = executor
    .selectFrom('messages')
    .select('id')
    .where('app_id', '=', appId)
    .where('user_id', '=', userId);
  if (!hard) {
    await executor
      .updateTable('messages')
      .set({ deleted_at: new Date().toISOString() })
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('deleted_at', 'is', null)
      .execute();
    return;
  }
  await executor
    .deleteFrom('reactions')
    .where('app_id', '=', appId)
    .where('message_id', 'in', authored)
    .execute();
  await executor
    .deleteFrom('messages')
    .where('app_id', '=', appId)
    .where('user_id', '=', userId)
    .execute();
}

/** Removes the user with its reactions and channel memberships. */
async function removeUserRows(
  executor: Executor,
  appId: string,
  userId: string,
): Promise<void> {
  for (const table of ['reactions', 'channel_members'] as const) {
    await executor
      .deleteFrom(table)
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .execute();
  }
  await executor
    .deleteFrom('chat_users')
    .where('app_id', '=', appId)
    .where('id', '=', userId)
    .execute();
}
