/**
 * The platform's error envelope and response timing. The SDK reads `code`
 * and `message` and shows them as `StreamChat error code <code>: <message>`.
 */
import type { NextFunction, Request, Response } from 'express';

import { ErrorCode } from '../../chat/errors.js';

/** The README's API errors section, which explains the codes. */
const MORE_INFO = '/README.md#api-errors';

/** An error sent to the client in the platform's envelope. */
export class PlatformError extends Error {
  override name = 'PlatformError';
  constructor(
    readonly code: number,
    readonly status: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Records the request's start so replies can report their duration. */
export function startTimer(
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  response.locals['startedAt'] = process.hrtime.bigint();
  next();
}

/** Formats the time since the request started, as the platform does. */
export function duration(response: Response): string {
  const started = response.locals['startedAt'] as bigint | undefined;
  if (started === undefined) return '0.00ms';
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return `${ms.toFixed(2)}ms`;
}

export function sendPlatformError(
  response: Response,
  error: PlatformError,
): void {
  response.status(error.status).json({
    code: error.code,
    message: error.message,
    StatusCode: error.status,
    duration: duration(response),
    more_info: MORE_INFO,
  });
}

export function inputError(message: string): PlatformError {
  return new PlatformError(ErrorCode.input, 400, message);
}
