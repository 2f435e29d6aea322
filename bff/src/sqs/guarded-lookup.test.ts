import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  createGuardedLookup,
  isNonPublicAddress,
  type LookupFunction,
} from './guarded-lookup.js';

test('non-public addresses are recognised', () => {
  const blocked = [
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1',
    '169.254.169.254', '0.0.0.0', '100.64.0.1', '::1', '::', 'fe80::1',
    'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:169.254.169.254',
    '224.0.0.1', 'not an address',
  ];
  for (const address of blocked) {
    assert.equal(isNonPublicAddress(address), true, address);
  }
});

test('public addresses pass', () => {
  for (const address of ['52.94.0.1', '3.5.0.1', '2600:1f18::1']) {
    assert.equal(isNonPublicAddress(address), false, address);
  }
});

function fakeLookup(result: string | { address: string; family: number }[]) {
  const base: LookupFunction = (_hostname, _options, callback) => {
    if (Array.isArray(result)) callback(null, result);
    else callback(null, result, 4);
  };
  return createGuardedLookup(base);
}

function resolve(
  lookup: LookupFunction,
  hostname: string,
  all = false,
): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    lookup(hostname, { all }, (err, address) =>
      err ? reject(err) : resolvePromise(address),
    );
  });
}

test('an AWS name resolving to a metadata address is refused', async () => {
  const lookup = fakeLookup('169.254.169.254');
  await assert.rejects(
    resolve(lookup, 'sqs.us-east-1.amazonaws.com'),
    /not a public address/,
  );
});

test('an AWS name with one internal address among many is refused', async () => {
  const lookup = fakeLookup([
    { address: '52.94.0.1', family: 4 },
    { address: '10.0.0.5', family: 4 },
  ]);
  await assert.rejects(
    resolve(lookup, 'sqs.eu-west-1.amazonaws.com', true),
    /10\.0\.0\.5/,
  );
});

test('an AWS name resolving to a public address passes', async () => {
  const lookup = fakeLookup('52.94.0.1');
  assert.equal(await resolve(lookup, 'sqs.us-east-1.amazonaws.com'),
    '52.94.0.1');
});

test('a host the operator allowed is not checked', async () => {
  const lookup = fakeLookup('127.0.0.1');
  assert.equal(await resolve(lookup, 'localhost'), '127.0.0.1');
});
