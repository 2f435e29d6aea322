import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  DELIVERY_REFRESH_MS,
  getDeliveryRefreshMs,
  getDeliveryStateLabel,
  getDeliveryStateSummary,
  SENDING_REFRESH_MS,
} from './delivery-state';

describe('getDeliveryStateLabel', () => {
  it('names every state in one word', () => {
    assert.equal(getDeliveryStateLabel('off'), 'Off');
    assert.equal(getDeliveryStateLabel('idle'), 'Idle');
    assert.equal(getDeliveryStateLabel('sending'), 'Sending');
    assert.equal(getDeliveryStateLabel('retrying'), 'Retrying');
    assert.equal(getDeliveryStateLabel('paused'), 'Paused');
  });
});

describe('getDeliveryStateSummary', () => {
  it('says paused events are kept', () => {
    assert.match(getDeliveryStateSummary('paused'), /none are lost/);
  });

  it('says off collects nothing', () => {
    assert.match(getDeliveryStateSummary('off'), /not collected/);
  });
});

describe('getDeliveryRefreshMs', () => {
  it('refreshes faster while sending', () => {
    assert.equal(getDeliveryRefreshMs('sending'), SENDING_REFRESH_MS);
    assert.ok(SENDING_REFRESH_MS < DELIVERY_REFRESH_MS);
  });

  it('uses the normal pace otherwise', () => {
    assert.equal(getDeliveryRefreshMs('idle'), DELIVERY_REFRESH_MS);
    assert.equal(getDeliveryRefreshMs('paused'), DELIVERY_REFRESH_MS);
    assert.equal(getDeliveryRefreshMs(undefined), DELIVERY_REFRESH_MS);
  });
});
