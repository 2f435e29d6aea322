#!/usr/bin/env node
// The commands behind `npm start`, `npm test`, `npm run build`, `serve`,
// `sqs`, `cli` and `bench`. Each first installs what a fresh machine
// lacks: pnpm, the workspace's dependencies and, for tests, Chromium.
// Plain Node only, since nothing else is installed when it first runs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { readProcStat } from './proc-stat.mjs';
import { SERVER_NODE_FLAGS } from './server-flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';
const SQS_PORT = Number(process.env.SQS_PORT || 9324);
const SERVER_PORT = Number(process.env.PORT || 3030);
const HOST = '127.0.0.1';
/** Silences the AWS SDK's notice that its 2027 releases need Node 22. */
const QUIET_AWS_SDK = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const QUEUE_NAME = 'chat-events';
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function log(message) {
  process.stdout.write(`\n==> ${message}\n`);
}

function fail(message) {
  process.stderr.write(`\nError: ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
    ...options,
  });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function runOrFail(command, args, description, options) {
  if (run(command, args, options) !== 0) {
    fail(`${description} failed (see above).`);
  }
}

function works(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/** Returns the pnpm command, installing pnpm when it is missing. */
function ensurePnpm() {
  const local = path.join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (works('pnpm', ['--version'])) return 'pnpm';
  if (fs.existsSync(local)) return local;
  log(`Installing pnpm ${PNPM_VERSION} (corepack is not used)`);
  if (run('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`]) === 0 &&
      works('pnpm', ['--version'])) {
    return 'pnpm';
  }
  log('Global install not possible; installing pnpm into .tools/');
  runOrFail('npm', ['install', '--prefix', '.tools', '--no-save',
    `pnpm@${PNPM_VERSION}`], 'Installing pnpm');
  return local;
}

function ensureDependencies(pnpm) {
  log('Installing dependencies');
  runOrFail(pnpm, ['install', '--frozen-lockfile'], 'pnpm install');
}

function build(pnpm) {
  log('Building');
  runOrFail(pnpm, ['-r', '--workspace-concurrency=1', 'run', 'build'],
    'The build');
}

/** Files of the build's output; every build rewrites each of them. */
const BUILD_OUTPUTS = ['contracts/dist/index.js', 'bff/dist/main.js',
  'web/dist/index.html'];

/** Files and folders the build reads. A change to one calls for a build. */
const BUILD_INPUTS = ['pnpm-lock.yaml', 'tsconfig.base.json',
  'contracts/src', 'contracts/package.json', 'contracts/tsconfig.json',
  'bff/src', 'bff/package.json', 'bff/tsconfig.json',
  'bff/tsconfig.build.json', 'web/src', 'web/public', 'web/index.html',
  'web/package.json', 'web/tsconfig.json', 'web/tsconfig.node.json',
  'web/vite.config.ts'];

/** Returns the latest modification time below `file`, or 0 if missing. */
function latestChangeMs(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of fs.readdirSync(file)) {
    latest = Math.max(latest, latestChangeMs(path.join(file, name)));
  }
  return latest;
}

/**
 * Tells whether every build output exists and is newer than every input,
 * so that `npm run serve` after a `git pull` does not run the old build.
 */
function isBuildCurrent() {
  const outputTimes = BUILD_OUTPUTS.map((file) =>
    latestChangeMs(path.join(root, file)));
  if (outputTimes.includes(0)) return false;
  const inputTime = Math.max(...BUILD_INPUTS.map((file) =>
    latestChangeMs(path.join(root, file))));
  return inputTime <= Math.min(...outputTimes);
}

/**
 * Installs the dependencies when `install` is set or they are missing,
 * and builds when `forceBuild` is set or the build is not current.
 */
function prepare({ install = false, forceBuild }) {
  const pnpm = ensurePnpm();
  const installed = fs.existsSync(path.join(root, 'node_modules', '.modules.yaml'));
  if (install || forceBuild || !installed) ensureDependencies(pnpm);
  if (forceBuild || !isBuildCurrent()) build(pnpm);
  return pnpm;
}

/** Finds Chromium, installing Debian's package when it is missing. */
function ensureChromium() {
  const found = () => CHROMIUM_PATHS.find((file) => fs.existsSync(file));
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) {
    return process.env.CHROMIUM_PATH;
  }
  if (found()) return found();
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !works('apt-get', ['--version'])) {
    fail('Chromium is missing and cannot be installed here. Install ' +
      "Debian's chromium package (apt-get install chromium) or set " +
      'CHROMIUM_PATH to a Chromium binary, then run npm test again.');
  }
  log("Installing Chromium from Debian's packages");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  runOrFail('apt-get', ['update'], 'apt-get update', { env });
  runOrFail('apt-get', ['install', '-y', '--no-install-recommends',
    'chromium'], 'Installing chromium', { env });
  return found() ?? fail('Chromium was installed but not found.');
}

