/**
 * The load generator, in its own process so that it shares no event loop
 * with the servers it measures. Takes one JSON argument `{ mode, ... }`,
 * runs that load, and prints its result as a last line `result=<json>`.
 *
 * Modes:
 * - `sqs-batch`: `SendMessageBatch` of 10 entries, `inFlight` calls at once.
 * - `sqs-naive`: one awaited `SendMessage` per event.
 * - `sdk-burst`: the chat SDK's `channel.sendMessage`, `inFlight` at once,
 *   for `count` messages or for `seconds`.
 * - `sdk-rate`: the same call at a fixed `rate` per second for `seconds`.
 * The SQS modes first run the same loop for `warmupSeconds` unmeasured.
 */
import { sqsSdk, StreamChat } from '../lib/deps.mjs';
import { messageNewBody } from '../lib/fixture.mjs';
import { localClient } from '../lib/sqs.mjs';

const { SendMessageBatchCommand, SendMessageCommand } = sqsSdk;
const options = JSON.parse(process.argv[2] ?? '{}');

function entry(index) {
  return {
    Id: `e${index}`,
    MessageBody: messageNewBody(),
    MessageAttributes: {
      event_type: { DataType: 'String', StringValue: 'message.new' },
    },
  };
}

/** Returns the CPU time, user and system, used since `before`. */
function cpuSecondsSince(before) {
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / 1e6;
}

/** Runs `worker` on `inFlight` loops until `untilMs`; returns calls made. */
async function loopUntil(untilMs, inFlight, worker) {
  let calls = 0;
  const loop = async () => {
    while (Date.now() < untilMs) {
      await worker();
      calls += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  return calls;
}

async function timedSqsLoop(inFlight, makeCall, entriesPerCall) {
  const client = localClient(options.origin);
  const warmupEnd = Date.now() + options.warmupSeconds * 1000;
  await loopUntil(warmupEnd, inFlight, makeCall(client));
  const startMs = Date.now();
  const cpuBefore = process.cpuUsage();
  const calls = await loopUntil(startMs + options.seconds * 1000, inFlight,
    makeCall(client));
  const measuredCpuSeconds = cpuSecondsSince(cpuBefore);
  const seconds = (Date.now() - startMs) / 1000;
  client.destroy();
  const events = calls * entriesPerCall;
  return { events, seconds, rate: events / seconds, measuredCpuSeconds };
}

function sqsBatch() {
  return timedSqsLoop(options.inFlight, (client) => async () => {
    const output = await client.send(new SendMessageBatchCommand({
      QueueUrl: options.queueUrl,
      Entries: Array.from({ length: 10 }, (_, index) => entry(index)),
    }));
    if ((output.Failed ?? []).length > 0) throw new Error('Entries failed.');
  }, 10);
}

function sqsNaive() {
  return timedSqsLoop(1, (client) => async () => {
    await client.send(new SendMessageCommand({
      QueueUrl: options.queueUrl,
      ...entry(0),
      Id: undefined,
    }));
  }, 1);
}

function chatChannels() {
  const client = new StreamChat(options.apiKey, options.apiSecret, {
    baseURL: options.baseUrl,
    timeout: 60_000,
  });
  return options.channelIds.map((id) => client.channel('messaging', id));
}

/** Sends one message, counting failures instead of stopping. */
function messageSender(channels, stats) {
  let next = 0;
  return async () => {
    const channel = channels[next % channels.length];
    next += 1;
    try {
      await channel.sendMessage({ text: `bench ${next}`,
        user_id: options.userId });
      stats.sent += 1;
    } catch (err) {
      stats.failed += 1;
      stats.lastError = String(err?.message ?? err).slice(0, 300);
    }
  };
}

async function sdkBurst() {
  const channels = chatChannels();
  const stats = { sent: 0, failed: 0, lastError: null };
  const send = messageSender(channels, stats);
  if (options.warmupSeconds > 0) {
    await loopUntil(Date.now() + options.warmupSeconds * 1000,
      options.inFlight, send);
    Object.assign(stats, { sent: 0, failed: 0 });
  }
  const startMs = Date.now();
  const cpuBefore = process.cpuUsage();
  if (options.count !== undefined) {
    let started = 0;
    const loop = async () => {
      while (started < options.count) {
        started += 1;
        await send();
      }
    };
    await Promise.all(Array.from({ length: options.inFlight }, loop));
  } else {
    await loopUntil(startMs + options.seconds * 1000, options.inFlight, send);
  }
  const endMs = Date.now();
  const measuredCpuSeconds = cpuSecondsSince(cpuBefore);
  const seconds = (endMs - startMs) / 1000;
  return { ...stats, startMs, endMs, seconds, rate: stats.sent / seconds,
    measuredCpuSeconds };
}

/**
 * Sends at a fixed rate, open loop: a slow response delays no later send.
 * When two seconds' worth of requests are already waiting for a response,
 * the server is behind, and a due message is skipped and counted.
 */
async function sdkRate() {
  const channels = chatChannels();
  const stats = { sent: 0, failed: 0, skipped: 0, lastError: null };
  const send = messageSender(channels, stats);
  const total = Math.round(options.rate * options.seconds);
  const maxWaiting = options.rate * 2;
  const pending = [];
  const startMs = Date.now();
  let started = 0;
  while (started < total) {
    const dueCount = Math.min(total,
      Math.floor(((Date.now() - startMs) / 1000) * options.rate) + 1);
    while (started < dueCount) {
      started += 1;
      const waiting = started - stats.sent - stats.failed - stats.skipped;
      if (waiting > maxWaiting) stats.skipped += 1;
      else pending.push(send());
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  return { ...stats, startMs, endMs: Date.now(), total };
}

const modes = {
  'sqs-batch': sqsBatch,
  'sqs-naive': sqsNaive,
  'sdk-burst': sdkBurst,
  'sdk-rate': sdkRate,
};
const run = modes[options.mode];
if (run === undefined) throw new Error(`Unknown mode "${options.mode}".`);
const result = await run();
process.stdout.write(`result=${JSON.stringify(result)}\n`);
process.exit(0);
