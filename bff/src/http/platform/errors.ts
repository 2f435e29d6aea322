/** Maps every error of the platform API to the platform's envelope. */
import type { NextFunction, Request, Response } from 'express';

import { InputError, NotFoundError } from '../../accounts/errors.js';
import {
  ChatInputError,
  ChatNotFoundError,
  ErrorCode,
} from '../../chat/errors.js';
import { PlatformError, sendPlatformError } from './envelope.js';

export function platformNotFound(request: Request): never {
  throw new PlatformError(
    ErrorCode.doesNotExist,
    404,
    `${request.method} ${request.path} is not an endpoint of this API.`,
  );
}

export function platformErrorHandler(
  err: unknown,
  request: Request,
  response: Response,
  _next: NextFunction,
): void {
  const error = toPlatformError(err);
  if (error.status >= 500) {
    request.log.error({ err }, 'platform API request failed');
  } else {
    request.log.debug({ code: error.code, reason: error.message },
      'platform API request rejected');
  }
  sendPlatformError(response, error);
}

function toPlatformError(err: unknown): PlatformError {
  if (err instanceof PlatformError) return err;
  if (err instanceof InputError || err instanceof ChatInputError) {
    return new PlatformError(ErrorCode.input, 400, err.message);
  }
  if (err instanceof NotFoundError || err instanceof ChatNotFoundError) {
    return new PlatformError(ErrorCode.doesNotExist, 404, err.message);
  }
  const status = httpStatusOf(err);
  if (status === 413) {
    return new PlatformError(ErrorCode.input, 413,
      'Request body is larger than 1 MB; send less data in one request.');
  }
  if (status === 400) {
    return new PlatformError(ErrorCode.input, 400,
      'Request body must be a JSON object, such as {"name": "value"}.');
  }
  if (isStorageFull(err)) {
    return new PlatformError(ErrorCode.internal, 507,
      'Server storage is full: the change was not stored and no event was ' +
      'sent. Retry once disk space on the server has been freed.');
  }
  return new PlatformError(ErrorCode.internal, 500,
    'Internal server error; the server log has the details.');
}

/** Tells whether SQLite failed to write because its disk or file is full. */
function isStorageFull(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}

function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
