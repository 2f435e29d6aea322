/**
 * Test SQS for an app: the values given, falling back to the stored ones,
 * checked live against the queue with a real test event.
 */
import type { SqsCheckResult } from '@sqs-bridge/contracts';

import { STORED_SECRET_MASK } from '../accounts/app-settings.js';
import type { App } from '../accounts/apps.js';
import { buildTestEvent } from '../events/test-event.js';
import { checkQueue } from './check-queue.js';

/**
 * The values to test. A field that is absent, null or the stored-secret
 * mask falls back to the stored value. Any other string, even an empty
 * one, is tested as given.
 */
export interface TestSqsInput {
  sqs_url?: unknown;
  sqs_key?: unknown;
  sqs_secret?: unknown;
}

/**
 * Runs Test SQS for an app and returns the `POST /check_sqs` result. A
 * pass on the stored settings is reported to `onQueueCheckPassed`.
 */
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
    const value = given[field] as string | null | undefined;
    const keepStored = value == null || value === STORED_SECRET_MASK;
    return keepStored ? app[field] : value.trim();
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
  const tested = {
    sqsUrl,
    sqsKey: pick('sqs_key'),
    sqsSecret: pick('sqs_secret'),
  };
  const result = await checkQueue(tested, {
    allowedOrigins,
    testEvent: buildTestEvent(app),
  });
  const storedTested =
    tested.sqsUrl === app.sqs_url &&
    tested.sqsKey === app.sqs_key &&
    tested.sqsSecret === app.sqs_secret;
  if (result.status === 'ok' && storedTested) {
    for (const listener of checkPassedListeners) listener(app.id);
  }
  return result;
}

type CheckPassedListener = (appId: string) => void;

const checkPassedListeners = new Set<CheckPassedListener>();

/**
 * Calls `listener` with the app id whenever Test SQS passes on an app's
 * stored settings, so delivery can resume. App ids are unique, so a
 * listener may ignore ids it does not know. Returns a function that
 * removes the listener.
 */
export function onQueueCheckPassed(listener: CheckPassedListener): () => void {
  checkPassedListeners.add(listener);
  return () => checkPassedListeners.delete(listener);
}

function elapsed(started: bigint): string {
  return `${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(2)}ms`;
}
