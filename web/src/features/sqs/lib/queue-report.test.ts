import type { QueueReport } from '@sqs-bridge/contracts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  describeEncryption,
  formatKilobytes,
  getQueueReport,
} from './queue-report';

const report: QueueReport = {
  queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/chat-events',
  queueArn: 'arn:aws:sqs:us-east-1:123456789012:chat-events',
  region: 'us-east-1',
  fifo: false,
  maximumMessageSizeBytes: 262_144,
  deadLetterQueueArn: null,
  kmsKeyId: null,
  sqsManagedEncryption: true,
  testMessageId: 'b7d1c0e2-0000-4000-8000-000000000000',
  testEvent: { type: 'sqs.test' },
  advice: [],
};

describe('getQueueReport', () => {
  it('returns the report of a passed test', () => {
    const result = { status: 'ok' as const, data: report, duration: '5ms' };
    assert.equal(getQueueReport(result), report);
  });

  it('returns null for a failed test', () => {
    const result = { status: 'error' as const, error: 'x', duration: '5ms' };
    assert.equal(getQueueReport(result), null);
  });

  it('returns null for data of another shape', () => {
    const result = { status: 'ok' as const, data: {}, duration: '5ms' };
    assert.equal(getQueueReport(result), null);
  });
});

describe('formatKilobytes', () => {
  it('shows whole kilobytes', () => {
    assert.equal(formatKilobytes(262_144), '256 KB');
    assert.equal(formatKilobytes(1_048_576), '1024 KB');
  });

  it('shows one decimal otherwise', () => {
    assert.equal(formatKilobytes(1_536 + 100), '1.6 KB');
  });
});

describe('describeEncryption', () => {
  it('names a KMS key', () => {
    const withKey = { ...report, kmsKeyId: 'alias/chat' };
    assert.equal(describeEncryption(withKey), 'SSE-KMS with key alias/chat');
  });

  it('names SQS-managed encryption', () => {
    assert.match(describeEncryption(report), /^SSE-SQS/);
  });

  it('says when nothing encrypts', () => {
    const plain = { ...report, sqsManagedEncryption: false };
    assert.equal(describeEncryption(plain), 'Not encrypted at rest');
  });
});
