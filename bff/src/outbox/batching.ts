/**
 * Packs events into `SendMessageBatch` calls: at most 10 entries, and the
 * entries' sizes together within the queue's maximum message size.
 */

/** SQS takes at most this many entries in one `SendMessageBatch`. */
export const MAX_BATCH_ENTRIES = 10;

export interface Sized {
  sizeBytes: number;
}

export interface PackResult<T> {
  batches: T[][];
  /** Items larger than the limit on their own; they can never be sent. */
  oversize: T[];
}

/** Packs items in order, starting a new batch when the next does not fit. */
export function packBatches<T extends Sized>(
  items: readonly T[],
  maxBatchBytes: number,
): PackResult<T> {
  const batches: T[][] = [];
  const oversize: T[] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const item of items) {
    if (item.sizeBytes > maxBatchBytes) {
      oversize.push(item);
      continue;
    }
    const full =
      current.length === MAX_BATCH_ENTRIES ||
      currentBytes + item.sizeBytes > maxBatchBytes;
    if (full) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += item.sizeBytes;
  }
  if (current.length > 0) batches.push(current);
  return { batches, oversize };
}
