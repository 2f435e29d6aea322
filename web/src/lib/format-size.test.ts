import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatBytes } from './format-size';

describe('formatBytes', () => {
  it('counts bytes under one kilobyte', () => {
    assert.equal(formatBytes(0, 'en'), '0 bytes');
    assert.equal(formatBytes(1, 'en'), '1 byte');
    assert.equal(formatBytes(1023, 'en'), '1,023 bytes');
  });

  it('uses kilobytes of 1,024 bytes', () => {
    assert.equal(formatBytes(1024, 'en'), '1 KB');
    assert.equal(formatBytes(1536, 'en'), '1.5 KB');
    assert.equal(formatBytes(262_144, 'en'), '256 KB');
  });

  it('keeps one decimal at most', () => {
    assert.equal(formatBytes(262_145, 'en'), '256 KB');
    assert.equal(formatBytes(300_000, 'en'), '293 KB');
    assert.equal(formatBytes(1100, 'en'), '1.1 KB');
  });

  it('switches to megabytes', () => {
    assert.equal(formatBytes(1024 * 1024, 'en'), '1 MB');
    assert.equal(formatBytes(2.5 * 1024 * 1024, 'en'), '2.5 MB');
  });
});
