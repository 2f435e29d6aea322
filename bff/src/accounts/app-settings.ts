/**
 * Validation of app settings changes, shared by the platform's `PATCH /app`
 * and the dashboard's Save. A change is validated whole before anything is
 * stored, so an invalid field stores nothing.
 */
import {
  accessKeyIdSchema,
  parseQueueUrl,
  secretAccessKeySchema,
} from '@sqs-bridge/contracts';
import type { z } from 'zod';

import type { AppTable } from '../db/schema.js';
import { InputError } from './errors.js';

/**
 * The value that `GET /app` shows in place of a stored secret. Sent back unchanged in
 * `PATCH /app`, it keeps the stored secret; no AWS secret contains `*`.
 */
export const STORED_SECRET_MASK = '********';

/** Settings fields that `PATCH /app` can change. */
export interface SettingsChange {
  sqs_url?: string;
  sqs_key?: string;
  sqs_secret?: string;
  webhook_events?: string[] | null;
  enable_hook_payload_compression?: boolean;
}

/** Fields that `GET /app` returns and `PATCH /app` accepts but ignores. */
const READ_ONLY_FIELDS = new Set([
  'id',
  'name',
  'api_key',
  'organization',
  'sqs_secret_stored',
  'created_at',
  'updated_at',
]);

const WRITABLE_FIELDS = [
  'sqs_url',
  'sqs_key',
  'sqs_secret',
  'webhook_events',
  'enable_hook_payload_compression',
] as const;

export interface SettingsContext {
  allowedSqsOrigins: readonly string[];
}

/**
 * Validates a `PATCH /app` body into a change. A field left out stays as
 * it is and `null` resets it to its default.
 */
export function parseSettingsPatch(
  body: unknown,
  context: SettingsContext,
): SettingsChange {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('The request body must be a JSON object.');
  }
  const fields: Record<string, string> = {};
  const change: SettingsChange = {};
  for (const [name, value] of Object.entries(body)) {
    if (READ_ONLY_FIELDS.has(name)) continue;
    if (!(WRITABLE_FIELDS as readonly string[]).includes(name)) {
      fields[name] =
        `${name} is not a supported app setting; supported settings are ` +
        `${WRITABLE_FIELDS.join(', ')}.`;
      continue;
    }
    const error = applyField(change, name, value, context);
    if (error !== null) fields[name] = error;
  }
  throwIfInvalid(fields);
  return change;
}

function applyField(
  change: SettingsChange,
  name: string,
  value: unknown,
  context: SettingsContext,
): string | null {
  switch (name) {
    case 'sqs_url':
      return applyText(change, 'sqs_url', value, (text) =>
        normaliseQueueUrl(text, context),
      );
    case 'sqs_key':
      return applyText(change, 'sqs_key', value, (text) =>
        normaliseWith(accessKeyIdSchema, text),
      );
    case 'sqs_secret':
      return applyText(change, 'sqs_secret', value, (text) =>
        text === STORED_SECRET_MASK
          ? { value: undefined }
          : normaliseWith(secretAccessKeySchema, text),
      );
    case 'webhook_events':
      return applyEventTypes(change, value);
    case 'enable_hook_payload_compression':
      if (value === null) change.enable_hook_payload_compression = false;
      else if (typeof value === 'boolean') {
        change.enable_hook_payload_compression = value;
      } else return `${name} must be true, false or null.`;
      return null;
    default:
      return `${name} is not a supported app setting.`;
  }
}

type Normalised = { value: string | undefined } | { error: string };

function applyText(
  change: SettingsChange,
  name: 'sqs_url' | 'sqs_key' | 'sqs_secret',
  value: unknown,
  normalise: (text: string) => Normalised,
): string | null {
  if (value === null) {
    change[name] = '';
    return null;
  }
  if (typeof value !== 'string') {
    return `${name} must be a string or null, not ${describeType(value)}.`;
  }
  if (value.trim() === '') {
    change[name] = '';
    return null;
  }
  const result = normalise(value.trim());
  if ('error' in result) return result.error;
  if (result.value !== undefined) change[name] = result.value;
  return null;
}

/** Validates a queue URL or ARN and returns its canonical URL. */
export function normaliseQueueUrl(
  text: string,
  context: SettingsContext,
): Normalised {
  const parsed = parseQueueUrl(text, {
    allowedOrigins: context.allowedSqsOrigins,
  });
  return parsed.ok ? { value: parsed.queue.url } : { error: parsed.error };
}

function normaliseWith(schema: z.ZodType<string>, text: string): Normalised {
  const parsed = schema.safeParse(text);
  if (parsed.success) return { value: parsed.data };
  return { error: parsed.error.issues[0]?.message ?? 'Invalid value.' };
}

const EVENT_TYPE_PATTERN = /^[a-z0-9_.*-]{1,64}$/i;

function applyEventTypes(change: SettingsChange, value: unknown): string | null {
  if (value === null) {
    change.webhook_events = null;
    return null;
  }
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) {
    return 'webhook_events must be a list of event types or null.';
  }
  const invalid = value.find((type) => !EVENT_TYPE_PATTERN.test(type));
  if (invalid !== undefined) {
    return `webhook_events contains an invalid event type "${invalid}".`;
  }
  change.webhook_events = [...new Set(value as string[])];
  return null;
}

function throwIfInvalid(fields: Record<string, string>): void {
  const messages = Object.values(fields);
  if (messages.length > 0) throw new InputError(messages.join(' '), fields);
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Converts a validated change to the stored columns of an app. */
export function toAppColumns(
  change: SettingsChange,
): Partial<Pick<AppTable, 'sqs_url' | 'sqs_key' | 'sqs_secret' |
  'webhook_events' | 'enable_hook_payload_compression'>> {
  const columns: ReturnType<typeof toAppColumns> = {};
  if (change.sqs_url !== undefined) columns.sqs_url = change.sqs_url;
  if (change.sqs_key !== undefined) columns.sqs_key = change.sqs_key;
  if (change.sqs_secret !== undefined) columns.sqs_secret = change.sqs_secret;
  if (change.webhook_events !== undefined) {
    columns.webhook_events =
      change.webhook_events === null
        ? null
        : JSON.stringify(change.webhook_events);
  }
  if (change.enable_hook_payload_compression !== undefined) {
    columns.enable_hook_payload_compression =
      change.enable_hook_payload_compression ? 1 : 0;
  }
  return columns;
}
