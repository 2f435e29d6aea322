/**
 * Removal of a channel's messages or of the channel itself: the SDK's
 * `channel.truncate()` and `channel.delete()`.
 */
import type { Db } from '../db/database.js';
import { runWrite } from '../db/group-commit.js';
import type { Executor } from '../outbox/outbox.js';
import { appendEventsForApp } from './publish.js';
import { channelCid } from './channels.js';
import { ChatInputError } from './errors.js';
import { channelEvent, limitMembers, type OutgoingEvent } from './events.js';
import { readMessage } from './message-input.js';
import { postMessage } from './messages.js';
import type { ChannelRow, Json } from './records.js';
import { getChannel, requireUsers, viewChannel } from './store.js';
import { checkUserId } from './users.js';

export interface TruncateResult {
  channel: Json;
  message?: Json;
}

/**
 * Removes (`hard_delete`) or marks deleted the channel's messages created
 * up to `truncated_at` (default now), and emits `channel.truncated`. A
 * `message` in the request is posted afterwards as a system message.
 */
export async function truncateChannel(
  db: Db,
  appId: string,
  type: string,
  id: string,
  body: Json,
): Promise<TruncateResult> {
  const cid = channelCid(type, id);
  const hard = body['hard_delete'] === true;
  const truncatedAt = readTruncatedAt(body['truncated_at']);
  const message =
    body['message'] === undefined || body['message'] === null
      ? null
      : readMessage(body['message']);
  const userIdValue =
    body['user_id'] ?? (body['user'] as Json | undefined)?.['id'];
  const actingId =
    userIdValue === undefined ? undefined : checkUserId(userIdValue, 'user_id');
  return runWrite(db, async (trx) => {
    const found = await getChannel(trx, appId, cid);
    const acting = actingId === undefined
      ? undefined
      : (await requireUsers(trx, appId, [actingId], 'truncating channels'))
        .get(actingId);
    await removeMessages(trx, found, { hard, upTo: truncatedAt });
    const now = new Date().toISOString();
    const changes = { truncated_at: truncatedAt, updated_at: now };
    await trx
      .updateTable('channels')
      .set(changes)
      .where('app_id', '=', appId)
      .where('cid', '=', cid)
      .execute();
    const channel = { ...found, ...changes };
    const view = await viewChannel(trx, channel);
    const event = channelEvent('channel.truncated', channel, {
      channel: view.channel,
      members: limitMembers(view.members),
      ...(acting === undefined ? {} : { user: acting }),
    });
    await appendEventsForApp(trx, appId, [event]);
    if (message === null) return { channel: view.channel };
    const posted = await postMessage(trx, channel, message, 'system');
    return { channel: view.channel, message: posted };
  });
}

/**
 * Deletes the channel with its members, messages and reactions, and emits
 * `channel.deleted`. Creating the same cid later starts a new channel.
 * NOTE: a soft delete (no `hard_delete`) removes the same records. The
 * platform keeps soft-deleted channels' data, which nothing here reads.
 */
export async function deleteChannel(
  db: Db,
  appId: string,
  type: string,
  id: string,
): Promise<Json> {
  const cid = channelCid(type, id);
  return runWrite(db, async (trx) => {
    const row = await getChannel(trx, appId, cid);
    const { channel, event } = await removeChannel(trx, row);
    await appendEventsForApp(trx, appId, [event]);
    return channel;
  });
}

/**
 * Deletes a channel and everything in it, and returns the deleted channel
 * with its `channel.deleted` event for the caller to append.
 */
export async function removeChannel(
  executor: Executor,
  row: ChannelRow,
): Promise<{ channel: Json; event: OutgoingEvent }> {
  const view = await viewChannel(executor, row);
  const channel = { ...view.channel, deleted_at: new Date().toISOString() };
  await removeMessages(executor, row, { hard: true, upTo: null });
  await executor
    .deleteFrom('channel_members')
    .where('app_id', '=', row.app_id)
    .where('cid', '=', row.cid)
    .execute();
  await executor
    .deleteFrom('channels')
    .where('app_id', '=', row.app_id)
    .where('cid', '=', row.cid)
    .execute();
  return { channel, event: channelEvent('channel.deleted', row, { channel }) };
}

/**
 * Deletes, or marks deleted, the channel's messages created up to `upTo`
 * (every message when null), with their reactions when deleting.
 */
async function removeMessages(
  executor: Executor,
  channel: ChannelRow,
  options: { hard: boolean; upTo: string | null },
): Promise<void> {
  const { hard, upTo } = options;
  let selected = executor
    .selectFrom('messages')
    .select('id')
    .where('app_id', '=', channel.app_id)
    .where('cid', '=', channel.cid);
  if (upTo !== null) selected = selected.where('created_at', '<=', upTo);
  if (!hard) {
    await executor
      .updateTable('messages')
      .set({ deleted_at: new Date().toISOString() })
      .where('app_id', '=', channel.app_id)
      .where('deleted_at', 'is', null)
      .where('id', 'in', selected)
      .execute();
    return;
  }
  await executor
    .deleteFrom('reactions')
    .where('app_id', '=', channel.app_id)
    .where('message_id', 'in', selected)
    .execute();
  await executor
    .deleteFrom('messages')
    .where('app_id', '=', channel.app_id)
    .where('id', 'in', selected)
    .execute();
}

function readTruncatedAt(value: unknown): string {
  if (value === undefined || value === null) return new Date().toISOString();
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new ChatInputError(
      `truncated_at ${JSON.stringify(value)} is not a date; send an ISO ` +
        '8601 time such as "2025-01-31T12:00:00.000Z".',
    );
  }
  return new Date(time).toISOString();
}
