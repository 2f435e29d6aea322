/** Reads of chat records shared by the chat operations. */
import type { Executor } from '../outbox/outbox.js';
import { ChatNotFoundError } from './errors.js';
import {
  toChannelResponse,
  toMemberResponse,
  toUserResponse,
  type Json,
} from './records.js';
import type { ChannelTable } from '../db/schema.js';

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

export async function getChannel(
  executor: Executor,
  appId: string,
  cid: string,
): Promise<ChannelTable> {
  const channel = await executor
    .selectFrom('channels')
    .selectAll()
    .where('app_id', '=', appId)
    .where('cid', '=', cid)
    .executeTakeFirst();
  if (!channel) throw new ChatNotFoundError(`Channel "${cid}" not found.`);
  return channel;
}

export interface ChannelView {
  channel: Json;
  members: Json[];
}

/** Builds a channel with its members as the API and events show them. */
export async function viewChannel(
  executor: Executor,
  row: ChannelTable,
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
