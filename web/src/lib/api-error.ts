import type { ApiErrorBody } from '@sqs-bridge/contracts';

/**
 * A failed dashboard API request. `status` is the HTTP status, or 0 when
 * the request never reached the server. `fields` maps form field names to
 * messages for errors that belong to one field.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly fields: Record<string, string>;

  constructor(
    message: string,
    status: number,
    fields: Record<string, string> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
    this.fields = fields;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Checks that a parsed response body has the `ApiErrorBody` shape. */
export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  return typeof (error as { message?: unknown }).message === 'string';
}

/** Returns a message fit to show a user for any thrown value. */
export function getErrorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}
