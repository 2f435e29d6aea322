import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ConfigError, loadConfig } from './config.js';
import { DEFAULT_RATE_LIMITS } from './http/rate-limits.js';

test('security settings default to production values', () => {
  const config = loadConfig({});

  assert.equal(config.trustProxy, false);
  assert.deepEqual(config.limits, DEFAULT_RATE_LIMITS);
});

test('limits are read from the environment', () => {
  const config = loadConfig({
    SIGN_IN_LIMIT_PER_ACCOUNT: '7',
    SIGN_IN_LIMIT_PER_ADDRESS: '1000',
    SQS_TEST_LIMIT_PER_MINUTE: '0',
    CHAT_API_LIMIT_PER_MINUTE: '60000',
  });

  assert.equal(config.limits.signInFailuresPerAccount, 7);
  assert.equal(config.limits.signInFailuresPerAddress, 1000);
  assert.equal(config.limits.sqsTestsPerMinute, 0);
  assert.equal(config.limits.chatApiRequestsPerMinute, 60000);
});

test('TRUST_PROXY accepts hops and proxy addresses', () => {
  assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
  assert.deepEqual(
    loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy,
    ['loopback', '10.0.0.0/8'],
  );
});

test('TRUST_PROXY=true is rejected by name', () => {
  assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), (err: Error) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /TRUST_PROXY: "true" is not a proxy address/);
    return true;
  });
});

test('negative limit is rejected by name', () => {
  assert.throws(() => loadConfig({ CHAT_API_LIMIT_PER_MINUTE: '-1' }),
    /CHAT_API_LIMIT_PER_MINUTE: must be 0 or more/);
});
