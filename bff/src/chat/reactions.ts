/**
 * Reactions to messages: the SDK's `channel.sendReaction()` and
 * `channel.deleteReaction()`. A user has at most one reaction of each type
 * on a message.
 */
import type { Db } from '../db/database.js';
import { runWrite } from '../db/group-commit.js';
import type { Executor } from '../outbox/outbox.js';
import { appendEventsForApp } from './publish.js';
import { ChatInputError, ChatNotFoundError } from './errors.js';
import { channelEvent } from './events.js';
import { rejectDeleted } from './message-edits.js';
import { readMessageId } from './message-input.js';
import { getMessage, viewMessage } from './message-views.js';
import {
  toReactionResponse,
  type Json,
  type MessageRow,
  type ReactionRow,
} from './records.js';
import { getChannel, requireUsers } from './store.js';
import { checkUserId } from './users.js';

const MAX_REACTION_TYPE_LENGTH = 64;
const RESERVED_REACTION_KEYS = new Set([
  'type', 'score', 'user_id', 'user', 'message_id', 'created_at',
  'updated_at',
]);

export interface ReactionResult {
  message: Json;
  reaction: Json;
}

/**
 * Adds or replaces the user's reaction of this type. Emits `reaction.new`
 * for a new reaction and `reaction.updated` when it replaces one of the
 * same type or, with `enforce_unique`, the user's reactions of other types.
 */
export async function sendReaction(
  db: Db,
  appId: string,
  messageId: string,
  body: Json,
): Promise<ReactionResult> {
  readMessageId(messageId, 'message id in the path');
  const input = readReaction(body['reaction']);
  const enforceUnique = body['enforce_unique'] === true;
  return runWrite(db, async (trx) => {
    const message = await getMessage(trx, appId, messageId);
    rejectDeleted(message);
    const users = await requireUsers(trx, appId, [input.userId],
      'reacting as it');
    const previous = await trx
      .selectFrom('reactions')
      .selectAll()
      .where('app_id', '=', appId)
      .where('message_id', '=', messageId)
      .where('user_id', '=', input.userId)
      .execute();
    const replaced = previous.filter((row) =>
      enforceUnique || row.type === input.type);
    if (replaced.length > 0) {
      await trx
        .deleteFrom('reactions')
        .where('app_id', '=', appId)
        .where('message_id', '=', messageId)
        .where('user_id', '=', input.userId)
        .where('type', 'in', replaced.map((row) => row.type))
        .execute();
    }
    const now = new Date().toISOString();
    const sameType = previous.find((row) => row.type === input.type);
    const row: ReactionRow = {
      app_id: appId,
      message_id: messageId,
      user_id: input.userId,
      type: input.type,
      score: input.score,
      custom: JSON.stringify(input.custom),
      created_at: sameType?.created_at ?? now,
      updated_at: now,
    };
    await trx.insertInto('reactions').values(row).execute();
    const eventType =
      replaced.length > 0 ? 'reaction.updated' : 'reaction.new';
    return emitReactionEvent(trx, eventType, message, row,
      users.get(input.userId) ?? { id: input.userId });
  });
}

/** Removes the user's reaction of this type and emits `reaction.deleted`. */
export async function deleteReaction(
  db: Db,
  appId: string,
  messageId: string,
  type: string,
  userIdParam: unknown,
): Promise<ReactionResult> {
  readMessageId(messageId, 'message id in the path');
  const userId = checkUserId(userIdParam, 'user_id query parameter');
  return runWrite(db, async (trx) => {
    const message = await getMessage(trx, appId, messageId);
    const row = await trx
      .selectFrom('reactions')
      .selectAll()
      .where('app_id', '=', appId)
      .where('message_id', '=', messageId)
      .where('user_id', '=', userId)
      .where('type', '=', type)
      .executeTakeFirst();
    if (!row) {
      throw new ChatNotFoundError(
        `Reaction "${type}" of user "${userId}" on message "${messageId}" ` +
          'not found; check the type and user_id.',
      );
    }
    const users = await requireUsers(trx, appId, [userId],
      'removing its reactions');
    await trx
      .deleteFrom('reactions')
      .where('app_id', '=', appId)
      .where('message_id', '=', messageId)
      .where('user_id', '=', userId)
      .where('type', '=', type)
      .execute();
    return emitReactionEvent(trx, 'reaction.deleted', message, row,
      users.get(userId) ?? { id: userId });
  });
}

async function emitReactionEvent(
  executor: Executor,
  type: string,
  message: MessageRow,
  reaction: ReactionRow,
  user: Json,
): Promise<ReactionResult> {
  const messageResponse = await viewMessage(executor, message);
  const reactionResponse = toReactionResponse(reaction, user);
  const channel = await getChannel(executor, message.app_id, message.cid);
  await appendEventsForApp(executor, message.app_id, [
    channelEvent(type, channel, {
      message: messageResponse,
      message_id: message.id,
      reaction: reactionResponse,
      user,
    }),
  ]);
  return { message: messageResponse, reaction: reactionResponse };
}

interface ReactionInput {
  type: string;
  userId: string;
  score: number;
  custom: Json;
}

function readReaction(value: unknown): ReactionInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChatInputError(
      'reaction must be an object with type and user_id.',
    );
  }
  const reaction = value as Json;
  const type = reaction['type'];
  if (
    typeof type !== 'string' ||
    type === '' ||
    type.length > MAX_REACTION_TYPE_LENGTH
  ) {
    throw new ChatInputError(
      `reaction.type ${JSON.stringify(type)} is invalid: use a string of ` +
        `1 to ${MAX_REACTION_TYPE_LENGTH} characters, such as "like".`,
    );
  }
  const score = reaction['score'] ?? 1;
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 1) {
    throw new ChatInputError(
      `reaction.score ${JSON.stringify(score)} is invalid: use a whole ` +
        'number of 1 or more, or leave it out for 1.',
    );
  }
  const userId = checkUserId(
    reaction['user_id'] ?? (reaction['user'] as Json | undefined)?.['id'],
    'reaction.user_id',
  );
  const custom = Object.fromEntries(
    Object.entries(reaction).filter(
      ([key]) => !RESERVED_REACTION_KEYS.has(key),
    ),
  );
  return { type, userId, score, custom };
}
