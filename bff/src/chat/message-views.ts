/**
 * Reads messages and builds them as the API and events show them: with
 * their author, mentioned users, reaction totals and reply counts.
 */
import type { Executor } from '../outbox/outbox.js';
import { ChatNotFoundError } from './errors.js';
import {
  toMessageResponse,
  toReactionResponse,
  type Json,
  type MessageRow,
  type ReactionRow,
} from './records.js';
import { findUsers } from './store.js';

/** Messages list at most this many reactions in `latest_reactions`. */
export const MAX_LATEST_REACTIONS = 10;

export async function getMessage(
  executor: Executor,
  appId: string,
  id: string,
): Promise<MessageRow> {
  const message = await executor
    .selectFrom('messages')
    .selectAll()
    .where('app_id', '=', appId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!message) {
    throw new ChatNotFoundError(
      `Message "${id}" not found; check the message id.`,
    );
  }
  return message;
}

/** Builds a message response from its stored row and related records. */
export async function viewMessage(
  executor: Executor,
  row: MessageRow,
): Promise<Json> {
  const reactions = await executor
    .selectFrom('reactions')
    .selectAll()
    .where('app_id', '=', row.app_id)
    .where('message_id', '=', row.id)
    .orderBy('created_at', 'desc')
    .orderBy('user_id')
    .execute();
  const replies = await countReplies(executor, row);
  return buildMessageView(executor, row, reactions, replies);
}

/**
 * Builds the response of a message stored by the current write, which has
 * no reactions or replies yet, without reading them. `knownUsers`, users
 * the write already read, are not read again.
 */
export async function viewNewMessage(
  executor: Executor,
  row: MessageRow,
  knownUsers: ReadonlyMap<string, Json>,
): Promise<Json> {
  return buildMessageView(executor, row, [], { total: 0, deleted: 0 },
    knownUsers);
}

async function buildMessageView(
  executor: Executor,
  row: MessageRow,
  reactions: readonly ReactionRow[],
  replies: { total: number; deleted: number },
  knownUsers: ReadonlyMap<string, Json> = new Map(),
): Promise<Json> {
  const latest = reactions.slice(0, MAX_LATEST_REACTIONS);
  const mentionedIds = JSON.parse(row.mentioned_user_ids) as string[];
  const userIds = [
    row.user_id,
    ...mentionedIds,
    ...latest.map((reaction) => reaction.user_id),
  ];
  const users = new Map(knownUsers);
  const read = await findUsers(executor, row.app_id,
    userIds.filter((id) => !users.has(id)));
  for (const [id, user] of read) users.set(id, user);
  const userOf = (id: string): Json => users.get(id) ?? { id };
  return toMessageResponse(row, {
    user: userOf(row.user_id),
    mentionedUsers: mentionedIds.map(userOf),
    latestReactions: latest.map((reaction) =>
      toReactionResponse(reaction, userOf(reaction.user_id)),
    ),
    ...summarizeReactions(reactions),
    replyCount: replies.total - replies.deleted,
    deletedReplyCount: replies.deleted,
  });
}

async function countReplies(
  executor: Executor,
  row: MessageRow,
): Promise<{ total: number; deleted: number }> {
  const counts = await executor
    .selectFrom('messages')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('deleted_at').as('deleted'),
    ])
    .where('app_id', '=', row.app_id)
    .where('parent_id', '=', row.id)
    .executeTakeFirstOrThrow();
  return { total: Number(counts.total), deleted: Number(counts.deleted) };
}

/** Sums reactions per type into counts, scores and groups. */
function summarizeReactions(reactions: readonly ReactionRow[]) {
  const reactionCounts: Record<string, number> = {};
  const reactionScores: Record<string, number> = {};
  const reactionGroups: Record<string, Json> = {};
  for (const reaction of reactions) {
    const { type, score, created_at: createdAt } = reaction;
    reactionCounts[type] = (reactionCounts[type] ?? 0) + 1;
    reactionScores[type] = (reactionScores[type] ?? 0) + score;
    const group = reactionGroups[type];
    reactionGroups[type] = {
      count: reactionCounts[type],
      sum_scores: reactionScores[type],
      first_reaction_at: minText(group?.['first_reaction_at'], createdAt),
      last_reaction_at: maxText(group?.['last_reaction_at'], createdAt),
    };
  }
  return {
    reactionCounts,
    reactionScores,
    reactionGroups: reactions.length === 0 ? null : reactionGroups,
  };
}

function minText(current: unknown, next: string): string {
  return typeof current === 'string' && current < next ? current : next;
}

function maxText(current: unknown, next: string): string {
  return typeof current === 'string' && current > next ? current : next;
}
