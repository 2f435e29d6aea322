/**
 * Test SQS for an app: the values given, falling back to the stored ones,
 * checked live against the queue with a real test event.
 */
import type { SqsCheckResult } from '@sqs-bridge/contracts';

import { STORED_SECRET_MASK } from '../accounts/app-settings.js';
import type { App } from '../accounts/apps.js';
import { buildTestEvent } from '../events/test-event.js';
import { checkQueue } from './check-queue.js';

export interface TestSqsInput {
  sqs_url?: unknown;
  sqs_key?: unknown;
  sqs_secret?: unknown;
}

export async function testSqsSettings(
  app: App,
  given: TestSqsInput,
  allowedOrigins: readonly string[],
): Promise<SqsCheckResult> {
  const started = process.hrtime.bigint();
  const fields = ['sqs_url', 'sqs_key', 'sqs_secret'] as const;
  const wrongType = fields.find(
    (field) => given[field] != null && typeof given[field] !== 'string',
  );
  if (wrongType !== undefined) {
    return {
      status: 'error',
      error: `${wrongType} must be a string.`,
      data: {},
      duration: elapsed(started),
    };
  }
  const pick = (field: (typeof fields)[number]): string => {
    const value = ((given[field] as string | undefined) ?? '').trim();
    const keepStored = value === '' || value === STORED_SECRET_MASK;
    return keepStored ? app[field] : value;
  };
  const sqsUrl = pick('sqs_url');
  if (sqsUrl === '') {
    return {
      status: 'error',
      error: 'SQS URL is missing: enter the URL of the queue to test.',
      data: {},
      duration: elapsed(started),
    };
  }
  return checkQueue(
    { sqsUrl, sqsKey: pick('sqs_key'), sqsSecret: pick('sqs_secret') },
    { allowedOrigins, testEvent: buildTestEvent(app) },
  );
}

function elapsed(started: bigint): string {
  return `${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(2)}ms`;
}
