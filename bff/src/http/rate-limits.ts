/**
 * Rate limits of the HTTP API. Each limit counts in this process's memory
 * (see `createLimiter`), and a limit of 0 turns that limiter off, such as
 * for benchmarks.
 */
import { parseQueueUrl } from '@sqs-bridge/contracts';
import type { RequestHandler } from 'express';

import { createLimiter, type LimitOptions } from './security.js';

export interface RateLimits {
  /** Failed sign-ins allowed per email address in one window. Default 5. */
  signInFailuresPerAccount: number;
  /** Failed sign-ins allowed per client address in one window. Default 20. */
  signInFailuresPerAddress: number;
  /** Window of both sign-in limits, in ms. Default 15 minutes. */
  signInWindowMs: number;
  /**
   * Test SQS runs per app and minute, counted separately for the platform
   * API's `POST /check_sqs` and the dashboard's Test SQS. Default 30.
   * A test whose queue URL is invalid sends nothing and is not counted.
   */
  sqsTestsPerMinute: number;
  /**
   * Platform (chat) API requests per app and minute. Default 300,000
   * (5,000 a second): above what one instance serves, so it stops only
   * runaway clients and never throttles a busy app before the server does.
   */
  chatApiRequestsPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInFailuresPerAccount: 5,
  signInFailuresPerAddress: 20,
  signInWindowMs: 15 * 60_000,
  sqsTestsPerMinute: 30,
  chatApiRequestsPerMinute: 300_000,
};

export const ONE_MINUTE_MS = 60_000;

/** Creates a limiter, or a pass-through when `limit` is 0. */
export function createOptionalLimiter(options: LimitOptions): RequestHandler {
  if (options.limit <= 0) return (_request, _response, next) => next();
  return createLimiter(options);
}

/** Formats a wait for a message, such as "45 seconds" or "15 minutes". */
export function describeWait(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Tells whether a Test SQS request names a queue URL that fails
 * validation: such a test opens no connection, so it spends no budget.
 */
export function namesInvalidQueueUrl(
  url: unknown,
  allowedOrigins: readonly string[],
): boolean {
  if (typeof url !== 'string' || url.trim() === '') return false;
  return !parseQueueUrl(url, { allowedOrigins }).ok;
}
