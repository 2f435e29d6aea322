/** Reads of chat records shared by the chat operations. */
import type { Executor } from '../outbox/outbox.js';
import { ChatInputError, ChatNotFoundError } from './errors.js';
import {
  toChannelResponse,
  toMemberResponse,
  toUserResponse,
  type ChannelRow,
  type Json,
} from './records.js';

export async function findUsers(
  executor: Executor,
  appId: string,
  ids: readonly string[],
): Promise<Map<string, Json>> {
  if (ids.length === 0) return new Map();
  const rows = await executor
    .selectFrom('chat_users')
    .selectAll()
    .where('app_id', '=', appId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, toUserResponse(row)]));
}

/**
 * Returns the users that a write acts as or on. Rejects, as invalid input,
 * ids of users that do not exist or were deleted.
 */
export async function requireUsers(
  executor: Executor,
  appId: string,
  ids: readonly string[],
  purpose: string,
): Promise<Map<string, Json>> {
  const unique = [...new Set(ids)];
  const users = await findUsers(executor, appId, unique);
  const missing = unique.filter((id) => !users.has(id));
  if (missing.length > 0) {
    throw new ChatInputError(
      `User ${missing.map((id) => `"${id}"`).join(', ')} not found; ` +
        `create it with upsertUsers before ${purpose}.`,
    );
  }
  const deleted = unique.filter((id) => users.get(id)?.['deleted_at']);
  if (deleted.length > 0) {
    throw new ChatInputError(
      `User ${deleted.map((id) => `"${id}"`).join(', ')} was deleted; ` +
        `use an active user for ${purpose}.`,
    );
  }
  return users;
}

export async function getChannel(
  executor: Executor,
  appId: string,
  cid: string,
): Promise<ChannelRow> {
  const channel = await executor
    .selectFrom('channels')
    .selectAll()
    .where('app_id', '=', appId)
    .where('cid', '=', cid)
    .executeTakeFirst();
  if (!channel) {
    throw new ChatNotFoundError(
      `Channel "${cid}" not found; create it with channel.create() first.`,
    );
  }
  return channel;
}

export interface ChannelView {
  channel: Json;
  members: Json[];
}

/** Builds a channel with its members as the API and events show them. */
export async function viewChannel(
  executor: Executor,
  row: ChannelRow,
): Promise<ChannelView> {
  const memberRows = await executor
    .selectFrom('channel_members')
    .selectAll()
    .where('app_id', '=', row.app_id)
    .where('cid', '=', row.cid)
    .orderBy('created_at')
    .orderBy('user_id')
    .execute();
  const users = await findUsers(executor, row.app_id, [
    row.created_by_id,
    ...memberRows.map((member) => member.user_id),
  ]);
  const members = memberRows.flatMap((member) => {
    const user = users.get(member.user_id);
    return user ? [toMemberResponse(user, member, row.created_by_id)] : [];
  });
  const createdBy = users.get(row.created_by_id) ?? { id: row.created_by_id };
  return {
    channel: toChannelResponse(row, createdBy, members.length),
    members,
  };
}
