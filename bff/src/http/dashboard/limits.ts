/**
 * Rate limits of the dashboard API. A rejected request gets 429,
 * `Retry-After` and the dashboard's error body `{ error: { message } }`.
 *
 * Sign-in has two limits on failed attempts: per email address, which
 * stops guessing one account's password, and per client address, which
 * stops trying many accounts. The account limit runs first, so attempts
 * it rejects are not counted against the client address: forty attempts
 * on one account from 127.0.0.1 cost that address only the account
 * limit's five failures, and other users on the same address can still
 * sign in.
 */
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';

import {
  createOptionalLimiter,
  describeWait,
  namesInvalidQueueUrl,
  ONE_MINUTE_MS,
  type RateLimits,
} from '../rate-limits.js';
import { currentSession } from './session.js';

/** Returns the limiters to run, in order, before checking a password. */
export function createSignInLimiters(limits: RateLimits): RequestHandler[] {
  const reject = rejectWith(
    (wait) =>
      `Too many failed sign-in attempts. Try again in ${wait}, or ask ` +
      'an administrator to reset the password.',
  );
  const perAccount = createOptionalLimiter({
    limit: limits.signInFailuresPerAccount,
    windowMs: limits.signInWindowMs,
    key: (request) => `account:${emailOf(request)}`,
    countFailuresOnly: true,
    reject,
  });
  const perAddress = createOptionalLimiter({
    limit: limits.signInFailuresPerAddress,
    windowMs: limits.signInWindowMs,
    key: (request) => `address:${ipKeyGenerator(request.ip ?? 'unknown')}`,
    countFailuresOnly: true,
    reject,
  });
  return [perAccount, perAddress];
}

/**
 * Limits Test SQS per app. The key includes the organisation, so a user
 * who sends another organisation's app id spends only their own budget.
 */
export function createSqsTestLimiter(
  limits: RateLimits,
  allowedOrigins: readonly string[],
): RequestHandler {
  return createOptionalLimiter({
    limit: limits.sqsTestsPerMinute,
    windowMs: ONE_MINUTE_MS,
    skip: (request) =>
      namesInvalidQueueUrl(
        (request.body as { sqsUrl?: unknown } | undefined)?.sqsUrl,
        allowedOrigins,
      ),
    key: (request, response) =>
      `${currentSession(response).org.id}:${request.params['appId'] ?? ''}`,
    reject: rejectWith(
      (wait) =>
        `Too many Test SQS runs for this app: at most ` +
        `${limits.sqsTestsPerMinute} a minute. Try again in ${wait}.`,
    ),
  });
}

function emailOf(request: Request): string {
  const body = request.body as { email?: unknown } | undefined;
  const email = body?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

function rejectWith(message: (wait: string) => string) {
  return (response: Response, retryAfterSeconds: number): void => {
    response
      .status(429)
      .json({ error: { message: message(describeWait(retryAfterSeconds)) } });
  };
}
