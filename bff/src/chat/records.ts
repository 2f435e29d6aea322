/**
 * Chat records as the platform's API returns them, built from stored rows.
 * Custom fields sit beside the fixed ones, as the platform does.
 */
import type {
  ChannelTable,
  ChatUserTable,
  MessageTable,
} from '../db/schema.js';

export type Json = Record<string, unknown>;

export function toUserResponse(row: ChatUserTable): Json {
  return {
    ...(JSON.parse(row.custom) as Json),
    id: row.id,
    role: row.role,
    created_at: row.created_at,
    updated_at: row.updated_at,
    banned: false,
    online: false,
  };
}

export function toChannelResponse(
  row: ChannelTable,
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
    created_by: createdBy,
    frozen: false,
    disabled: false,
    member_count: memberCount,
  };
}

export function toMemberResponse(
  user: Json,
  member: { created_at: string; updated_at: string },
  channelCreatorId: string,
): Json {
  return {
    user_id: user['id'],
    user,
    created_at: member.created_at,
    updated_at: member.updated_at,
    banned: false,
    shadow_banned: false,
    role: user['id'] === channelCreatorId ? 'owner' : 'member',
    channel_role:
      user['id'] === channelCreatorId ? 'channel_moderator' : 'channel_member',
    notifications_muted: false,
  };
}

export function toMessageResponse(row: MessageTable, user: Json): Json {
  return {
    ...(JSON.parse(row.custom) as Json),
    id: row.id,
    text: row.text,
    html: row.text === '' ? '' : `<p>${escapeHtml(row.text)}</p>\n`,
    type: 'regular',
    user,
    cid: row.cid,
    attachments: [],
    latest_reactions: [],
    own_reactions: [],
    reaction_counts: {},
    reaction_scores: {},
    reaction_groups: null,
    reply_count: 0,
    deleted_reply_count: 0,
    mentioned_users: [],
    silent: false,
    pinned: false,
    shadowed: false,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&#34;')
    .replaceAll("'", '&#39;');
}
