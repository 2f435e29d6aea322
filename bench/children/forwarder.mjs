/**
 * The baseline the product is compared with: a forwarder that keeps
 * events in memory only and sends one `SendMessageBatch` at a time. It
 * returns a sent message for each chat SDK `channel.sendMessage`,
 * appends the `message.new` event to an array, and sends the array's
 * front, up to 10 events a call, to `queueUrl`. It checks no token and
 * stores nothing, so a crash loses every event it holds. Until the queue
 * exists, each call fails and is tried again 50 ms later. Takes one JSON
 * argument `{ sqsOrigin, queueUrl }` and prints `origin=<url>`.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';

import { sqsSdk } from '../lib/deps.mjs';
import { localClient } from '../lib/sqs.mjs';

const { SendMessageBatchCommand } = sqsSdk;
const options = JSON.parse(process.argv[2] ?? '{}');
const MESSAGE_PATH = /^\/channels\/([^/]+)\/([^/]+)\/message(?:\?|$)/;
const RETRY_MS = 50;

const client = localClient(options.sqsOrigin);
const waiting = [];
let wake = null;

function user(id, now) {
  return { id, role: 'user', created_at: now, updated_at: now,
    banned: false, online: false };
}

/** Builds the sent message and its event, shaped like the product's. */
function acceptMessage(type, id, body) {
  const now = new Date().toISOString();
  const sender = user(body.message?.user_id ?? body.user_id ?? 'unknown',
    now);
  const message = {
    id: randomUUID(), text: body.message?.text ?? '', type: 'regular',
    user: sender, cid: `${type}:${id}`, attachments: [],
    latest_reactions: [], own_reactions: [], reaction_counts: {},
    reply_count: 0, mentioned_users: [], silent: false, pinned: false,
    created_at: now, updated_at: now,
  };
  const event = {
    type: 'message.new', id: randomUUID(), cid: message.cid,
    channel_id: id, channel_type: type, created_at: now,
    message_id: message.id, message, user: sender, watcher_count: 0,
  };
  waiting.push(Buffer.from(JSON.stringify(event), 'utf8')
    .toString('base64'));
  wake?.();
  return message;
}

async function sendLoop() {
  for (;;) {
    if (waiting.length === 0) {
      await new Promise((resolve) => { wake = resolve; });
      wake = null;
      continue;
    }
    const batch = waiting.slice(0, 10);
    try {
      const output = await client.send(new SendMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: batch.map((body, index) => ({
          Id: `e${index}`,
          MessageBody: body,
          MessageAttributes: {
            event_type: { DataType: 'String', StringValue: 'message.new' },
          },
        })),
      }));
      const failed = new Set((output.Failed ?? []).map((entry) => entry.Id));
      waiting.splice(0, batch.length,
        ...batch.filter((_, index) => failed.has(`e${index}`)));
    } catch {
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const match = request.method === 'POST'
      ? MESSAGE_PATH.exec(request.url ?? '') : null;
    if (match === null) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"message":"not found"}');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    const message = acceptMessage(decodeURIComponent(match[1]),
      decodeURIComponent(match[2]), body);
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message, duration: '0.01ms' }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`origin=http://127.0.0.1:${server.address().port}\n`);
});
void sendLoop();

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('disconnect', stop);
