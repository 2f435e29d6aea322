/**
 * Packs events into `SendMessageBatch` calls: at most 10 entries, and the
 * entries' sizes together within a byte budget (the queue's maximum
 * message size, or less after SQS rejected a batch as too long).
 */

/** SQS takes at most this many entries in one `SendMessageBatch`. */
export const MAX_BATCH_ENTRIES = 10;

export interface Sized {
  sizeBytes: number;
}

/**
 * Returns the leading items that fit one batch: at most 10, and within
 * `maxBatchBytes` together. The first item is always taken, so a caller
 * that removed items over the queue's limit always makes progress.
 */
export function takeBatch<T extends Sized>(
  items: readonly T[],
  maxBatchBytes: number,
): T[] {
  const batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (batch.length === MAX_BATCH_ENTRIES) break;
    if (batch.length > 0 && bytes + item.sizeBytes > maxBatchBytes) break;
    batch.push(item);
    bytes += item.sizeBytes;
  }
  return batch;
}

/** Splits items into those within `maxBytes` and those over it. */
export function splitOversize<T extends Sized>(
  items: readonly T[],
  maxBytes: number,
): { fitting: T[]; oversize: T[] } {
  const fitting: T[] = [];
  const oversize: T[] = [];
  for (const item of items) {
    (item.sizeBytes > maxBytes ? oversize : fitting).push(item);
  }
  return { fitting, oversize };
}
