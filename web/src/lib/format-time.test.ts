import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatRelativeTime } from './format-time';

const now = new Date('2025-01-01T12:00:00Z');

function secondsAgo(seconds: number): Date {
  return new Date(now.getTime() - seconds * 1000);
}

describe('formatRelativeTime', () => {
  it('reads just now under ten seconds', () => {
    assert.equal(formatRelativeTime(secondsAgo(4), now, 'en'), 'just now');
  });

  it('uses seconds under a minute', () => {
    assert.equal(formatRelativeTime(secondsAgo(42), now, 'en'), '42 seconds ago');
  });

  it('uses the largest whole unit', () => {
    assert.equal(formatRelativeTime(secondsAgo(150), now, 'en'), '2 minutes ago');
    assert.equal(formatRelativeTime(secondsAgo(3 * 3600), now, 'en'), '3 hours ago');
  });

  it('says yesterday for one day back', () => {
    assert.equal(formatRelativeTime(secondsAgo(86_400), now, 'en'), 'yesterday');
  });

  it('handles dates in the future', () => {
    const later = new Date(now.getTime() + 5 * 60_000);
    assert.equal(formatRelativeTime(later, now, 'en'), 'in 5 minutes');
  });
});
