/**
 * Child processes of the benchmark. Every child is started with an IPC
 * channel, so it can stop itself when the benchmark exits, and every one
 * is stopped by `stopAll` at the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

import {
  CLOCK_TICKS_PER_SECOND,
  readProcStat,
} from '../../scripts/proc-stat.mjs';
import { ROOT } from './deps.mjs';

const children = new Set();

/** Starts `node script args`; stdout goes to `logFile` when given. */
export function startNode(script, args = [], options = {}) {
  const stdout = options.logFile ? fs.openSync(options.logFile, 'a') : 'pipe';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script,
    ...args], {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED:
      'true', ...options.env },
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
  });
  if (child.stdout) child.stdout.setEncoding('utf8');
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Resolves with the first match of `pattern` in the child's stdout. */
export function waitForOutput(child, pattern, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(
      `No output matching ${pattern} within ${timeoutMs} ms.`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(
      `The child exited (${code}) before printing ${pattern}.`)));
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const match = text.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
  });
}

/** Polls a file until a line matches `pattern`; for children that log to files. */
export async function waitForFileLine(file, pattern, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited (${child.exitCode}); see ${file}.`);
    }
    const match = fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8').match(pattern) : null;
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No line matching ${pattern} in ${file} within ${timeoutMs} ms.`);
}

/** Runs the load generator with `options` and returns its result. */
export async function runLoad(options) {
  const child = startNode('bench/children/load.mjs', [JSON.stringify(options)]);
  const match = await waitForOutput(child, /^result=(.*)$/m,
    (options.timeoutSeconds ?? 900) * 1000);
  await new Promise((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', resolve);
  });
  return JSON.parse(match[1]);
}

/** Stops one child with SIGTERM, then SIGKILL after `graceMs`. */
export function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function stopAll() {
  return Promise.all([...children].map((child) => stopChild(child)));
}

/** Returns the resident memory of a process in bytes (Linux `/proc`). */
export function residentBytes(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = status.match(/^VmRSS:\s+(\d+) kB$/m);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/**
 * Returns the CPU time a process has used so far, user and system, in
 * seconds (Linux `/proc`).
 */
export function cpuSeconds(pid) {
  const fields = readProcStat(pid);
  if (fields === undefined) throw new Error(`Process ${pid} is not running.`);
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}
