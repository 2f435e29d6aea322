/**
 * A `message.new` event shaped as the server builds it for a channel of
 * two members, for the runs that send to SQS directly.
 */
import { randomUUID } from 'node:crypto';

function user(id, now) {
  return { id, role: 'user', created_at: now, updated_at: now,
    banned: false, online: false };
}

/** Returns the SQS message body of a fresh `message.new` event. */
export function messageNewBody() {
  const now = new Date().toISOString();
  const alice = user('bench-alice', now);
  const messageId = randomUUID();
  const event = {
    type: 'message.new',
    id: randomUUID(),
    cid: 'messaging:bench-0',
    channel_id: 'bench-0',
    channel_type: 'messaging',
    created_at: now,
    message_id: messageId,
    message: {
      id: messageId, text: 'Hello from the benchmark', type: 'regular',
      user: alice, attachments: [], mentioned_users: [], reply_count: 0,
      created_at: now, updated_at: now,
    },
    user: alice,
    members: [
      { user_id: alice.id, user: alice, created_at: now, updated_at: now },
      { user_id: 'bench-bob', user: user('bench-bob', now),
        created_at: now, updated_at: now },
    ],
    channel_member_count: 2,
    watcher_count: 0,
  };
  return Buffer.from(JSON.stringify(event), 'utf8').toString('base64');
}
