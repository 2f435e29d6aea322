#!/usr/bin/env node
/**
 * `npm run bench`: measures the product against the local SQS server on
 * this machine and writes BENCHMARKS.md. Every server and load generator
 * is a child process on 127.0.0.1; all stop when the run ends.
 *
 * Options (each also an environment variable):
 *   --label NAME            results name in BENCHMARKS.md (BENCH_LABEL, "latest")
 *   --quick                 a smoke run of small sizes; not written to BENCHMARKS.md
 *   --only LIST             measurements to run, comma-separated:
 *                           sqs,api,naive,forwarder,drain,e2e,latency,memory
 *                           (BENCH_ONLY)
 *   --drain-events N        backlog drained in measurement 4 (BENCH_DRAIN_EVENTS, 50000)
 *   --e2e-events N          messages of measurement 5 (BENCH_E2E_EVENTS, 40000)
 *   --memory-events N       backlog of measurement 7 (BENCH_MEMORY_EVENTS, 1000000)
 *   --ceiling-seconds S     measured time of runs 1 to 3 (BENCH_CEILING_SECONDS, 10)
 *   --warmup-seconds S      unmeasured warm-up before runs 1 to 3 (BENCH_WARMUP_SECONDS, 5)
 *   --latency-seconds S     duration of each fixed rate (BENCH_LATENCY_SECONDS, 10)
 *   --wait-idle S           wait up to S seconds for idle CPUs first (BENCH_WAIT_IDLE, 60)
 *   --cpu-prof              write CPU profiles of the server to bench/profiles/
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { ROOT } from './lib/deps.mjs';
import { startLoadCount, waitForIdle } from './lib/machine-load.mjs';
import * as phases from './lib/phases.mjs';
import { startNode, stopAll, waitForOutput } from './lib/processes.mjs';
import { renderRun, saveRun } from './lib/report.mjs';
import { startServer } from './lib/server.mjs';
import { localClient } from './lib/sqs.mjs';

const ALL = ['sqs', 'api', 'naive', 'forwarder', 'drain', 'e2e', 'latency',
  'memory'];
const LATENCY_RATES = [50, 200, 1000];

const DEFAULTS = {
  drainEvents: 50_000, endToEndEvents: 40_000, memoryEvents: 1_000_000,
  ceilingSeconds: 10, warmupSeconds: 5, latencySeconds: 10,
};
const QUICK = {
  drainEvents: 5_000, endToEndEvents: 4_000, memoryEvents: 20_000,
  ceilingSeconds: 3, warmupSeconds: 2, latencySeconds: 3,
};

function readConfig() {
  const { values } = parseArgs({ options: {
    label: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'drain-events': { type: 'string' },
    'e2e-events': { type: 'string' },
    'memory-events': { type: 'string' },
    'ceiling-seconds': { type: 'string' },
    'warmup-seconds': { type: 'string' },
    'latency-seconds': { type: 'string' },
    'wait-idle': { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  } });
  const env = process.env;
  const base = values.quick || env.BENCH_QUICK === '1' ? QUICK : DEFAULTS;
  const number = (flag, variable, fallback) => {
    const text = values[flag] ?? env[variable];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`--${flag} must be a positive number, got "${text}".`);
    }
    return value;
  };
  const only = (values.only ?? env.BENCH_ONLY ?? ALL.join(',')).split(',');
  const unknown = only.filter((name) => !ALL.includes(name));
  if (unknown.length > 0) {
    throw new Error(`--only: unknown measurement ${unknown.join(', ')}; ` +
      `use ${ALL.join(',')}.`);
  }
  return {
    label: values.label ?? env.BENCH_LABEL ??
      (base === QUICK ? 'quick' : 'latest'),
    quick: base === QUICK,
    only,
    cpuProf: values['cpu-prof'],
    drainEvents: number('drain-events', 'BENCH_DRAIN_EVENTS', base.drainEvents),
    endToEndEvents: number('e2e-events', 'BENCH_E2E_EVENTS',
      base.endToEndEvents),
    memoryEvents: number('memory-events', 'BENCH_MEMORY_EVENTS',
      base.memoryEvents),
    ceilingSeconds: number('ceiling-seconds', 'BENCH_CEILING_SECONDS',
      base.ceilingSeconds),
    warmupSeconds: number('warmup-seconds', 'BENCH_WARMUP_SECONDS',
      base.warmupSeconds),
    latencySeconds: number('latency-seconds', 'BENCH_LATENCY_SECONDS',
      base.latencySeconds),
    waitIdleSeconds: number('wait-idle', 'BENCH_WAIT_IDLE', 60),
  };
}

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

function log(message) {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ` +
    `${message}\n`);
}

async function measure(config) {
  const sqsChild = startNode('bench/children/sqs-server.mjs');
  const [, sqsOrigin] = await waitForOutput(sqsChild, /^origin=(\S+)$/m);
  const sqs = localClient(sqsOrigin);
  const context = { sqsOrigin, sqsPid: sqsChild.pid, sqs, config, log };
  const results = {};
  const wants = (name) => config.only.includes(name);
  log(`local SQS server on ${sqsOrigin}`);

  if (wants('sqs')) {
    results.sqsCeiling = await phases.sqsCeiling(context);
    log(`SQS ceiling: ${Math.round(results.sqsCeiling.rate)}/s`);
  }
  if (wants('api')) {
    results.apiCeiling = await phases.apiCeiling(context);
    log(`API ceiling: ${Math.round(results.apiCeiling.rate)}/s`);
  }
  if (wants('naive')) {
    results.naive = await phases.naive(context);
    log(`naive: ${Math.round(results.naive.rate)}/s`);
  }
  if (wants('forwarder')) {
    results.forwarder = await phases.forwarder(context);
    log(`in-memory forwarder: drain ${Math.round(
      results.forwarder.drain.rate)}/s, end to end ${Math.round(
      results.forwarder.endToEnd.rate)}/s`);
  }

  if (['drain', 'e2e', 'latency'].some(wants)) {
    const nodeArgs = config.cpuProf
      ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, 'bench', 'profiles')}`]
      : [];
    context.server = await startServer({ sqsOrigin, nodeArgs });
    try {
      if (wants('drain')) {
        results.drain = await phases.backlogDrain(context);
        log(`backlog drain: ${Math.round(results.drain.rate)}/s`);
      }
      if (wants('e2e')) {
        results.endToEnd = await phases.endToEnd(context);
        log(`end to end: ${Math.round(results.endToEnd.rate)}/s`);
      }
      if (wants('latency')) {
        results.latency = [];
        for (const rate of LATENCY_RATES) {
          const latency = await phases.latencyAt(rate, context);
          results.latency.push(latency);
          log(`latency at ${rate}/s: p50 ${latency.p50Ms} ms, ` +
            `p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms`);
        }
      }
    } finally {
      await context.server.stop();
    }
  }

  if (wants('memory')) {
    log(`memory: filling a backlog of ${config.memoryEvents} events`);
    results.memory = await phases.memory(context);
    log(`memory: spread ${results.memory.spreadMiB.toFixed(0)} MiB`);
  }
  sqs.destroy();
  return results;
}

async function main() {
  const config = readConfig();
  if (!await waitForIdle(config.waitIdleSeconds * 1000)) {
    log(`the CPUs stayed busy for ${config.waitIdleSeconds} s; measuring ` +
      'anyway, and the report states how busy');
  }
  const startedMs = Date.now();
  const date = new Date().toISOString();
  const loadCount = startLoadCount();
  const results = await measure(config);
  await stopAll();
  const run = { label: config.label, quick: config.quick, date,
    durationSeconds: (Date.now() - startedMs) / 1000, machine: machine(),
    ...loadCount.finish(), config, results };
  const file = saveRun(run);
  process.stdout.write(`\n${renderRun(run)}\n`);
  log(config.quick ? `saved ${path.relative(ROOT, file)} (quick runs are ` +
    'not written to BENCHMARKS.md)' : 'wrote BENCHMARKS.md');
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  process.stderr.write(`\nThe benchmark failed: ${err?.stack ?? err}\n`);
  exitCode = 1;
} finally {
  await stopAll();
}
process.exit(exitCode);
