import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  describeSqsError,
  isRetryable,
  SqsError,
  toSqsError,
  type SqsAction,
} from './errors.js';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders';
const FAKE_SECRET = 'TEST/secret+never+shown'.padEnd(40, 'x');

/** Builds an error shaped like those that `@aws-sdk/client-sqs` throws. */
function awsError(
  name: string,
  httpStatusCode: number,
  extra: Record<string, unknown> = {},
): Error {
  const fault = httpStatusCode >= 500 ? 'server' : 'client';
  return Object.assign(new Error(`${name} message`), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode, attempts: 1, totalRetryDelay: 0 },
    ...extra,
  });
}

/** Builds a Node.js socket error as the SDK rethrows it. */
function systemError(code: string, name = 'Error'): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), {
    name,
    code,
    $metadata: { attempts: 1, totalRetryDelay: 0 },
  });
}

function describe_(err: unknown, action: SqsAction = 'SendMessage'): string {
  return describeSqsError(err, { queueUrl: QUEUE_URL, action });
}

describe('describeSqsError', () => {
  const cases: readonly [label: string, err: unknown, expected: RegExp][] = [
    [
      'QueueDoesNotExist',
      awsError('QueueDoesNotExist', 400, {
        Code: 'AWS.SimpleQueueService.NonExistentQueue',
      }),
      /orders does not exist, or the AWS Key has no access/,
    ],
    [
      'legacy NonExistentQueue name',
      awsError('AWS.SimpleQueueService.NonExistentQueue', 400),
      /does not exist/,
    ],
    [
      'InvalidClientTokenId',
      awsError('InvalidClientTokenId', 403),
      /does not recognise the AWS Key/,
    ],
    [
      'UnrecognizedClientException',
      awsError('UnrecognizedClientException', 400),
      /does not recognise the AWS Key/,
    ],
    [
      'SignatureDoesNotMatch',
      awsError('SignatureDoesNotMatch', 403),
      /AWS Secret does not match the AWS Key/,
    ],
    [
      'AccessDenied',
      awsError('AccessDenied', 403),
      /not allowed to call SendMessage .*Grant sqs:SendMessage/,
    ],
    [
      'AccessDeniedException',
      awsError('AccessDeniedException', 400),
      /Grant sqs:SendMessage/,
    ],
    [
      'KmsAccessDenied',
      awsError('KmsAccessDenied', 400, { Code: 'KMS.AccessDeniedException' }),
      /kms:GenerateDataKey and kms:Decrypt/,
    ],
    [
      'KMS.DisabledException code only',
      awsError('SQSServiceException', 400, { Code: 'KMS.DisabledException' }),
      /encrypted with a KMS key/,
    ],
    [
      'RequestThrottled',
      awsError('RequestThrottled', 403),
      /throttled SendMessage/,
    ],
    [
      'ThrottlingException',
      awsError('ThrottlingException', 400),
      /throttled/,
    ],
    [
      'ServiceUnavailable',
      awsError('ServiceUnavailable', 503),
      /server error \(ServiceUnavailable, HTTP 503\)/,
    ],
    [
      'unnamed HTTP 500',
      awsError('UnknownError', 500),
      /server error/,
    ],
    [
      'ECONNREFUSED',
      systemError('ECONNREFUSED'),
      /not reachable \(ECONNREFUSED\)/,
    ],
    ['ENOTFOUND', systemError('ENOTFOUND'), /not reachable \(ENOTFOUND\)/],
    [
      'socket hang up',
      systemError('ECONNRESET', 'TimeoutError'),
      /not reachable \(ECONNRESET\)/,
    ],
    [
      'request timeout',
      systemError('ETIMEDOUT', 'TimeoutError'),
      /not reachable/,
    ],
    [
      'abort',
      Object.assign(new Error('Request aborted'), { name: 'AbortError' }),
      /not reachable \(AbortError\)/,
    ],
    [
      'HTML response',
      Object.assign(new SyntaxError('Unexpected token <'), {
        $metadata: { httpStatusCode: 200 },
      }),
      /did not answer like Amazon SQS/,
    ],
    [
      'unrecognised AWS error',
      awsError('InvalidParameterValue', 400),
      /SendMessage on .*orders failed \(InvalidParameterValue, HTTP 400\): /,
    ],
  ];
  for (const [label, err, expected] of cases) {
    test(`describes ${label}`, () => {
      assert.match(describe_(err), expected);
    });
  }

  test('names the permission of the action', () => {
    const err = awsError('AccessDenied', 403);
    const actions: readonly [SqsAction, string][] = [
      ['GetQueueAttributes', 'sqs:GetQueueAttributes'],
      ['SendMessage', 'sqs:SendMessage'],
      ['SendMessageBatch', 'sqs:SendMessage'],
    ];
    for (const [action, permission] of actions) {
      assert.ok(describe_(err, action).includes(`Grant ${permission} on`));
    }
  });

  test('redacts listed values everywhere', () => {
    const err = awsError('QueueDoesNotExist', 400);
    const message = describeSqsError(err, {
      queueUrl: `${QUEUE_URL}-${FAKE_SECRET}`,
      action: 'SendMessage',
      redact: [FAKE_SECRET],
    });
    assert.ok(!message.includes(FAKE_SECRET));
    assert.match(message, /\[redacted\]/);
  });

  test('redacts secret-shaped text AWS echoes', () => {
    const err = awsError('InvalidParameterValue', 400);
    err.message = `Value ${FAKE_SECRET} for parameter X is invalid.`;
    const message = describe_(err);
    assert.ok(!message.includes(FAKE_SECRET));
    assert.match(message, /Value \[redacted\] for parameter X/);
  });

  test('quotes only the first line', () => {
    const err = awsError('InvalidParameterValue', 400);
    err.message = 'first line\n  second line';
    assert.ok(!describe_(err).includes('second line'));
  });
});