/** Runs a command, echoing its output, and returns its status and output. */
function runCaptured(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env,
      stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function countNodeTests(output) {
  const sum = (label) => [...output.matchAll(
    new RegExp(`^\\S* ?${label} (\\d+)$`, 'gm'))]
    .reduce((total, match) => total + Number(match[1]), 0);
  return { passed: sum('pass'), failed: sum('fail') };
}

function countPlaywrightTests() {
  const file = path.join(root, 'e2e', 'test-results', 'results.json');
  if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
  const { stats } = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed: stats.expected + stats.flaky,
    failed: stats.unexpected };
}

async function test() {
  const pnpm = prepare({ forceBuild: true });
  const chromium = ensureChromium();
  const env = { ...process.env, ...QUIET_AWS_SDK, CHROMIUM_PATH: chromium };
  // The stream-chat SDK lets these two override the baseURL that the tests
  // give it, which would send their requests to another server.
  delete env.STREAM_LOCAL_TEST_RUN;
  delete env.STREAM_LOCAL_TEST_HOST;

  let passed = 0;
  let failed = 0;
  let anyFailed = false;
  for (const project of ['contracts', 'bff', 'web']) {
    log(`Unit and integration tests: ${project}`);
    const result = await runCaptured(pnpm,
      ['--filter', `./${project}`, 'run', 'test'], env);
    const counts = countNodeTests(result.output);
    passed += counts.passed;
    failed += counts.failed;
    anyFailed ||= result.code !== 0;
  }

  log('Browser tests (Playwright, Chromium)');
  fs.rmSync(path.join(root, 'e2e', 'test-results'), { recursive: true,
    force: true });
  const e2e = await runCaptured(pnpm, ['--filter', './e2e', 'run', 'test'],
    env);
  const counts = countPlaywrightTests();
  passed += counts.passed;
  failed += counts.failed;
  anyFailed ||= e2e.code !== 0;

  // A runner that crashed before counting still fails the run.
  if (anyFailed && failed === 0) failed = 1;
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exit(anyFailed ? 1 : 0);
}

function startChild(name, args, env, logFile) {
  const stderr = logFile ? fs.openSync(logFile, 'a') : 'inherit';
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...QUIET_AWS_SDK, ...env },
    stdio: ['ignore', 'pipe', stderr],
  });
  child.stdout.setEncoding('utf8');
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`\n${name} exited (${signal ?? code}); stopping.\n`);
      stopAll(1);
    }
  });
  return child;
}

/** Resolves when a child prints a line matching `pattern`. */
function waitForLine(child, pattern, echo) {
  return new Promise((resolve) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      if (echo) process.stdout.write(chunk);
      buffer += chunk;
      const match = buffer.match(pattern);
      if (match) {
        resolve(match);
        buffer = '';
      }
    });
  });
}

let stopping = false;
const children = [];

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((child) => child.exitCode === null &&
    child.signalCode === null);
  if (alive.length === 0) process.exit(code);
  let left = alive.length;
  for (const child of alive) {
    child.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(code);
    });
    child.kill('SIGTERM');
  }
  setTimeout(() => process.exit(code), 10_000).unref();
}

