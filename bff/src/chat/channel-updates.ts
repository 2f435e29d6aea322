/**
 * Changes to a channel's data and members: the SDK's `channel.update()`,
 * `channel.addMembers()` and `channel.removeMembers()`, which all post to
 * the same endpoint.
 */
import type { Transaction } from 'kysely';

import type { Db } from '../db/database.js';
import { runWrite } from '../db/group-commit.js';
import type { Database } from '../db/schema.js';
import { appendEventsForApp } from './publish.js';
import { channelCid, customFields } from './channels.js';
import { ChatInputError } from './errors.js';
import { channelEvent, limitMembers, type OutgoingEvent } from './events.js';
import { readMessage } from './message-input.js';
import { postMessage } from './messages.js';
import { toMemberResponse, type ChannelRow, type Json } from './records.js';
import {
  findUsers,
  getChannel,
  requireUsers,
  viewChannel,
} from './store.js';
import { checkUserId } from './users.js';

export interface ChannelUpdateResult {
  channel: Json;
  members: Json[];
  message?: Json;
}

interface NewMember {
  userId: string;
  channelRole: string | null;
}

/**
 * Applies the request's `data` (replacing the channel's custom fields),
 * `add_members`, `remove_members` and `message`, in one transaction.
 * Emits `member.added` or `member.removed` per member that changed,
 * `message.new` for the message, and `channel.updated` when `data` was
 * sent.
 */
export async function updateChannel(
  db: Db,
  appId: string,
  type: string,
  id: string,
  body: Json,
): Promise<ChannelUpdateResult> {
  const cid = channelCid(type, id);
  const data = readData(body['data']);
  const added = readNewMembers(body['add_members']);
  const removed = readRemovedMembers(body['remove_members']);
  const message =
    body['message'] === undefined || body['message'] === null
      ? null
      : readMessage(body['message']);
  const empty = data === null && message === null &&
    added.length === 0 && removed.length === 0;
  if (empty) {
    throw new ChatInputError(
      'Nothing to update: send data, add_members, remove_members or ' +
        'message.',
    );
  }
  return runWrite(db, async (trx) => {
    let channel = await getChannel(trx, appId, cid);
    const events: OutgoingEvent[] = [];
    if (data !== null) channel = await replaceData(trx, channel, data);
    events.push(...(await addMembers(trx, channel, added)));
    events.push(...(await removeMembers(trx, channel, removed)));
    await appendEventsForApp(trx, appId, events);

    const posted = message === null
      ? undefined
      : await postMessage(trx, channel, message);
    const view = await viewChannel(trx, channel);
    if (data !== null) {
      const actingId = message?.userId ?? actingUserId(body);
      const acting = actingId === undefined
        ? undefined
        : (await requireUsers(trx, appId, [actingId], 'updating channels'))
          .get(actingId);
      await appendEventsForApp(trx, appId, [
        channelEvent('channel.updated', channel, {
          channel: view.channel,
          members: limitMembers(view.members),
          ...(acting === undefined ? {} : { user: acting }),
          ...(posted === undefined ? {} : { message: posted }),
        }),
      ]);
    }
    return {
      channel: view.channel,
      members: view.members,
      ...(posted === undefined ? {} : { message: posted }),
    };
  });
}

async function replaceData(
  trx: Transaction<Database>,
  channel: ChannelRow,
  data: Json,
): Promise<ChannelRow> {
  const changes = {
    custom: JSON.stringify(customFields(data)),
    updated_at: new Date().toISOString(),
  };
  await trx
    .updateTable('channels')
    .set(changes)
    .where('app_id', '=', channel.app_id)
    .where('cid', '=', channel.cid)
    .execute();
  return { ...channel, ...changes };
}

async function addMembers(
  trx: Transaction<Database>,
  channel: ChannelRow,
  added: readonly NewMember[],
): Promise<OutgoingEvent[]> {
  if (added.length === 0) return [];
  const users = await requireUsers(trx, channel.app_id,
    added.map((member) => member.userId), 'adding it to a channel');
  const current = await memberIds(trx, channel);
  const now = new Date().toISOString();
  const rows = added
    .filter((member) => !current.has(member.userId))
    .map((member) => ({
      app_id: channel.app_id,
      cid: channel.cid,
      user_id: member.userId,
      created_at: now,
      updated_at: now,
      channel_role: member.channelRole,
    }));
  if (rows.length === 0) return [];
  await trx.insertInto('channel_members').values(rows).execute();
  return rows.map((row) => {
    const user = users.get(row.user_id) ?? { id: row.user_id };
    return channelEvent('member.added', channel, {
      member: toMemberResponse(user, row, channel.created_by_id),
      user,
    });
  });
}

async function removeMembers(
  trx: Transaction<Database>,
  channel: ChannelRow,
  removed: readonly string[],
): Promise<OutgoingEvent[]> {
  if (removed.length === 0) return [];
  const rows = await trx
    .selectFrom('channel_members')
    .selectAll()
    .where('app_id', '=', channel.app_id)
    .where('cid', '=', channel.cid)
    .where('user_id', 'in', [...removed])
    .orderBy('created_at')
    .execute();
  if (rows.length === 0) return [];
  await trx
    .deleteFrom('channel_members')
    .where('app_id', '=', channel.app_id)
    .where('cid', '=', channel.cid)
    .where('user_id', 'in', rows.map((row) => row.user_id))
    .execute();
  // Deleted users may still be members, so they are looked up as well.
  const users = await findUsers(trx, channel.app_id,
    rows.map((row) => row.user_id));
  return rows.map((row) => {
    const user = users.get(row.user_id) ?? { id: row.user_id };
    return channelEvent('member.removed', channel, {
      member: toMemberResponse(user, row, channel.created_by_id),
      user,
    });
  });
}

async function memberIds(
  trx: Transaction<Database>,
  channel: ChannelRow,
): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('channel_members')
    .select('user_id')
    .where('app_id', '=', channel.app_id)
    .where('cid', '=', channel.cid)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

function actingUserId(body: Json): string | undefined {
  const value = body['user_id'] ?? (body['user'] as Json | undefined)?.['id'];
  return value === undefined ? undefined : checkUserId(value, 'user_id');
}

function readData(value: unknown): Json | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ChatInputError('data must be an object of channel fields.');
  }
  return value as Json;
}

function readNewMembers(value: unknown): NewMember[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new ChatInputError(
      'add_members must be a list of user ids or { user_id } objects.',
    );
  }
  const members = value.map((item, index): NewMember => {
    const field = `add_members[${index}]`;
    if (typeof item !== 'object' || item === null) {
      return { userId: checkUserId(item, field), channelRole: null };
    }
    const role = (item as Json)['channel_role'] ?? null;
    if (role !== null && (typeof role !== 'string' || role === '')) {
      throw new ChatInputError(
        `${field}.channel_role must be a role name such as "channel_member".`,
      );
    }
    return {
      userId: checkUserId((item as Json)['user_id'], `${field}.user_id`),
      channelRole: role,
    };
  });
  const seen = new Set<string>();
  return members.filter((member) => {
    if (seen.has(member.userId)) return false;
    seen.add(member.userId);
    return true;
  });
}

function readRemovedMembers(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new ChatInputError('remove_members must be a list of user ids.');
  }
  const ids = value.map((item, index) =>
    checkUserId(item, `remove_members[${index}]`),
  );
  return [...new Set(ids)];
}
