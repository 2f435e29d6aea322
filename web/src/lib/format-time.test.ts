import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatRelativeTime, formatShortDateTime } from './format-time';

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

describe('formatShortDateTime', () => {
  const noon = new Date(2025, 0, 15, 12, 0, 0);

  it('shows the time alone on the same day', () => {
    const morning = new Date(2025, 0, 15, 9, 5, 7);
    const text = formatShortDateTime(morning, noon, 'en-GB');
    assert.equal(text, '09:05:07');
  });

  it('adds the date on other days', () => {
    const before = new Date(2025, 0, 14, 23, 59, 30);
    const text = formatShortDateTime(before, noon, 'en-GB');
    assert.equal(text, '14/01/2025, 23:59');
  });
});
