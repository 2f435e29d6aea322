import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  buildDeliveriesSearch,
  DELIVERIES_LIMIT,
  getRecordStatusLabel,
  NO_FILTER,
  shortenEventId,
  toRecordStatus,
} from './deliveries-filter';

describe('buildDeliveriesSearch', () => {
  it('sends only the limit without filters', () => {
    assert.equal(
      buildDeliveriesSearch(NO_FILTER),
      `?limit=${DELIVERIES_LIMIT}`,
    );
  });

  it('adds the type and status', () => {
    const search = buildDeliveriesSearch(
      { eventType: 'message.new', status: 'pending' },
      20,
    );
    assert.equal(search, '?type=message.new&status=pending&limit=20');
  });

  it('encodes unusual event types', () => {
    const search = buildDeliveriesSearch(
      { eventType: 'a&b=c', status: null },
      5,
    );
    assert.equal(search, '?type=a%26b%3Dc&limit=5');
  });
});

describe('toRecordStatus', () => {
  it('accepts the known statuses', () => {
    assert.equal(toRecordStatus('sent'), 'sent');
    assert.equal(toRecordStatus('pending'), 'pending');
    assert.equal(toRecordStatus('dropped'), 'dropped');
  });

  it('reads anything else as all', () => {
    assert.equal(toRecordStatus(''), null);
    assert.equal(toRecordStatus('failed'), null);
  });
});

describe('getRecordStatusLabel', () => {
  it('calls pending events waiting', () => {
    assert.equal(getRecordStatusLabel('pending'), 'Waiting');
    assert.equal(getRecordStatusLabel('sent'), 'Sent');
    assert.equal(getRecordStatusLabel('dropped'), 'Dropped');
  });
});

describe('shortenEventId', () => {
  it('keeps the first eight characters', () => {
    const id = '3f2c9a1e-8b7d-4c6e-9f00-112233445566';
    assert.equal(shortenEventId(id), '3f2c9a1e');
  });

  it('keeps short ids whole', () => {
    assert.equal(shortenEventId('abc'), 'abc');
  });
});
