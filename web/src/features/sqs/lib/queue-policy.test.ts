import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  buildQueuePolicy,
  getQueueArnOrPlaceholder,
  PLACEHOLDER_QUEUE_ARN,
  REQUIRED_SQS_ACTIONS,
} from './queue-policy';

const awsUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/events.fifo';

describe('getQueueArnOrPlaceholder', () => {
  it('derives the ARN from a queue URL', () => {
    assert.equal(
      getQueueArnOrPlaceholder(awsUrl, []),
      'arn:aws:sqs:eu-west-1:123456789012:events.fifo',
    );
  });

  it('uses the placeholder for an empty URL', () => {
    assert.equal(getQueueArnOrPlaceholder('  ', []), PLACEHOLDER_QUEUE_ARN);
  });

  it('uses the placeholder for an invalid URL', () => {
    const arn = getQueueArnOrPlaceholder('https://example.com/q', []);
    assert.equal(arn, PLACEHOLDER_QUEUE_ARN);
  });
});

describe('buildQueuePolicy', () => {
  const arn = 'arn:aws:sqs:us-east-1:123456789012:chat-events';
  const policy = JSON.parse(buildQueuePolicy(arn));
  const statement = policy.Statement[0];

  it('uses the current policy language version', () => {
    assert.equal(policy.Version, '2012-10-17');
  });

  it('allows the delivery actions', () => {
    assert.equal(statement.Effect, 'Allow');
    assert.deepEqual(statement.Action, [...REQUIRED_SQS_ACTIONS]);
  });

  it('limits the grant to the queue', () => {
    assert.equal(statement.Resource, arn);
  });

  it('has one statement', () => {
    assert.equal(policy.Statement.length, 1);
  });
});
