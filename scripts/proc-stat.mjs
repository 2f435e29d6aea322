/**
 * Reads a process's line of Linux `/proc/PID/stat`, for `scripts/dev.mjs`
 * and the benchmark. Plain Node only, like `dev.mjs`.
 */
import fs from 'node:fs';

/** `sysconf(_SC_CLK_TCK)`: `getconf CLK_TCK` prints 100 on this machine. */
export const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Returns the fields of `/proc/PID/stat` after the command name, which is
 * in parentheses and may contain spaces. Index 0 is the state, 1 the
 * parent's pid, 11 and 12 the user and system CPU time in clock ticks, 13
 * and 14 those of waited-for children, and 19 the start time. Returns
 * undefined when the process or `/proc` is missing. `pid` may be `self`.
 */
export function readProcStat(pid) {
  let text;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}
