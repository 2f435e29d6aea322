import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_BATCH_ENTRIES, splitOversize, takeBatch } from './batching.js';

const item = (id: number, sizeBytes: number) => ({ id, sizeBytes });

test('takeBatch takes at most ten entries', () => {
  const items = Array.from({ length: 25 }, (_, i) => item(i, 10));
  assert.equal(takeBatch(items, 1_000_000).length, MAX_BATCH_ENTRIES);
});

test('takeBatch keeps the batch within the byte budget', () => {
  const items = [item(1, 600), item(2, 500), item(3, 400), item(4, 100)];
  assert.deepEqual(takeBatch(items, 1000).map((entry) => entry.id), [1]);
  assert.deepEqual(
    takeBatch(items.slice(1), 1000).map((entry) => entry.id),
    [2, 3, 4],
  );
});

test('takeBatch accepts an item exactly at the budget', () => {
  assert.equal(takeBatch([item(1, 1000), item(2, 1)], 1000).length, 1);
});

test('takeBatch always takes the first item', () => {
  assert.deepEqual(takeBatch([item(1, 5000)], 1000).map((e) => e.id), [1]);
});

test('splitOversize sets aside items over the limit', () => {
  const items = [item(1, 10), item(2, 2000), item(3, 10)];
  const { fitting, oversize } = splitOversize(items, 1000);
  assert.deepEqual(oversize.map((entry) => entry.id), [2]);
  assert.deepEqual(fitting.map((entry) => entry.id), [1, 3]);
});
