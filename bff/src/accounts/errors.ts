/**
 * Domain errors. The HTTP layer maps each class to a status code and an
 * error body; the domain never imports Express.
 */

/** Input that fails validation; `fields` maps field names to messages. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class ConflictError extends Error {
  override name = 'ConflictError';
}

export class NotAllowedError extends Error {
  override name = 'NotAllowedError';
}
