import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createSqsFormSchema } from './sqs-form-schema';

const awsUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/chat-events';
const key = 'AKIAIOSFODNN7EXAMPLE';
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function issuePaths(result: { error?: { issues: { path: unknown[] }[] } }) {
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
}

describe('createSqsFormSchema', () => {
  const schema = createSqsFormSchema([]);

  it('accepts an empty form', () => {
    const result = schema.safeParse({ sqsUrl: '', sqsKey: '', sqsSecret: '' });
    assert.equal(result.success, true);
  });

  it('accepts an AWS queue with credentials', () => {
    const input = { sqsUrl: awsUrl, sqsKey: key, sqsSecret: secret };
    assert.equal(schema.safeParse(input).success, true);
  });

  it('trims the URL', () => {
    const input = { sqsUrl: ` ${awsUrl} `, sqsKey: '', sqsSecret: '' };
    assert.equal(schema.parse(input).sqsUrl, awsUrl);
  });

  it('rejects a URL that is not a queue', () => {
    const input = {
      sqsUrl: 'https://example.com/x',
      sqsKey: '',
      sqsSecret: '',
    };
    const result = schema.safeParse(input);
    assert.deepEqual(issuePaths(result), ['sqsUrl']);
    assert.match(result.error?.issues[0]?.message ?? '', /invalid SQS url/);
  });

  it('accepts an origin only when allowed', () => {
    const local = 'http://127.0.0.1:9324/000000000000/chat-events';
    const input = { sqsUrl: local, sqsKey: '', sqsSecret: '' };
    assert.equal(schema.safeParse(input).success, false);
    const allowing = createSqsFormSchema(['http://127.0.0.1:9324']);
    assert.equal(allowing.safeParse(input).success, true);
  });

  it('reports bad credentials at their fields', () => {
    const input = { sqsUrl: awsUrl, sqsKey: 'nope', sqsSecret: 'short' };
    const result = schema.safeParse(input);
    assert.deepEqual(issuePaths(result), ['sqsKey', 'sqsSecret']);
  });
});
