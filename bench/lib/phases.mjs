/**
 * The seven measurements. Each takes the run's context and returns plain
 * numbers for the report; none keeps state between runs.
 */
import {
  cpuSeconds,
  residentBytes,
  runLoad,
  startNode,
  stopChild,
  waitForOutput,
} from './processes.mjs';
import { startServer } from './server.mjs';
import {
  countMessages,
  createQueue,
  purgeQueue,
  queueUrlOf,
  receiveAll,
  waitForCount,
} from './sqs.mjs';

/** Requests of the chat SDK in flight at once in burst runs. */
const SDK_IN_FLIGHT = 32;
/** `SendMessageBatch` calls in flight at once in the SQS ceiling run. */
const SQS_IN_FLIGHT = 8;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function microsecondsPerEvent(seconds, events) {
  return Math.round((seconds * 1e6) / events);
}

/**
 * Starts counting the CPU time of the named processes. `perEvent(n)`
 * returns each one's microseconds per event over `n` events.
 */
function startCpuCount(pids) {
  const start = Object.fromEntries(Object.entries(pids)
    .map(([name, pid]) => [name, cpuSeconds(pid)]));
  return {
    perEvent: (events) => Object.fromEntries(Object.entries(pids)
      .map(([name, pid]) => [name,
        microsecondsPerEvent(cpuSeconds(pid) - start[name], events)])),
  };
}

function checkNoFailures(result, phase) {
  if (result.failed > 0) {
    throw new Error(`${phase}: ${result.failed} requests failed; last error: ` +
      result.lastError);
  }
}

export async function sqsCeiling({ sqsOrigin, sqs, config }) {
  const queueUrl = await createQueue(sqs, 'ceiling');
  const result = await runLoad({ mode: 'sqs-batch', origin: sqsOrigin,
    queueUrl, inFlight: SQS_IN_FLIGHT, seconds: config.ceilingSeconds,
    warmupSeconds: config.warmupSeconds });
  await purgeQueue(sqs, queueUrl);
  return { rate: result.rate, inFlight: SQS_IN_FLIGHT,
    loadCpuPerEvent: microsecondsPerEvent(result.measuredCpuSeconds,
      result.events) };
}

export async function naive({ sqsOrigin, sqs, config }) {
  const queueUrl = await createQueue(sqs, 'naive');
  const result = await runLoad({ mode: 'sqs-naive', origin: sqsOrigin,
    queueUrl, seconds: config.ceilingSeconds,
    warmupSeconds: config.warmupSeconds });
  await purgeQueue(sqs, queueUrl);
  return { rate: result.rate };
}

/**
 * Returns the SDK load's settings for a server that checks no token and
 * stores no channel: the do-nothing server and the bare forwarder.
 */
function unauthenticatedLoad(baseUrl) {
  return { baseUrl, apiKey: 'bench', apiSecret: 'bench-secret',
    userId: 'bench-alice',
    channelIds: Array.from({ length: 16 }, (_, i) => `bench-${i}`) };
}

export async function apiCeiling({ config }) {
  const child = startNode('bench/children/null-api.mjs');
  const [, origin] = await waitForOutput(child, /^origin=(\S+)$/m);
  try {
    const result = await runLoad({ mode: 'sdk-burst',
      ...unauthenticatedLoad(origin),
      inFlight: SDK_IN_FLIGHT, seconds: config.ceilingSeconds,
      warmupSeconds: config.warmupSeconds });
    checkNoFailures(result, 'API ceiling');
    return { rate: result.rate, inFlight: SDK_IN_FLIGHT,
      loadCpuPerEvent: microsecondsPerEvent(result.measuredCpuSeconds,
        result.sent) };
  } finally {
    await stopChild(child);
  }
}

/** Starts the in-memory forwarder (`children/forwarder.mjs`) for a queue. */
async function startForwarder(sqsOrigin, queueUrl) {
  const child = startNode('bench/children/forwarder.mjs',
    [JSON.stringify({ sqsOrigin, queueUrl })]);
  const [, origin] = await waitForOutput(child, /^origin=(\S+)$/m);
  return { child, load: unauthenticatedLoad(origin) };
}

/**
 * Runs the baseline of measurements 4 and 5: the same drain and
 * end-to-end runs against a forwarder that keeps events in memory only
 * and sends one batch at a time.
 */
