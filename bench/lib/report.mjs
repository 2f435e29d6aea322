/**
 * Writes BENCHMARKS.md: one table per saved run (`bench/results/*.json`,
 * quick runs left out), between two markers. Text outside the markers,
 * such as the analysis of a run, is kept as it is.
 */
import fs from 'node:fs';
import path from 'node:path';

import { ROOT } from './deps.mjs';

const FILE = path.join(ROOT, 'BENCHMARKS.md');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
const START = '<!-- bench:start (written by npm run bench) -->';
const END = '<!-- bench:end -->';

export const TARGETS = {
  drainRatio: 0.9,
  endToEndRatio: 0.8,
  p99At200Ms: 50,
  memorySpreadMiB: 64,
};

const rate = (value) => `${Math.round(value).toLocaleString('en-US')}/s`;
const ratio = (value) => value.toFixed(2);
const mark = (ok) => (ok ? 'pass' : '**miss**');
const percent = (share) => `${Math.round(share * 100)}%`;

function machineLine(machine) {
  return `${machine.cores} cores (${machine.cpuModel}), ` +
    `${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}`;
}

function rows(run) {
  const r = run.results;
  const lines = [];
  const add = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
  if (r.sqsCeiling) {
    add('1. SQS ceiling (`SendMessageBatch` x10, ' +
      `${r.sqsCeiling.inFlight} in flight, warmed up)`,
    rate(r.sqsCeiling.rate), '1.00', '', '');
  }
  if (r.apiCeiling) {
    add(`2. API ceiling (SDK \`sendMessage\`, ${r.apiCeiling.inFlight} in ` +
      'flight, do-nothing server)', rate(r.apiCeiling.rate), '1.00', '', '');
  }
  if (r.naive && r.sqsCeiling) {
    add('3. Naive (one awaited `SendMessage` per event)', rate(r.naive.rate),
      `${ratio(r.naive.rate / r.sqsCeiling.rate)} of SQS ceiling`, '', '');
  }
  if (r.drain && r.sqsCeiling) {
    const value = r.drain.rate / r.sqsCeiling.rate;
    add(`4. Backlog drain (${r.drain.events.toLocaleString('en-US')} events)`,
      rate(r.drain.rate), `${ratio(value)} of SQS ceiling`,
      `>= ${TARGETS.drainRatio}`, mark(value >= TARGETS.drainRatio));
  }
  if (r.endToEnd && r.apiCeiling) {
    const value = r.endToEnd.rate / r.apiCeiling.rate;
    add(`5. End to end (${r.endToEnd.events.toLocaleString('en-US')} ` +
      'messages through the SDK)', rate(r.endToEnd.rate),
    `${ratio(value)} of API ceiling`, `>= ${TARGETS.endToEndRatio}`,
    mark(value >= TARGETS.endToEndRatio));
  }
  if (r.forwarder && r.sqsCeiling) {
    const { drain } = r.forwarder;
    add('4b. Baseline: bare in-memory forwarder (`node:http`, no token ' +
      `check, nothing stored) draining ` +
      `${drain.events.toLocaleString('en-US')} events`, rate(drain.rate),
    `${ratio(drain.rate / r.sqsCeiling.rate)} of SQS ceiling`, '', '');
  }
  if (r.forwarder && r.apiCeiling) {
    const { endToEnd } = r.forwarder;
    add('5b. Baseline: bare in-memory forwarder end to end ' +
      `(${endToEnd.events.toLocaleString('en-US')} messages)`,
    rate(endToEnd.rate), `${ratio(endToEnd.rate / r.apiCeiling.rate)} ` +
      'of API ceiling', '', '');
  }
  for (const latency of r.latency ?? []) {
    const target = latency.rate === 200;
    const lost = (latency.failed ?? 0) + (latency.skipped ?? 0);
    add(`6. Latency at ${latency.rate}/s for ${run.config.latencySeconds} s ` +
      '(p50 / p99 / max)',
    `${latency.p50Ms} / ${latency.p99Ms} / ${latency.maxMs} ms`,
    lost === 0 ? '' : `${latency.events} of ${latency.requested} sent; ` +
      `${latency.skipped} skipped, ${latency.failed} timed out`,
    target ? `p99 < ${TARGETS.p99At200Ms} ms` : '',
    target ? mark(latency.p99Ms < TARGETS.p99At200Ms) : '');
  }
  if (r.memory) {
    const m = r.memory;
    add(`7. Memory (RSS) across ${m.events.toLocaleString('en-US')} events ` +
      '(start / peak filling / peak draining / end)',
    `${m.startMiB.toFixed(0)} / ${m.accumulatePeakMiB.toFixed(0)} / ` +
      `${m.drainPeakMiB.toFixed(0)} / ${m.endMiB.toFixed(0)} MiB`,
    `spread ${m.spreadMiB.toFixed(0)} MiB; filled at ${rate(m.fillRate)}, ` +
      `drained at ${rate(m.drainRate)}`,
    `spread <= ${TARGETS.memorySpreadMiB} MiB`,
    mark(m.spreadMiB <= TARGETS.memorySpreadMiB));
    if (m.warmSpreadMiB !== undefined) {
      const heap = m.heapPeakMiB === null
        ? ''
        : `; V8 heap at most ${m.heapPeakMiB.toFixed(0)} MiB`;
      add('7. Memory (RSS) after the first 10% of the fill (from then / ' +
        'peak)',
      `${m.warmMiB.toFixed(0)} / ${Math.max(m.accumulatePeakMiB,
        m.drainPeakMiB).toFixed(0)} MiB`,
      `spread ${m.warmSpreadMiB.toFixed(0)} MiB${heap}`,
      `spread <= ${TARGETS.memorySpreadMiB} MiB`,
      mark(m.warmSpreadMiB <= TARGETS.memorySpreadMiB));
    }
  }
  return lines;
}

