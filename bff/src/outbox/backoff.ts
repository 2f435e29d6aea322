/**
 * Back-off delays with "equal jitter": each delay is between half and all
 * of a ceiling that doubles with each failure up to a cap. Retries of many
 * apps so spread out, and no delay exceeds the cap.
 */

/** A doubling ceiling from `baseMs` up to `maxMs`, in milliseconds. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Back-off after the whole queue failed (throttling, 5xx, timeouts,
 * connection errors): 0.5 s doubling to 10 s, so delivery resumes within
 * about 10 s after an outage ends.
 */
export const QUEUE_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 10_000 };

/**
 * Back-off of one event that SQS failed while accepting others: 1 s
 * doubling to 60 s. With 10 attempts an event is tried for about 5 to 9
 * minutes before it is dropped.
 */
export const EVENT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/** Returns the delay after the `failures`-th failure in a row (1 or more). */
export function backoffMs(failures: number, policy: BackoffPolicy): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const ceilingMs = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceilingMs / 2 + Math.random() * (ceilingMs / 2));
}