export async function forwarder({ sqsOrigin, sqs, config }) {
  const drainUrl = queueUrlOf(sqsOrigin, 'forwarder-drain');
  const drainer = await startForwarder(sqsOrigin, drainUrl);
  let drain;
  try {
    const fill = await runLoad({ mode: 'sdk-burst', ...drainer.load,
      inFlight: SDK_IN_FLIGHT, count: config.drainEvents });
    checkNoFailures(fill, 'Forwarder backlog fill');
    await createQueue(sqs, 'forwarder-drain');
    const cpu = startCpuCount({ forwarder: drainer.child.pid });
    const startMs = Date.now();
    const endMs = await waitForCount(sqs, drainUrl, fill.sent);
    drain = { events: fill.sent,
      rate: fill.sent / ((endMs - startMs) / 1000),
      cpuPerEvent: cpu.perEvent(fill.sent) };
    await purgeQueue(sqs, drainUrl);
  } finally {
    await stopChild(drainer.child);
  }

  const queueUrl = await createQueue(sqs, 'forwarder-e2e');
  const sender = await startForwarder(sqsOrigin, queueUrl);
  try {
    const cpu = startCpuCount({ forwarder: sender.child.pid });
    const load = await runLoad({ mode: 'sdk-burst', ...sender.load,
      inFlight: SDK_IN_FLIGHT, count: config.endToEndEvents });
    checkNoFailures(load, 'Forwarder end to end');
    const endMs = await waitForCount(sqs, queueUrl, load.sent);
    const endToEnd = { events: load.sent, apiRate: load.rate,
      rate: load.sent / ((endMs - load.startMs) / 1000),
      cpuPerEvent: { ...cpu.perEvent(load.sent),
        load: microsecondsPerEvent(load.measuredCpuSeconds, load.sent) } };
    await purgeQueue(sqs, queueUrl);
    return { drain, endToEnd };
  } finally {
    await stopChild(sender.child);
  }
}

/**
 * Fills an app's outbox while its queue does not exist (delivery pauses),
 * then creates the queue and updates the settings, and times the drain.
 */
export async function backlogDrain(
  { sqsOrigin, sqsPid, sqs, server, config },
) {
  const app = await server.createApp('drain');
  const missingUrl = queueUrlOf(sqsOrigin, 'drain');
  await app.setQueue(missingUrl);
  const fill = await runLoad({ mode: 'sdk-burst', ...app.load,
    inFlight: SDK_IN_FLIGHT, count: config.drainEvents });
  checkNoFailures(fill, 'Backlog fill');
  await sleep(500);
  const queueUrl = await createQueue(sqs, 'drain');
  if (await countMessages(sqs, queueUrl) !== 0) {
    throw new Error('Events reached the drain queue before it existed.');
  }
  const cpu = startCpuCount({ server: server.pid, sqs: sqsPid });
  const loopBefore = await server.loopActiveSeconds();
  const startMs = Date.now();
  await app.setQueue(queueUrl);
  const endMs = await waitForCount(sqs, queueUrl, fill.sent);
  const cpuPerEvent = cpu.perEvent(fill.sent);
  const loopBusyShare = (await server.loopActiveSeconds() - loopBefore) /
    ((endMs - startMs) / 1000);
  await purgeQueue(sqs, queueUrl);
  return { events: fill.sent, fillRate: fill.rate,
    rate: fill.sent / ((endMs - startMs) / 1000), cpuPerEvent,
    loopBusyShare };
}

/** Times SDK requests from the first one to the last event in the queue. */
export async function endToEnd({ sqsPid, sqs, server, config }) {
  const app = await server.createApp('e2e');
  const queueUrl = await createQueue(sqs, 'e2e');
  await app.setQueue(queueUrl);
  const cpu = startCpuCount({ server: server.pid, sqs: sqsPid });
  // The server idles while the load generator starts, so its busy time
  // from here on is that of the measured interval.
  const loopBefore = await server.loopActiveSeconds();
  const load = await runLoad({ mode: 'sdk-burst', ...app.load,
    inFlight: SDK_IN_FLIGHT, count: config.endToEndEvents });
  checkNoFailures(load, 'End to end');
  const endMs = await waitForCount(sqs, queueUrl, load.sent);
  const cpuPerEvent = {
    ...cpu.perEvent(load.sent),
    load: microsecondsPerEvent(load.measuredCpuSeconds, load.sent),
  };
  const loopBusyShare = (await server.loopActiveSeconds() - loopBefore) /
    ((endMs - load.startMs) / 1000);
  await purgeQueue(sqs, queueUrl);
  return { events: load.sent, apiRate: load.rate,
    rate: load.sent / ((endMs - load.startMs) / 1000), cpuPerEvent,
    loopBusyShare };
}

