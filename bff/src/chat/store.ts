/** Reads of chat records shared by the chat operations. */
import { prepareQuery } from '../db/prepared-query.js';
import type { Executor } from '../outbox/outbox.js';
import { ChatInputError, ChatNotFoundError } from './errors.js';
import {
  toChannelResponse,
  toMemberResponse,
  toUserResponse,
  type ChannelRow,
  type Json,
} from './records.js';

const selectUser = prepareQuery((db, values: { appId: string; id: string }) =>
  db
    .selectFrom('chat_users')
    .selectAll()
    .where('app_id', '=', values.appId)
    .where('id', '=', values.id));

export async function findUsers(
  executor: Executor,
  appId: string,
  ids: readonly string[],
): Promise<Map<string, Json>> {
  if (ids.length === 0) return new Map();
  // One user, the usual case, has a prepared query, since lists vary in length.
  const rows = ids.length === 1
    ? await selectUser.execute(executor, { appId, id: ids[0] as string })
    : await executor
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

const selectChannel = prepareQuery(
  (db, values: { appId: string; cid: string }) =>
    db
      .selectFrom('channels')
      .selectAll()
      .where('app_id', '=', values.appId)
      .where('cid', '=', values.cid),
);

export async function getChannel(
  executor: Executor,
  appId: string,
  cid: string,
): Promise<ChannelRow> {
  const [channel] = await selectChannel.execute(executor, { appId, cid });
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

/**
 * A channel's members, each with its user. Members without a user are left
 * out.
 */
const selectMembers = prepareQuery(
  (db, values: { appId: string; cid: string }) =>
    db
      .selectFrom('channel_members as member')
      .innerJoin('chat_users as user', (join) => join
        .onRef('user.app_id', '=', 'member.app_id')
        .onRef('user.id', '=', 'member.user_id'))
      .selectAll('user')
      .select([
        'member.created_at as member_created_at',
        'member.updated_at as member_updated_at',
        'member.channel_role as member_channel_role',
      ])
      .where('member.app_id', '=', values.appId)
      .where('member.cid', '=', values.cid)
      .orderBy('member.created_at')
      .orderBy('member.user_id'),
);

/** Builds a channel with its members as the API and events show them. */
export async function viewChannel(
  executor: Executor,
  row: ChannelRow,
): Promise<ChannelView> {
  const rows = await selectMembers.execute(executor,
    { appId: row.app_id, cid: row.cid });
  const users = new Map<string, Json>();
  const members = rows.map((member) => {
    const user = toUserResponse(member);
    users.set(member.id, user);
    return toMemberResponse(user, {
      created_at: member.member_created_at,
      updated_at: member.member_updated_at,
      channel_role: member.member_channel_role,
    }, row.created_by_id);
  });
  // The creator is usually a member. A creator who is not is read alone.
  if (!users.has(row.created_by_id)) {
    const creator = await findUsers(executor, row.app_id, [row.created_by_id]);
    for (const [id, user] of creator) users.set(id, user);
  }
  const createdBy = users.get(row.created_by_id) ?? { id: row.created_by_id };
  return {
    channel: toChannelResponse(row, createdBy, members.length),
    members,
  };
}
