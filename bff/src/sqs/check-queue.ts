/**
 * Test SQS: checks an SQS destination live, the way delivery will use it.
 * It validates the URL and credentials without any network access, reads
 * the queue attributes, sends a real test message, and reports what it
 * found. The whole check has one deadline, because the AWS SDK sets none
 * by default and a queue that does not respond must not hold the request.
 */
import { randomUUID } from 'node:crypto';

import {
  GetQueueAttributesCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  accessKeyIdSchema,
  parseQueueUrl,
  secretAccessKeySchema,
  type ParsedQueue,
  type QueueReport,
  type SqsCheckResult,
} from '@sqs-bridge/contracts';

import { EVENT_TYPE_ATTRIBUTE } from '../events/encoding.js';
import { createSqsClient } from './client-factory.js';
import { describeSqsError, type SqsAction } from './errors.js';
import { adviseOnQueue, readQueueFacts } from './queue-report.js';

/** Default time allowed for the whole check, in milliseconds. */
export const DEFAULT_CHECK_DEADLINE_MS = 2_500;

/** `MessageGroupId` of the test message on FIFO queues. */
export const TEST_MESSAGE_GROUP_ID = 'sqs-test';

/** The SQS settings to test, as stored or as typed in the form. */
export interface CheckQueueInput {
  sqsUrl: string;
  sqsKey: string;
  sqsSecret: string;
}

export interface CheckQueueOptions {
  /** Origins of SQS-compatible servers besides AWS that may be used. */
  allowedOrigins: readonly string[];
  /** The test message: its encoded body, event type and decoded event. */
  testEvent: {
    body: string;
    eventType: string;
    event: Record<string, unknown>;
  };
  /** Time allowed for the whole check, in milliseconds. Default 2500. */
  deadlineMs?: number;
  /** Function that builds the client, for tests. Default `createSqsClient`. */
  clientFactory?: typeof createSqsClient;
}

/** A failed step, carrying the readable message and the error code. */
class CheckFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * Checks an SQS destination and returns the `POST /check_sqs` result. It
 * never throws: every failure becomes `status: "error"` with a readable
 * message that never contains the secret. An invalid URL or credentials
 * fail before any client is built, so no DNS lookup or connection happens.
 */
export async function checkQueue(
  input: CheckQueueInput,
  options: CheckQueueOptions,
): Promise<SqsCheckResult> {
  const startedAt = performance.now();
  const duration = (): string =>
    `${(performance.now() - startedAt).toFixed(2)}ms`;
  const parsed = parseQueueUrl(input.sqsUrl, options);
  if (!parsed.ok) {
    const error = redactSecret(parsed.error, input.sqsSecret);
    return { status: 'error', error, data: {}, duration: duration() };
  }
  const queue = parsed.queue;
  try {
    const report = await checkParsedQueue(queue, input, options);
    return { status: 'ok', data: report, duration: duration() };
  } catch (err) {
    const failure = toCheckFailure(err, queue);
    return {
      status: 'error',
      error: redactSecret(failure.message, input.sqsSecret),
      data: { queue_url: queue.url, error_code: failure.code },
      duration: duration(),
    };
  }
}

/** Removes the secret from a message, in case some input repeated it. */
function redactSecret(message: string, secret: string): string {
  const trimmed = secret.trim();
  return trimmed === '' ? message : message.split(trimmed).join('[redacted]');
}

async function checkParsedQueue(
  queue: ParsedQueue,
  input: CheckQueueInput,
  options: CheckQueueOptions,
): Promise<QueueReport> {
  if (queue.endpoint === null) {
    validateCredentials(input);
  }
  const deadlineMs = options.deadlineMs ?? DEFAULT_CHECK_DEADLINE_MS;
  const client = (options.clientFactory ?? createSqsClient)({
    region: queue.region,
    endpoint: queue.endpoint,
    accessKeyId: input.sqsKey.trim(),
    secretAccessKey: input.sqsSecret.trim(),
    requestTimeoutMs: deadlineMs,
    connectionTimeoutMs: deadlineMs,
    maxAttempts: 1,
    fips: new URL(queue.url).hostname.startsWith('sqs-fips.'),
  });
  try {
    return await withDeadline(deadlineMs, queue, (signal) =>
      inspectAndSend(client, queue, options.testEvent, signal),
    );
  } finally {
    client.destroy();
  }
}

/**
 * Validates the credentials of an AWS queue before any request, with the
 * form's own messages. Allowed non-AWS servers check no credentials, so
 * their key and secret are not validated.
 */
