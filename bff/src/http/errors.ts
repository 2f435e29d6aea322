/**
 * Errors of the dashboard API and the one middleware that turns every
 * error into a status code and the body `{ error: { message, fields? } }`.
 */
import type { NextFunction, Request, Response } from 'express';

import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '../accounts/errors.js';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof InputError) {
    return new HttpError(400, err.message, err.fields);
  }
  if (err instanceof NotFoundError) return new HttpError(404, err.message);
  if (err instanceof ConflictError) return new HttpError(409, err.message);
  if (err instanceof NotAllowedError) return new HttpError(403, err.message);
  if ((err as { code?: unknown } | null)?.code === 'SQLITE_FULL') {
    return new HttpError(
      507,
      'Server storage is full, so the change was not saved. Try again ' +
        'once disk space on the server has been freed.',
    );
  }
  const status = (err as { status?: unknown } | null)?.status;
  if (status === 413) {
    return new HttpError(413, 'Request body is too large.');
  }
  if (status === 400) {
    return new HttpError(
      400,
      'Request body must be a JSON object, such as {"name": "value"}.',
    );
  }
  return new HttpError(
    500,
    'Internal server error; the server log has the details.',
  );
}

export function dashboardErrorHandler(
  err: unknown,
  request: Request,
  response: Response,
  _next: NextFunction,
): void {
  const error = toHttpError(err);
  if (error.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.debug({ status: error.status }, error.message);
  const body: { message: string; fields?: Record<string, string> } = {
    message: error.message,
  };
  if (error.fields && Object.keys(error.fields).length > 0) {
    body.fields = error.fields;
  }
  response.status(error.status).json({ error: body });
}
