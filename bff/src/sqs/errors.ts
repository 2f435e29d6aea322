/**
 * One error type for every failed SQS call, and the readable messages that
 * tell a customer what to fix, for each kind of error that
 * `error-kinds.ts` distinguishes.
 *
 * Messages are built from fixed sentences. The only text taken from the
 * error is its name and, for unrecognised errors, its message after
 * redaction, so a secret that AWS echoes back does not reach a message.
 */
import {
  classify,
  readFacts,
  RETRYABLE_KINDS,
  type ErrorFacts,
  type ErrorKind,
} from './error-kinds.js';

/** The SQS actions this product calls. */
export type SqsAction =
  | 'GetQueueAttributes'
  | 'SendMessage'
  | 'SendMessageBatch'
  | 'CreateQueue'
  | 'ReceiveMessage';

/** Fields of an `SqsError` besides its message. */
export interface SqsErrorDetails {
  /** AWS error name (`QueueDoesNotExist`), or a Node.js error code. */
  code: string;
  httpStatus: number | null;
  /** True when the same request may succeed later. */
  retryable: boolean;
  queueUrl: string | null;
  /** Ids of the batch entries that the failed call carried. */
  entryIds?: readonly string[];
  cause?: unknown;
}

/**
 * A failed SQS call. It carries the AWS error name, HTTP status, retryable
 * flag and queue URL, with the SDK error as `cause`. It never carries
 * credentials or message bodies.
 */
export class SqsError extends Error {
  override readonly name = 'SqsError';
  readonly code: string;
  readonly httpStatus: number | null;
  readonly retryable: boolean;
  readonly queueUrl: string | null;
  readonly entryIds: readonly string[];

  constructor(message: string, details: SqsErrorDetails) {
    super(message, { cause: details.cause });
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.retryable = details.retryable;
    this.queueUrl = details.queueUrl;
    this.entryIds = details.entryIds ?? [];
  }
}

/** Context of the failed call, for `describeSqsError`. */
export interface DescribeSqsErrorOptions {
  queueUrl: string;
  action: SqsAction;
  /** Values to remove from any AWS text quoted in the message. */
  redact?: readonly string[];
}

/** Runs of 40 secret-key characters, the shape of an AWS secret key. */
const SECRET_SHAPED =
  /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g;

/**
 * Tells whether a failed SQS call may succeed when repeated unchanged.
 * Throttling, HTTP 5xx, timeouts, aborts and connection errors are
 * retryable. Configuration errors (unknown queue, key, secret, permission,
 * KMS), invalid input and responses that are not SQS are not.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof SqsError) {
    return err.retryable;
  }
  return RETRYABLE_KINDS.has(classify(readFacts(err)));
}

function permissionFor(action: SqsAction): string {
  return action === 'SendMessageBatch' ? 'sqs:SendMessage' : `sqs:${action}`;
}

function redactText(text: string, values: readonly string[]): string {
  let redacted = text;
  for (const value of values) {
    if (value !== '') {
      redacted = redacted.split(value).join('[redacted]');
    }
  }
  return redacted;
}

/** Quotes the first line of an AWS message without secret-shaped text. */
function quoteAwsMessage(message: string): string {
  const firstLine = message.split('\n')[0] ?? '';
  return firstLine.replace(SECRET_SHAPED, '[redacted]');
}

function errorLabel(facts: ErrorFacts): string {
  const name = facts.queryCode || facts.systemCode || facts.name;
  const status = facts.httpStatus === null ? '' : `, HTTP ${facts.httpStatus}`;
  return `(${name || 'unknown error'}${status})`;
}

/**
 * Returns a readable message for a failed SQS call: what failed, on which
 * queue, and what to change. It names the missing permission for
 * `AccessDenied` and the KMS permissions for encrypted queues. The
 * message never contains the `redact` values, and quoted AWS text has
 * runs of 40 secret-key characters replaced.
 */
export function describeSqsError(
  err: unknown,
  options: DescribeSqsErrorOptions,
): string {
  if (err instanceof SqsError && err.code === 'MissingCredentials') {
    return redactText(err.message, options.redact ?? []);
  }
  const facts = readFacts(err);
  const kind = classify(facts);
  const message = describeKind(kind, facts, options);
  return redactText(message, options.redact ?? []);
}

function describeKind(
  kind: ErrorKind,
  facts: ErrorFacts,
  options: DescribeSqsErrorOptions,
): string {
  const { queueUrl, action } = options;
  const label = errorLabel(facts);
  switch (kind) {
    case 'queue-not-found':
      return (
        `Queue ${queueUrl} does not exist, or the AWS Key has no access to ` +
        `it ${label}. Check the queue URL and its region, and that the ` +
        `key may use the queue.`
      );
    case 'invalid-key':
      return (
        `AWS does not recognise the AWS Key ${label}. Check that the ` +
        `access key id is correct and active in IAM.`
      );
    case 'invalid-secret':
      return (
        `AWS rejected the request signature ${label}, so the AWS Secret ` +
        `does not match the AWS Key. Enter the secret access key that ` +
        `belongs to this key.`
      );
    case 'access-denied':
      return (
        `The AWS Key is not allowed to call ${action} on ${queueUrl} ` +
        `${label}. Grant ${permissionFor(action)} on the queue to the ` +
        `key's IAM user.`
      );
    case 'kms':
      return (
        `Queue ${queueUrl} is encrypted with a KMS key that the AWS Key ` +
        `cannot use ${label}. Grant kms:GenerateDataKey and kms:Decrypt ` +
        `on that KMS key to the key's IAM user.`
      );
    case 'throttled':
      return (
        `AWS throttled ${action} on ${queueUrl} ${label}. ` +
        `Try again in a moment.`
      );
    case 'server-error':
      return (
        `The SQS endpoint of ${queueUrl} failed with a server error ` +
        `${label}. Try again in a moment.`
      );
    case 'unreachable':
      return (
        `The SQS endpoint of ${queueUrl} is not reachable ${label}. Check ` +
        `the queue URL and that the endpoint accepts connections.`
      );
    case 'not-sqs':
      return (
        `${queueUrl} did not answer like Amazon SQS ${label}. Check that ` +
        `the queue URL points at an SQS queue.`
      );
    case 'other':
      return (
        `${action} on ${queueUrl} failed ${label}: ` +
        quoteAwsMessage(facts.message)
      );
  }
}

/**
 * Wraps any failure of an SQS call in an `SqsError` whose message is
 * `describeSqsError`'s. An `SqsError` is returned unchanged.
 */
export function toSqsError(
  err: unknown,
  options: DescribeSqsErrorOptions & { entryIds?: readonly string[] },
): SqsError {
  if (err instanceof SqsError) {
    return err;
  }
  const facts = readFacts(err);
  return new SqsError(describeSqsError(err, options), {
    code: facts.systemCode || facts.name || 'Error',
    httpStatus: facts.httpStatus,
    retryable: isRetryable(err),
    queueUrl: options.queueUrl,
    entryIds: options.entryIds ?? [],
    cause: err,
  });
}