function validateCredentials(input: CheckQueueInput): void {
  if (input.sqsKey.trim() === '') {
    throw new CheckFailure(
      'AWS Key is missing. Enter the access key id of an IAM user that ' +
        'may send to the queue.',
      'MissingCredentials',
    );
  }
  if (input.sqsSecret.trim() === '') {
    throw new CheckFailure(
      'AWS Secret is missing. Enter the secret access key of the AWS Key.',
      'MissingCredentials',
    );
  }
  const key = accessKeyIdSchema.safeParse(input.sqsKey);
  const secret = secretAccessKeySchema.safeParse(input.sqsSecret);
  const issue = key.error?.issues[0] ?? secret.error?.issues[0];
  if (issue !== undefined) {
    throw new CheckFailure(issue.message, 'InvalidCredentials');
  }
}

/**
 * Runs `work` with an abort signal and settles by `deadlineMs` at the
 * latest: when the deadline passes, the signal aborts the SDK requests and
 * a "not reachable" failure is raised at once, whatever the SDK does.
 */
async function withDeadline<T>(
  deadlineMs: number,
  queue: ParsedQueue,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      const seconds = deadlineMs / 1000;
      reject(
        new CheckFailure(
          `The SQS endpoint of ${queue.url} is not reachable within ` +
            `${seconds} s. Check the queue URL and that the endpoint ` +
            'accepts connections.',
          'DeadlineExceeded',
        ),
      );
    }, deadlineMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function inspectAndSend(
  client: SQSClient,
  queue: ParsedQueue,
  testEvent: CheckQueueOptions['testEvent'],
  signal: AbortSignal,
): Promise<QueueReport> {
  const attributes = await runStep('GetQueueAttributes', () =>
    client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queue.url,
        AttributeNames: ['All'],
      }),
      { abortSignal: signal },
    ),
  );
  const facts = readQueueFacts(attributes.Attributes ?? {});
  if (facts === null) {
    throw notSqs(queue, 'GetQueueAttributes returned no queue attributes');
  }
  const sent = await runStep('SendMessage', () =>
    client.send(new SendMessageCommand(testMessage(queue, testEvent)), {
      abortSignal: signal,
    }),
  );
  if (sent.MessageId === undefined || sent.MessageId === '') {
    throw notSqs(queue, 'SendMessage returned no message id');
  }
  return {
    queueUrl: queue.url,
    region: queue.region,
    ...facts,
    testMessageId: sent.MessageId,
    testEvent: testEvent.event,
    advice: adviseOnQueue(facts),
  };
}

function testMessage(
  queue: ParsedQueue,
  testEvent: CheckQueueOptions['testEvent'],
): ConstructorParameters<typeof SendMessageCommand>[0] {
  const fifo = queue.fifo
    ? {
        MessageGroupId: TEST_MESSAGE_GROUP_ID,
        MessageDeduplicationId: randomUUID(),
      }
    : {};
  return {
    QueueUrl: queue.url,
    MessageBody: testEvent.body,
    MessageAttributes: {
      [EVENT_TYPE_ATTRIBUTE]: {
        DataType: 'String',
        StringValue: testEvent.eventType,
      },
    },
    ...fifo,
  };
}

/** Error raised inside a step, tagged with the SQS action that failed. */
class StepError extends Error {
  constructor(
    readonly action: SqsAction,
    override readonly cause: unknown,
  ) {
    super(`${action} failed`);
  }
}

async function runStep<T>(
  action: SqsAction,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new StepError(action, err);
  }
}

function notSqs(queue: ParsedQueue, reason: string): CheckFailure {
  return new CheckFailure(
    `${queue.url} did not answer like Amazon SQS (${reason}). Check that ` +
      'the queue URL points at an SQS queue.',
    'NotSqsEndpoint',
  );
}

function toCheckFailure(err: unknown, queue: ParsedQueue): CheckFailure {
  if (err instanceof CheckFailure) {
    return err;
  }
  const action = err instanceof StepError ? err.action : 'GetQueueAttributes';
  const cause = err instanceof StepError ? err.cause : err;
  const message = describeSqsError(cause, { queueUrl: queue.url, action });
  return new CheckFailure(message, errorCode(cause));
}

function errorCode(err: unknown): string {
  if (typeof err !== 'object' || err === null) {
    return 'Error';
  }
  const { code, name } = err as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && code !== '') {
    return code;
  }
  return typeof name === 'string' && name !== '' ? name : 'Error';
}
