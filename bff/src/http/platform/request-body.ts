/** Reads the parts of a platform API request that the SDK sends. */
import type { Request } from 'express';

import { ChatInputError } from '../../chat/errors.js';
import type { Json } from '../../chat/records.js';

/** Returns the JSON body when it is an object, else an empty object. */
export function objectBody(request: Request): Json {
  const body: unknown = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Json)
    : {};
}

/** Returns a path segment of the route, such as `:id`. */
export function pathParam(request: Request, name: string): string {
  const value: unknown = request.params[name];
  return typeof value === 'string' ? value : '';
}

/**
 * Reads a boolean query parameter as the SDK writes it: `true` or `false`.
 * Absent means false, and `1` and `0` are accepted too.
 */
export function queryFlag(request: Request, name: string): boolean {
  const value = request.query[name];
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ChatInputError(
    `Query parameter ${name}=${JSON.stringify(value)} is invalid; use ` +
      'true or false.',
  );
}
