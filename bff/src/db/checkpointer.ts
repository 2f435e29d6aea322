/**
 * Runs SQLite's write-ahead-log checkpoints on a thread of their own.
 *
 * By default SQLite checkpoints inside the commit that takes the log past
 * 1,000 pages: that commit copies the log into the database file and
 * syncs it while the event loop waits. Under load that was a large share
 * of every commit's time. Here a worker thread, with its own connection,
 * runs a passive checkpoint (one that never waits for readers or writers)
 * every `intervalMs`. The server's connection keeps a checkpoint of its
 * own for a log that grew past `FALLBACK_CHECKPOINT_PAGES`, in case the
 * thread falls behind.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

import type SqliteDatabase from 'better-sqlite3';

/** How often the server checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 200;

/** Log pages after which the server's own connection checkpoints. */
export const FALLBACK_CHECKPOINT_PAGES = 4096;

// When the log is fully copied and its file is larger than the limit, a
// TRUNCATE checkpoint empties the file. With no busy timeout it does not
// wait, and gives up while a reader or writer uses the log. Without it,
// only the next write would cut the file back, so an idle server would
// keep a large log.
const WORKER_SOURCE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const walFile = workerData.file + '-wal';
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result.busy === 0 && result.log === result.checkpointed &&
        fs.statSync(walFile, { throwIfNoEntry: false })?.size >
          workerData.truncateAboveBytes) {
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
  } catch (err) {
    if (err && err.code === 'SQLITE_BUSY') return;
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the thread after its current checkpoint. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing the database file `file`, which `sqlite` has open,
 * on a worker thread. `onError` receives the message of each failed
 * checkpoint, and the next interval tries again.
 */
export function startCheckpointer(
  sqlite: SqliteDatabase.Database,
  file: string,
  options: {
    intervalMs: number;
    /** A fully copied log larger than this is emptied. */
    truncateAboveBytes: number;
    onError: (message: string) => void;
  },
): Checkpointer {
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      file,
      intervalMs: options.intervalMs,
      truncateAboveBytes: options.truncateAboveBytes,
    },
  });
  worker.unref();
  worker.on('message', (message: { error?: string }) => {
    if (message.error !== undefined) options.onError(message.error);
  });
  worker.on('error', (err) => options.onError(err.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
