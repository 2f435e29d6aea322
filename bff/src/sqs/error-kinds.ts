/**
 * Sorts SQS call failures into the kinds that need different fixes. It
 * follows the error names of `@aws-sdk/client-sqs` 3.1178, which decodes
 * the JSON protocol's `x-amzn-query-error` header into `name`
 * (`QueueDoesNotExist`, `KmsAccessDenied`) and `Code`
 * (`AWS.SimpleQueueService.NonExistentQueue`, `KMS.AccessDeniedException`).
 * Both are checked, as are Node.js socket error codes.
 */

/** The cause of a failure, at the level the customer can act on. */
export type ErrorKind =
  | 'queue-not-found'
  | 'invalid-key'
  | 'invalid-secret'
  | 'access-denied'
  | 'kms'
  | 'throttled'
  | 'server-error'
  | 'unreachable'
  | 'not-sqs'
  | 'other';

/** The fields of a failure that the classification reads. */
export interface ErrorFacts {
  name: string;
  /** The query-protocol code, such as `KMS.AccessDeniedException`. */
  queryCode: string;
  /** Node.js system error code, such as `ECONNREFUSED`. */
  systemCode: string;
  httpStatus: number | null;
  message: string;
}

const LEGACY_PREFIX = /^AWS\.SimpleQueueService\./;

const QUEUE_NOT_FOUND = new Set([
  'QueueDoesNotExist',
  'NonExistentQueue',
  'AWS.SimpleQueueService.NonExistentQueue',
]);
const INVALID_KEY = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);
const INVALID_SECRET = new Set([
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
]);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException']);
const THROTTLED = new Set([
  'RequestThrottled',
  'ThrottlingException',
  'Throttling',
  'KmsThrottled',
  'KMS.ThrottlingException',
]);
const SERVER_ERRORS = new Set([
  'ServiceUnavailable',
  'InternalError',
  'InternalFailure',
]);
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
const CONNECTION_NAMES = new Set(['TimeoutError', 'AbortError']);

/** Reads the name, codes, HTTP status and message of any thrown value. */
export function readFacts(err: unknown): ErrorFacts {
  const record: Record<string, unknown> =
    typeof err === 'object' && err !== null
      ? (err as Record<string, unknown>)
      : {};
  const metadata = record['$metadata'] as Record<string, unknown> | undefined;
  const status = metadata?.['httpStatusCode'];
  const code = record['code'];
  const queryCode = record['Code'];
  const name = typeof record['name'] === 'string' ? record['name'] : '';
  return {
    // Some SQS-compatible servers prefix every code with the legacy
    // namespace, which AWS uses only for a few errors.
    name: name.replace(LEGACY_PREFIX, ''),
    queryCode: typeof queryCode === 'string' ? queryCode : '',
    systemCode: typeof code === 'string' ? code : '',
    httpStatus: typeof status === 'number' ? status : null,
    message: err instanceof Error ? err.message : String(err),
  };
}

function hasName(facts: ErrorFacts, names: ReadonlySet<string>): boolean {
  return names.has(facts.name) || names.has(facts.queryCode);
}

/** Returns the kind of a failure, checking the most specific first. */
export function classify(facts: ErrorFacts): ErrorKind {
  if (hasName(facts, QUEUE_NOT_FOUND)) return 'queue-not-found';
  if (hasName(facts, INVALID_KEY)) return 'invalid-key';
  if (hasName(facts, INVALID_SECRET)) return 'invalid-secret';
  if (hasName(facts, ACCESS_DENIED)) return 'access-denied';
  if (hasName(facts, THROTTLED)) return 'throttled';
  if (facts.name.startsWith('Kms') || facts.queryCode.startsWith('KMS.')) {
    return 'kms';
  }
  if (hasName(facts, SERVER_ERRORS)) return 'server-error';
  if (facts.httpStatus !== null && facts.httpStatus >= 500) {
    return 'server-error';
  }
  if (
    CONNECTION_CODES.has(facts.systemCode) ||
    CONNECTION_NAMES.has(facts.name)
  ) {
    return 'unreachable';
  }
  if (facts.name === 'SyntaxError' || facts.name === 'NotSqsEndpoint') {
    return 'not-sqs';
  }
  return 'other';
}

/** Kinds of failure that may pass when the same call is repeated. */
export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set([
  'throttled',
  'server-error',
  'unreachable',
]);

/**
 * Kinds of failure that only a change of the settings or of the queue
 * fixes: delivery pauses on them instead of retrying.
 */
export const CONFIGURATION_KINDS: ReadonlySet<ErrorKind> = new Set([
  'queue-not-found',
  'invalid-key',
  'invalid-secret',
  'access-denied',
  'kms',
  'not-sqs',
]);

const GENERIC_NAMES = new Set(['', 'Error', 'SqsError', 'UnknownError']);

/**
 * Returns the code of a failure: its Node.js error code, else the SDK's
 * error name (`QueueDoesNotExist`), else the query-protocol code.
 */
export function errorCodeOf(facts: ErrorFacts): string {
  if (facts.systemCode !== '') return facts.systemCode;
  if (!GENERIC_NAMES.has(facts.name)) return facts.name;
  return facts.queryCode || facts.name || 'Error';
}