describe('isRetryable', () => {
  const retryable: readonly [string, unknown][] = [
    ['RequestThrottled', awsError('RequestThrottled', 403)],
    ['ThrottlingException', awsError('ThrottlingException', 400)],
    ['KmsThrottled', awsError('KmsThrottled', 400)],
    ['HTTP 503', awsError('ServiceUnavailable', 503)],
    ['HTTP 500', awsError('InternalError', 500)],
    ['HTML 502', Object.assign(new SyntaxError('<'), {
      $metadata: { httpStatusCode: 502 },
    })],
    ['ECONNREFUSED', systemError('ECONNREFUSED')],
    ['ECONNRESET', systemError('ECONNRESET', 'TimeoutError')],
    ['timeout', systemError('ETIMEDOUT', 'TimeoutError')],
    ['abort', Object.assign(new Error('x'), { name: 'AbortError' })],
  ];
  for (const [label, err] of retryable) {
    test(`${label} is retryable`, () => {
      assert.equal(isRetryable(err), true);
    });
  }

  const final: readonly [string, unknown][] = [
    ['QueueDoesNotExist', awsError('QueueDoesNotExist', 400)],
    ['InvalidClientTokenId', awsError('InvalidClientTokenId', 403)],
    ['SignatureDoesNotMatch', awsError('SignatureDoesNotMatch', 403)],
    ['AccessDenied', awsError('AccessDenied', 403)],
    ['KmsAccessDenied', awsError('KmsAccessDenied', 400)],
    ['InvalidMessageContents', awsError('InvalidMessageContents', 400)],
    ['BatchRequestTooLong', awsError('BatchRequestTooLong', 400)],
    ['HTML 200', Object.assign(new SyntaxError('<'), {
      $metadata: { httpStatusCode: 200 },
    })],
    ['TypeError', new TypeError('bug')],
    ['a string', 'failed'],
  ];
  for (const [label, err] of final) {
    test(`${label} is not retryable`, () => {
      assert.equal(isRetryable(err), false);
    });
  }

  test('SqsError keeps its own flag', () => {
    const err = new SqsError('x', {
      code: 'AccessDenied',
      httpStatus: 403,
      retryable: true,
      queueUrl: QUEUE_URL,
    });
    assert.equal(isRetryable(err), true);
  });
});

describe('toSqsError', () => {
  test('carries code, status, flag and cause', () => {
    const cause = awsError('RequestThrottled', 403);
    const err = toSqsError(cause, {
      queueUrl: QUEUE_URL,
      action: 'SendMessageBatch',
      entryIds: ['a', 'b'],
    });
    assert.ok(err instanceof SqsError);
    assert.equal(err.name, 'SqsError');
    assert.equal(err.code, 'RequestThrottled');
    assert.equal(err.httpStatus, 403);
    assert.equal(err.retryable, true);
    assert.equal(err.queueUrl, QUEUE_URL);
    assert.deepEqual(err.entryIds, ['a', 'b']);
    assert.equal(err.cause, cause);
    assert.match(err.message, /throttled SendMessageBatch/);
  });

  test('uses the system code for socket errors', () => {
    const err = toSqsError(systemError('ECONNREFUSED'), {
      queueUrl: QUEUE_URL,
      action: 'SendMessage',
    });
    assert.equal(err.code, 'ECONNREFUSED');
    assert.equal(err.httpStatus, null);
    assert.equal(err.retryable, true);
  });

  test('returns an SqsError unchanged', () => {
    const original = new SqsError('x', {
      code: 'MissingCredentials',
      httpStatus: null,
      retryable: false,
      queueUrl: null,
    });
    const wrapped = toSqsError(original, {
      queueUrl: QUEUE_URL,
      action: 'SendMessage',
    });
    assert.equal(wrapped, original);
  });
});
