import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { SQSClient } from '@aws-sdk/client-sqs';

import { SqsClientCache, type ClientSettings } from './client-cache.js';
import type { SqsClientOptions } from './client-factory.js';

interface FakeClient {
  options: SqsClientOptions;
  destroyed: boolean;
}

function fakeCache(maxClients = 500, idleTimeoutMs = 60_000) {
  const built: FakeClient[] = [];
  const cache = new SqsClientCache({
    maxClients,
    idleTimeoutMs,
    requestTimeoutMs: 1_000,
    connectionTimeoutMs: 1_000,
    factory: (options) => {
      const client: FakeClient = { options, destroyed: false };
      built.push(client);
      return {
        destroy: () => {
          client.destroyed = true;
        },
      } as unknown as SQSClient;
    },
  });
  return { cache, built };
}

const settings = (appId: string, secret = 'secret-1'): ClientSettings => ({
  appId,
  region: 'us-east-1',
  endpoint: null,
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: secret,
  fips: false,
});

test('client cache reuses a client for the same settings', () => {
  const { cache, built } = fakeCache();
  const first = cache.get(settings('a'));
  assert.equal(cache.get(settings('a')), first);
  assert.equal(built.length, 1);
  assert.equal(built[0]?.options.maxAttempts, 1);
});

test('client cache never shares a client between apps', () => {
  const { cache } = fakeCache();
  assert.notEqual(cache.get(settings('a')), cache.get(settings('b')));
});

test('client cache builds a new client for a new secret', () => {
  const { cache, built } = fakeCache();
  cache.get(settings('a', 'old'));
  cache.get(settings('a', 'new'));
  assert.equal(built.length, 2);
});

test('client cache destroys the least recently used', () => {
  const { cache, built } = fakeCache(2);
  cache.get(settings('a'));
  cache.get(settings('b'));
  cache.get(settings('a'));
  cache.get(settings('c'));
  assert.equal(cache.size, 2);
  assert.deepEqual(
    built.map((client) => client.destroyed),
    [false, true, false],
  );
});

test('client cache destroys an app on eviction', () => {
  const { cache, built } = fakeCache();
  cache.get(settings('a'));
  cache.get(settings('b'));
  cache.evictApp('a');
  assert.equal(built[0]?.destroyed, true);
  assert.equal(built[1]?.destroyed, false);
});

test('client cache destroys idle clients', () => {
  const { cache, built } = fakeCache(500, 1_000);
  cache.get(settings('a'));
  cache.evictIdle(Date.now() + 500);
  assert.equal(built[0]?.destroyed, false);
  cache.evictIdle(Date.now() + 5_000);
  assert.equal(built[0]?.destroyed, true);
  assert.equal(cache.size, 0);
});
