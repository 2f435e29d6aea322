/**
 * The server and the local SQS server as child processes, for fault tests
 * that kill, stop or restart them. Both listen on 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createApp, type App } from '../accounts/apps.js';
import { createUser } from '../accounts/users.js';
import { openDatabase } from '../db/database.js';

const SOURCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const SERVER_MAIN = path.join(SOURCE_DIR, 'main.ts');
const LOCAL_SQS_MAIN = path.join(SOURCE_DIR, 'local-sqs/main.ts');

/** Time a child gets to print that it listens. */
const START_TIMEOUT_MS = 20_000;

/** A child process that printed where it listens. */
export interface Child {
  process: ChildProcess;
  /** Sends `signal` and waits for the exit, except for SIGSTOP and SIGCONT. */
  signal(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Creates the owner, an app and its queue settings in the database of
 * `dataDir`, before a server process opens it.
 */
export async function seedApp(dataDir: string, queueUrl: string): Promise<App> {
  const db = await openDatabase(dataDir);
  try {
    await createUser(db, {
      email: 'ops@example.com',
      password: 'correct horse battery',
      orgName: 'Default',
    });
    const app = await createApp(db, { name: 'Faults', orgName: 'Default' });
    await db
      .updateTable('apps')
      .set({ sqs_url: queueUrl, webhook_events: '["message.new"]' })
      .where('id', '=', app.id)
      .execute();
    return app;
  } finally {
    await db.destroy();
  }
}

/**
 * Starts the server on a free port with its data in `dataDir`, and
 * returns it with its base URL. `env` adds or overrides variables.
 */
export async function startServerProcess(options: {
  dataDir: string;
  allowedOrigin: string;
  env?: Record<string, string>;
}): Promise<Child & { url: string }> {
  const child = spawnTsx(SERVER_MAIN, {
    DATA_DIR: options.dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SQS_ALLOWED_ENDPOINTS: options.allowedOrigin,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const { url } = await readLines(child, {
    url: /Dashboard: (http:\/\/127\.0\.0\.1:\d+)\//,
  });
  return { ...wrap(child), url };
}

/**
 * Starts the local SQS server on a free port, with its `chat-events`
 * queue, and returns it with its origin and the queue's URL.
 */
export async function startLocalSqsProcess(): Promise<
  Child & { origin: string; queueUrl: string }
> {
  const child = spawnTsx(LOCAL_SQS_MAIN, { SQS_PORT: '0' });
  const { origin, queueUrl } = await readLines(child, {
    origin: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    queueUrl: /Queue: +(http:\S+\/chat-events)\s/,
  });
  return { ...wrap(child), origin, queueUrl };
}

function spawnTsx(main: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * Reads stdout until each pattern matched once, and returns the first
 * group of each by the pattern's key.
 */
function readLines<TKey extends string>(
  child: ChildProcess,
  patterns: Record<TKey, RegExp>,
): Promise<Record<TKey, string>> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not start in ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const entries = Object.entries<RegExp>(patterns).map(
        ([key, pattern]) => [key, pattern.exec(output)?.[1]] as const,
      );
      if (entries.every(([, group]) => group !== undefined)) {
        clearTimeout(timer);
        resolve(Object.fromEntries(entries) as Record<TKey, string>);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code ?? signal}) before listening`));
    });
  });
}

function wrap(child: ChildProcess): Child {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    process: child,
    signal: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      if (signal !== 'SIGSTOP' && signal !== 'SIGCONT') await exited;
    },
  };
}