function percentile(sorted, fraction) {
  const index = Math.min(sorted.length - 1,
    Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/** Sends at `rate` per second; latency is `created_at` to `SentTimestamp`. */
export async function latencyAt(rate, { sqs, server, config }) {
  const app = await server.createApp(`latency-${rate}`);
  const queueUrl = await createQueue(sqs, `latency-${rate}`);
  await app.setQueue(queueUrl);
  const load = await runLoad({ mode: 'sdk-rate', ...app.load, rate,
    seconds: config.latencySeconds });
  await waitForCount(sqs, queueUrl, load.sent);
  const received = await receiveAll(sqs, queueUrl, load.sent);
  await purgeQueue(sqs, queueUrl);
  const latencies = received
    .map(({ sentMs, event }) => sentMs - Date.parse(event.created_at))
    .sort((a, b) => a - b);
  return {
    rate,
    requested: load.total,
    failed: load.failed,
    skipped: load.skipped,
    events: latencies.length,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1],
  };
}

/**
 * Samples the resident memory of a fresh server every 500 ms, and its V8
 * heap every 5 s, while `memoryEvents` accumulate (queue missing) and then
 * drain. The queue is purged every 2 s so that the SQS server's own
 * memory stays small.
 */
export async function memory({ sqsOrigin, sqs, config, log }) {
  const server = await startServer({ sqsOrigin });
  const samples = [];
  const heapSamples = [];
  let phase = 'idle';
  const sampler = setInterval(() => {
    samples.push({ phase, bytes: residentBytes(server.pid) });
  }, 500);
  const heapSampler = setInterval(() => {
    const current = phase;
    server.heapBytes().then((bytes) => heapSamples.push({ phase: current, bytes }),
      () => {});
  }, 5000);
  try {
    const app = await server.createApp('memory');
    await app.setQueue(queueUrlOf(sqsOrigin, 'memory'));
    await sleep(1000);
    phase = 'accumulate';
    const fill = await runLoad({ mode: 'sdk-burst', ...app.load,
      inFlight: SDK_IN_FLIGHT, count: config.memoryEvents,
      timeoutSeconds: 3600 });
    checkNoFailures(fill, 'Memory fill');
    log(`memory: ${fill.sent} events waiting; draining`);
    const queueUrl = await createQueue(sqs, 'memory');
    phase = 'drain';
    const sentBefore = await server.sentTotal();
    const startMs = Date.now();
    await app.setQueue(queueUrl);
    while (await server.sentTotal() - sentBefore < fill.sent) {
      await purgeQueue(sqs, queueUrl);
      await sleep(2000);
    }
    const drainSeconds = (Date.now() - startMs) / 1000;
    await purgeQueue(sqs, queueUrl);
    return summarizeMemory(samples, heapSamples, {
      events: fill.sent,
      fillRate: fill.rate,
      drainRate: fill.sent / drainSeconds,
    });
  } finally {
    clearInterval(sampler);
    clearInterval(heapSampler);
    await server.stop();
  }
}

/** Share of the fill counted as warm-up in the spread after warm-up. */
const WARMUP_SHARE = 0.1;

function summarizeMemory(samples, heapSamples, rates) {
  const mib = (bytes) => bytes / 1_048_576;
  const of = (list, phase) => list.filter((s) => s.phase === phase)
    .map((s) => mib(s.bytes));
  const accumulate = of(samples, 'accumulate');
  const drain = of(samples, 'drain');
  const all = [...accumulate, ...drain];
  const warm = [
    ...accumulate.slice(Math.floor(accumulate.length * WARMUP_SHARE)),
    ...drain,
  ];
  const heap = [...of(heapSamples, 'accumulate'), ...of(heapSamples, 'drain')];
  return {
    ...rates,
    startMiB: accumulate[0],
    warmMiB: warm[0],
    accumulatePeakMiB: Math.max(...accumulate),
    drainPeakMiB: Math.max(...drain),
    endMiB: drain[drain.length - 1],
    spreadMiB: Math.max(...all) - Math.min(...all),
    warmSpreadMiB: Math.max(...warm) - Math.min(...warm),
    heapPeakMiB: heap.length === 0 ? null : Math.max(...heap),
  };
}
