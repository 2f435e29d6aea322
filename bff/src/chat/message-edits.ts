/**
 * Edits and deletions of messages: the SDK's `client.updateMessage()` and
 * `client.deleteMessage()`.
 */
import { isDeepStrictEqual } from 'node:util';

import type { Db } from '../db/database.js';
import { runWrite } from '../db/group-commit.js';
import { appendEventsForApp } from './publish.js';
import { ChatInputError } from './errors.js';
import { channelEvent } from './events.js';
import {
  readMessage,
  readMessageId,
  type MessageInput,
} from './message-input.js';
import { getMessage, viewMessage } from './message-views.js';
import { messageHtml, type Json, type MessageRow } from './records.js';
import { getChannel, requireUsers } from './store.js';

/**
 * Replaces a message's text, attachments, mentions, flags and custom
 * fields, and emits `message.updated` with what changed. The author and
 * the thread stay. `user_id` names the editor and defaults to the author.
 */
export async function updateMessage(
  db: Db,
  appId: string,
  messageId: string,
  body: Json,
): Promise<Json> {
  readMessageId(messageId, 'message id in the path');
  const raw = body['message'];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ChatInputError('message must be an object with the new text.');
  }
  const fields = raw as Json;
  if (fields['id'] !== undefined && fields['id'] !== messageId) {
    throw new ChatInputError(
      `message.id "${String(fields['id'])}" differs from the id in the ` +
        `path "${messageId}"; send the same id in both.`,
    );
  }
  return runWrite(db, async (trx) => {
    const old = await getMessage(trx, appId, messageId);
    rejectDeleted(old);
    const hasEditor =
      fields['user_id'] !== undefined || fields['user'] !== undefined;
    const editor = hasEditor ? {} : { user_id: old.user_id };
    const input = readMessage({ ...fields, id: messageId, ...editor });
    const users = await requireUsers(trx, appId, [input.userId],
      'editing messages as it');
    await requireUsers(trx, appId, input.mentionedUserIds, 'mentioning it');
    if (input.quotedMessageId !== null) {
      await getMessage(trx, appId, input.quotedMessageId);
    }
    const changes = {
      text: input.text,
      custom: JSON.stringify(input.custom),
      attachments: JSON.stringify(input.attachments),
      mentioned_user_ids: JSON.stringify(input.mentionedUserIds),
      quoted_message_id: input.quotedMessageId,
      silent: input.silent ? 1 : 0,
      pinned: input.pinned ? 1 : 0,
      updated_at: new Date().toISOString(),
    };
    await trx
      .updateTable('messages')
      .set(changes)
      .where('app_id', '=', appId)
      .where('id', '=', messageId)
      .execute();
    const response = await viewMessage(trx, { ...old, ...changes });
    const channel = await getChannel(trx, appId, old.cid);
    await appendEventsForApp(trx, appId, [
      channelEvent('message.updated', channel, {
        message: response,
        message_id: messageId,
        user: users.get(input.userId),
        message_update: {
          old_text: old.text,
          change_set: changeSet(old, input),
        },
      }),
    ]);
    return response;
  });
}

/** Compares the fields that the platform tracks in `change_set`. */
function changeSet(old: MessageRow, next: MessageInput) {
  return {
    text: old.text !== next.text,
    html: messageHtml(old.text) !== messageHtml(next.text),
    attachments: !isDeepStrictEqual(JSON.parse(old.attachments),
      next.attachments),
    custom: !isDeepStrictEqual(JSON.parse(old.custom), next.custom),
    mentioned_user_ids: !isDeepStrictEqual(
      JSON.parse(old.mentioned_user_ids), next.mentionedUserIds),
    quoted_message_id: old.quoted_message_id !== next.quotedMessageId,
    silent: (old.silent === 1) !== next.silent,
    pin: (old.pinned === 1) !== next.pinned,
  };
}

export interface DeleteMessageOptions {
  /** Remove the message and its reactions instead of marking it deleted. */
  hard: boolean;
}

/**
 * Deletes a message and emits `message.deleted`. A soft delete marks the
 * message deleted and keeps it. A hard delete removes it and its
 * reactions. Replies of a deleted message stay.
 */
export async function deleteMessage(
  db: Db,
  appId: string,
  messageId: string,
  options: DeleteMessageOptions,
): Promise<Json> {
  readMessageId(messageId, 'message id in the path');
  return runWrite(db, async (trx) => {
    const row = await getMessage(trx, appId, messageId);
    if (!options.hard) rejectDeleted(row);
    const now = new Date().toISOString();
    const deleted = { ...row, deleted_at: row.deleted_at ?? now };
    const response = await viewMessage(trx, deleted);
    if (options.hard) {
      await trx
        .deleteFrom('reactions')
        .where('app_id', '=', appId)
        .where('message_id', '=', messageId)
        .execute();
      await trx
        .deleteFrom('messages')
        .where('app_id', '=', appId)
        .where('id', '=', messageId)
        .execute();
    } else {
      await trx
        .updateTable('messages')
        .set({ deleted_at: now })
        .where('app_id', '=', appId)
        .where('id', '=', messageId)
        .execute();
    }
    const channel = await getChannel(trx, appId, row.cid);
    await appendEventsForApp(trx, appId, [
      channelEvent('message.deleted', channel, {
        message: response,
        message_id: messageId,
        hard_delete: options.hard,
        deleted_at: deleted.deleted_at,
      }),
    ]);
    return response;
  });
}

/** Rejects changes to a message that was already soft-deleted. */
export function rejectDeleted(row: MessageRow): void {
  if (row.deleted_at !== null) {
    throw new ChatInputError(
      `Message "${row.id}" was deleted at ${row.deleted_at}; only a hard ` +
        'delete (hard=true) can still change it.',
    );
  }
}
