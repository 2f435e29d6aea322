import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatDeliveryCount } from './delivery-counts';

describe('formatDeliveryCount', () => {
  it('shows a count below the limit as it is', () => {
    assert.equal(formatDeliveryCount(99_999, 100_000), '99,999');
    assert.equal(formatDeliveryCount(0, 100_000), '0');
  });

  it('shows a count at the limit as at least', () => {
    assert.equal(formatDeliveryCount(100_000, 100_000), '100,000+');
  });
});
