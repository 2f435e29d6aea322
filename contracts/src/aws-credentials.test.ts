import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  accessKeyIdSchema,
  secretAccessKeySchema,
} from './aws-credentials.js';

const EXAMPLE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function firstMessage(result: {
  success: boolean;
  error?: { issues: { message: string }[] };
}): string {
  return result.error?.issues[0]?.message ?? '';
}

describe('accessKeyIdSchema', () => {
  test('accepts a long-term key id', () => {
    assert.equal(accessKeyIdSchema.parse(EXAMPLE_KEY_ID), EXAMPLE_KEY_ID);
  });

  test('trims surrounding whitespace', () => {
    const parsed = accessKeyIdSchema.parse(` ${EXAMPLE_KEY_ID}\n`);
    assert.equal(parsed, EXAMPLE_KEY_ID);
  });

  test('rejects a temporary key id', () => {
    const result = accessKeyIdSchema.safeParse('ASIAIOSFODNN7EXAMPLE');
    assert.equal(result.success, false);
    assert.match(firstMessage(result), /session token/);
    assert.match(firstMessage(result), /long-term access key id/);
  });

  const invalid = [
    '',
    'AKIAIOSFODNN7EXAMPL',
    'AKIAIOSFODNN7EXAMPLE1',
    'akiaiosfodnn7example',
    'AIDAIOSFODNN7EXAMPLE',
    'AROAIOSFODNN7EXAMPLE',
    'AKIA IOSFODNN7EXAMPL',
    'AKIAIOSFODNN7EXAMP/E',
  ];
  for (const value of invalid) {
    test(`rejects "${value}"`, () => {
      const result = accessKeyIdSchema.safeParse(value);
      assert.equal(result.success, false);
      assert.equal(
        firstMessage(result),
        'AWS Key must be an AWS access key id, 20 characters starting ' +
          'with AKIA, such as AKIAIOSFODNN7EXAMPLE.',
      );
    });
  }
});

describe('secretAccessKeySchema', () => {
  test('accepts a 40-character secret', () => {
    assert.equal(secretAccessKeySchema.parse(EXAMPLE_SECRET), EXAMPLE_SECRET);
  });

  test('trims surrounding whitespace', () => {
    const parsed = secretAccessKeySchema.parse(`\t${EXAMPLE_SECRET} `);
    assert.equal(parsed, EXAMPLE_SECRET);
  });

  const invalid = [
    '',
    EXAMPLE_SECRET.slice(1),
    `${EXAMPLE_SECRET}A`,
    `${EXAMPLE_SECRET.slice(1)}=`,
    `${EXAMPLE_SECRET.slice(1)}-`,
    `${EXAMPLE_SECRET.slice(0, 20)} ${EXAMPLE_SECRET.slice(21)}`,
  ];
  for (const [index, value] of invalid.entries()) {
    test(`rejects malformed secret ${index + 1}`, () => {
      const result = secretAccessKeySchema.safeParse(value);
      assert.equal(result.success, false);
      const message = firstMessage(result);
      assert.match(message, /40 characters/);
      if (value !== '') {
        const reported = JSON.stringify(result.error?.issues);
        assert.ok(!reported.includes(value), 'issue repeats the value');
      }
    });
  }
});