function renderRun(run) {
  const extra = [];
  const r = run.results;
  if (r.sqsCeiling?.loadCpuPerEvent !== undefined) {
    extra.push(`CPU time of the load generator per event at the SQS ` +
      `ceiling: ${r.sqsCeiling.loadCpuPerEvent} µs.`);
  }
  if (r.apiCeiling?.loadCpuPerEvent !== undefined) {
    extra.push(`At the API ceiling: ${r.apiCeiling.loadCpuPerEvent} µs ` +
      'per message.');
  }
  if (r.drain) {
    extra.push(`The backlog was filled through the API at ` +
      `${rate(r.drain.fillRate)} while delivery was paused.`);
    if (r.drain.cpuPerEvent) {
      const { server, sqs } = r.drain.cpuPerEvent;
      extra.push(`CPU time per event drained: the server ${server} µs, ` +
        `the local SQS server ${sqs} µs.`);
    }
    if (r.drain.loopBusyShare !== undefined) {
      extra.push(`The server's event loop was busy ` +
        `${percent(r.drain.loopBusyShare)} of the drain.`);
    }
  }
  if (r.endToEnd) {
    extra.push(`During the end-to-end run the API answered ` +
      `${rate(r.endToEnd.apiRate)}.`);
    if (r.endToEnd.cpuPerEvent) {
      const { server, sqs, load } = r.endToEnd.cpuPerEvent;
      extra.push(`CPU time per message end to end: the server ${server} ` +
        `µs, the local SQS server ${sqs} µs, the load generator ${load} µs.`);
    }
    if (r.endToEnd.loopBusyShare !== undefined) {
      extra.push(`The server's event loop was busy ` +
        `${percent(r.endToEnd.loopBusyShare)} of the end-to-end run.`);
    }
  }
  if (r.forwarder) {
    const { drain, endToEnd } = r.forwarder;
    extra.push(`The in-memory forwarder used ` +
      `${drain.cpuPerEvent.forwarder} µs of CPU per event draining, and ` +
      `${endToEnd.cpuPerEvent.forwarder} µs per message end to end, where ` +
      `the load generator used ${endToEnd.cpuPerEvent.load} µs.`);
  }
  const others = Math.round((run.otherCpuShare ?? 0) * 100);
  return [
    `### ${run.label}`,
    '',
    `${run.date}; ${machineLine(run.machine)}; the run took ` +
      `${Math.round(run.durationSeconds)} s. Processes outside the ` +
      `benchmark used ${others}% of the CPUs meanwhile.`,
    '',
    '| measurement | figure | ratio | target | result |',
    '|---|---|---|---|---|',
    ...rows(run),
    '',
    ...(extra.length > 0 ? [extra.join(' '), ''] : []),
  ].join('\n');
}

/**
 * Saves the run and, unless it is a quick run, rewrites the generated part
 * of BENCHMARKS.md.
 */
export function saveRun(run) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${run.label}.json`);
  fs.writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  if (run.quick) return file;
  const runs = fs.readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, name),
      'utf8')))
    .filter((saved) => !saved.quick)
    .sort((a, b) => a.date.localeCompare(b.date));
  const generated = [START, '', ...runs.map(renderRun), END].join('\n');
  const current = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
  const startAt = current.indexOf(START);
  const endAt = current.indexOf(END);
  const next = startAt >= 0 && endAt > startAt
    ? current.slice(0, startAt) + generated +
      current.slice(endAt + END.length)
    : `# Benchmarks\n\nWritten by \`npm run bench\`.\n\n${generated}\n`;
  fs.writeFileSync(FILE, next);
  return file;
}

export { renderRun };