/** Resolves true when something already listens on the port. */
function isPortInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function start() {
  for (const [port, variable] of [[SQS_PORT, 'SQS_PORT'],
    [SERVER_PORT, 'PORT']]) {
    if (await isPortInUse(port)) {
      fail(`Port ${port} on ${HOST} is already in use: is npm start ` +
        'already running? Stop it with Ctrl-C, or choose another port ' +
        `with ${variable}=<port> npm start.`);
    }
  }
  prepare({ install: true, forceBuild: false });
  const dataDir = process.env.DATA_DIR ?? path.join(root, 'data');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logFile = path.join(dataDir, 'server.log');
  const sqsOrigin = `http://${HOST}:${SQS_PORT}`;
  log(`Starting the local SQS server on ${sqsOrigin}`);
  const sqs = startChild('The local SQS server',
    ['bff/dist/local-sqs/main.js'], { SQS_PORT: String(SQS_PORT) });
  children.push(sqs);
  await waitForLine(sqs, new RegExp(`/${QUEUE_NAME}\\s*$`, 'm'), true);

  log(`Starting the server on http://${HOST}:${SERVER_PORT}`);
  const server = startChild('The server',
    [...SERVER_NODE_FLAGS, 'bff/dist/main.js'], {
    PORT: String(SERVER_PORT),
    HOST,
    SQS_ALLOWED_ENDPOINTS: process.env.SQS_ALLOWED_ENDPOINTS ?? sqsOrigin,
    DATA_DIR: dataDir,
  }, logFile);
  children.push(server);
  // The server's JSON log lines go to a file, so that the sign-in details
  // stay on screen; warnings and errors are echoed.
  const logStream = fs.createWriteStream(logFile, { flags: 'a' });
  const firstRun = [];
  let partial = '';
  server.stdout.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) {
        firstRun.push(line);
        continue;
      }
      logStream.write(`${line}\n`);
      if (/"level":(40|50|60)/.test(line)) process.stdout.write(`${line}\n`);
    }
  });
  await waitForLine(server, /^Dashboard: /m, false);
  const signIn = firstRun.join('\n').includes('Password:')
    ? firstRun.filter((line) => line.trim() !== '' &&
      !line.startsWith('Dashboard:')).join('\n')
    : 'Sign in with the owner account printed on the first start\n' +
      '(owner@example.com), or add a user:\n' +
      '  npm run cli -- users create --email you@example.com ' +
      '--password "at least 12 chars"';
  process.stdout.write([
    '',
    '------------------------------------------------------------------',
    `Dashboard:  http://${HOST}:${SERVER_PORT}/dashboard/`,
    `Queue URL:  ${sqsOrigin}/000000000000/${QUEUE_NAME}`,
    `Server log: ${path.relative(root, logFile) || logFile}`,
    '',
    signIn,
    '',
    'Press Ctrl-C to stop.',
    '------------------------------------------------------------------',
    '',
  ].join('\n'));
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  stopWhenNpmEnds(() => stopAll(1));
}

function commandLine(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return text.replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * Finds the npm process that started this script, with its start time,
 * or returns null when npm did not start it or `/proc` is missing.
 */
function findStartingNpm() {
  if (process.env.npm_lifecycle_event === undefined) return null;
  // npm runs the script through `sh`, so npm is the parent or the
  // grandparent.
  const candidates = [process.ppid, Number(readProcStat(process.ppid)?.[1])];
  const pid = candidates.find((candidate) =>
    /(^|[/ ])npm( |$)/.test(commandLine(candidate)));
  if (pid === undefined) return null;
  return { pid, startTime: readProcStat(pid)?.[19] };
}

/**
 * Tells whether `npm` ended. Comparing start times detects a later process
 * that reuses npm's pid. A killed npm stays a zombie (state Z) until its
 * parent reaps it.
 */
function hasEnded(npm) {
  const fields = readProcStat(npm.pid);
  return fields?.[19] !== npm.startTime || fields?.[0] === 'Z';
}

/**
 * Calls `stop` once the npm process that started this script ends, at
 * once if it already has. A SIGKILL of npm reaches neither `sh` nor this
 * script, so without this a killed `npm run serve` would leave the server
 * running and holding its port.
 */
function stopWhenNpmEnds(stop) {
  if (startingNpm === null) return;
  if (hasEnded(startingNpm)) {
    stop();
    return;
  }
  const timer = setInterval(() => {
    if (!hasEnded(startingNpm)) return;
    clearInterval(timer);
    stop();
  }, 250);
  timer.unref();
}

function exec(script, args, nodeFlags = []) {
  prepare({ forceBuild: false });
  const child = spawn(process.execPath, [...nodeFlags, script, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  stopWhenNpmEnds(() => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
}

// Found before any build, which can outlast a killed npm: its child `sh`
// is then handed to another parent, and npm can no longer be found.
const startingNpm = findStartingNpm();

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'start':
    await start();
    break;
  case 'test':
    await test();
    break;
  case 'build':
    prepare({ forceBuild: true });
    break;
  case 'serve':
    exec('bff/dist/main.js', rest, SERVER_NODE_FLAGS);
    break;
  case 'sqs':
    exec('bff/dist/local-sqs/main.js', rest);
    break;
  case 'cli':
    exec('bff/dist/cli/main.js', rest);
    break;
  case 'bench':
    // exec builds first when a source changed since the last build, so
    // the figures are those of the sources.
    Object.assign(process.env, QUIET_AWS_SDK);
    exec('bench/run.mjs', rest);
    break;
  default:
    fail(`Unknown command "${command}". Use start, test, build, serve, ` +
      'sqs, cli or bench.');
}
