import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_BATCH_ENTRIES, packBatches } from './batching.js';

const item = (id: number, sizeBytes: number) => ({ id, sizeBytes });

test('packBatches puts at most ten entries in a batch', () => {
  const items = Array.from({ length: 25 }, (_, i) => item(i, 10));
  const { batches } = packBatches(items, 1_000_000);
  assert.deepEqual(
    batches.map((batch) => batch.length),
    [MAX_BATCH_ENTRIES, MAX_BATCH_ENTRIES, 5],
  );
});

test('packBatches keeps each batch within the byte limit', () => {
  const items = [item(1, 600), item(2, 500), item(3, 400), item(4, 100)];
  const { batches } = packBatches(items, 1000);
  assert.deepEqual(
    batches.map((batch) => batch.map((entry) => entry.id)),
    [[1], [2, 3, 4]],
  );
});

test('packBatches sets aside items over the limit', () => {
  const items = [item(1, 10), item(2, 2000), item(3, 10)];
  const { batches, oversize } = packBatches(items, 1000);
  assert.deepEqual(oversize.map((entry) => entry.id), [2]);
  assert.deepEqual(batches.map((batch) => batch.length), [2]);
});

test('packBatches accepts an item exactly at the limit', () => {
  const { batches, oversize } = packBatches([item(1, 1000)], 1000);
  assert.equal(oversize.length, 0);
  assert.equal(batches.length, 1);
});
