/** Reads the app and the validated input of a dashboard API request. */
import type { Response } from 'express';
import type { z } from 'zod';

import { getAppInOrg, type App } from '../../accounts/apps.js';
import { InputError } from '../../accounts/errors.js';
import type { Db } from '../../db/database.js';
import { currentSession } from './session.js';

/**
 * Returns the app with id `appId` in the signed-in user's organisation.
 * Raises NotFoundError when it is missing or belongs to another one.
 */
export function findApp(
  db: Db,
  response: Response,
  appId: string | undefined,
): Promise<App> {
  return getAppInOrg(db, currentSession(response).org.id, appId ?? '');
}

/**
 * Validates `value` against `schema` and returns the parsed data. Raises
 * InputError with the first message of each invalid field. An issue with
 * no path is reported under `fallbackField`, such as `body` or `query`.
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  fallbackField: string,
): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? fallbackField);
    fields[name] ??= issue.message;
  }
  throw new InputError(Object.values(fields).join(' '), fields);
}
