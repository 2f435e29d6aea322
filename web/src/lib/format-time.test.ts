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
    const text = formatRelativeTime(secondsAgo(42), now, 'en');
    assert.equal(text, '42 seconds ago');
  });

  it('uses the largest whole unit', () => {
    const minutes = formatRelativeTime(secondsAgo(150), now, 'en');
    assert.equal(minutes, '2 minutes ago');
    const hours = formatRelativeTime(secondsAgo(3 * 3600), now, 'en');
    assert.equal(hours, '3 hours ago');
  });

  it('says yesterday for one day back', () => {
    const text = formatRelativeTime(secondsAgo(86_400), now, 'en');
    assert.equal(text, 'yesterday');
  });

  it('handles dates in the future', () => {
    const later = new Date(now.getTime() + 5 * 60_000);
    assert.equal(formatRelativeTime(later, now, 'en'), 'in 5 minutes');
  });
});
