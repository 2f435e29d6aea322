/**
 * Rate limits of the platform API, per authenticated app. A rejected
 * request gets 429, `Retry-After` and the platform's error envelope with
 * code 9, the platform's rate-limit code, which the SDK reports as
 * `StreamChat error code 9`.
 */
import type { RequestHandler, Response } from 'express';

import { ErrorCode } from '../../chat/errors.js';
import {
  createOptionalLimiter,
  describeWait,
  namesInvalidQueueUrl,
  ONE_MINUTE_MS,
  type RateLimits,
} from '../rate-limits.js';
import { currentApp } from './auth.js';
import { PlatformError, sendPlatformError } from './envelope.js';

/** Limits every platform API request of an app; mount after auth. */
export function createPlatformLimiter(limits: RateLimits): RequestHandler {
  const limit = limits.chatApiRequestsPerMinute;
  return createOptionalLimiter({
    limit,
    windowMs: ONE_MINUTE_MS,
    key: (_request, response) => `platform:${currentApp(response).id}`,
    reject: rejectWith(
      (wait) =>
        `Too many requests for this app: at most ${limit} a minute. ` +
        `Retry after ${wait}.`,
    ),
  });
}

/** Limits `POST /check_sqs`, which sends traffic to the queue, per app. */
export function createCheckSqsLimiter(
  limits: RateLimits,
  allowedOrigins: readonly string[],
): RequestHandler {
  const limit = limits.sqsTestsPerMinute;
  return createOptionalLimiter({
    limit,
    windowMs: ONE_MINUTE_MS,
    key: (_request, response) => `check_sqs:${currentApp(response).id}`,
    skip: (request) =>
      namesInvalidQueueUrl(
        (request.body as { sqs_url?: unknown } | undefined)?.sqs_url,
        allowedOrigins,
      ),
    reject: rejectWith(
      (wait) =>
        `Too many Test SQS calls for this app: at most ${limit} a minute. ` +
        `Retry after ${wait}.`,
    ),
  });
}

function rejectWith(message: (wait: string) => string) {
  return (response: Response, retryAfterSeconds: number): void => {
    const text = message(describeWait(retryAfterSeconds));
    sendPlatformError(
      response,
      new PlatformError(ErrorCode.rateLimit, 429, text),
    );
  };
}
