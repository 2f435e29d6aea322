/**
 * The server under test: the built `bff/dist/main.js` in its own process,
 * with a fresh data folder, and apps made with the built CLI.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { SERVER_NODE_FLAGS } from '../../scripts/server-flags.mjs';
import { ROOT, StreamChat } from './deps.mjs';
import { startNode, stopChild, waitForFileLine } from './processes.mjs';

export const USER_ID = 'bench-alice';
const OTHER_USER_ID = 'bench-bob';
const CHANNELS = 16;

/** Starts the server; `nodeArgs` such as `--cpu-prof` go to its Node. */
export async function startServer({ sqsOrigin, nodeArgs = [] }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqs-bridge-bench-'));
  const logFile = path.join(dataDir, 'server.log');
  // The per-app request limit is off: the benchmark measures throughput.
  const env = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1',
    SQS_ALLOWED_ENDPOINTS: sqsOrigin, CHAT_API_LIMIT_PER_MINUTE: '0' };
  const child = startNode('bff/dist/main.js', [], { env, logFile,
    nodeArgs: [...SERVER_NODE_FLAGS, ...nodeArgs] });
  const match = await waitForFileLine(logFile,
    /Dashboard: http:\/\/127\.0\.0\.1:(\d+)\//, child);
  const baseUrl = `http://127.0.0.1:${match[1]}`;
  return {
    baseUrl,
    pid: child.pid,
    dataDir,
    createApp: (name) => createApp({ dataDir, env, baseUrl, name }),
    /** Returns the V8 heap's size (`nodejs_heap_size_total_bytes`). */
    heapBytes: async () =>
      await readMetric(baseUrl, 'nodejs_heap_size_total_bytes') ?? 0,
    /** Returns the seconds the server's event loop has spent busy. */
    loopActiveSeconds: async () =>
      await readMetric(baseUrl,
        'sqs_bridge_event_loop_active_seconds_total') ?? Number.NaN,
    sentTotal: async () =>
      await readMetric(baseUrl, 'sqs_bridge_events_sent_total') ?? 0,
    async stop() {
      await stopChild(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Returns the value of an unlabelled metric from `/metrics`, if present. */
async function readMetric(baseUrl, name) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const found = text.match(new RegExp(`^${name} (\\S+)$`, 'm'));
  return found ? Number(found[1]) : undefined;
}

/**
 * Creates an app with the CLI, its two users and its channels through the
 * SDK, and returns what a load run needs. No queue is set yet, so the
 * set-up emits no events.
 */
async function createApp({ dataDir, env, baseUrl, name }) {
  const output = execFileSync(process.execPath,
    ['bff/dist/cli/main.js', 'apps', 'create', '--name', name, '--json'],
    { cwd: ROOT, env: { ...process.env, ...env, DATA_DIR: dataDir } });
  const { api_key: apiKey, api_secret: apiSecret } = JSON.parse(
    output.toString('utf8').trim().split('\n').pop());
  const client = new StreamChat(apiKey, apiSecret, { baseURL: baseUrl });
  await client.upsertUsers([{ id: USER_ID }, { id: OTHER_USER_ID }]);
  const channelIds = [];
  for (let index = 0; index < CHANNELS; index++) {
    const id = `${name}-${index}`;
    await client.channel('messaging', id, {
      created_by_id: USER_ID,
      members: [USER_ID, OTHER_USER_ID],
    }).create();
    channelIds.push(id);
  }
  return {
    load: { baseUrl, apiKey, apiSecret, channelIds, userId: USER_ID },
    /** Points the app at a queue; the server wakes its delivery. */
    setQueue: (queueUrl) => client.updateAppSettings({ sqs_url: queueUrl }),
  };
}
