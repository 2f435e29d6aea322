/**
 * CPU used on this machine by processes outside the benchmark, from
 * `/proc/stat` (all CPUs) and `/proc/self/stat` (this process and its
 * children that exited). Figures taken while other programs keep the
 * CPUs busy are lower than the machine can do, so the report states it.
 */
import fs from 'node:fs';

import {
  CLOCK_TICKS_PER_SECOND,
  readProcStat,
} from '../../scripts/proc-stat.mjs';

function machineTicks() {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]
    .trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

function ownTicks() {
  const fields = readProcStat('self').map(Number);
  // utime, stime, cutime and cstime.
  return fields[11] + fields[12] + fields[13] + fields[14];
}

/** Starts counting; `finish()` returns the share of CPU others used. */
export function startLoadCount() {
  const machine = machineTicks();
  const own = ownTicks();
  return {
    finish() {
      const machineNow = machineTicks();
      const elapsed = machineNow.total - machine.total;
      const others = machineNow.busy - machine.busy - (ownTicks() - own);
      return {
        otherCpuShare: Math.max(0, others) / Math.max(1, elapsed),
        otherCpuSeconds: Math.max(0, others) / CLOCK_TICKS_PER_SECOND,
      };
    },
  };
}

/**
 * Waits up to `timeoutMs` for a second in which the CPUs are at most 10%
 * busy. Returns whether the machine was found idle.
 */
export async function waitForIdle(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const before = machineTicks();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = machineTicks();
    const busy = (after.busy - before.busy) /
      Math.max(1, after.total - before.total);
    if (busy <= 0.1) return true;
  }
  return false;
}
