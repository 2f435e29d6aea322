/** Channels: created (or read) by the SDK's `channel.create()`. */
import type { Db } from '../db/database.js';
import { runWrite } from '../db/group-commit.js';
import { appendEventsForApp } from './publish.js';
import { ChatInputError } from './errors.js';
import { channelEvent, limitMembers } from './events.js';
import type { Json } from './records.js';
import { requireUsers, viewChannel, type ChannelView } from './store.js';
import { checkUserId } from './users.js';

const CHANNEL_TYPE_PATTERN = /^[\w-]{1,64}$/;
const CHANNEL_ID_PATTERN = /^[\w!-]{1,64}$/;
/** Keys of `data` that are not custom fields of the channel. */
const RESERVED_DATA_KEYS = new Set([
  'created_by', 'created_by_id', 'members', 'id', 'type', 'cid',
  'created_at', 'updated_at', 'member_count', 'config', 'own_capabilities',
  'frozen', 'disabled',
]);

export function channelCid(type: string, id: string): string {
  if (!CHANNEL_TYPE_PATTERN.test(type)) {
    throw new ChatInputError(
      `Invalid channel type "${type}": use letters, digits, "_" or "-".`,
    );
  }
  if (!CHANNEL_ID_PATTERN.test(id)) {
    throw new ChatInputError(
      `Invalid channel id "${id}": use letters, digits, "_", "-" or "!".`,
    );
  }
  return `${type}:${id}`;
}

/**
 * Returns the channel, creating it first when it does not exist. Creating
 * one emits `channel.created`.
 */
export async function getOrCreateChannel(
  db: Db,
  appId: string,
  type: string,
  id: string,
  body: Json,
): Promise<ChannelView> {
  const cid = channelCid(type, id);
  const data = (body['data'] ?? {}) as Json;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ChatInputError('data must be an object of channel fields.');
  }
  return runWrite(db, async (trx) => {
    const existing = await trx
      .selectFrom('channels')
      .selectAll()
      .where('app_id', '=', appId)
      .where('cid', '=', cid)
      .executeTakeFirst();
    if (existing) return viewChannel(trx, existing);

    const createdById = checkUserId(
      findCreatorId(body, data),
      'created_by_id',
    );
    const memberIds = readMemberIds(data['members']);
    const users = await requireUsers(trx, appId,
      [createdById, ...memberIds], 'creating the channel');
    const now = new Date().toISOString();
    const row = {
      app_id: appId,
      cid,
      type,
      id,
      created_by_id: createdById,
      custom: JSON.stringify(customFields(data)),
      created_at: now,
      updated_at: now,
      truncated_at: null,
    };
    await trx.insertInto('channels').values(row).execute();
    if (memberIds.length > 0) {
      await trx
        .insertInto('channel_members')
        .values(
          memberIds.map((userId) => ({
            app_id: appId,
            cid,
            user_id: userId,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
    const view = await viewChannel(trx, row);
    await appendEventsForApp(trx, appId, [
      channelEvent('channel.created', row, {
        channel: view.channel,
        user: users.get(createdById),
        members: limitMembers(view.members),
      }),
    ]);
    return view;
  });
}

function findCreatorId(body: Json, data: Json): unknown {
  const candidates = [
    (body['created_by'] as Json | undefined)?.['id'],
    body['created_by_id'],
    (data['created_by'] as Json | undefined)?.['id'],
    data['created_by_id'],
  ];
  const found = candidates.find((value) => value !== undefined);
  if (found === undefined) {
    throw new ChatInputError(
      'Either data.created_by or data.created_by_id must be provided ' +
        'when creating a channel with server-side authentication.',
    );
  }
  return found;
}

function readMemberIds(members: unknown): string[] {
  if (members === undefined || members === null) return [];
  if (!Array.isArray(members)) {
    throw new ChatInputError('data.members must be a list of user ids.');
  }
  const ids = members.map((member, index) => {
    const value =
      typeof member === 'object' && member !== null
        ? (member as Json)['user_id']
        : member;
    return checkUserId(value, `data.members[${index}]`);
  });
  return [...new Set(ids)];
}

/** Returns the custom fields of a channel's `data`, without reserved keys. */
export function customFields(data: Json): Json {
  return Object.fromEntries(
    Object.entries(data).filter(([key]) => !RESERVED_DATA_KEYS.has(key)),
  );
}
