/**
 * Sorts failed delivery calls by the reaction they need: pause on a
 * configuration error, back off on a passing one, split a batch that is
 * too long, and charge anything else to the events that were sent.
 */
import {
  classify,
  CONFIGURATION_KINDS,
  errorCodeOf,
  readFacts,
  RETRYABLE_KINDS,
  type ErrorKind,
} from './error-kinds.js';
import { SqsError } from './errors.js';

/** The reaction a failed call needs. */
export type FailureReaction =
  | 'pause'
  | 'back-off'
  | 'split-batch'
  | 'charge-events';

/** A failed SQS call, classified. */
export interface ClassifiedFailure {
  reaction: FailureReaction;
  kind: ErrorKind;
  /** AWS error name or Node.js error code, such as `AccessDenied`. */
  code: string;
}

/** Classifies a failure that `sendEventBatch` or `readQueueLimits` raised. */
export function classifyCallFailure(err: unknown): ClassifiedFailure {
  if (err instanceof SqsError && err.code === 'MissingCredentials') {
    return { reaction: 'pause', kind: 'invalid-key', code: err.code };
  }
  const cause = err instanceof SqsError ? err.cause ?? err : err;
  const facts = readFacts(cause);
  const kind = classify(facts);
  const code = errorCodeOf(facts).replace(/^AWS\.SimpleQueueService\./, '');
  return { reaction: reactionFor(kind, code), kind, code };
}

function reactionFor(kind: ErrorKind, code: string): FailureReaction {
  if (code === 'BatchRequestTooLong') return 'split-batch';
  if (CONFIGURATION_KINDS.has(kind)) return 'pause';
  if (RETRYABLE_KINDS.has(kind)) return 'back-off';
  return 'charge-events';
}

const SIZE_CODES = new Set(['MessageTooLong', 'BatchEntryTooLong']);
const SIZE_MESSAGE = /shorter than|too long|message size|maximum.*size/i;

/**
 * Tells whether SQS rejected an entry for its size. AWS reports it as
 * `InvalidParameterValue` with "Message must be shorter than N bytes".
 */
export function isSizeRejection(code: string, message: string): boolean {
  if (SIZE_CODES.has(code)) return true;
  return code === 'InvalidParameterValue' && SIZE_MESSAGE.test(message);
}
