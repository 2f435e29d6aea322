/**
 * Chat records as the platform's API returns them, built from stored rows.
 * Custom fields sit beside the fixed ones, as the platform does.
 */
import type { Selectable } from 'kysely';

import type {
  ChannelMemberTable,
  ChannelTable,
  ChatUserTable,
  MessageTable,
  ReactionTable,
} from '../db/schema.js';

export type Json = Record<string, unknown>;
export type UserRow = Selectable<ChatUserTable>;
export type ChannelRow = Selectable<ChannelTable>;
export type MemberRow = Selectable<ChannelMemberTable>;
export type MessageRow = Selectable<MessageTable>;
export type ReactionRow = Selectable<ReactionTable>;

export function toUserResponse(row: UserRow): Json {
  return {
    ...(JSON.parse(row.custom) as Json),
    id: row.id,
    role: row.role,
    created_at: row.created_at,
    updated_at: row.updated_at,
    ...(row.deleted_at === null ? {} : { deleted_at: row.deleted_at }),
    banned: false,
    online: false,
  };
}

export function toChannelResponse(
  row: ChannelRow,
  createdBy: Json,
  memberCount: number,
): Json {
  return {
    ...(JSON.parse(row.custom) as Json),
    id: row.id,
    type: row.type,
    cid: row.cid,
    created_at: row.created_at,
    updated_at: row.updated_at,
    ...(row.truncated_at === null ? {} : { truncated_at: row.truncated_at }),
    created_by: createdBy,
    frozen: false,
    disabled: false,
    member_count: memberCount,
  };
}

export function toMemberResponse(
  user: Json,
  member: Pick<MemberRow, 'created_at' | 'updated_at' | 'channel_role'>,
  channelCreatorId: string,
): Json {
  const isCreator = user['id'] === channelCreatorId;
  return {
    user_id: user['id'],
    user,
    created_at: member.created_at,
    updated_at: member.updated_at,
    banned: false,
    shadow_banned: false,
    role: isCreator ? 'owner' : 'member',
    channel_role:
      member.channel_role ??
      (isCreator ? 'channel_moderator' : 'channel_member'),
    notifications_muted: false,
  };
}

export function toReactionResponse(row: ReactionRow, user: Json): Json {
  return {
    ...(JSON.parse(row.custom) as Json),
    message_id: row.message_id,
    user_id: row.user_id,
    user,
    type: row.type,
    score: row.score,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The parts of a message response that come from other records. */
export interface MessageContext {
  user: Json;
  mentionedUsers: Json[];
  /** Newest first. */
  latestReactions: Json[];
  reactionCounts: Record<string, number>;
  reactionScores: Record<string, number>;
  reactionGroups: Record<string, Json> | null;
  replyCount: number;
  deletedReplyCount: number;
}

export function toMessageResponse(
  row: MessageRow,
  context: MessageContext,
): Json {
  return {
    ...(JSON.parse(row.custom) as Json),
    id: row.id,
    text: row.text,
    html: messageHtml(row.text),
    type: row.deleted_at === null ? row.type : 'deleted',
    user: context.user,
    cid: row.cid,
    attachments: JSON.parse(row.attachments) as unknown,
    latest_reactions: context.latestReactions,
    own_reactions: [],
    reaction_counts: context.reactionCounts,
    reaction_scores: context.reactionScores,
    reaction_groups: context.reactionGroups,
    reply_count: context.replyCount,
    deleted_reply_count: context.deletedReplyCount,
    mentioned_users: context.mentionedUsers,
    silent: row.silent === 1,
    pinned: row.pinned === 1,
    shadowed: false,
    created_at: row.created_at,
    updated_at: row.updated_at,
    ...(row.parent_id === null ? {} : { parent_id: row.parent_id }),
    ...(row.quoted_message_id === null
      ? {}
      : { quoted_message_id: row.quoted_message_id }),
    ...(row.deleted_at === null ? {} : { deleted_at: row.deleted_at }),
  };
}

/** Renders a message's text as HTML, as the platform does. */
export function messageHtml(text: string): string {
  return text === '' ? '' : `<p>${escapeHtml(text)}</p>\n`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&#34;')
    .replaceAll("'", '&#39;');
}
