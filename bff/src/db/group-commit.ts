/**
 * Group commit of chat writes. Writes that arrive while a transaction
 * runs wait, and the next transaction runs them one after another, each
 * inside its own savepoint. A write that throws rolls back to its
 * savepoint, so only its own changes are undone, and its caller gets its
 * own error. Every caller gets its result only after the commit of the
 * transaction that contains its changes.
 *
 * The server has one SQLite connection, so writes ran one at a time
 * before too. Sharing a transaction saves a commit per write, when SQLite
 * appends the changed pages to the write-ahead log.
 */
import { CompiledQuery, type Transaction } from 'kysely';

import type { Db } from './database.js';
import type { Database } from './schema.js';
import { executeCompiled } from './sqlite-dialect.js';

/** Writes in one transaction at most, so that one commit stays short. */
const MAX_WRITES_PER_COMMIT = 64;

const SAVEPOINT = CompiledQuery.raw('SAVEPOINT group_write');
const RELEASE = CompiledQuery.raw('RELEASE group_write');
const ROLLBACK_TO = CompiledQuery.raw('ROLLBACK TO group_write');

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

type JobResult =
  | { job: Job; ok: true; value: unknown }
  | { job: Job; ok: false; error: unknown };

class WriteQueue {
  private pending: Job[] = [];
  private scheduled = false;
  private running = false;

  constructor(private readonly db: Db) {}

  enqueue<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({
        work,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.schedule();
    });
  }

  /**
   * Starts the next transaction on the next turn of the event loop, so
   * that the requests read in the same turn join it.
   */
  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length > 0) {
        await this.runGroup(this.pending.splice(0, MAX_WRITES_PER_COMMIT));
      }
    } finally {
      this.running = false;
    }
  }

  private async runGroup(jobs: Job[]): Promise<void> {
    let results: JobResult[];
    try {
      results = await this.runInTransaction(jobs);
    } catch (err) {
      // BEGIN, a savepoint statement or COMMIT failed, so nothing of the
      // group was stored.
      for (const job of jobs) job.reject(err);
      return;
    }
    for (const result of results) {
      if (result.ok) result.job.resolve(result.value);
      else result.job.reject(result.error);
    }
  }

  private async runInTransaction(jobs: Job[]): Promise<JobResult[]> {
    const trx = await this.db.startTransaction().execute();
    const results: JobResult[] = [];
    try {
      for (const job of jobs) {
        await executeCompiled(trx, SAVEPOINT);
        try {
          const value = await job.work(trx);
          await executeCompiled(trx, RELEASE);
          results.push({ job, ok: true, value });
        } catch (error) {
          await undoWrite(trx, error);
          results.push({ job, ok: false, error });
        }
      }
      await trx.commit().execute();
    } catch (err) {
      await trx.rollback().execute().catch(() => undefined);
      throw err;
    }
    return results;
  }
}

/**
 * Rolls back to the write's savepoint. When SQLite already ended the
 * transaction (after `SQLITE_FULL`, for example), that fails, and the
 * write's own error, which explains why, fails the whole group.
 */
async function undoWrite(
  trx: Transaction<Database>,
  error: unknown,
): Promise<void> {
  try {
    await executeCompiled(trx, ROLLBACK_TO);
    await executeCompiled(trx, RELEASE);
  } catch {
    throw error;
  }
}

const queues = new WeakMap<Db, WriteQueue>();

/**
 * Runs `work` in a transaction shared with other writes that arrive at
 * the same time; see the file header. `work` must use only `trx`, like
 * the callback of `db.transaction().execute()`.
 */
export function runWrite<T>(db: Db, work: Work<T>): Promise<T> {
  let queue = queues.get(db);
  if (queue === undefined) {
    queue = new WriteQueue(db);
    queues.set(db, queue);
  }
  return queue.enqueue(work);
}
