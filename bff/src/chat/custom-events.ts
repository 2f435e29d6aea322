/** Custom events on a channel: the SDK's `channel.sendEvent()`. */
import type { Db } from '../db/database.js';
import { runWrite } from '../db/group-commit.js';
import { appendEventsForApp } from './publish.js';
import { channelCid } from './channels.js';
import { ChatInputError } from './errors.js';
import { channelEvent } from './events.js';
import type { Json } from './records.js';
import { getChannel, requireUsers } from './store.js';
import { checkUserId } from './users.js';

const MAX_EVENT_TYPE_LENGTH = 255;
/**
 * Event types that only the server itself emits. `typing.start` and
 * `typing.stop` are left out because the SDK sends them through
 * `sendEvent` too.
 * NOTE: the platform's own list of rejected types is not documented, so
 * this list covers the events of its SQS docs and may differ from it.
 */
const BUILT_IN_EVENT_TYPES = new Set([
  'message.new', 'message.updated', 'message.deleted', 'message.read',
  'reaction.new', 'reaction.updated', 'reaction.deleted',
  'member.added', 'member.updated', 'member.removed',
  'channel.created', 'channel.updated', 'channel.deleted',
  'channel.truncated', 'channel.hidden', 'channel.visible',
  'user.updated', 'user.deleted', 'user.deactivated', 'user.reactivated',
  'user.banned', 'user.unbanned', 'health.check', 'sqs.test',
]);
/** Keys of the request's event that the server sets itself. */
const SERVER_KEYS = new Set([
  'id', 'type', 'cid', 'channel_id', 'channel_type', 'created_at', 'user',
  'user_id',
]);

/**
 * Emits the caller's event on the channel, as the user named by `user_id`
 * or `user.id`, with the caller's custom fields, and returns it.
 */
export async function sendCustomEvent(
  db: Db,
  appId: string,
  type: string,
  id: string,
  body: Json,
): Promise<Json> {
  const cid = channelCid(type, id);
  const input = body['event'];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ChatInputError('event must be an object with type and user_id.');
  }
  const fields = input as Json;
  const eventType = readEventType(fields['type']);
  const userId = checkUserId(
    fields['user_id'] ?? (fields['user'] as Json | undefined)?.['id'],
    'event.user_id',
  );
  const custom = Object.fromEntries(
    Object.entries(fields).filter(([key]) => !SERVER_KEYS.has(key)),
  );
  return runWrite(db, async (trx) => {
    const channel = await getChannel(trx, appId, cid);
    const users = await requireUsers(trx, appId, [userId],
      'sending events as it');
    const event = channelEvent(eventType, channel, {
      ...custom,
      user: users.get(userId),
    });
    await appendEventsForApp(trx, appId, [event]);
    return event;
  });
}

function readEventType(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    value.length > MAX_EVENT_TYPE_LENGTH
  ) {
    throw new ChatInputError(
      `event.type ${JSON.stringify(value)} is invalid: use a name of 1 to ` +
        `${MAX_EVENT_TYPE_LENGTH} characters, such as "friendship_request".`,
    );
  }
  if (BUILT_IN_EVENT_TYPES.has(value)) {
    throw new ChatInputError(
      `event.type "${value}" is a built-in event that only the server ` +
        'emits; choose a custom name such as "friendship_request".',
    );
  }
  return value;
}
